/**
 * <mhn-moderation>'s Undo when someone else got there first, against the real service:
 * another moderator, in a session of their own, acts on the comment during the undo
 * window. The desk undoes only its own action — the server refuses when that is no
 * longer the comment's latest — says so politely, and shows the comment where the
 * server has it.
 */
import { expect } from '@open-wc/testing';
import {
  alertText,
  button,
  card,
  commentId,
  liveText,
  mountDesk,
  otherModeratorActs,
  postComment,
  queueTitles,
  signInToQueue,
  signOutEverywhere,
  titles,
  until,
} from '../../../test/helpers/desk.js';
import { resetServer } from '../../../test/helpers/server.js';
import { violations } from '../../../test/helpers/axe.js';
import { $ } from '../../../test/helpers/dom.js';

beforeEach(async () => {
  await resetServer();
  await signOutEverywhere();
});

/** Approves the comment titled `title` in the desk; resolves when it has left the list. */
async function approveInDesk(title: string) {
  await postComment(title);
  const el = await mountDesk();
  await signInToQueue(el);
  button(card(el, title), 'Approve').click();
  await until(() => !titles(el).includes(title), 'not approved');
  await until(() => liveText(el).includes('Approved'), 'not announced');
  return el;
}

describe('<mhn-moderation>: Undo after someone else acted', () => {
  it("leaves another moderator's action standing, and says so calmly", async () => {
    const el = await approveInDesk('Contested');
    const id = await commentId('Contested', 'published');
    const other = await otherModeratorActs({ ids: [id], action: 'reject' });
    expect(other.status).to.equal(200);
    expect(other.body.results[0]!.ok).to.equal(true);

    button($live(el), 'Undo').click();
    await until(() => liveText(el).includes('Not undone'), 'no word of the conflict');
    expect(liveText(el)).to.equal(
      'Not undone: this comment changed after your action (someone else may have acted on it), so it stays as it is now.',
    );
    expect(alertText(el)).to.equal('');
    expect(titles(el)).not.to.include('Contested');
    expect(await queueTitles('rejected')).to.include('Contested');
    expect(await queueTitles('published')).not.to.include('Contested');
    expect(await violations(el)).to.deep.equal([]);
  });

  it('says there is nothing to undo when the action was undone already', async () => {
    const el = await approveInDesk('Put back by a colleague');
    const id = await commentId('Put back by a colleague', 'published');
    const other = await otherModeratorActs({ ids: [id], action: 'restore' });
    expect(other.body.results[0]!.ok).to.equal(true);

    button($live(el), 'Undo').click();
    await until(() => liveText(el).includes('Nothing to undo'), 'no word of it');
    expect(liveText(el)).to.equal(
      'Nothing to undo: this comment is already as it was before your action.',
    );
    expect(alertText(el)).to.equal('');
    await until(() => titles(el).includes('Put back by a colleague'), 'not shown where it is');
    expect(await queueTitles('pending')).to.include('Put back by a colleague');
  });

  it('undoes its own comments and refuses only the one someone else changed', async () => {
    await postComment('Mine to undo');
    await postComment('Changed by another');
    const el = await mountDesk();
    await signInToQueue(el);
    ($(el, '#select-all') as HTMLInputElement).click();
    await until(() => $(el, '.bulk')?.textContent?.includes('2 selected'), 'not selected');
    button($(el, '.bulk')!, 'Approve').click();
    await until(() => titles(el).length === 0, 'not approved');
    const other = await otherModeratorActs({
      ids: [await commentId('Changed by another', 'published')],
      action: 'spam',
    });
    expect(other.status).to.equal(200);

    button($live(el), 'Undo').click();
    await until(() => liveText(el).includes('Not undone'), 'no word of the conflict');
    expect(liveText(el)).to.contain('Undone: 1 comment is back as it was.');
    await until(() => titles(el).length === 1, 'not reloaded');
    expect(titles(el)).to.deep.equal(['Mine to undo']);
    expect(await queueTitles('spam')).to.include('Changed by another');
  });
});

const $live = (el: Element) => $(el, '.live')!;
