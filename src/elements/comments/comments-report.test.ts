import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../index.js';
import './define.js';
import type { MhnComments } from './mhn-comments.js';
import { ContentClient, sharedClient } from '../../core/content-client.js';
import { $, $$, text, waitFor } from '../../../test/helpers/dom.js';
import { violations } from '../../../test/helpers/axe.js';
import { addArticle, apiUrl, serverStats } from '../../../test/helpers/server.js';

const freshSlug = () =>
  `reports-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

/** An article of its own with three published comments by Ana, Ben and no name. */
async function article(): Promise<string> {
  const slug = freshSlug();
  await addArticle(
    {
      slug,
      title: `Test article ${slug}`,
      url: `https://www.example.org/${slug}/`,
      authors: [],
      bodyHtml: '<p>Test.</p>',
      comments: { enabled: true },
    },
    {
      comments: [
        {
          title: 'Thank you',
          author: 'Ana',
          body: 'This helped.',
          created: '2024-01-03T10:00:00Z',
        },
        { title: 'Me too', author: 'Ben', body: 'Same here.', created: '2024-01-02T10:00:00Z' },
        { title: 'Hello', author: '', body: 'Hi.', created: '2024-01-01T10:00:00Z' },
      ],
    },
  );
  return slug;
}

/** The Report button of the comment by `author` ("Report comment by Ana"). */
const reportButton = (el: Element, author: string) =>
  $$(el, 'button[part~="report-button"]').find((b) =>
    new RegExp(`\\b${author}\\b`).test(b.getAttribute('aria-label') ?? ''),
  ) as HTMLButtonElement | undefined;

const activeElement = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

const live = (el: Element) => text($(el, 'section > p[role="status"]'));

async function mount(slug: string, locale = 'en', client?: ContentClient): Promise<MhnComments> {
  const endpoint = await apiUrl();
  const el = await fixture<MhnComments>(
    html`<mhn-comments
      endpoint=${endpoint}
      article=${slug}
      locale=${locale}
      loading="eager"
      .client=${client ?? sharedClient}
    ></mhn-comments>`,
  );
  await waitFor(el, '[part~="report-button"]');
  await el.updateComplete;
  return el;
}

/** Opens the Report control of `author`'s comment, picks `reason` and sends it. */
async function report(el: MhnComments, author: string, reason: string) {
  reportButton(el, author)!.click();
  const radio = (await waitFor(el, `input[value="${reason}"]`)) as HTMLInputElement;
  radio.click();
  $(el, 'button[part~="report-send"]')!.click();
}

/** The ids the API lists for the article, asked afresh. */
async function listed(slug: string): Promise<string[]> {
  const res = await fetch(`${await apiUrl()}/articles/${slug}/comments?limit=100`, {
    cache: 'no-store',
  });
  return ((await res.json()) as { items: Array<{ id: string }> }).items.map((c) => c.id);
}

const idOf = (el: Element, author: string) =>
  reportButton(el, author)!.closest('article')!.getAttribute('data-id')!;

