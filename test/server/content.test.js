import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ARTICLE, collectPages, expectError, startServer } from './helpers.js';

const HTTPS = /^https:\/\/[^\s]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KINDS = ['article', 'news', 'qa', 'blog', 'video', 'link', 'book-review'];

/** @type {import('./helpers.js').TestServer} */
let server;
before(async () => {
  server = await startServer({
    fixtures: {
      articles: [
        {
          slug: 'hostile',
          title: '<img src=x onerror=alert(1)>',
          url: 'javascript:alert(1)',
          bodyHtml: '<script>alert(1)</script><p onclick="x()">hi</p>',
          authors: [{ name: '<b>bold</b>', credentials: '"quoted"' }],
        },
      ],
      topics: [
        {
          slug: 'fixture-topic',
          title: 'Fixture',
          url: 'https://example.org/fixture',
          sections: [
            {
              id: 'only',
              title: 'Only',
              items: [{ title: 'Inline', url: 'https://example.org/i', kind: 'link' }],
            },
          ],
        },
      ],
      sectionItems: { 'self-esteem/qa': [] },
    },
  });
});
after(() => server.close());

describe('GET /site', () => {
  test('has the publisher facts in the contract shape', async () => {
    const site = await server.getJson('/site');
    assert.equal(site.name, 'Mental Help Net');
    assert.equal(site.url, 'https://www.mentalhelp.net/');
    assert.deepEqual(
      site.social.map((/** @type {any} */ s) => s.network),
      ['twitter', 'facebook'],
    );
    for (const link of site.social) {
      assert.ok(link.label.length > 0);
      assert.match(link.url, HTTPS);
    }
    assert.equal(site.certifications.length, 1);
    const [badge] = site.certifications;
    assert.ok(badge.name && badge.description);
    assert.match(badge.badgeUrl, HTTPS);
    assert.match(badge.verifyUrl, HTTPS);
    assert.equal(site.poweredBy.name, 'CenterSite.Net');
    assert.match(site.poweredBy.url, HTTPS);
    assert.match(site.forumsUrl, HTTPS);
    assert.deepEqual(site.therapistSearch.countries, ['US', 'CA']);
    assert.match(site.therapistSearch.advancedSearchUrl, HTTPS);
    assert.ok(site.crisis.heading);
    assert.ok(site.crisis.emergency.includes('911'));
    assert.deepEqual(
      site.crisis.lines.map((/** @type {any} */ l) => [l.country, l.call, l.text]),
      [
        ['US', '988', '988'],
        ['CA', '988', '988'],
      ],
    );
    for (const line of site.crisis.lines) assert.match(line.url, HTTPS);
  });
});

