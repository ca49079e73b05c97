/**
 * Several instances of the service on one PostgreSQL database, run as a publisher runs
 * them: three `mhn-content-api serve` processes (the built command) with one
 * DATABASE_URL and no MHN_SECRET (client keys come from the secrets the store keeps), and
 * a throwaway cluster (scripts/postgres.mjs).
 *
 * What one instance promises must hold for all of them together: no comment lost or
 * stored twice under concurrent posts, an Idempotency-Key honoured by every instance, a
 * client's rate limit counted once across all of them, and nothing acknowledged lost
 * when an instance is killed outright (kill -9) in the middle of a burst.
 *
 * Posts come from distinct loopback addresses (127.x.y.z as the local address; Linux
 * routes all of 127/8 to lo), so that each poster has its own rate-limit budget, as
 * real readers do; the rate-limit test uses one address on purpose. This suite always
 * uses PostgreSQL (several instances cannot share a SQLite file), whatever
 * MHN_TEST_STORE says. The content is the sample folder without its seed comments (a
 * publisher's own folder usually has none), which keeps the start of three instances
 * short.
 *
 * The kill must land while the killed instance is provably in the middle of posts, which
 * timing alone does not guarantee on a loaded machine (every answer may already be on
 * its way). So, mid-burst, the test holds a lock on the comments table for a moment from
 * a connection of its own: every instance's next inserts wait inside their transactions,
 * a few posts are sent to the victim (every worker may be waiting on a survivor by then),
 * and the kill comes once PostgreSQL shows at least one post of the victim (its
 * connections carry the application_name `mhn-victim`) waiting there. Then the lock is
 * released and the survivors carry on.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DEFAULT_RATE_LIMIT } from '../../server/build/server/service.js';
import { startPostgres } from '../../scripts/postgres.mjs';
import { repoRoot, request, startDemo } from './helpers.js';

const INSTANCES = 3;
/** Articles with comments open; each test posts to its own. */
const BURST_ARTICLE = 'self-esteem-basics';
const IDEMPOTENCY_ARTICLE = 'life-transitions';
const RATE_ARTICLE = 'resilience-positive-emotions';
const KILL_ARTICLE = 'resilience-an-introduction';
/** Per request; a test never waits on a hung connection for longer. */
const TIMEOUT_MS = 15_000;
const JSON_HEADERS = { 'content-type': 'application/json' };
/** The killed instance's connections say who they are, to be seen in pg_stat_activity. */
const VICTIM_APP = 'mhn-victim';

/** @type {{ url: string, stop(): Promise<void> } | undefined} */
let cluster;
/** @type {string | undefined} */
let contentDir;
/** @type {Array<Awaited<ReturnType<typeof startDemo>>>} */
const instances = [];

