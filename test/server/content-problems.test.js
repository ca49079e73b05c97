/**
 * A content folder with mistakes: every problem is reported, each with the file and the
 * line a publisher has to fix, and nothing is served.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MINIMAL, contentFolder, formatProblem, loadContent, runCheck } from './content-helpers.js';

const SAMPLE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../content');

/**
 * The problems of a folder that must fail to load, as `file:line: message` lines.
 *
 * @param {string} dir
 */
async function problemsOf(dir) {
  const result = await loadContent(dir);
  assert.equal(result.ok, false, 'the folder must not load');
  return result.ok ? [] : result.problems.map((p) => formatProblem(p));
}

const BROKEN = {
  'site.yaml': ['name: Test Site', 'url: not a url', ''].join('\n'),
  'topics/calm.yaml': [
    'title: Calm',
    'related:',
    '  - calm-ish',
    'sections:',
    '  - id: basic',
    '    title: Basic',
    '    items:',
    '      - title: A video',
    '        url: https://example.org/v',
    '        kind: podcast',
    '        date: 2020-02-30',
    '      - article: nowhere',
    '',
  ].join('\n'),
  'articles/a.md': ['---', 'url: https://example.org/a/', '---', 'Body.', ''].join('\n'),
  'articles/b.md': [
    '---',
    'title: B',
    'url: https://example.org/b/',
    'topic: nowhere',
    'updated: yesterday',
    'authors:',
    '  - credentials: PhD',
    '---',
    'Body.',
    '',
  ].join('\n'),
  'articles/c.md': [
    '---',
    'title: C',
    'url: https://example.org/c/',
    'summary: one: two',
    '---',
    'Body.',
    '',
  ].join('\n'),
  'articles/dup.html': [
    '---',
    'slug: b',
    'title: Also B',
    'url: https://example.org/b2/',
    '---',
    '<p>Body.</p>',
    '',
  ].join('\n'),
  'therapists.yaml': ['- id: t-1', '  name: X', '  lat: north', '  lon: 10', ''].join('\n'),
  'postal-areas.yaml': [
    "'070': { lat: 40.7, lon: -74.1, place: 'Newark, NJ' }",
    "071: { lat: 40.7, lon: -74.1, place: 'Newark, NJ' }",
    '',
  ].join('\n'),
  'comments/b.yaml': [
    '- title: fine',
    '  created: 2016-01-08T12:00:00Z',
    '  body: one: two',
    '',
  ].join('\n'),
};

describe('a broken content folder', () => {
  /** @type {Awaited<ReturnType<typeof contentFolder>>} */
  let folder;
  before(async () => {
    folder = await contentFolder(BROKEN);
  });
  after(() => folder.remove());

  test('reports every problem with its file and line, in file order', async () => {
    assert.deepEqual(await problemsOf(folder.dir), [
      'articles/a.md:2: title is missing',
      'articles/b.md:4: topic "nowhere" does not exist (no topics/nowhere.yaml)',
      'articles/b.md:5: updated "yesterday" is not a date (YYYY-MM-DD, or an ISO 8601 date-time with its zone)',
      'articles/b.md:7: authors[0].name is missing',
      'articles/c.md:4: YAML syntax error: Nested mappings are not allowed in compact mappings',
      'articles/dup.html:2: duplicate article slug "b": articles/b.md:1 uses it too',
      'comments/b.yaml:3: YAML syntax error: Nested mappings are not allowed in compact mappings',
      'postal-areas.yaml:2: postal area code 71 must be quoted text (e.g. "71"), or leading zeros are lost',
      'site.yaml:2: url "not a url" is not an absolute http(s) URL',
      'therapists.yaml:3: [0].lat must be a number, not text',
      'topics/calm.yaml:3: related topic "calm-ish" does not exist (no topics/calm-ish.yaml)',
      'topics/calm.yaml:10: sections[0].items[0].kind "podcast" is not a section item kind (article, news, qa, blog, video, link, book-review)',
      'topics/calm.yaml:11: sections[0].items[0].date "2020-02-30" is not a date (YYYY-MM-DD, or an ISO 8601 date-time with its zone)',
      'topics/calm.yaml:12: article "nowhere" does not exist (no articles/nowhere.md or .html)',
    ]);
  });

  test('the check command prints them under the folder it was given, and exits 1', async () => {
    let out = '';
    let err = '';
    const io = {
      stdout: { write: (/** @type {string} */ t) => (out += t) },
      stderr: { write: (/** @type {string} */ t) => (err += t) },
    };
    assert.equal(await runCheck([folder.dir], io), 1);
    assert.equal(out, '');
    const lines = err.trimEnd().split('\n');
    assert.equal(lines.length, 15);
    assert.equal(lines[0], `${path.join(folder.dir, 'articles/a.md')}:2: title is missing`);
    assert.equal(lines[14], '14 problems found.');
  });
});