describe('GET /articles/{slug}', () => {
  test('the resilience article has every contract field', async () => {
    const article = await server.getJson(`/articles/${ARTICLE}`);
    assert.equal(article.slug, ARTICLE);
    assert.equal(article.title, 'Resilience: Social Support Benefits');
    assert.match(article.url, /^https:\/\/www\.mentalhelp\.net\//);
    assert.equal(article.language, 'en');
    assert.deepEqual(article.topic, {
      slug: 'emotional-resilience',
      title: 'Emotional Resilience',
    });
    assert.equal(article.authors.length, 2);
    for (const author of article.authors) assert.ok(author.name && author.credentials);
    assert.equal(article.updated, '2016-04-04');
    assert.match(article.published, DATE);
    assert.match(article.reviewed, DATE);
    assert.ok(article.reviewedBy.length > 0);
    assert.equal(typeof article.summary, 'string');
    assert.ok((article.bodyHtml.match(/<p>/g) ?? []).length >= 3, 'several paragraphs');
    assert.equal((article.bodyHtml.match(/<ul>/g) ?? []).length, 1);
    assert.equal((article.bodyHtml.match(/<li>/g) ?? []).length, 3);
    assert.deepEqual(article.comments, { enabled: true, count: 4 });
  });

  test('the other sample articles', async () => {
    const spanish = await server.getJson('/articles/resiliencia-apoyo-social');
    assert.equal(spanish.language, 'es');
    assert.equal(spanish.comments.count, 2);
    const empty = await server.getJson('/articles/no-comments-example');
    assert.deepEqual(empty.comments, { enabled: true, count: 0 });
    const closed = await server.getJson('/articles/comments-closed-example');
    assert.equal(closed.comments.enabled, false);
    const long = await server.getJson('/articles/long-thread-example');
    assert.equal(long.comments.count, 1500);
  });

  test('fixture content is served as data, unchanged', async () => {
    const article = await server.getJson('/articles/hostile');
    assert.equal(article.title, '<img src=x onerror=alert(1)>');
    assert.equal(article.url, 'javascript:alert(1)');
    assert.equal(article.bodyHtml, '<script>alert(1)</script><p onclick="x()">hi</p>');
    assert.deepEqual(article.comments, { enabled: true, count: 0 });
  });

  test('an unknown slug is 404 not_found', async () => {
    await expectError(await server.get('/articles/unknown'), 404, 'not_found');
  });
});

describe('GET /topics/{slug} and its sections', () => {
  test('emotional-resilience has eight sections whose counts match their items', async () => {
    const topic = await server.getJson('/topics/emotional-resilience');
    assert.equal(topic.slug, 'emotional-resilience');
    assert.equal(topic.title, 'Emotional Resilience');
    assert.match(topic.url, HTTPS);
    assert.deepEqual(
      topic.sections.map((/** @type {any} */ s) => [s.id, s.title]),
      [
        ['basic', 'Basic Information'],
        ['more', 'More Information'],
        ['news', 'Latest News'],
        ['qa', 'Questions and Answers'],
        ['blog', 'Blog Entries'],
        ['videos', 'Videos'],
        ['links', 'Links'],
        ['books', 'Book Reviews'],
      ],
    );
    const expectedKind = {
      basic: 'article',
      more: 'article',
      news: 'news',
      qa: 'qa',
      blog: 'blog',
      videos: 'video',
      links: 'link',
      books: 'book-review',
    };
    for (const section of topic.sections) {
      const { items } = await collectPages(
        server,
        `/topics/emotional-resilience/sections/${section.id}?limit=7`,
      );
      assert.equal(items.length, section.count, `count of ${section.id}`);
      assert.ok(section.count > 0);
      for (const item of items) {
        assert.ok(KINDS.includes(item.kind));
        assert.equal(
          item.kind,
          expectedKind[/** @type {keyof typeof expectedKind} */ (section.id)],
        );
        assert.ok(item.title.length > 0);
        assert.match(item.url, HTTPS);
        if (item.date !== undefined) assert.match(item.date, DATE);
      }
    }
    assert.deepEqual(
      topic.related.map((/** @type {any} */ r) => r.slug),
      ['self-esteem', 'life-issues'],
    );
    for (const related of topic.related) {
      assert.match(related.url, HTTPS);
      const other = await server.getJson(`/topics/${related.slug}`);
      assert.equal(other.title, related.title);
    }
  });

  test('the "more" section has 30 items paged by limit and cursor', async () => {
    const first = await server.getJson('/topics/emotional-resilience/sections/more');
    assert.equal(first.items.length, 20);
    assert.equal(typeof first.nextCursor, 'string');
    const second = await server.getJson(
      `/topics/emotional-resilience/sections/more?cursor=${first.nextCursor}`,
    );
    assert.equal(second.items.length, 10);
    assert.equal(second.nextCursor, null);
    const titles = [...first.items, ...second.items].map((i) => i.title);
    assert.equal(new Set(titles).size, 30);
    const capped = await server.getJson('/topics/emotional-resilience/sections/more?limit=500');
    assert.equal(capped.items.length, 30);
    for (const query of ['limit=0', 'limit=x', 'cursor=%%%', 'cursor=abc']) {
      await expectError(
        await server.get(`/topics/emotional-resilience/sections/more?${query}`),
        400,
        'bad_request',
      );
    }
  });

  test('every articleSlug in a section can be read through /articles', async () => {
    const { items } = await collectPages(server, '/topics/emotional-resilience/sections/basic');
    const linked = items.filter((i) => i.articleSlug);
    assert.ok(linked.length >= 3);
    assert.ok(linked.some((i) => i.articleSlug === ARTICLE));
    for (const item of linked) {
      const article = await server.getJson(`/articles/${item.articleSlug}`);
      assert.equal(article.title, item.title);
    }
  });

  test('sleep-and-rest has no related topics and an empty section', async () => {
    const topic = await server.getJson('/topics/sleep-and-rest');
    assert.deepEqual(topic.related, []);
    const empty = topic.sections.find((/** @type {any} */ s) => s.count === 0);
    assert.ok(empty, 'one section is empty');
    const page = await server.getJson(`/topics/sleep-and-rest/sections/${empty.id}`);
    assert.deepEqual(page, { items: [], nextCursor: null });
  });

  test('fixtures add topics (with inline items) and replace section items', async () => {
    const topic = await server.getJson('/topics/fixture-topic');
    assert.deepEqual(topic.sections, [{ id: 'only', title: 'Only', count: 1 }]);
    assert.deepEqual(topic.related, []);
    const page = await server.getJson('/topics/fixture-topic/sections/only');
    assert.equal(page.items[0].title, 'Inline');
    const selfEsteem = await server.getJson('/topics/self-esteem');
    assert.equal(selfEsteem.sections.find((/** @type {any} */ s) => s.id === 'qa').count, 0);
  });

  test('unknown topics and sections are 404', async () => {
    await expectError(await server.get('/topics/unknown'), 404, 'not_found');
    await expectError(
      await server.get('/topics/emotional-resilience/sections/unknown'),
      404,
      'not_found',
    );
  });
});
