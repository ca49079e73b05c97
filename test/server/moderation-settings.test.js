/**
 * The `moderation:` block of site.yaml: defaults, every field read, every mistake
 * reported on its line, and never served with the site. And the form's timing token.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_MODERATION,
  formAge,
  issueFormToken,
} from '../../server/build/server/moderation/index.js';
import { MINIMAL, contentFolder, loadContent } from './content-helpers.js';

const SAMPLE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../content');

async function load(siteYaml) {
  const folder = await contentFolder({ ...MINIMAL, 'site.yaml': siteYaml });
  try {
    return await loadContent(folder.dir);
  } finally {
    await folder.remove();
  }
}

const SITE = 'name: Test Site\nurl: https://example.org/\n';

describe('site.yaml moderation settings', () => {
  test('a site without the block gets the defaults', async () => {
    const result = await load(SITE);
    assert.ok(result.ok);
    assert.deepEqual(result.content.moderation, DEFAULT_MODERATION);
    assert.deepEqual(result.content.moderationGiven, [], 'every value is a default');
    assert.deepEqual(DEFAULT_MODERATION, {
      mode: 'rules',
      maxLinks: 2,
      restricted: [],
      holdFirstTime: false,
      reportThreshold: 3,
      minSubmitSeconds: 3,
      duplicateWindowMinutes: 1440,
      duplicateClients: 3,
    });
  });

  test('every field is read; the block (with its webhook secret) is not part of the served site', async () => {
    const result = await load(
      SITE +
        [
          'moderation:',
          '  mode: hold-all',
          '  maxLinks: 0',
          '  restricted: [casino, Cheap Pills]',
          '  holdFirstTime: true',
          '  reportThreshold: 5',
          '  minSubmitSeconds: 0',
          '  duplicateWindowMinutes: 60',
          '  duplicateClients: 4',
          '  webhook:',
          '    url: https://hooks.example.org/mhn',
          '    secret: 0123456789abcdef0123',
          '',
        ].join('\n'),
    );
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    assert.deepEqual(result.content.moderation, {
      mode: 'hold-all',
      maxLinks: 0,
      restricted: ['casino', 'Cheap Pills'],
      holdFirstTime: true,
      reportThreshold: 5,
      minSubmitSeconds: 0,
      duplicateWindowMinutes: 60,
      duplicateClients: 4,
      webhook: { url: 'https://hooks.example.org/mhn', secret: '0123456789abcdef0123' },
    });
    assert.ok(Object.isFrozen(result.content.moderation.restricted));
    assert.equal(result.content.moderationGiven.length, 9, 'all nine fields given');
    assert.equal('moderation' in result.content.site, false);
    assert.ok(!JSON.stringify(result.content.site).includes('0123456789abcdef'));
  });

  test('each mistake is reported on its line, and the secret is never printed', async () => {
    const result = await load(
      SITE +
        [
          'moderation:', // 3
          '  mode: strict', // 4
          '  maxLinks: -1', // 5
          '  restricted: [casino, CASINO, "!!"]', // 6
          '  holdFirstTime: yes', // 7
          '  reportThreshold: 2.5', // 8
          '  minSubmit: 3', // 9
          '  webhook:', // 10
          '    url: ftp://hooks.example.org/', // 11
          '    secret: short-secret', // 12
          '',
        ].join('\n'),
    );
    assert.equal(result.ok, false);
    const lines = result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    assert.deepEqual(lines, [
      'site.yaml:4: moderation.mode "strict" must be hold-all or rules',
      'site.yaml:5: moderation.maxLinks -1 is out of range (0 to 100)',
      'site.yaml:6: moderation.restricted[1] "CASINO" is already listed at [0]',
      'site.yaml:6: moderation.restricted[2] "!!" has no letters or digits',
      'site.yaml:7: moderation.holdFirstTime must be true or false, not text',
      'site.yaml:8: moderation.reportThreshold must be a whole number',
      'site.yaml:9: unknown field moderation.minSubmit',
      'site.yaml:11: moderation.webhook.url "ftp://hooks.example.org/" is not an absolute http(s) URL',
      'site.yaml:12: moderation.webhook.secret is too short (at least 16 characters)',
    ]);
    assert.ok(!lines.join('\n').includes('short-secret'));
  });

  test('the sample content folder states its settings and has both safety lists', async () => {
    const result = await loadContent(SAMPLE_DIR);
    assert.ok(result.ok);
    assert.equal(result.content.moderation.maxLinks, 2);
    assert.equal(result.content.moderation.webhook, undefined);
    // No mode: the service's --moderation switch decides (hold-all by default).
    assert.ok(!result.content.moderationGiven.includes('mode'));
    assert.ok(result.content.moderationGiven.includes('maxLinks'));
    assert.deepEqual(
      result.content.safety.map((l) => l.language),
      ['en', 'es'],
    );
  });
});

describe('form timing token', () => {
  const secret = 'form-secret-0123456789';
  const shown = Date.UTC(2026, 0, 15, 12);

  test('gives the time since the form was shown', () => {
    const token = issueFormToken(secret, shown);
    assert.equal(formAge(secret, token, shown + 4500), 4500);
  });

  test('a forged, altered, future, expired or missing token gives null', () => {
    const token = issueFormToken(secret, shown);
    const [issued, mac] = token.split('.');
    assert.equal(formAge('another-secret-0123456', token, shown + 1000), null);
    assert.equal(formAge(secret, `${Number(issued) - 60_000}.${mac}`, shown + 1000), null);
    assert.equal(formAge(secret, token, shown - 1), null);
    assert.equal(formAge(secret, token, shown + 25 * 3600_000), null);
    assert.equal(formAge(secret, undefined, shown), null);
    assert.equal(formAge(secret, 'nonsense', shown), null);
  });
});
