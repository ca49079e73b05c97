import { expect } from '@open-wc/testing';
import { ContentClient, buildUrl, parseRetryAfter } from '../src/core/content-client.js';
import { ContentError } from '../src/core/errors.js';
import { parseArticle, parseCommentPage, parseSite } from '../src/core/api-types.js';
import { addArticle, apiUrl, resetServerStats, serverStats } from './helpers/server.js';

const SLUG = 'resilience-social-support-benefits';
const identity = (json: unknown) => json;
/** Real fetch that bypasses the browser's HTTP cache, so the server counts every request the client makes. */
const noStore: typeof fetch = (input, init) => fetch(input, { ...init, cache: 'no-store' });

/** A scripted fetch for faults the reference server cannot produce. */
function scriptedFetch(steps: Array<(init?: RequestInit) => Promise<Response>>) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const impl = ((input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    const step = steps[Math.min(calls.length - 1, steps.length - 1)]!;
    return step(init);
  }) as typeof fetch;
  return { impl, calls };
}

const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  () =>
    Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
    );

/** Never answers until aborted (a hung server). */
const hang = (init?: RequestInit) =>
  new Promise<Response>((_, reject) => {
    init?.signal?.addEventListener('abort', () =>
      reject(new DOMException('aborted', 'AbortError')),
    );
  });

const networkDown = () => Promise.reject(new TypeError('Failed to fetch'));

async function rejection(promise: Promise<unknown>): Promise<ContentError> {
  try {
    await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(ContentError);
    return e as ContentError;
  }
  throw new Error('expected the promise to reject');
}

describe('ContentClient against the reference server', () => {
  let endpoint: string;
  before(async () => {
    endpoint = await apiUrl();
  });
  beforeEach(() => resetServerStats());

  it('reads and parses an article', async () => {
    const client = new ContentClient();
    const article = await client.get(endpoint, ['articles', SLUG], { parse: parseArticle });
    expect(article.slug).to.equal(SLUG);
    expect(article.authors.length).to.equal(2);
    expect(article.bodyHtml).to.contain('<p>');
  });

  it('accepts an endpoint with a trailing slash', async () => {
    const client = new ContentClient();
    const site = await client.get(`${endpoint}/`, ['site'], { parse: parseSite });
    expect(site.name).to.be.a('string').and.not.equal('');
  });

  it('shares one request between two callers of the same URL', async () => {
    const client = new ContentClient({ fetch: noStore });
    const [a, b] = await Promise.all([
      client.get(endpoint, ['articles', SLUG], { parse: parseArticle }),
      client.get(endpoint, ['articles', SLUG], { parse: parseArticle }),
    ]);
    expect(a.title).to.equal(b.title);
    const stats = await serverStats();
    expect(stats.requests).to.equal(1);
  });

  it('serves a repeated GET from its short cache, and `fresh` bypasses it', async () => {
    const client = new ContentClient({ fetch: noStore });
    await client.get(endpoint, ['site'], { parse: parseSite });
    await client.get(endpoint, ['site'], { parse: parseSite });
    expect((await serverStats()).requests).to.equal(1);
    await client.get(endpoint, ['site'], { parse: parseSite, fresh: true });
    expect((await serverStats()).requests).to.equal(2);
  });

  it('expires cached answers after the TTL', async () => {
    const client = new ContentClient({ cacheTtlMs: 30, fetch: noStore });
    await client.get(endpoint, ['site'], { parse: parseSite });
    await new Promise((r) => setTimeout(r, 60));
    await client.get(endpoint, ['site'], { parse: parseSite });
    expect((await serverStats()).requests).to.equal(2);
  });

  it('types a 404 as not_found, without retrying', async () => {
    const client = new ContentClient({ fetch: noStore });
    const error = await rejection(
      client.get(endpoint, ['articles', 'no-such-article'], { parse: parseArticle }),
    );
    expect(error.code).to.equal('not_found');
    expect(error.status).to.equal(404);
    expect((await serverStats()).requests).to.equal(1);
  });

  it('reads a comment page with its cursor', async () => {
    const client = new ContentClient();
    const page = await client.get(endpoint, ['articles', SLUG, 'comments'], {
      parse: parseCommentPage,
      query: { limit: 2, sort: 'newest' },
    });
    expect(page.items).to.have.length(2);
    expect(page.nextCursor).to.be.a('string');
  });

  it('reports a dead endpoint as a network error', async () => {
    const client = new ContentClient({ retries: 1, backoffMs: 10 });
    const error = await rejection(
      client.get('http://127.0.0.1:9/api/v1', ['site'], { parse: identity }),
    );
    expect(error.code).to.equal('network');
  });

  it('keeps the server’s code: a reused idempotency key, a body too large, a wrong method', async () => {
    const slug = `idempotency-${Date.now().toString(36)}`;
    await addArticle({
      slug,
      title: 'Idempotency',
      url: `https://www.example.org/${slug}/`,
      authors: [],
      bodyHtml: '<p>Test.</p>',
      comments: { enabled: true },
    });
    const client = new ContentClient();
    const post = (body: unknown, path = ['articles', slug, 'comments']) =>
      client.post(endpoint, path, body, { parse: identity, idempotencyKey: 'key-reused-test' });
    const first = { title: 'First', body: 'The first version.' };
    await post(first);
    // The same comment again is replayed; another comment under that key is refused.
    expect(await post(first)).to.deep.include({ status: 'pending' });
    const reused = await rejection(post({ ...first, body: 'An edited version.' }));
    expect(reused.code).to.equal('idempotency_key_reused');
    expect(reused.serverCode).to.equal('idempotency_key_reused');
    expect(reused.status).to.equal(422);
    expect(reused.fields).to.equal(undefined);
    const large = await rejection(post({ ...first, body: 'x'.repeat(70_000) }));
    expect(large.code).to.equal('payload_too_large');
    expect(large.status).to.equal(413);
    const method = await rejection(post(first, ['site']));
    expect(method.code).to.equal('http');
    expect(method.status).to.equal(405);
    expect(method.serverCode).to.equal('method_not_allowed');
  });
});