describe('one mistake in an otherwise good folder', () => {
  /**
   * @param {Record<string, string>} changes files added to or replacing MINIMAL's
   */
  async function problemsWith(changes) {
    const folder = await contentFolder({ ...MINIMAL, ...changes });
    try {
      return await problemsOf(folder.dir);
    } finally {
      await folder.remove();
    }
  }

  test('the minimal folder itself loads', async () => {
    const folder = await contentFolder(MINIMAL);
    try {
      const result = await loadContent(folder.dir);
      assert.deepEqual(result.ok ? [] : result.problems, []);
    } finally {
      await folder.remove();
    }
  });

  test('a duplicate slug names both files', async () => {
    assert.deepEqual(
      await problemsWith({
        'articles/copy.md': [
          '---',
          'title: Copy',
          'url: https://example.org/copy/',
          'slug: breathing',
          '---',
          'Text.',
        ].join('\n'),
      }),
      [
        'articles/copy.md:4: duplicate article slug "breathing": articles/breathing.md:1 uses it too',
      ],
    );
  });

  test('a duplicate topic slug names both files', async () => {
    assert.deepEqual(
      await problemsWith({
        'topics/calm2.yml': ['title: Calm again', 'slug: calm', 'sections: []'].join('\n'),
      }),
      ['topics/calm2.yml:2: duplicate topic slug "calm": topics/calm.yaml:1 uses it too'],
    );
  });

  test('a related topic that does not exist', async () => {
    assert.deepEqual(
      await problemsWith({
        'topics/calm.yaml': MINIMAL['topics/calm.yaml'] + 'related: [calm, sleep]\n',
      }),
      ['topics/calm.yaml:8: related topic "sleep" does not exist (no topics/sleep.yaml)'],
    );
  });

  test('a date that does not parse', async () => {
    assert.deepEqual(
      await problemsWith({
        'articles/breathing.md': MINIMAL['articles/breathing.md'].replace(
          'published: 2020-01-02',
          'published: 02/01/2020',
        ),
      }),
      [
        'articles/breathing.md:5: published "02/01/2020" is not a date (YYYY-MM-DD, or an ISO 8601 date-time with its zone)',
      ],
    );
  });

  test('a YAML syntax error, with its line', async () => {
    assert.deepEqual(
      await problemsWith({
        'site.yaml': ['name: Test Site', 'url: https://example.org/', 'social: [', ''].join('\n'),
      }),
      [
        'site.yaml:3: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    );
  });

  test('a YAML syntax error in front matter, on the file line', async () => {
    const problems = await problemsWith({
      'articles/breathing.md': MINIMAL['articles/breathing.md'].replace(
        'topic: calm',
        'topic: calm\ntopic: calm',
      ),
    });
    assert.deepEqual(problems, [
      'articles/breathing.md:5: YAML syntax error: Map keys must be unique',
    ]);
  });

  test('wrong types and unknown fields', async () => {
    assert.deepEqual(
      await problemsWith({
        'articles/breathing.md': MINIMAL['articles/breathing.md'].replace(
          'topic: calm',
          'topic: calm\ncomments: sometimes\nsumary: typo\ntitle2: x',
        ),
      }),
      [
        'articles/breathing.md:5: comments must be true or false, not text',
        'articles/breathing.md:6: unknown field sumary',
        'articles/breathing.md:7: unknown field title2',
      ],
    );
  });

  test('a missing site.yaml and comments for an article that does not exist', async () => {
    const folder = await contentFolder({
      'topics/calm.yaml': 'title: Calm\nsections: []\n',
      'comments/nobody.yaml': '[]\n',
    });
    try {
      assert.deepEqual(await problemsOf(folder.dir), [
        'comments/nobody.yaml: there is no article "nobody" for these comments',
        'site.yaml: the file is missing',
      ]);
    } finally {
      await folder.remove();
    }
  });
});

describe('the check command', () => {
  test('prints a one-line summary for a good folder and exits 0', async () => {
    let out = '';
    let err = '';
    const io = {
      stdout: { write: (/** @type {string} */ t) => (out += t) },
      stderr: { write: (/** @type {string} */ t) => (err += t) },
    };
    assert.equal(await runCheck([SAMPLE_DIR], io), 0);
    assert.equal(err, '');
    assert.equal(
      out,
      `${SAMPLE_DIR}: no problems — 9 articles, 4 topics (14 sections, 85 items), 28 therapists, 42 postal areas, 1509 seed comments.\n`,
    );
  });

  test('asks for a folder when given none, and exits 2', async () => {
    let err = '';
    const io = {
      stdout: { write: () => {} },
      stderr: { write: (/** @type {string} */ t) => (err += t) },
    };
    assert.equal(await runCheck([], io), 2);
    assert.match(err, /usage: mhn-content-api check DIR/);
  });
});