/** A loopback address of its own for poster `n` of a test (`group` keeps tests apart). */
function address(group, n) {
  return `127.${group}.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}

/** POSTs one comment to an instance; never rejects (status 0 when there was no answer). */
function post(instance, slug, comment, { localAddress, headers = {} } = {}) {
  return request(instance.origin, {
    method: 'POST',
    path: `/api/v1/articles/${slug}/comments`,
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify(comment),
    localAddress,
    timeoutMs: TIMEOUT_MS,
  });
}

/**
 * Every page of an article's published comments through one instance, oldest first,
 * as the raw page bodies and the comments they hold.
 */
async function readAll(instance, slug) {
  const pages = [];
  const items = [];
  let cursor = null;
  for (let page = 0; page < 100; page++) {
    const query = new URLSearchParams({ sort: 'oldest', limit: '100' });
    if (cursor) query.set('cursor', cursor);
    const res = await request(instance.origin, {
      path: `/api/v1/articles/${slug}/comments?${query}`,
      timeoutMs: TIMEOUT_MS,
    });
    assert.equal(res.status, 200, `page ${page} from ${instance.origin}: ${res.text}`);
    pages.push(res.text);
    const body = JSON.parse(res.text);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return { pages, items, total: body.total };
  }
  throw new Error(`more than 100 pages of comments on ${slug}`);
}

/** How many of `items` have each body. */
function countBodies(items) {
  const counts = new Map();
  for (const item of items) counts.set(item.body, (counts.get(item.body) ?? 0) + 1);
  return counts;
}

const running = (instance) =>
  instance.child.exitCode === null && instance.child.signalCode === null;

/** Stops an instance with SIGTERM, then SIGKILL if it has not gone in 5 s. */
async function stop(instance) {
  if (!running(instance)) return;
  const exited = once(instance.child, 'exit');
  instance.child.kill('SIGTERM');
  const timer = setTimeout(() => instance.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

describe('three instances on one PostgreSQL database', { timeout: 120_000 }, () => {
  before(async () => {
    contentDir = mkdtempSync(path.join(tmpdir(), 'mhn-multi-content-'));
    const sample = path.join(repoRoot, 'content');
    cpSync(sample, contentDir, {
      recursive: true,
      filter: (source) => path.relative(sample, source) !== 'comments',
    });
    cluster = await startPostgres();
    const env = { DATABASE_URL: cluster.url, MHN_SECRET: undefined, MHN_CONTENT: contentDir };
    const victimUrl = new URL(cluster.url);
    victimUrl.searchParams.set('application_name', VICTIM_APP);
    // Started together, as an orchestrator may: each runs the migrations, under a lock.
    // The last one is killed in the last test.
    const started = await Promise.allSettled(
      Array.from({ length: INSTANCES }, (_, i) =>
        startDemo({
          args: ['--no-demo', '--moderation', 'off'],
          env: i === INSTANCES - 1 ? { ...env, DATABASE_URL: victimUrl.href } : env,
        }),
      ),
    );
    for (const result of started) if (result.status === 'fulfilled') instances.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    for (const instance of instances) {
      assert.equal(instance.line.store, 'postgres');
      const ready = await request(instance.origin, { path: '/readyz' });
      assert.equal(ready.status, 200, ready.text);
    }
  });

  after(async () => {
    await Promise.all(instances.map(stop));
    await cluster?.stop();
    if (contentDir) rmSync(contentDir, { recursive: true, force: true });
  });

  test('500 concurrent posts over the three: each stored once, the same pages from every instance', async () => {
    const before = await readAll(instances[0], BURST_ARTICLE);
    const tag = randomUUID();
    const bodies = Array.from({ length: 500 }, (_, i) => `Burst ${tag} comment ${i}.`);
    const answers = await Promise.all(
      bodies.map((body, i) =>
        post(
          instances[i % INSTANCES],
          BURST_ARTICLE,
          { title: `Burst ${i}`, body },
          { localAddress: address(1, i) },
        ),
      ),
    );
    const refused = answers.filter((a) => a.status !== 201);
    assert.deepEqual(
      refused.map((a) => `${a.status} ${a.error ?? a.text}`),
      [],
      'every post is acknowledged',
    );
    const acknowledged = answers.map((a) => JSON.parse(a.text).comment);
    assert.equal(new Set(acknowledged.map((c) => c.id)).size, 500, 'each post has its own id');
    assert.deepEqual(
      acknowledged.map((c) => c.body),
      bodies,
    );

    const reads = await Promise.all(instances.map((instance) => readAll(instance, BURST_ARTICLE)));
    for (const read of reads.slice(1)) {
      assert.deepEqual(read.pages, reads[0].pages, 'every instance serves the same pages');
    }
    const { items, total } = reads[0];
    assert.equal(total, before.total + 500);
    assert.equal(items.length, total);
    assert.equal(new Set(items.map((c) => c.id)).size, items.length, 'no comment listed twice');
    const counts = countBodies(items);
    for (const body of bodies) assert.equal(counts.get(body), 1, `stored once: ${body}`);
    const listed = new Map(items.map((c) => [c.id, c]));
    for (const comment of acknowledged) assert.deepEqual(listed.get(comment.id), comment);
  });

  test('a retried Idempotency-Key is answered by another instance with the first answer', async () => {
    const localAddress = address(2, 0);
    const key = randomUUID();
    const comment = { title: 'Retried', body: `A post retried on another instance ${key}.` };
    const headers = { 'idempotency-key': key };

    const first = await post(instances[0], IDEMPOTENCY_ARTICLE, comment, { localAddress, headers });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.headers['idempotency-replayed'], undefined);
    for (const instance of instances.slice(1)) {
      const retry = await post(instance, IDEMPOTENCY_ARTICLE, comment, { localAddress, headers });
      assert.equal(retry.status, 201, retry.text);
      assert.equal(retry.headers['idempotency-replayed'], 'true');
      assert.equal(retry.text, first.text, 'byte for byte the first answer');
    }

    // A double submission landing on all three instances at the same moment.
    const key2 = randomUUID();
    const comment2 = { title: 'Sent thrice', body: `One post, three instances at once ${key2}.` };
    const together = await Promise.all(
      instances.map((instance) =>
        post(instance, IDEMPOTENCY_ARTICLE, comment2, {
          localAddress,
          headers: { 'idempotency-key': key2 },
        }),
      ),
    );
    assert.deepEqual(
      together.map((a) => a.status),
      [201, 201, 201],
    );
    assert.equal(new Set(together.map((a) => a.text)).size, 1, 'one answer for all three');
    assert.equal(together.filter((a) => a.headers['idempotency-replayed'] !== 'true').length, 1);

    const { items } = await readAll(instances[2], IDEMPOTENCY_ARTICLE);
    const counts = countBodies(items);
    assert.equal(counts.get(comment.body), 1, 'one row for the retried key');
    assert.equal(counts.get(comment2.body), 1, 'one row for the simultaneous key');
  });

  test("a client's rate limit is counted across the instances, not per instance", async () => {
    const { max } = DEFAULT_RATE_LIMIT;
    const localAddress = address(3, 0);
    const tag = randomUUID();
    const statuses = [];
    /** 201s per instance */
    const accepted = new Array(INSTANCES).fill(0);
    for (let i = 0; i < max * INSTANCES; i++) {
      const answer = await post(
        instances[i % INSTANCES],
        RATE_ARTICLE,
        { title: `Limited ${i}`, body: `Rate ${tag} ${i}.` },
        { localAddress },
      );
      statuses.push(answer.status);
      if (answer.status === 201) accepted[i % INSTANCES] += 1;
      if (answer.status === 429) {
        assert.match(String(answer.headers['retry-after']), /^[1-9]\d*$/);
        assert.equal(JSON.parse(answer.text).error.code, 'rate_limited');
      }
    }
    assert.deepEqual(statuses, [
      ...new Array(max).fill(201),
      ...new Array(max * (INSTANCES - 1)).fill(429),
    ]);
    // Each instance alone let fewer than `max` through before refusing.
    for (const count of accepted) assert.ok(count < max, `${accepted}`);

    const { items } = await readAll(instances[1], RATE_ARTICLE);
    assert.equal(items.filter((c) => c.body.startsWith(`Rate ${tag} `)).length, max);
  });

  test('kill -9 of one instance mid-burst loses no acknowledged comment', async (t) => {
    const WORKERS = 60;
    // Fewer than the rate limit per worker (each worker is one address).
    const POSTS_PER_WORKER = Math.min(8, DEFAULT_RATE_LIMIT.max);
    const KILL_AFTER = 30;
    const victim = instances[2];
    const tag = randomUUID();
    /** @type {Array<{ body: string, instance: number, sentBeforeKill: boolean, status: number, id?: string }>} */
    const outcomes = [];
    let killedAt = 0;
    let victimAcks = 0;
    /** @type {Promise<number> | null} the victim's posts waiting in PostgreSQL at the kill */
    let killing = null;
    const gate = new pg.Client({ connectionString: cluster?.url });
    await gate.connect();

    /** Kills the victim while some of its posts are waiting inside their transactions. */
    /** Posts one comment to instance `target` and records what came back. */
    const send = async (target, title, body, localAddress) => {
      const sentBeforeKill = killedAt === 0;
      const answer = await post(instances[target], KILL_ARTICLE, { title, body }, { localAddress });
      const outcome = { body, instance: target, sentBeforeKill, status: answer.status };
      if (answer.status === 201) outcome.id = JSON.parse(answer.text).comment.id;
      outcomes.push(outcome);
      return answer;
    };
    /** @type {Promise<unknown>[]} posts sent to the victim while the lock is held */
    const probes = [];

    const killMidPost = async () => {
      await gate.query('BEGIN');
      try {
        // Reads go on; every insert into comments waits for this lock.
        await gate.query('LOCK TABLE comments IN SHARE MODE');
        // The workers may all be waiting on the survivors by now: a few posts of the
        // test's own make sure the victim has some under way.
        for (let p = 0; p < 3; p++) {
          probes.push(send(2, `Probe ${p}`, `Kill ${tag} probe ${p}.`, address(5, p)));
        }
        let waiting = 0;
        for (let tries = 0; waiting === 0 && tries < 2000; tries++) {
          if (tries > 0) await sleep(10);
          const { rows } = await gate.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE application_name = $1 AND wait_event_type = 'Lock'`,
            [VICTIM_APP],
          );
          waiting = rows[0].n;
        }
        killedAt = Date.now();
        const exited = once(victim.child, 'exit');
        victim.child.kill('SIGKILL');
        await exited;
        return waiting;
      } finally {
        await gate.query('ROLLBACK');
      }
    };

    const worker = async (w) => {
      for (let j = 0; j < POSTS_PER_WORKER; j++) {
        const target = (w + j) % INSTANCES;
        const body = `Kill ${tag} worker ${w} post ${j}.`;
        const answer = await send(target, `Worker ${w}`, body, address(4, w));
        if (target === 2 && answer.status === 201 && ++victimAcks === KILL_AFTER) {
          killing = killMidPost();
        }
      }
    };
    let waitingAtKill = 0;
    try {
      await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
      assert.ok(killing, 'the burst reached the kill');
      waitingAtKill = await killing;
    } finally {
      await killing?.catch(() => {});
      await Promise.all(probes);
      await gate.end();
    }

    assert.ok(killedAt > 0, 'the instance was killed during the burst');
    assert.equal(victim.child.signalCode, 'SIGKILL');
    assert.ok(waitingAtKill > 0, 'posts of the killed instance were waiting in PostgreSQL');
    // Each of those had no answer, and may have been sent before the lock or during it.
    const lost = outcomes.filter((o) => o.instance === 2 && o.sentBeforeKill && o.status === 0);
    t.diagnostic(
      `${waitingAtKill} posts waiting in PostgreSQL at the kill, ${lost.length} unanswered`,
    );
    assert.ok(
      lost.length >= waitingAtKill,
      `${lost.length} unanswered, ${waitingAtKill} were in flight on the killed instance`,
    );
    const unexpected = outcomes.filter((o) => o.status !== 201 && o.status !== 0);
    assert.deepEqual(unexpected, [], 'no post was refused');
    assert.ok(
      outcomes.every((o) => o.instance === 2 || o.status === 201),
      'the surviving instances answered every post',
    );

    const acknowledged = outcomes.filter((o) => o.status === 201);
    for (const survivor of instances.slice(0, 2)) {
      const { items } = await readAll(survivor, KILL_ARTICLE);
      const byBody = countBodies(items);
      const ids = new Set(items.map((c) => c.id));
      assert.equal(ids.size, items.length, 'no comment listed twice');
      for (const o of acknowledged) {
        assert.equal(byBody.get(o.body), 1, `acknowledged and stored once: ${o.body}`);
        assert.ok(ids.has(o.id), `acknowledged as ${o.id}: ${o.body}`);
      }
      // Unanswered posts may or may not have been stored, but never twice.
      for (const o of outcomes.filter((x) => x.status === 0)) {
        assert.ok((byBody.get(o.body) ?? 0) <= 1, o.body);
      }
    }
    for (const survivor of instances.slice(0, 2)) {
      const ready = await request(survivor.origin, { path: '/readyz' });
      assert.equal(ready.status, 200, ready.text);
    }
  });
});
