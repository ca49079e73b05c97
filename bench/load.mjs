// 6. The Content API service under load, from a second process on loopback: autocannon
// runs here, each instance of the service in its own process. Three set-ups — one
// instance on SQLite, one and three instances sharing one PostgreSQL database — each
// measured on three requests: GET one article, the same as a conditional request
// (If-None-Match with the article's ETag, answered 304), and POST a comment (each with
// its own body and Idempotency-Key, as the widget sends them).
//
// PostgreSQL is a throwaway cluster (scripts/postgres.mjs) switched back to durable
// settings (fsync, synchronous_commit, full_page_writes on), so a 201 costs what it
// costs in production; SQLite runs as the service always runs it (WAL, synchronous=FULL).
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { startPostgres } from '../scripts/postgres.mjs';
import { startServer } from './server.mjs';

const ARTICLE = 'resilience-social-support-benefits';
const ARTICLE_PATH = `/api/v1/articles/${ARTICLE}`;
const COMMENTS_PATH = `${ARTICLE_PATH}/comments`;
/** A multiple of every instance count, so that each instance gets as many connections. */
const CONNECTIONS = 48;
const WARMUP_SECONDS = 2;
/** Every PostgreSQL instance shares it, as in production. */
const SECRET = 'bench-secret-for-the-load-test-only-0123456789';

const SETUPS = [
  { name: 'SQLite, 1 instance', store: 'sqlite', instances: 1 },
  { name: 'PostgreSQL, 1 instance', store: 'postgres', instances: 1 },
  { name: 'PostgreSQL, 3 instances', store: 'postgres', instances: 3 },
];

/** One autocannon run over every URL (autocannon spreads its connections over them). */
function run(urls, { seconds, headers = {}, requests }) {
  return autocannon({ url: urls, connections: CONNECTIONS, duration: seconds, headers, requests });
}

/** Requests per second, p50 and p99 latency and status counts of one autocannon run. */
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

/** POST requests, each with a comment and an Idempotency-Key of its own. */
function commentPosts() {
  const run = randomUUID();
  let n = 0;
  return [
    {
      method: 'POST',
      setupRequest(request) {
        n += 1;
        return {
          ...request,
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            'idempotency-key': `${run}-${n}`,
          },
          body: JSON.stringify({
            title: 'Under load',
            author: 'Bench',
            body: `Comment ${n} of a load test: reading this helped me today.`,
          }),
        };
      },
    },
  ];
}

/** A throwaway PostgreSQL cluster with durable settings, and a database per set-up. */
async function startDurablePostgres() {
  const cluster = await startPostgres();
  const admin = new pg.Client({ connectionString: cluster.url });
  try {
    await admin.connect();
    for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) {
      await admin.query(`ALTER SYSTEM SET ${setting} = on`);
    }
    await admin.query('SELECT pg_reload_conf()');
    // The reload is asynchronous: wait (briefly) until a new session sees it.
    for (let attempt = 0; ; attempt++) {
      const probe = new pg.Client({ connectionString: cluster.url });
      await probe.connect();
      const { rows } = await probe.query('SHOW fsync');
      await probe.end();
      if (rows[0].fsync === 'on') break;
      if (attempt >= 50) throw new Error('PostgreSQL did not take fsync = on');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await admin.end().catch(() => {});
    await cluster.stop();
    throw error;
  }
  let databases = 0;
  return {
    async database() {
      const name = `bench_${(databases += 1)}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(cluster.url);
      url.pathname = `/${name}`;
      return url.href;
    },
    async stop() {
      await admin.end().catch(() => {});
      await cluster.stop();
    },
  };
}

/** Starts the set-up's instances one after another (each seeds the sample comments). */
async function startInstances(setup, postgres) {
  const databaseUrl = setup.store === 'postgres' ? await postgres.database() : undefined;
  const servers = [];
  try {
    for (let i = 0; i < setup.instances; i++) {
      servers.push(await startServer({ databaseUrl, secret: SECRET, apiOnly: true }));
    }
    return servers;
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
}

async function measureSetup(setup, servers, seconds) {
  const urls = (path) => servers.map((server) => new URL(path, server.origin).href);
  for (const server of servers) {
    const { hostname } = new URL(server.origin);
    if (hostname !== '127.0.0.1') throw new Error(`refusing to load ${hostname}: loopback only`);
  }
  const etags = new Set();
  for (const url of urls(ARTICLE_PATH)) etags.add((await fetch(url)).headers.get('etag'));
  const [etag] = etags;
  if (etags.size !== 1 || !etag) {
    throw new Error(`${ARTICLE_PATH}: the instances give different or no ETags`);
  }
  await run(urls(ARTICLE_PATH), { seconds: WARMUP_SECONDS });
  const rows = [
    summarize('GET article (200)', await run(urls(ARTICLE_PATH), { seconds })),
    summarize(
      'conditional GET (If-None-Match → 304)',
      await run(urls(ARTICLE_PATH), { seconds, headers: { 'if-none-match': etag } }),
    ),
  ];
  await run(urls(COMMENTS_PATH), { seconds: WARMUP_SECONDS, requests: commentPosts() });
  rows.push(
    summarize(
      'POST comment (201)',
      await run(urls(COMMENTS_PATH), { seconds, requests: commentPosts() }),
    ),
  );
  return { name: setup.name, instances: setup.instances, store: setup.store, rows };
}

/** @param {{ loadSeconds: number }} ctx */
export async function measureLoad({ loadSeconds: seconds }) {
  let postgres = null;
  const setups = [];
  try {
    for (const setup of SETUPS) {
      if (setup.store === 'postgres') postgres ??= await startDurablePostgres();
      console.error(`bench: load: ${setup.name}…`);
      const servers = await startInstances(setup, postgres);
      try {
        setups.push(await measureSetup(setup, servers, seconds));
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
      }
    }
  } finally {
    await postgres?.stop();
  }
  return { connections: CONNECTIONS, seconds, article: ARTICLE, setups };
}
