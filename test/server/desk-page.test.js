// The moderation desk's page at /admin/: served by the service's own command with and
// without the demo, with its own strict headers, and nothing else beside it under
// --no-demo.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request, startDemo } from './helpers.js';

/** @param {import('./helpers.js').RawAnswer} res */
function assertDeskHeaders(res) {
  const csp = String(res.headers['content-security-policy'] ?? '');
  for (const directive of [
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ]) {
    assert.ok(csp.split('; ').includes(directive), `${directive} in ${csp}`);
  }
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.equal(res.headers['x-robots-tag'], 'noindex, nofollow');
  assert.equal(res.headers['x-frame-options'], 'DENY');
  assert.equal(res.headers['access-control-allow-origin'], undefined);
}

for (const withDemo of [true, false]) {
  describe(`the desk at /admin/ (${withDemo ? 'with' : 'without'} the demo)`, () => {
    /** @type {Awaited<ReturnType<typeof startDemo>>} */
    let service;
    before(async () => {
      service = await startDemo({
        args: ['--db', ':memory:', ...(withDemo ? [] : ['--no-demo'])],
      });
    });
    after(async () => {
      assert.equal(await service.close(), 0);
    });

    test('serves the page with its own strict headers, and its script and guide', async () => {
      const page = await request(service.origin, { path: '/admin/' });
      assert.equal(page.status, 200);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.text, /<mhn-moderation[^>]+endpoint="\/api\/v1"/);
      assertDeskHeaders(page);
      const css = await request(service.origin, { path: '/admin/admin.css' });
      assert.equal(css.status, 200);
      assertDeskHeaders(css);
      const script = await request(service.origin, { path: '/dist/admin/mhn-moderation.js' });
      assert.equal(script.status, 200);
      assert.match(String(script.headers['content-type']), /^text\/javascript/);
      const guide = await request(service.origin, { path: '/docs/moderation-safety-guide.md' });
      assert.equal(guide.status, 200);
      assert.match(guide.text, /^# Responding to posts flagged `safety`/);
    });

    test('serves nothing else of docs/, and the demo only when asked to', async () => {
      for (const target of ['/docs/moderation.md', '/docs/', '/admin/../package.json']) {
        assert.equal((await request(service.origin, { path: target })).status, 404, target);
      }
      for (const target of ['/', '/demo/index.html', '/dist/mhn-widgets.js']) {
        const res = await request(service.origin, { path: target });
        assert.equal(res.status, withDemo ? 200 : 404, target);
        if (withDemo) assert.equal(res.headers['x-robots-tag'], undefined, target);
      }
    });
  });
}
