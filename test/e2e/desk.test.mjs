// End to end, as the README's quick start says: the first moderator is created with the
// service's command, the service (`npm run serve`) serves the demo page and the desk at
// /admin/. A reader posts a comment on the demo page (held: every new comment is), a
// moderator signs in at /admin/ and approves it, and the reader, reloading, sees it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage, root, startDemo } from './helpers.mjs';

/** The sample site's minimum time from showing the comment form to posting it. */
const MIN_SUBMIT_SECONDS = Number(
  /^\s*minSubmitSeconds:\s*(\d+)/m.exec(readFileSync(join(root, 'content/site.yaml'), 'utf8'))?.[1],
);

const MODERATOR = { name: 'maya', password: 'a long enough password' };

describe('the moderation desk at /admin/', () => {
  let demo;
  let browser;

  before(async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'mhn-desk-')), 'comments.sqlite');
    execFileSync(
      process.execPath,
      ['server/build/server/cli.js', 'moderator', 'add', MODERATOR.name, '--db', db],
      { cwd: root, input: `${MODERATOR.password}\n`, stdio: ['pipe', 'ignore', 'inherit'] },
    );
    demo = await startDemo({ build: false, env: { MHN_DB: db } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('is served with a strict CSP, never cached or indexed', async () => {
    const response = await fetch(`${demo.origin}/admin/`);
    assert.equal(response.status, 200);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, /trusted-types lit-html(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('x-robots-tag'), 'noindex, nofollow');
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.match(await response.text(), /<mhn-moderation/);
    // The partner loader knows nothing of the desk.
    const loader = await (await fetch(`${demo.origin}/dist/mhn-widgets.js`)).text();
    assert.doesNotMatch(loader, /mhn-moderation/);
  });

  it('a reader posts, a moderator approves at /admin/, the reader reloads and sees it', async () => {
    const reader = await openPage(browser);
    await reader.page.goto(`${demo.origin}/`);
    const comments = reader.page.locator('mhn-comments');
    // The comments load as they come near the viewport.
    await comments.scrollIntoViewIfNeeded();
    await comments.getByLabel('Title', { exact: true }).fill('Thank you for this');
    await comments
      .getByLabel('Comment', { exact: true })
      .fill('Talking to a friend helped me more than I expected.');
    // A form sent sooner than the site's minimum after it was shown is kept as spam, as a
    // bot's is (content/site.yaml, moderation.minSubmitSeconds): post as a person does.
    await reader.page.waitForTimeout(MIN_SUBMIT_SECONDS * 1000 + 500);
    await comments.getByRole('button', { name: 'Post comment' }).click();
    await comments.getByText('will appear once a moderator has reviewed it').waitFor();

    const context = await browser.newContext();
    const moderator = await context.newPage();
    const problems = [];
    moderator.on('pageerror', (error) => problems.push(error.message));
    moderator.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy|Trusted Type/i.test(m.text())) {
        if (!/401/.test(m.text())) problems.push(m.text());
      }
    });
    await moderator.goto(`${demo.origin}/admin/`);
    await moderator.getByLabel('Username').fill(MODERATOR.name);
    await moderator.getByLabel('Password').fill(MODERATOR.password);
    await moderator.getByRole('button', { name: 'Sign in' }).click();
    await moderator.getByRole('button', { name: /^Pending \(1\)$/ }).waitFor();
    const held = moderator.getByRole('article', { name: 'Thank you for this' });
    await held.getByRole('button', { name: 'Approve', exact: true }).click();
    await moderator.getByText('No comments waiting').waitFor();
    await moderator.getByRole('button', { name: /^Published \([\d,]+\)$/ }).waitFor();
    assert.deepEqual(problems, []);

    await reader.page.reload();
    await reader.page
      .locator('mhn-comments')
      .getByRole('heading', { name: 'Thank you for this' })
      .waitFor();
    await moderator.getByRole('button', { name: 'Sign out' }).click();
    await moderator.getByLabel('Username').waitFor();
    await context.close();
    await reader.page.close();
  });
});