describe('<mhn-comments> Report control', () => {
  beforeEach(() => sharedClient.invalidate());
  afterEach(() => localStorage.clear());

  it('gives each published comment a quiet Report button named after the comment', async () => {
    const el = await mount(await article());
    const buttons = $$(el, 'button[part~="report-button"]');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Report comment by Ana',
      'Report comment by Ben',
      'Report comment by Anonymous',
    ]);
    for (const b of buttons) {
      expect(b.textContent!.trim()).to.equal('Report');
      expect(b.getAttribute('aria-expanded')).to.equal('false');
    }
    expect($(el, '[part~="report-form"]')).to.equal(null);
  });

  it('opens the four reasons, sends one, thanks the reader and stays done after a reload', async () => {
    const slug = await article();
    const el = await mount(slug);
    const id = idOf(el, 'Ana');
    const toggle = reportButton(el, 'Ana')!;
    toggle.click();
    const form = await waitFor(el, '[part~="report-form"]');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.getAttribute('aria-controls')).to.equal(form.id);
    expect(text(form.querySelector('legend'))).to.equal('Why are you reporting this comment?');
    expect(
      [...form.querySelectorAll('label')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim()),
    ).to.deep.equal([
      'Spam or advertising',
      'Abusive or hurtful',
      'I am worried about this person',
      'Something else',
    ]);
    await waitUntil(() => activeElement(el)?.getAttribute('value') === 'spam');

    (form.querySelector('input[value="abuse"]') as HTMLInputElement).click();
    $(el, 'button[part~="report-send"]')!.click();
    const status = await waitFor(el, '[part="report-status"]');
    const thanks = 'Thank you. A moderator will look at this comment.';
    expect(text(status)).to.equal(thanks);
    await waitUntil(() => live(el) === thanks, 'the thanks is announced');
    await waitUntil(() => activeElement(el) === status, 'focus goes to the thanks');
    const done = reportButton(el, 'Ana')!;
    expect(done.disabled).to.equal(true);
    expect(done.textContent!.trim()).to.equal('Reported');
    expect(done.getAttribute('aria-label')).to.equal('Reported comment by Ana');
    expect($(el, '[part~="report-form"]')).to.equal(null);
    expect(reportButton(el, 'Ben')!.disabled).to.equal(false);
    const { byMethod } = await serverStats();
    expect(byMethod[`POST /articles/${slug}/comments/${id}/reports`]).to.equal(1);
    // One reader's report does not hold the comment.
    expect(await listed(slug)).to.include(id);

    el.remove();
    sharedClient.invalidate();
    const again = await mount(slug);
    expect(reportButton(again, 'Ana')!.disabled).to.equal(true);
    expect(reportButton(again, 'Ben')!.disabled).to.equal(false);
  });

  it('"worried about this person" holds the comment and shows the crisis lines (English)', async () => {
    const slug = await article();
    const el = await mount(slug, 'en-US');
    const id = idOf(el, 'Ben');
    await report(el, 'Ben', 'worried');
    const crisis = await waitFor(el, '[part="report-crisis"]');
    expect(text($(el, '[part="report-status"]'))).to.match(/^Thank you for looking out for them\./);
    expect(text(crisis)).to.include('If you are in crisis');
    expect(text(crisis)).to.include('988 Suicide & Crisis Lifeline');
    expect(text(crisis)).not.to.include('9-8-8 Suicide Crisis Helpline', 'US lines only');
    const call = crisis.querySelector('a[part="call-link"]') as HTMLAnchorElement;
    expect(call.getAttribute('href')).to.equal('tel:988');
    expect(call.textContent!.trim()).to.equal('Call 988');
    expect(text(crisis)).to.include('If you are in immediate danger, call 911');
    expect(await listed(slug)).not.to.include(id, 'held at once');
    expect(await violations(el)).to.deep.equal([]);
  });

  it('speaks Spanish, crisis lines included', async () => {
    const slug = await article();
    // Mexico: the site has no line of its own for it.
    const el = await mount(slug, 'es-MX');
    expect(reportButton(el, 'Ana')!.getAttribute('aria-label')).to.equal(
      'Denunciar el comentario de Ana',
    );
    expect(reportButton(el, 'Ana')!.textContent!.trim()).to.equal('Denunciar');
    await report(el, 'Ana', 'worried');
    const crisis = await waitFor(el, '[part="report-crisis"]');
    expect(text($(el, '[part="report-status"]'))).to.match(/^Gracias por preocuparse/);
    const calls = [...crisis.querySelectorAll('a[part="call-link"]')].map((a) =>
      a.textContent!.trim(),
    );
    // No line for the reader's country: every line, each with its country.
    expect(calls).to.deep.equal(['Llamar al 988', 'Llamar al 988']);
    expect(text(crisis)).to.include('(Canadá)');
    expect(reportButton(el, 'Ana')!.textContent!.trim()).to.equal('Denunciado');
  });

  it('works by keyboard: Enter opens, arrows choose, Escape closes and focus returns', async () => {
    const el = await mount(await article());
    const toggle = reportButton(el, 'Ana')!;
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => activeElement(el)?.getAttribute('value') === 'spam');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !$(el, '[part~="report-form"]'), 'Escape closes');
    await waitUntil(() => activeElement(el) === toggle, 'focus back on Report');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');

    await sendKeys({ press: 'Enter' });
    await waitFor(el, '[part~="report-form"]');
    // Send with no reason: a calm message, focus back on the reasons.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const problem = await waitFor(el, '[part="report-error"]');
    expect(text(problem)).to.equal('Please choose a reason.');
    await waitUntil(() => activeElement(el)?.getAttribute('value') === 'spam');
    await sendKeys({ press: 'ArrowDown' });
    expect((activeElement(el) as HTMLInputElement).value).to.equal('abuse');
    expect((activeElement(el) as HTMLInputElement).checked).to.equal(true);
    expect(await violations(el)).to.deep.equal([]);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitFor(el, '[part="report-status"]');
    expect(toggle.disabled).to.equal(true);
  });

  it('explains a busy server and a lost connection calmly, keeping the choice', async () => {
    let answer: 'busy' | 'offline' = 'busy';
    const client = new ContentClient({
      retries: 0,
      fetch: (input, init) => {
        if (!String(input).endsWith('/reports')) return fetch(input, init);
        if (answer === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
        return Promise.resolve(
          new Response(
            JSON.stringify({ error: { code: 'rate_limited', message: 'Too many reports.' } }),
            {
              status: 429,
              headers: { 'Content-Type': 'application/json', 'Retry-After': '30' },
            },
          ),
        );
      },
    });
    const el = await mount(await article(), 'en', client);
    await report(el, 'Ana', 'spam');
    const problem = await waitFor(el, '[part="report-error"]');
    expect(text(problem)).to.equal(
      'Several reports came from here just now. Please try again in 30 seconds.',
    );
    expect(problem.getAttribute('role')).to.equal('alert');
    expect(($(el, 'input[value="spam"]') as HTMLInputElement).checked).to.equal(true);
    expect(reportButton(el, 'Ana')!.disabled).to.equal(false);

    answer = 'offline';
    $(el, 'button[part~="report-send"]')!.click();
    await waitUntil(() =>
      text($(el, '[part="report-error"]')).startsWith(
        'Your report could not be sent. Please check',
      ),
    );
    expect($(el, '[part="report-status"]')).to.equal(null);
  });

  it('forgets reports after 30 days, and sweeps expired entries of every article', async () => {
    const slug = await article();
    const endpoint = await apiUrl();
    const day = 24 * 60 * 60 * 1000;
    const key = (s: string) => `mhn-widgets:reported:${endpoint}|${s}`;
    const first = await mount(slug);
    const ana = idOf(first, 'Ana');
    const ben = idOf(first, 'Ben');
    first.remove();
    sharedClient.invalidate();
    localStorage.setItem(key(slug), JSON.stringify({ ids: [ana], saved: Date.now() - 31 * day }));
    localStorage.setItem(
      key('old'),
      JSON.stringify({ ids: ['c-1'], saved: Date.now() - 40 * day }),
    );
    localStorage.setItem(key('broken'), '{not json');
    localStorage.setItem(key('recent'), JSON.stringify({ ids: ['c-2'], saved: Date.now() - day }));
    localStorage.setItem('partner-own-key', 'kept');
    const el = await mount(slug);
    expect(reportButton(el, 'Ana')!.disabled).to.equal(false, '31 days: forgotten');
    expect(localStorage.getItem(key(slug))).to.equal(null);
    expect(localStorage.getItem(key('old'))).to.equal(null);
    expect(localStorage.getItem(key('broken'))).to.equal(null);
    expect(localStorage.getItem(key('recent'))).not.to.equal(null);
    expect(localStorage.getItem('partner-own-key')).to.equal('kept');
    el.remove();
    sharedClient.invalidate();
    localStorage.setItem(key(slug), JSON.stringify({ ids: [ben], saved: Date.now() - 29 * day }));
    const again = await mount(slug);
    expect(reportButton(again, 'Ben')!.disabled).to.equal(true, '29 days: still done');
  });

  it('still works when the page forbids storage: done for this visit', async () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    try {
      const el = await mount(await article());
      await report(el, 'Ana', 'other');
      await waitFor(el, '[part="report-status"]');
      expect(reportButton(el, 'Ana')!.disabled).to.equal(true);
    } finally {
      Storage.prototype.setItem = setItem;
    }
  });

  it('offers no Report on the reader\u2019s own comment awaiting moderation', async () => {
    const slug = await article();
    const el = await mount(slug);
    const field = (name: string) => $(el, `#${name}`) as HTMLInputElement;
    field('title').value = 'Mine';
    field('title').dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    field('body').value = 'My own words.';
    field('body').dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    $(el, 'button[part~="submit"]')!.click();
    const mine = await waitFor(el, '.mine [part="comment"]');
    expect(mine.querySelector('[part~="report-button"]')).to.equal(null);
    expect($$(el, 'button[part~="report-button"]')).to.have.length(3);
  });
});
