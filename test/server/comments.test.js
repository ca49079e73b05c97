import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ARTICLE, LONG_THREAD, collectPages, expectError, startServer } from './helpers.js';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** @type {import('./helpers.js').TestServer} */
let server;
before(async () => {
  server = await startServer();
});
after(() => server.close());
beforeEach(() => server.api.reset());

/** @param {string} slug */
const totalOf = async (slug) => (await server.getJson(`/articles/${slug}/comments`)).total;

/** @param {unknown} value */
const key = (value) => ({ 'Idempotency-Key': String(value) });

describe('GET /articles/{slug}/comments', () => {
  test('lists the seed comments newest first in the contract shape', async () => {
    const list = await server.getJson(`/articles/${ARTICLE}/comments`);
    assert.equal(list.total, 4);
    assert.equal(list.nextCursor, null);
    assert.equal(list.items.length, 4);
    for (const item of list.items) {
      assert.deepEqual(Object.keys(item).sort(), ['author', 'body', 'created', 'id', 'title']);
      assert.match(item.id, /^c-\d+$/);
      assert.match(item.created, ISO_TIMESTAMP);
      assert.equal(typeof item.title, 'string');
      assert.equal(typeof item.body, 'string');
    }
    assert.deepEqual(
      list.items.map((/** @type {any} */ c) => c.created.slice(0, 10)),
      ['2010-01-27', '2009-06-27', '2008-02-27', '2007-05-01'],
    );
    const authors = list.items.map((/** @type {any} */ c) => c.author);
    // The seed file gives one author as '' and one as null: both are "no name", stored
    // and served as ''.
    assert.deepEqual(
      authors.filter((a) => a === ''),
      ['', ''],
      'comments without a name have an empty author',
    );
    assert.ok(
      list.items.some((/** @type {any} */ c) => c.body.includes('\n')),
      'line breaks kept',
    );
  });

  test('sort=oldest reverses the order', async () => {
    const newest = await server.getJson(`/articles/${ARTICLE}/comments?sort=newest`);
    const oldest = await server.getJson(`/articles/${ARTICLE}/comments?sort=oldest`);
    assert.deepEqual(oldest.items, [...newest.items].reverse());
  });

  test('an article without comments gives an empty list', async () => {
    const list = await server.getJson('/articles/no-comments-example/comments');
    assert.deepEqual(list, { total: 0, items: [], nextCursor: null });
  });

  test('limit defaults to 20 and is capped at 100', async () => {
    const first = await server.getJson(`/articles/${LONG_THREAD}/comments`);
    assert.equal(first.items.length, 20);
    assert.equal(typeof first.nextCursor, 'string');
    const capped = await server.getJson(`/articles/${LONG_THREAD}/comments?limit=1000`);
    assert.equal(capped.items.length, 100);
    const one = await server.getJson(`/articles/${LONG_THREAD}/comments?limit=1`);
    assert.equal(one.items.length, 1);
  });

  test('invalid sort, limit or cursor is 400 bad_request', async () => {
    const base = `/articles/${LONG_THREAD}/comments`;
    const newest = await server.getJson(`${base}?limit=5`);
    for (const query of [
      'sort=random',
      'sort=',
      'limit=0',
      'limit=-1',
      'limit=abc',
      'limit=2.5',
      'limit=',
      'cursor=not-a-cursor',
      'cursor=',
      `cursor=${Buffer.from('[1,2]').toString('base64url')}`,
      `sort=oldest&cursor=${newest.nextCursor}`,
    ]) {
      await expectError(await server.get(`${base}?${query}`), 400, 'bad_request');
    }
  });

  for (const sort of ['newest', 'oldest']) {
    test(`pages 1,500 comments (${sort}, limit 100) with no duplicates or gaps`, async () => {
      const { items, pages } = await collectPages(
        server,
        `/articles/${LONG_THREAD}/comments?sort=${sort}&limit=100`,
      );
      assert.equal(pages.length, 15);
      assert.ok(pages.every((page) => page.total === 1500));
      assert.equal(items.length, 1500);
      assert.equal(new Set(items.map((c) => c.id)).size, 1500);
      assert.equal(new Set(items.map((c) => c.title)).size, 1500, 'titles are distinct');
      const direction = sort === 'newest' ? -1 : 1;
      for (let i = 1; i < items.length; i += 1) {
        const [a, b] = [items[i - 1], items[i]];
        const order =
          Math.sign(Date.parse(b.created) - Date.parse(a.created)) ||
          Math.sign(Number(b.id.slice(2)) - Number(a.id.slice(2)));
        assert.equal(order, direction, `items ${i - 1} and ${i} are out of order`);
      }
      const ties = items.filter((c, i) => i > 0 && c.created === items[i - 1].created);
      assert.ok(ties.length > 100, 'the thread has equal timestamps, so ids must break ties');
      assert.ok(
        items.some((c) => c.author === ''),
        'comments without a name',
      );
      assert.ok(items.every((c) => typeof c.author === 'string'));
    });
  }

  test('a comment posted while paging does not shift later pages', async () => {
    server.api.configure({ moderation: false });
    const first = await server.getJson(`/articles/${LONG_THREAD}/comments?limit=10`);
    assert.equal((await server.post(LONG_THREAD, { title: 'new', body: 'new' })).status, 201);
    const second = await server.getJson(
      `/articles/${LONG_THREAD}/comments?limit=10&cursor=${first.nextCursor}`,
    );
    const all = await server.getJson(`/articles/${LONG_THREAD}/comments?limit=21`);
    assert.deepEqual(
      [...first.items, ...second.items].map((c) => c.id),
      all.items.slice(1).map((/** @type {any} */ c) => c.id),
    );
    assert.equal(second.total, 1501);
  });
});

