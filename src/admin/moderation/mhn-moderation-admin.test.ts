/**
 * <mhn-moderation>'s admin views against the real service: Settings (what is in effect,
 * saved as the desk's overrides, the server's sentence under each field it refuses) and
 * Moderators (add, change role, new password, remove after a confirmation). A moderator
 * never sees them; an admin whose role is taken away meanwhile gets the server's 403,
 * said plainly, and the desk drops the views.
 */
import { expect } from '@open-wc/testing';
import { violations } from '../../../test/helpers/axe.js';
import {
  button,
  callAs,
  mountDesk,
  signInAsAdmin,
  signInToQueue,
  signOutEverywhere,
  until,
} from '../../../test/helpers/desk.js';
import { $, $$, text } from '../../../test/helpers/dom.js';
import { resetServer } from '../../../test/helpers/server.js';
import { executeServerCommand } from '@web/test-runner-commands';

const NO_OVERRIDES = {
  mode: null,
  maxLinks: null,
  restricted: null,
  holdFirstTime: null,
  reportThreshold: null,
  webhook: null,
};

beforeEach(async () => {
  await resetServer();
  await signOutEverywhere();
  await executeServerCommand('content-server', { action: 'resetAccounts' });
});
afterEach(async () => {
  // The desk's overrides outlive a reset: drop them, so other tests hold every comment.
  await executeServerCommand('content-server', { action: 'resetAccounts' });
  const answer = await callAs('admin', 'PATCH', 'settings', NO_OVERRIDES);
  expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
});

const views = (el: Element) => $$(el, '.views button').map((b) => text(b));
const live = (el: Element) => text($(el, '.admin [role="status"]'));
const alert = (el: Element) => text($(el, '.admin [role="alert"]'));
const input = (el: Element, id: string) => $(el, `#${id}`) as HTMLInputElement;

async function adminDesk(view: 'Settings' | 'Moderators', locale = 'en') {
  const el = await mountDesk({ locale });
  await signInAsAdmin(el);
  await until(() => views(el).length === 3, 'no views for the admin');
  button($(el, '.views')!, view).click();
  return el;
}

