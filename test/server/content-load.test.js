/**
 * The sample content folder (content/) holds exactly the demo server's sample data, so
 * the old fixture module and the new files agree.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as samples from '../../demo/server/sample-content.js';
import { MINIMAL, contentFolder, loadContent } from './content-helpers.js';

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

  test('has the same site', () => {
    assert.deepEqual(content.site, samples.site);
  });

  test('has the same articles, field for field, body for body', () => {
    assert.deepEqual(
      [...content.articles.keys()].sort(),
      samples.articles.map((a) => a.slug).sort(),
    );
    for (const article of samples.articles) {
      assert.deepEqual(content.articles.get(article.slug), article, article.slug);
    }
  });

  test('has the same topics, sections, section items and related topics', () => {
    assert.deepEqual([...content.topics.keys()].sort(), samples.topics.map((t) => t.slug).sort());
    for (const topic of samples.topics) {
      const loaded = content.topics.get(topic.slug);
      assert.ok(loaded, topic.slug);
      const { sections, ...rest } = loaded;
      assert.deepEqual(
        { ...rest, sections: sections.map(({ id, title }) => ({ id, title })) },
        topic,
      );
      for (const section of sections) {
        assert.deepEqual(
          section.items,
          samples.sectionItems[`${topic.slug}/${section.id}`] ?? [],
          `${topic.slug}/${section.id}`,
        );
      }
    }
    // Every fixture item list belongs to a section the folder has.
    const loadedKeys = [...content.topics.values()].flatMap((t) =>
      t.sections.map((s) => `${t.slug}/${s.id}`),
    );
    for (const key of Object.keys(samples.sectionItems)) assert.ok(loadedKeys.includes(key), key);
  });

  test('has the same therapists in the same order, and the same postal areas', () => {
    assert.deepEqual(content.therapists, samples.therapists);
    assert.deepEqual(Object.fromEntries(content.postalAreas), samples.postalAreas);
  });

  test('has the same seed comments, generated ones included', () => {
    const expected = { ...samples.comments };
    for (const [slug, count] of Object.entries(samples.generatedComments)) {
      expected[slug] = samples.generateComments(count);
    }
    assert.deepEqual(Object.fromEntries(content.comments), expected);
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
