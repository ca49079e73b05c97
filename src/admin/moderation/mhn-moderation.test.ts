/**
 * <mhn-moderation> against the real Content API service (its admin API proxied onto the
 * test page's origin): sign-in, the queue's states, every action on one comment and on
 * many, undo, and failures — the real ones the server produces (a comment deleted
 * meanwhile, an ended session) and, with a stub, those it cannot (a 500, no network).
 */
import { expect } from '@open-wc/testing';
import { $, text } from '../../../test/helpers/dom.js';
import {
  alertText,
  button,
  card,
  cards,
  filter,
  liveText,
  mountDesk,
  postComment,
  queueTitles,
  admin,
  signIn,
  signInToQueue,
  signOutEverywhere,
  titles,
  until,
} from '../../../test/helpers/desk.js';
import { resetServer } from '../../../test/helpers/server.js';

beforeEach(async () => {
  await resetServer();
  await signOutEverywhere();
});

describe('<mhn-moderation>: signing in and out', () => {
  it('checks the session, then asks for the username and password', async () => {
    const el = await mountDesk();
    expect(text($(el, '[role="status"]'))).to.equal('Checking your session…');
    await until(() => $(el, '#name'), 'no sign-in form');
    expect(text($(el, 'label[for="name"]'))).to.equal('Username');
    expect(text($(el, 'label[for="password"]'))).to.equal('Password');
    expect(($(el, '#password') as HTMLInputElement).type).to.equal('password');
    expect(button(el, 'Sign in')).to.exist;
  });

  it('says when the password is wrong, and signs in with the right one', async () => {
    const el = await mountDesk();
    await signIn(el, 'not the password at all');
    await until(() => text($(el, '.sign-in [role="alert"]')), 'no message');
    expect(text($(el, '.sign-in [role="alert"]'))).to.equal(
      'The username or the password is not right.',
    );
    await signInToQueue(el);
    expect(text($(el, '.top'))).to.contain('Signed in as test-moderator');
    expect(el.shadowRoot!.activeElement?.id).to.equal('desk-heading');
  });

  it('says how long to wait after too many wrong passwords, then lets the right one in', async () => {
    let answered = 0;
    const counting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST') answered += 1;
      return response;
    };
    const el = await mountDesk({ fetcher: counting });
    const message = () => text($(el, '.sign-in [role="alert"]'));
    for (let attempt = 1; attempt <= 6 && !message().startsWith('Too many'); attempt += 1) {
      await signIn(el, `wrong password number ${attempt}`);
      await until(() => answered === attempt && message(), `attempt ${attempt} not answered`);
    }
    expect(message()).to.match(
      /^Too many sign-in attempts\. Please wait \d+ seconds? and try again\.$/,
    );
    // Only waiting lets anyone in: the right password is refused until then.
    await until(
      async () => {
        if ($(el, '.desk')) return true;
        await signIn(el);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return Boolean($(el, '.desk'));
      },
      'never let in',
      20_000,
    );
  });

  it('asks for both fields before sending anything', async () => {
    const el = await mountDesk();
    await until(() => $(el, '#name'), 'no sign-in form');
    button(el, 'Sign in').click();
    await until(() => text($(el, '.sign-in [role="alert"]')), 'no message');
    expect(text($(el, '.sign-in [role="alert"]'))).to.equal(
      'Enter your username and your password.',
    );
  });

  it('keeps the session across a reload, and Sign out ends it', async () => {
    const first = await mountDesk();
    await signInToQueue(first);
    first.remove();
    const el = await mountDesk();
    await until(() => $(el, '.desk'), 'the session was not kept');
    await until(() => $(el, '#queue-state'), 'no queue');
    button(el, 'Sign out').click();
    await until(() => $(el, '#name'), 'not signed out');
    expect(text($(el, '.sign-in [role="status"]'))).to.equal('You have signed out.');
    expect(el.shadowRoot!.activeElement?.id).to.equal('name');
    expect((await admin('GET', 'session')).status).to.equal(401);
  });

  it('goes back to the sign-in form, saying why, when the session has ended', async () => {
    await postComment('Still waiting');
    const el = await mountDesk();
    await signInToQueue(el);
    await signOutEverywhere();
    button(card(el, 'Still waiting'), 'Approve').click();
    await until(() => $(el, '#name'), 'not back at the sign-in form');
    expect(text($(el, '.sign-in'))).to.contain('Your session has ended. Please sign in again.');
  });
});

