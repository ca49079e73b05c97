/**
 * The sample content folder (content/): what the demo, the widget tests and the server
 * tests read. (It was converted value for value from the old demo server's fixture
 * module; the folder is now the only source.)
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MINIMAL, contentFolder, generateComments, loadContent } from './content-helpers.js';

const SAMPLE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../content');

describe('the sample content folder', () => {
  /** @type {import('../../server/build/server/content/index.js').ContentSnapshot} */
  let content;
  before(async () => {
    const result = await loadContent(SAMPLE_DIR);
    assert.deepEqual(result.ok ? [] : result.problems, []);
    assert.ok(result.ok);
    content = result.content;
  });

  test('holds the demo publisher, its articles and its topics', () => {
    assert.equal(content.site.name, 'Mental Help Net');
    assert.deepEqual([...content.articles.keys()].sort(), [
      'comments-closed-example',
      'life-transitions',
      'long-thread-example',
      'no-comments-example',
      'resilience-an-introduction',
      'resilience-positive-emotions',
      'resilience-social-support-benefits',
      'resiliencia-apoyo-social',
      'self-esteem-basics',
    ]);
    assert.deepEqual([...content.topics.keys()].sort(), [
      'emotional-resilience',
      'life-issues',
      'self-esteem',
      'sleep-and-rest',
    ]);
    assert.equal(content.articles.get('comments-closed-example')?.comments.enabled, false);
  });

  test('holds the therapists with unique ids, and the postal areas the tests search', () => {
    const ids = content.therapists.map((t) => t.id);
    assert.equal(ids.length, 28);
    assert.equal(new Set(ids).size, ids.length);
    for (const area of ['100', 'K1A']) assert.ok(content.postalAreas.has(area), area);
  });

  test('seeds the long thread with 1,500 generated comments', () => {
    assert.deepEqual(content.comments.get('long-thread-example'), generateComments(1500));
    assert.equal(content.comments.get('resilience-social-support-benefits')?.length, 4);
  });

  test('cannot be changed by the code that reads it', () => {
    const article = content.articles.get('resilience-social-support-benefits');
    assert.throws(() => {
      /** @type {any} */ (article).title = 'changed';
    }, TypeError);
    assert.throws(() => {
      /** @type {any} */ (content.site.social).push({});
    }, TypeError);
    const items = content.topics.get('self-esteem')?.sections[0]?.items;
    assert.ok(items && items.length > 0);
    assert.throws(() => {
      /** @type {any} */ (items).pop();
    }, TypeError);
  });
});

describe('article bodies', () => {
  /** @type {Awaited<ReturnType<typeof contentFolder>>} */
  let folder;
  before(async () => {
    folder = await contentFolder({
      ...MINIMAL,
      'articles/as-html.html': [
        '---',
        'title: As HTML',
        'url: https://example.org/articles/as-html/',
        '---',
        '<p>Kept <em>as written</em>.</p>',
        '',
      ].join('\n'),
    });
  });
  after(() => folder.remove());

  test('Markdown is rendered to HTML; HTML is served as written', async () => {
    const result = await loadContent(folder.dir);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    assert.equal(
      result.content.articles.get('breathing')?.bodyHtml,
      '<p>Breathe <strong>slowly</strong>.</p>',
    );
    assert.equal(
      result.content.articles.get('as-html')?.bodyHtml,
      '<p>Kept <em>as written</em>.</p>',
    );
  });

  test('an article item takes its title, URL and date from the article', async () => {
    const result = await loadContent(folder.dir);
    assert.ok(result.ok);
    assert.deepEqual(result.content.topics.get('calm')?.sections[0]?.items, [
      {
        title: 'Breathing',
        url: 'https://example.org/articles/breathing/',
        kind: 'article',
        date: '2020-01-02',
        articleSlug: 'breathing',
      },
    ]);
    assert.deepEqual(result.content.articles.get('breathing')?.topic, {
      slug: 'calm',
      title: 'Calm',
    });
  });
});