describe('ContentClient faults (scripted fetch)', () => {
  const endpoint = 'https://content.example.org/api/v1';

  it('never sends credentials and asks for JSON', async () => {
    const { impl, calls } = scriptedFetch([json({ ok: true })]);
    await new ContentClient({ fetch: impl }).get(endpoint, ['site'], { parse: identity });
    expect(calls[0]!.init?.credentials).to.equal('omit');
    expect(calls[0]!.init?.mode).to.equal('cors');
    expect((calls[0]!.init?.headers as Record<string, string>)['Accept']).to.equal(
      'application/json',
    );
  });

  it('times out a hung attempt as `timeout`', async () => {
    const { impl, calls } = scriptedFetch([hang]);
    const client = new ContentClient({
      fetch: impl,
      timeoutMs: 50,
      deadlineMs: 120,
      retries: 5,
      backoffMs: 1,
    });
    const error = await rejection(client.get(endpoint, ['site'], { parse: identity }));
    expect(error.code).to.equal('timeout');
    // Retries stop at the overall deadline: 120 ms allows two 50 ms attempts, not six.
    expect(calls.length).to.be.within(1, 3);
  });

  it('retries 5xx and succeeds when the server recovers', async () => {
    const { impl, calls } = scriptedFetch([
      json({ error: { code: 'internal', message: 'boom' } }, 503),
      json({ name: 'ok' }),
    ]);
    const client = new ContentClient({ fetch: impl, backoffMs: 1 });
    const result = await client.get(endpoint, ['site'], { parse: identity });
    expect(result).to.deep.equal({ name: 'ok' });
    expect(calls).to.have.length(2);
  });

  it('gives up after a few attempts on a persistent 500, typed `http` with its status', async () => {
    const { impl, calls } = scriptedFetch([
      json({ error: { code: 'internal', message: 'x' } }, 500),
    ]);
    const client = new ContentClient({ fetch: impl, backoffMs: 1, retries: 2 });
    const error = await rejection(client.get(endpoint, ['site'], { parse: identity }));
    expect(error.code).to.equal('http');
    expect(error.status).to.equal(500);
    expect(calls).to.have.length(3);
  });

  it('honours Retry-After on 429 before retrying', async () => {
    const { impl, calls } = scriptedFetch([
      json({ error: { code: 'rate_limited', message: 'slow down' } }, 429, { 'Retry-After': '1' }),
      json({ name: 'ok' }),
    ]);
    const client = new ContentClient({ fetch: impl, backoffMs: 1 });
    const started = performance.now();
    await client.get(endpoint, ['site'], { parse: identity });
    expect(calls).to.have.length(2);
    // The second attempt waited for the server's Retry-After (1 s), not the 1 ms backoff.
    expect(performance.now() - started).to.be.at.least(950);
  });

  it('does not wait for a Retry-After beyond its deadline: it reports rate_limited at once', async () => {
    const { impl, calls } = scriptedFetch([
      json({ error: { code: 'rate_limited', message: 'later' } }, 429, { 'Retry-After': '120' }),
    ]);
    const client = new ContentClient({ fetch: impl });
    const error = await rejection(client.get(endpoint, ['site'], { parse: identity }));
    expect(error.code).to.equal('rate_limited');
    expect(error.retryAfter).to.equal(120);
    expect(calls).to.have.length(1);
  });

  it('does not retry other 4xx errors', async () => {
    const { impl, calls } = scriptedFetch([
      json({ error: { code: 'bad_request', message: 'no' } }, 400),
    ]);
    const error = await rejection(
      new ContentClient({ fetch: impl }).get(endpoint, ['site'], { parse: identity }),
    );
    expect(error.code).to.equal('http');
    expect(error.status).to.equal(400);
    expect(error.message).to.equal('no');
    expect(calls).to.have.length(1);
  });

  it('types a non-JSON success as bad_response', async () => {
    const { impl } = scriptedFetch([
      () =>
        Promise.resolve(
          new Response('<html>oops</html>', { headers: { 'Content-Type': 'text/html' } }),
        ),
    ]);
    const error = await rejection(
      new ContentClient({ fetch: impl }).get(endpoint, ['site'], { parse: identity }),
    );
    expect(error.code).to.equal('bad_response');
  });

  it('types an empty 200 body as bad_response', async () => {
    const { impl } = scriptedFetch([() => Promise.resolve(new Response(''))]);
    const error = await rejection(
      new ContentClient({ fetch: impl }).get(endpoint, ['site'], { parse: identity }),
    );
    expect(error.code).to.equal('bad_response');
  });

  it('types JSON that lacks required fields as bad_response', async () => {
    const { impl } = scriptedFetch([json({ slug: 'x', title: 42 })]);
    const error = await rejection(
      new ContentClient({ fetch: impl }).get(endpoint, ['articles', 'x'], { parse: parseArticle }),
    );
    expect(error.code).to.equal('bad_response');
  });

  it('copes with a non-JSON error body and an empty error body', async () => {
    for (const body of ['Bad Gateway', '']) {
      const { impl } = scriptedFetch([
        () =>
          Promise.resolve(
            new Response(body, { status: 404, headers: { 'Content-Type': 'text/plain' } }),
          ),
      ]);
      const error = await rejection(
        new ContentClient({ fetch: impl }).get(endpoint, ['x'], { parse: identity }),
      );
      expect(error.code).to.equal('not_found');
    }
  });

  it('reads 422 field messages and 403 comments_closed from the envelope', async () => {
    const { impl } = scriptedFetch([
      json(
        { error: { code: 'validation_failed', message: 'bad', fields: { body: 'Too long.' } } },
        422,
      ),
      json({ error: { code: 'comments_closed', message: 'closed' } }, 403),
    ]);
    const client = new ContentClient({ fetch: impl });
    const invalid = await rejection(client.post(endpoint, ['a'], {}, { parse: identity }));
    expect(invalid.code).to.equal('validation_failed');
    expect(invalid.fields).to.deep.equal({ body: 'Too long.' });
    const closed = await rejection(client.post(endpoint, ['a'], {}, { parse: identity }));
    expect(closed.code).to.equal('comments_closed');
  });

  it('retries a GET after 408 request_timeout like a timeout; keeps 415 as http', async () => {
    const { impl, calls } = scriptedFetch([
      json({ error: { code: 'request_timeout', message: 'slow' } }, 408),
      json({ ok: true }),
    ]);
    const data = await new ContentClient({ fetch: impl, backoffMs: 1 }).get(endpoint, ['x'], {
      parse: identity,
    });
    expect(data).to.deep.equal({ ok: true });
    expect(calls).to.have.length(2);
    const timedOut = await rejection(
      new ContentClient({
        fetch: scriptedFetch([json({ error: { code: 'request_timeout', message: 'slow' } }, 408)])
          .impl,
      }).post(endpoint, ['a'], {}, { parse: identity }),
    );
    expect(timedOut.code).to.equal('timeout');
    expect(timedOut.status).to.equal(408);
    const media = await rejection(
      new ContentClient({
        fetch: scriptedFetch([
          json({ error: { code: 'unsupported_media_type', message: 'json only' } }, 415),
        ]).impl,
      }).post(endpoint, ['a'], {}, { parse: identity }),
    );
    expect(media.code).to.equal('http');
    expect(media.serverCode).to.equal('unsupported_media_type');
  });

  it('does not retry a POST by itself, and sends the idempotency key and JSON body', async () => {
    const { impl, calls } = scriptedFetch([networkDown]);
    const client = new ContentClient({ fetch: impl, backoffMs: 1 });
    const error = await rejection(
      client.post(
        endpoint,
        ['articles', 'a', 'comments'],
        { title: 't' },
        { parse: identity, idempotencyKey: 'k-1' },
      ),
    );
    expect(error.code).to.equal('network');
    expect(calls).to.have.length(1);
    const headers = calls[0]!.init?.headers as Record<string, string>;
    expect(headers['Idempotency-Key']).to.equal('k-1');
    expect(headers['Content-Type']).to.equal('application/json');
    expect(calls[0]!.init?.body).to.equal('{"title":"t"}');
  });

  it('aborts: the caller gets `aborted`, and the shared request is cancelled when nobody waits', async () => {
    let underlying: AbortSignal | undefined;
    const { impl } = scriptedFetch([
      (init) => {
        underlying = init?.signal ?? undefined;
        return hang(init);
      },
    ]);
    const client = new ContentClient({ fetch: impl });
    const one = new AbortController();
    const two = new AbortController();
    const first = client.get(endpoint, ['site'], { parse: identity, signal: one.signal });
    const second = client.get(endpoint, ['site'], { parse: identity, signal: two.signal });
    await Promise.resolve();
    one.abort();
    expect((await rejection(first)).code).to.equal('aborted');
    expect(underlying?.aborted).to.equal(false);
    two.abort();
    expect((await rejection(second)).code).to.equal('aborted');
    expect(underlying?.aborted).to.equal(true);
  });

  it('does not start a request for an already aborted signal', async () => {
    const { impl, calls } = scriptedFetch([json({})]);
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(
      new ContentClient({ fetch: impl }).get(endpoint, ['site'], {
        parse: identity,
        signal: controller.signal,
      }),
    );
    expect(error.code).to.equal('aborted');
    expect(calls).to.have.length(0);
  });

  it('refuses non-http(s) endpoints', async () => {
    const { impl, calls } = scriptedFetch([json({})]);
    const error = await rejection(
      new ContentClient({ fetch: impl }).get('javascript:alert(1)', ['site'], { parse: identity }),
    );
    expect(error.code).to.equal('not_configured');
    expect(calls).to.have.length(0);
  });
});

describe('URL and header helpers', () => {
  it('encodes path segments and drops empty query values', () => {
    expect(
      buildUrl('https://x.org/api/v1/', ['articles', 'a/b?c', 'comments'], {
        limit: 5,
        cursor: null,
        sort: '',
      }),
    ).to.equal('https://x.org/api/v1/articles/a%2Fb%3Fc/comments?limit=5');
  });

  it('keeps . and .. as data: never a URL that names the parent resource', () => {
    for (const segment of ['.', '..']) {
      expect(() => buildUrl('https://x.org/api/v1', ['topics', 't', 'sections', segment]))
        .to.throw(ContentError)
        .with.property('code', 'not_found');
    }
    // Dots inside a segment, or percent signs, are ordinary data.
    expect(buildUrl('https://x.org/api/v1', ['articles', '...', 'comments'])).to.equal(
      'https://x.org/api/v1/articles/.../comments',
    );
    expect(buildUrl('https://x.org/api/v1', ['articles', '%2E%2E'])).to.equal(
      'https://x.org/api/v1/articles/%252E%252E',
    );
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).to.equal(7);
    expect(parseRetryAfter(null)).to.equal(undefined);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).to.equal(30);
  });
});
