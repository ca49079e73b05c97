// 6. The reference server under load from a second process on loopback: autocannon runs
// here, the server in its own process. GET one article at 50 connections, plainly and as
// conditional requests (If-None-Match with the article's ETag, answered 304).
import autocannon from 'autocannon';

const PATH = '/api/v1/articles/resilience-social-support-benefits';
const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;

function run(url, { seconds, headers = {} }) {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
}

/** Requests per second, p99 latency and status counts of one autocannon run. */
function summarize(name, result) {
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
    ),
    errors: result.errors + result.timeouts,
  };
}

/**
 * @param {{ origin: string, loadSeconds: number }} ctx origin must be loopback
 *   (http://127.0.0.1:port)
 */
export async function measureLoad({ origin, loadSeconds: seconds }) {
  const url = new URL(PATH, origin);
  if (url.hostname !== '127.0.0.1') throw new Error(`refusing to load ${url.host}: loopback only`);
  const etag = (await fetch(url)).headers.get('etag');
  if (!etag) throw new Error(`${PATH} has no ETag`);
  await run(url.href, { seconds: WARMUP_SECONDS });
  return {
    connections: CONNECTIONS,
    seconds,
    rows: [
      summarize('GET (200 with the article)', await run(url.href, { seconds })),
      summarize(
        'conditional GET (If-None-Match → 304)',
        await run(url.href, { seconds, headers: { 'if-none-match': etag } }),
      ),
    ],
  };
}