describe('POST /articles/{slug}/comments: validation', () => {
  /**
   * @param {Record<string, unknown>} fields
   */
  const post = (fields) => server.post(ARTICLE, { title: 'A title', body: 'A body', ...fields });

  const accepted = [
    ['title of 120 characters', { title: 'x'.repeat(120) }],
    ['title of 120 code points (240 UTF-16 units)', { title: '😀'.repeat(120) }],
    ['title padded with spaces beyond 120', { title: `   ${'x'.repeat(120)}   ` }],
    ['author of 60 characters', { author: 'a'.repeat(60) }],
    ['author of 60 code points', { author: '𝒜'.repeat(60) }],
    ['empty author', { author: '' }],
    ['null author', { author: null }],
    ['missing author', { author: undefined }],
    ['body of 5000 characters', { body: 'b'.repeat(5000) }],
    ['title of one character', { title: 'x' }],
    ['markup-looking text (it is data)', { title: '<script>alert(1)</script>' }],
  ];
  for (const [name, fields] of accepted) {
    test(`accepts ${name}`, async () => {
      const res = await post(/** @type {Record<string, unknown>} */ (fields));
      assert.equal(res.status, 201, await res.clone().text());
    });
  }

  const rejected = [
    ['title of 121 characters', { title: 'x'.repeat(121) }, ['title']],
    ['title of 121 code points', { title: '😀'.repeat(121) }, ['title']],
    ['empty title', { title: '' }, ['title']],
    ['whitespace-only title', { title: ' \n\t\u00a0 ' }, ['title']],
    ['missing title', { title: undefined }, ['title']],
    ['null title', { title: null }, ['title']],
    ['numeric title', { title: 42 }, ['title']],
    ['author of 61 characters', { author: 'a'.repeat(61) }, ['author']],
    ['author of 61 code points', { author: '𝒜'.repeat(61) }, ['author']],
    ['non-string author', { author: { name: 'x' } }, ['author']],
    ['body of 5001 characters', { body: 'b'.repeat(5001) }, ['body']],
    ['whitespace-only body', { body: '   \n  ' }, ['body']],
    ['missing body', { body: undefined }, ['body']],
    ['array body', { body: ['text'] }, ['body']],
    [
      'every field wrong',
      { title: '', author: 'a'.repeat(61), body: '' },
      ['author', 'body', 'title'],
    ],
  ];
  for (const [name, fields, invalid] of rejected) {
    test(`rejects ${name} with 422 validation_failed`, async () => {
      const error = await expectError(
        await post(/** @type {Record<string, unknown>} */ (fields)),
        422,
        'validation_failed',
      );
      assert.deepEqual(Object.keys(error.fields).sort(), invalid);
      for (const message of Object.values(error.fields)) {
        assert.match(String(message), /^[A-Z].+\.$/, 'a plain-English sentence');
      }
    });
  }

  test('trims the stored fields and fills a missing author with ""', async () => {
    server.api.configure({ moderation: false });
    const res = await server.post(ARTICLE, {
      title: '  Hello  ',
      body: '\n Line one\nLine two \n',
    });
    assert.equal(res.status, 201);
    const { comment } = await res.json();
    assert.equal(comment.title, 'Hello');
    assert.equal(comment.author, '');
    assert.equal(comment.body, 'Line one\nLine two');
    const list = await server.getJson(`/articles/${ARTICLE}/comments?limit=1`);
    assert.deepEqual(list.items[0], comment);
  });

  test('a missing article is 404, a closed one 403 comments_closed', async () => {
    await expectError(await server.post('nope', { title: 'x', body: 'y' }), 404, 'not_found');
    const closed = await server.post('comments-closed-example', { title: 'x', body: 'y' });
    await expectError(closed, 403, 'comments_closed');
    const list = await server.getJson('/articles/comments-closed-example/comments');
    assert.equal(list.total, 2, 'existing comments of a closed article are still listed');
    const article = await server.getJson('/articles/comments-closed-example');
    assert.deepEqual(article.comments, { enabled: false, count: 2 });
  });

  test('a body that is not JSON, or not an object, is 400 bad_request', async () => {
    for (const body of ['{"title": ', 'not json', '', '[]', '"text"', 'null', '42']) {
      await expectError(await server.post(ARTICLE, body), 400, 'bad_request');
    }
  });

  test('a content type other than JSON is 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp']) {
      const res = await server.post(ARTICLE, { title: 'x', body: 'y' }, { 'Content-Type': type });
      await expectError(res, 415, 'unsupported_media_type');
    }
    const withCharset = await server.post(
      ARTICLE,
      { title: 'x', body: 'y' },
      { 'Content-Type': 'Application/JSON; charset=utf-8' },
    );
    assert.equal(withCharset.status, 201);
  });

  test('a body over the limit is 413 and the server keeps working', async () => {
    const huge = JSON.stringify({ title: 'x', body: 'y'.repeat(70_000) });
    await expectError(await server.post(ARTICLE, huge), 413, 'payload_too_large');
    assert.equal(await totalOf(ARTICLE), 4);
    assert.equal((await server.get('/site')).status, 200);
  });

  test('a streamed body without Content-Length is cut off at maxBodyBytes', async () => {
    const small = await startServer({ maxBodyBytes: 200 });
    try {
      const chunk = new Uint8Array(64 * 1024).fill(32);
      const total = 256 * chunk.length;
      let sent = 0;
      const stream = new ReadableStream({
        pull(controller) {
          if (sent >= total) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const res = await fetch(`${small.apiUrl}/articles/${ARTICLE}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: stream,
        duplex: 'half',
      });
      await expectError(res, 413, 'payload_too_large');
      assert.ok(sent < total, `the server stopped reading (${sent} of ${total} bytes sent)`);
      const ok = await small.post(ARTICLE, { title: 'x', body: 'y' });
      assert.equal(ok.status, 201, 'a small body still works');
    } finally {
      await small.close();
    }
  });
});

describe('POST /articles/{slug}/comments: moderation', () => {
  test('by default new comments are pending and not listed', async () => {
    const res = await server.post(ARTICLE, { title: 'Held', author: 'Me', body: 'For review' });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = await res.json();
    assert.equal(body.status, 'pending');
    assert.deepEqual(Object.keys(body.comment).sort(), [
      'author',
      'body',
      'created',
      'id',
      'title',
    ]);
    assert.match(body.comment.id, /^c-\d+$/);
    assert.match(body.comment.created, ISO_TIMESTAMP);
    assert.ok(Math.abs(Date.parse(body.comment.created) - Date.now()) < 60_000);
    const list = await server.getJson(`/articles/${ARTICLE}/comments`);
    assert.equal(list.total, 4);
    assert.ok(!list.items.some((/** @type {any} */ c) => c.id === body.comment.id));
    assert.equal((await server.getJson(`/articles/${ARTICLE}`)).comments.count, 4);
  });

  test('with moderation off comments are published, listed first and counted', async () => {
    server.api.configure({ moderation: false });
    const res = await server.post(ARTICLE, { title: 'Live', author: 'Me', body: 'Right away' });
    const body = await res.json();
    assert.equal(body.status, 'published');
    const list = await server.getJson(`/articles/${ARTICLE}/comments`);
    assert.equal(list.total, 5);
    assert.deepEqual(list.items[0], body.comment);
    assert.equal((await server.getJson(`/articles/${ARTICLE}`)).comments.count, 5);
    const oldest = await server.getJson(`/articles/${ARTICLE}/comments?sort=oldest`);
    assert.deepEqual(oldest.items.at(-1), body.comment);
  });

  test('reset() restores moderation and the seed comments', async () => {
    server.api.configure({ moderation: false });
    await server.post(ARTICLE, { title: 'Live', body: 'x' }, key('reset-key'));
    assert.equal(await totalOf(ARTICLE), 5);
    await server.api.reset();
    assert.equal(await totalOf(ARTICLE), 4);
    const res = await server.post(ARTICLE, { title: 'Again', body: 'x' }, key('reset-key'));
    assert.equal((await res.json()).status, 'pending', 'moderation is back on; key was forgotten');
  });
});

describe('POST /articles/{slug}/comments: idempotency', () => {
  beforeEach(() => server.api.configure({ moderation: false }));

  test('the same key twice creates one comment and returns the first response', async () => {
    const draft = { title: 'Once', body: 'Only once please' };
    const first = await server.post(ARTICLE, draft, key('draft-1'));
    const firstText = await first.text();
    const second = await server.post(ARTICLE, draft, key('draft-1'));
    assert.equal(second.status, first.status);
    assert.equal(await second.text(), firstText);
    assert.equal(await totalOf(ARTICLE), 5);
    assert.equal(second.headers.get('idempotency-replayed'), 'true');
    const changed = await server.post(ARTICLE, { title: 'Edited', body: 'b' }, key('draft-1'));
    await expectError(changed, 422, 'idempotency_key_reused');
    assert.equal(await totalOf(ARTICLE), 5, 'a reused key with another comment stores nothing');
  });

  test('retries take no id: posts are numbered without gaps on every store', async () => {
    // Posted ids start at 100001 whichever store answers (store/migrations.ts).
    const ids = [];
    for (const n of [1, 2, 3]) {
      const draft = { title: `Post ${n}`, body: `Numbered ${n}` };
      const first = await server.post(ARTICLE, draft, key(`numbered-${n}`));
      assert.equal(first.status, 201);
      const retry = await server.post(ARTICLE, draft, key(`numbered-${n}`));
      assert.equal(retry.headers.get('idempotency-replayed'), 'true');
      ids.push((await first.json()).comment.id, (await retry.json()).comment.id);
    }
    await expectError(
      await server.post(ARTICLE, { title: 'Other', body: 'x' }, key('numbered-1')),
      422,
      'idempotency_key_reused',
    );
    const plain = await server.post(ARTICLE, { title: 'Plain', body: 'No key' });
    ids.push((await plain.json()).comment.id);
    assert.deepEqual(ids, [
      'c-100001',
      'c-100001',
      'c-100002',
      'c-100002',
      'c-100003',
      'c-100003',
      'c-100004',
    ]);
  });

  test('concurrent requests with one key create one comment', async () => {
    const draft = { title: 'Race', body: 'Double click' };
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => server.post(ARTICLE, draft, key('race'))),
    );
    const texts = await Promise.all(responses.map((res) => res.text()));
    assert.ok(responses.every((res) => res.status === 201));
    assert.equal(new Set(texts).size, 1);
    assert.equal(await totalOf(ARTICLE), 5);
  });

  test('different keys, no key, or another article create new comments', async () => {
    // Different bodies: the same text again from one client is held as a duplicate.
    const draft = { title: 'Same text', body: 'Same body' };
    await server.post(ARTICLE, { ...draft, body: 'Same body 1' }, key('a'));
    await server.post(ARTICLE, { ...draft, body: 'Same body 2' }, key('b'));
    await server.post(ARTICLE, { ...draft, body: 'Same body 3' });
    await server.post(ARTICLE, { ...draft, body: 'Same body 4' });
    assert.equal(await totalOf(ARTICLE), 8);
    const other = await server.post('no-comments-example', draft, key('a'));
    assert.equal(other.status, 201);
    assert.equal(await totalOf('no-comments-example'), 1);
  });

  test('a failed attempt does not use up the key', async () => {
    await expectError(
      await server.post(ARTICLE, { title: '', body: 'x' }, key('fix-me')),
      422,
      'validation_failed',
    );
    const fixed = await server.post(ARTICLE, { title: 'Fixed', body: 'x' }, key('fix-me'));
    assert.equal(fixed.status, 201);
  });

  test('keys longer than 200 characters are 400', async () => {
    const draft = { title: 'k', body: 'k' };
    assert.equal((await server.post(ARTICLE, draft, key('k'.repeat(200)))).status, 201);
    for (const bad of ['k'.repeat(201), '', '   ']) {
      const error = await expectError(
        await server.post(ARTICLE, draft, key(bad)),
        400,
        'bad_request',
      );
      assert.equal(error.message, 'Idempotency-Key must be 1 to 200 characters.', `"${bad}"`);
    }
  });
});

describe('POST /articles/{slug}/comments: rate limit', () => {
  test('too many posts get 429 with Retry-After; replays are not counted', async () => {
    server.api.configure({ moderation: false, rateLimit: { max: 2, windowMs: 60_000 } });
    const draft = { title: 'Rate', body: 'limit' };
    const first = await server.post(ARTICLE, draft, key('r1'));
    const firstText = await first.text();
    for (let i = 0; i < 5; i += 1) {
      assert.equal(await (await server.post(ARTICLE, draft, key('r1'))).text(), firstText);
    }
    assert.equal(
      (await server.post(ARTICLE, { ...draft, body: 'limit 2' }, key('r2'))).status,
      201,
      'replays did not count',
    );
    const limited = await server.post(ARTICLE, { ...draft, body: 'limit 3' }, key('r3'));
    const retryAfter = limited.headers.get('retry-after');
    await expectError(limited, 429, 'rate_limited');
    assert.match(retryAfter ?? '', /^\d+$/);
    assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 60);
    const replay = await server.post(ARTICLE, draft, key('r1'));
    assert.equal(await replay.text(), firstText, 'a replay still answers while limited');
    assert.equal(await totalOf(ARTICLE), 6);
  });

  test('the window slides: posting works again once it has passed', async () => {
    server.api.configure({ rateLimit: { max: 1, windowMs: 300 } });
    assert.equal((await server.post(ARTICLE, { title: 'a', body: 'b' })).status, 201);
    const limited = await server.post(ARTICLE, { title: 'a', body: 'b' });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    await new Promise((resolve) => setTimeout(resolve, 350));
    assert.equal((await server.post(ARTICLE, { title: 'a', body: 'b' })).status, 201);
  });

  test('the default limit is 10 posts a minute', async () => {
    const strict = await startServer({ rateLimit: undefined });
    try {
      const statuses = [];
      for (let i = 0; i < 11; i += 1) {
        statuses.push((await strict.post(ARTICLE, { title: `t${i}`, body: 'b' })).status);
      }
      assert.deepEqual(statuses, [...Array(10).fill(201), 429]);
      await strict.api.reset();
      assert.equal((await strict.post(ARTICLE, { title: 'x', body: 'b' })).status, 201);
    } finally {
      await strict.close();
    }
  });
});

describe('addArticle()', () => {
  test('serves the article and seeds given or generated comments, once', async () => {
    const article = {
      slug: 'added',
      title: 'Added',
      url: 'https://example.org/added',
      bodyHtml: '',
    };
    await server.api.addArticle(article, {
      comments: [
        { title: 'old', author: null, body: 'a', created: '2001-01-01T00:00:00Z' },
        { title: 'new', author: 'Z', body: 'b', created: '2002-01-01T00:00:00Z' },
      ],
    });
    await server.api.addArticle(article, {
      comments: [
        { title: 'old', author: null, body: 'a', created: '2001-01-01T00:00:00Z' },
        { title: 'new', author: 'Z', body: 'b', created: '2002-01-01T00:00:00Z' },
      ],
    });
    const list = await server.getJson('/articles/added/comments');
    assert.deepEqual(
      list.items.map((/** @type {any} */ c) => [c.title, c.created]),
      [
        ['new', '2002-01-01T00:00:00Z'],
        ['old', '2001-01-01T00:00:00Z'],
      ],
    );
    assert.equal((await server.getJson('/articles/added')).comments.count, 2);

    await server.api.addArticle({ ...article, slug: 'generated' }, { commentCount: 250 });
    const { items } = await collectPages(server, '/articles/generated/comments?limit=100');
    assert.equal(items.length, 250);
    assert.equal(new Set(items.map((c) => c.id)).size, 250);

    await server.api.reset();
    assert.equal(await totalOf('added'), 2, 'reset re-seeds added articles');
  });
});