describe('<mhn-moderation>: the queue', () => {
  it('says "No comments waiting" when nothing is pending, with the counts', async () => {
    const el = await mountDesk();
    await signInToQueue(el);
    expect(text($(el, '#queue-state'))).to.equal('No comments waiting');
    expect(text(filter(el, 'Pending'))).to.equal('Pending (0)');
    expect(filter(el, 'Pending').getAttribute('aria-pressed')).to.equal('true');
    expect(text(filter(el, 'Published'))).to.match(/^Published \([\d,]+\)$/);
  });

  it('shows each comment as text, with its article, why it was held, and its history', async () => {
    await postComment('<b>Bold?</b>', 'Line one\n<img src=x onerror=alert(1)>');
    const el = await mountDesk();
    await signInToQueue(el);
    const c = card(el, '<b>Bold?</b>');
    expect(c.querySelector('b, img')).to.equal(null);
    expect(text(c.querySelector('.body'))).to.equal('Line one <img src=x onerror=alert(1)>');
    const link = c.querySelector<HTMLAnchorElement>('.meta a')!;
    expect(text(link)).to.equal('Resilience: Social Support Benefits');
    expect(link.href).to.match(/^https?:\/\//);
    expect(text(c.querySelector('.reasons'))).to.equal('Held because: every comment is held');
    button(c, 'More').click();
    await until(() => c.querySelector('.more .muted, .more .history'), 'no history');
    await until(() => !c.querySelector('.more [role="status"]'), 'history still loading');
    expect(text(c.querySelector('.more'))).to.contain('No moderator has acted on it yet.');
  });

  it('puts a comment held for safety first, with a banner and the guide', async () => {
    await postComment('An ordinary comment');
    await postComment('Hard week', 'Some days I want to end my life.');
    await postComment('Another ordinary one');
    const el = await mountDesk();
    await signInToQueue(el);
    expect(titles(el)[0]).to.equal('Hard week');
    const banner = card(el, 'Hard week').querySelector('[part="safety-banner"]')!;
    expect(text(banner)).to.contain('Held for safety');
    expect(banner.querySelector('a')!.getAttribute('href')).to.contain('/guide.html');
    expect(text(banner.querySelector('a'))).to.equal('How to respond to these posts');
    expect(card(el, 'An ordinary comment').querySelector('[part="safety-banner"]')).to.equal(null);
  });

  it('filters by status, article and reason, newest or oldest first', async () => {
    await postComment('First posted');
    await postComment('Second posted');
    const el = await mountDesk();
    await signInToQueue(el);
    expect(titles(el)).to.deep.equal(['Second posted', 'First posted']);
    const sort = $(el, '#sort') as HTMLSelectElement;
    sort.value = 'oldest';
    sort.dispatchEvent(new Event('change'));
    await until(() => titles(el)[0] === 'First posted', 'not sorted oldest first');
    const article = $(el, '#article') as HTMLSelectElement;
    expect([...article.options].map((o) => o.text)).to.deep.equal([
      'All articles',
      'Resilience: Social Support Benefits',
    ]);
    const reason = $(el, '#reason') as HTMLSelectElement;
    reason.value = 'hold-all';
    reason.dispatchEvent(new Event('change'));
    await until(() => titles(el).length === 2, 'not filtered by reason');
    filter(el, 'Rejected').click();
    await until(() => filter(el, 'Rejected').getAttribute('aria-pressed') === 'true', 'no');
    await until(() => $(el, '.queue, #queue-state'), 'no list');
    expect(text($(el, '#queue-state'))).to.equal('No comments here');
  });
});

const ACTIONS = [
  { button: 'Approve', status: 'published', said: 'Approved' },
  { button: 'Reject', status: 'rejected', said: 'Rejected' },
  { button: 'Mark as spam', status: 'spam', said: 'Marked' },
  { button: 'Delete', status: 'deleted', said: 'Deleted' },
] as const;

describe('<mhn-moderation>: actions', () => {
  for (const action of ACTIONS) {
    it(`${action.button}: one comment leaves the queue and the counts follow`, async () => {
      await postComment('Keep me waiting');
      await postComment('Act on me');
      const el = await mountDesk();
      await signInToQueue(el);
      expect(text(filter(el, 'Pending'))).to.equal('Pending (2)');
      button(card(el, 'Act on me'), action.button).click();
      await until(() => !titles(el).includes('Act on me'), 'the comment stayed');
      expect(titles(el)).to.deep.equal(['Keep me waiting']);
      expect(liveText(el)).to.contain(`${action.said} 1 comment`);
      expect(text(filter(el, 'Pending'))).to.equal('Pending (1)');
      expect(await queueTitles(action.status)).to.include('Act on me');
      // The keyboard is on the comment that took its place.
      expect(el.shadowRoot!.activeElement).to.equal(card(el, 'Keep me waiting'));
    });

    it(`${action.button}: many comments at once, from the select-all checkbox`, async () => {
      for (const title of ['One', 'Two', 'Three']) await postComment(title);
      const el = await mountDesk();
      await signInToQueue(el);
      const all = $(el, '#select-all') as HTMLInputElement;
      all.click();
      await until(() => text($(el, '.bulk')).includes('3 selected'), 'not selected');
      button($(el, '.bulk')!, action.button).click();
      await until(() => $(el, '#queue-state'), 'the comments stayed');
      expect(text($(el, '#queue-state'))).to.equal('No comments waiting');
      expect(liveText(el)).to.contain(`${action.said} 3 comments`);
      expect(
        (await queueTitles(action.status)).filter((t) => /One|Two|Three/.test(t)),
      ).to.have.length(3);
    });
  }

  it('acts on the selected comments only', async () => {
    for (const title of ['One', 'Two', 'Three']) await postComment(title);
    const el = await mountDesk();
    await signInToQueue(el);
    (card(el, 'One').querySelector('input.select') as HTMLInputElement).click();
    (card(el, 'Three').querySelector('input.select') as HTMLInputElement).click();
    await until(() => text($(el, '.bulk')).includes('2 selected'), 'not selected');
    expect(($(el, '#select-all') as HTMLInputElement).indeterminate).to.equal(true);
    button($(el, '.bulk')!, 'Reject').click();
    await until(() => titles(el).length === 1, 'not acted on');
    expect(titles(el)).to.deep.equal(['Two']);
    expect(await queueTitles('rejected')).to.have.members(['One', 'Three']);
  });

  it('Undo puts the comments back as they were', async () => {
    await postComment('Approved by mistake');
    const el = await mountDesk();
    await signInToQueue(el);
    button(card(el, 'Approved by mistake'), 'Approve').click();
    await until(() => $(el, '#queue-state'), 'not approved');
    button($(el, '.live')!, 'Undo').click();
    await until(() => titles(el).includes('Approved by mistake'), 'not undone');
    expect(liveText(el)).to.contain('Undone: 1 comment is back as it was.');
    expect(await queueTitles('published')).not.to.include('Approved by mistake');
    expect(await queueTitles('pending')).to.include('Approved by mistake');
  });

  it('loads more comments after the first 50', async () => {
    for (let i = 1; i <= 52; i += 1) await postComment(`Comment ${i}`);
    const el = await mountDesk();
    await signInToQueue(el);
    expect(cards(el)).to.have.length(50);
    button(el, 'Load more comments').click();
    await until(() => cards(el).length === 52, 'no more comments');
    expect(titles(el).at(-1)).to.equal('Comment 1');
    expect(() => button(el, 'Load more comments')).to.throw();
  });

  it('rejects with a reason, and edits keeping the original in the history', async () => {
    await postComment('Needs an edit', 'My phone number is 555 0100.');
    await postComment('Off topic');
    const el = await mountDesk();
    await signInToQueue(el);
    const c = card(el, 'Needs an edit');
    button(c, 'More').click();
    await until(() => c.querySelector('textarea'), 'no edit form');
    (c.querySelector('textarea') as HTMLTextAreaElement).value = 'My phone number is [removed].';
    button(c, 'Save edit').click();
    await until(() => liveText(el).includes('original is kept'), 'not edited');
    const edited = card(el, 'Needs an edit');
    expect(text(edited.querySelector('.body'))).to.equal('My phone number is [removed].');
    await until(() => text(edited.querySelector('.history')).includes('Before the edit'), 'no');
    expect(text(edited.querySelector('.history'))).to.contain('My phone number is 555 0100.');

    const off = card(el, 'Off topic');
    button(off, 'More').click();
    await until(() => off.querySelector('input[name="reason"]'), 'no reason field');
    (off.querySelector('input[name="reason"]') as HTMLInputElement).value = 'Not about the article';
    button(off, 'Reject with this reason').click();
    await until(() => !titles(el).includes('Off topic'), 'not rejected');
    const rejected = (await (await admin('GET', 'comments?status=rejected')).json()) as {
      items: { id: string; title: string }[];
    };
    const id = rejected.items.find((i) => i.title === 'Off topic')!.id;
    const detail = (await (await admin('GET', `comments/${id}`)).json()) as {
      history: { action: string; note: string }[];
    };
    expect(detail.history.at(-1)).to.include({ action: 'reject', note: 'Not about the article' });
  });

  it('blocks a poster and removes everything they posted', async () => {
    await postComment('Spammy one');
    await postComment('Spammy two');
    const el = await mountDesk();
    await signInToQueue(el);
    const c = card(el, 'Spammy one');
    button(c, 'More').click();
    await until(() => c.querySelector('input[name="removeAll"]'), 'no block form');
    (c.querySelector('input[name="removeAll"]') as HTMLInputElement).click();
    button(c, 'Block poster').click();
    await until(() => $(el, '#queue-state'), 'not removed');
    expect(liveText(el)).to.contain('2 comments of theirs were deleted');
    expect(await queueTitles('deleted')).to.have.members(['Spammy one', 'Spammy two']);
  });
});

describe('<mhn-moderation>: failures keep the comment where it was and say why', () => {
  it('a comment deleted meanwhile (the server refuses the action)', async () => {
    await postComment('Deleted elsewhere');
    await postComment('Still here');
    const el = await mountDesk();
    await signInToQueue(el);
    const listed = (await (await admin('GET', 'comments')).json()) as {
      items: { id: string; title: string }[];
    };
    const id = listed.items.find((i) => i.title === 'Deleted elsewhere')!.id;
    await admin('POST', 'actions', { ids: [id], action: 'delete' });
    button(card(el, 'Deleted elsewhere'), 'Approve').click();
    await until(() => card(el, 'Deleted elsewhere').querySelector('.error'), 'no reason shown');
    expect(titles(el)).to.deep.equal(['Still here', 'Deleted elsewhere']);
    expect(text(card(el, 'Deleted elsewhere').querySelector('.error'))).to.equal(
      'Not changed: this comment has been deleted.',
    );
    expect(alertText(el)).to.contain('1 comment could not be changed');
    expect(liveText(el)).to.equal('');
  });

  it('a server error (stubbed: the real server does not fail on demand)', async () => {
    await postComment('Try me');
    const failing: typeof fetch = (input, init) =>
      String(input).endsWith('/admin/actions')
        ? Promise.resolve(
            new Response(JSON.stringify({ error: { code: 'internal', message: 'Boom.' } }), {
              status: 500,
            }),
          )
        : fetch(input, init);
    const el = await mountDesk({ fetcher: failing });
    await signInToQueue(el);
    button(card(el, 'Try me'), 'Reject').click();
    await until(() => card(el, 'Try me').querySelector('.error'), 'no reason shown');
    expect(text(card(el, 'Try me').querySelector('.error'))).to.equal(
      'Nothing changed: the server could not do this just now (Boom.).',
    );
    expect(alertText(el)).to.contain('the server could not do this');
    expect(await queueTitles('pending')).to.deep.equal(['Try me']);
  });

  it('no network (stubbed)', async () => {
    await postComment('Offline');
    const offline: typeof fetch = (input, init) =>
      String(input).endsWith('/admin/actions')
        ? Promise.reject(new TypeError('Failed to fetch'))
        : fetch(input, init);
    const el = await mountDesk({ fetcher: offline });
    await signInToQueue(el);
    button($(el, '.bulk')!, 'Approve').click(); // nothing selected: nothing happens
    (card(el, 'Offline').querySelector('input.select') as HTMLInputElement).click();
    button($(el, '.bulk')!, 'Approve').click();
    await until(() => card(el, 'Offline').querySelector('.error'), 'no reason shown');
    expect(alertText(el)).to.contain('the server could not be reached');
    expect(titles(el)).to.deep.equal(['Offline']);
  });

  it('the queue cannot load: an error with Try again', async () => {
    let fail = true;
    const flaky: typeof fetch = (input, init) =>
      fail && String(input).includes('/admin/comments')
        ? Promise.resolve(new Response('', { status: 503 }))
        : fetch(input, init);
    const el = await mountDesk({ fetcher: flaky });
    await signIn(el);
    await until(() => $(el, '#queue-state[role="alert"]'), 'no error state');
    expect(text($(el, '#queue-state'))).to.contain('The comments could not be loaded.');
    fail = false;
    button(el, 'Try again').click();
    await until(() => text($(el, '#queue-state')) === 'No comments waiting', 'not retried');
    expect(cards(el)).to.have.length(0);
  });
});