describe('<mhn-moderation>: the admin views', () => {
  it('a moderator sees no Settings or Moderators, and the server refuses them anyway', async () => {
    const el = await mountDesk();
    await signInToQueue(el);
    expect($(el, '.views')).to.equal(null);
    expect(el.shadowRoot!.textContent).not.to.contain('Moderators');
    const asModerator = await callAs('other', 'GET', 'moderators');
    expect(asModerator.status).to.equal(403);
  });

  it('shows the settings in effect and saves a change as the desk override', async () => {
    const el = await adminDesk('Settings');
    await until(() => $(el, '#setting-maxLinks'), 'no settings form');
    expect($(el, '.views button[aria-current="page"]')!.textContent).to.contain('Settings');
    expect(el.shadowRoot!.activeElement?.id).to.equal('settings-heading');
    const holdAll = $(el, 'input[name="mode"][value="hold-all"]') as HTMLInputElement;
    expect(holdAll.checked).to.equal(true);
    ($(el, 'input[name="mode"][value="rules"]') as HTMLInputElement).click();
    input(el, 'setting-maxLinks').value = '1';
    ($(el, '#setting-restricted') as HTMLTextAreaElement).value = 'casino\ncheap pills';
    button(el, 'Save settings').click();
    await until(() => live(el).includes('Settings saved'), 'not saved');
    expect(text($(el, '#from-maxLinks'))).to.equal('Set here.');
    // The form shows what is now in effect.
    expect(input(el, 'setting-maxLinks').value).to.equal('1');
    expect(($(el, '#setting-restricted') as HTMLTextAreaElement).value).to.equal(
      'casino\ncheap pills',
    );
    expect(($(el, 'input[name="mode"][value="rules"]') as HTMLInputElement).checked).to.equal(true);
    const saved = (await callAs('admin', 'GET', 'settings')).body as {
      settings: { mode: string; maxLinks: number; restricted: string[] };
    };
    expect(saved.settings).to.include({ mode: 'rules', maxLinks: 1 });
    expect(saved.settings.restricted).to.deep.equal(['casino', 'cheap pills']);
    expect(await violations(el)).to.deep.equal([]);
  });

  it("puts the server's 422 sentences under the fields, and changes nothing", async () => {
    const el = await adminDesk('Settings');
    await until(() => $(el, '#setting-maxLinks'), 'no settings form');
    input(el, 'setting-maxLinks').value = 'lots';
    input(el, 'setting-webhookUrl').value = 'ftp://hooks.example.org/x';
    input(el, 'setting-webhookSecret').value = 'short';
    button(el, 'Save settings').click();
    await until(() => alert(el), 'no alert');
    expect(input(el, 'setting-maxLinks').getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#setting-maxLinks-error'))).to.match(/maxLinks/);
    expect(text($(el, '#setting-webhookUrl-error'))).not.to.equal('');
    expect(el.shadowRoot!.activeElement?.id).to.equal('setting-maxLinks');
    const after = (await callAs('admin', 'GET', 'settings')).body as {
      sources: { maxLinks: string; webhook: string };
    };
    expect(after.sources.maxLinks).not.to.equal('desk');
    expect(after.sources.webhook).not.to.equal('desk');
    expect(await violations(el)).to.deep.equal([]);
  });

  it('adds a moderator with a role and password, changes the role, resets and removes', async () => {
    const el = await adminDesk('Moderators');
    await until(() => $(el, 'li[data-name="test-admin"]'), 'no list');
    expect(text($(el, 'li[data-name="test-admin"]'))).to.contain('(you)');
    input(el, 'setting-name').value = 'sam';
    ($(el, '#setting-role') as HTMLSelectElement).value = 'moderator';
    input(el, 'setting-password').value = 'short';
    button(el, 'Add').click();
    await until(() => $(el, '#setting-password-error'), 'no password sentence');
    expect(input(el, 'setting-password').getAttribute('aria-invalid')).to.equal('true');
    input(el, 'setting-password').value = 'a long first password for sam';
    button(el, 'Add').click();
    await until(() => live(el) === 'Added sam as a moderator.', 'not added');
    // The announcement can come before the list has re-rendered with the new row.
    await until(() => $(el, 'li[data-name="sam"]'), 'sam not listed');
    const row = () => $(el, 'li[data-name="sam"]')!;
    const select = row().querySelector('select')!;
    select.value = 'admin';
    select.dispatchEvent(new Event('change'));
    await until(() => live(el) === 'sam is now an admin.', 'role not changed');

    button(row(), 'New password').click();
    const field = () => row().querySelector<HTMLInputElement>('input[type="password"]');
    await until(() => field() && el.shadowRoot!.activeElement === field(), 'no focus on it');
    field()!.value = 'a brand new password for sam';
    button(row(), 'Set password').click();
    await until(() => live(el).startsWith('New password set for sam'), 'not reset');

    button(row(), 'Remove').click();
    await until(() => text(row()).includes('Remove sam?'), 'no confirmation');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Remove sam');
    expect(await violations(el)).to.deep.equal([]);
    button(row(), 'Remove sam').click();
    await until(() => live(el) === 'Removed sam.', 'not removed');
    expect($(el, 'li[data-name="sam"]')).to.equal(null);
    const list = (await callAs('admin', 'GET', 'moderators')).body as { items: { name: string }[] };
    expect(list.items.map((m) => m.name)).not.to.include('sam');
  });

  it('refuses to demote the last admin, with the reason beside them', async () => {
    const el = await adminDesk('Moderators');
    await until(() => $(el, 'li[data-name="test-admin"]'), 'no list');
    const select = $(el, 'li[data-name="test-admin"] select') as HTMLSelectElement;
    select.value = 'moderator';
    select.dispatchEvent(new Event('change'));
    await until(() => text($(el, 'li[data-name="test-admin"] .error')), 'no reason');
    expect(text($(el, 'li[data-name="test-admin"] .error'))).to.contain('last admin');
  });

  it('an admin demoted meanwhile gets a plain 403 message and loses the views', async () => {
    const el = await adminDesk('Settings');
    await until(() => $(el, '#setting-maxLinks'), 'no settings form');
    // Meanwhile, in another session of theirs, this admin makes a helper an admin and
    // gives up the role (as another admin could take it away).
    const helper = await callAs('admin', 'POST', 'moderators', {
      name: 'helper-admin',
      role: 'admin',
      password: 'a long password for the helper',
    });
    expect(helper.status).to.equal(201);
    const demoted = await callAs('admin', 'PATCH', 'moderators/test-admin', { role: 'moderator' });
    expect(demoted.status).to.equal(200);
    input(el, 'setting-maxLinks').value = '5';
    button(el, 'Save settings').click();
    await until(() => $(el, '.views') === null, 'the views stayed');
    expect(text($(el, '.desk [role="alert"]'))).to.contain('Only an admin can do this');
    expect($(el, '.queue, #queue-state')).to.exist;
  });

  it('speaks Spanish', async () => {
    const el = await mountDesk({ locale: 'es' });
    await signInAsAdmin(el);
    await until(() => views(el).length === 3, 'no views');
    expect(views(el)).to.deep.equal(['Cola', 'Ajustes', 'Moderadores']);
    button($(el, '.views')!, 'Ajustes').click();
    await until(() => $(el, '#setting-maxLinks'), 'no settings form');
    expect(text($(el, 'label[for="setting-maxLinks"]'))).to.equal(
      'Máximo de enlaces antes de retener un comentario',
    );
  });
});
