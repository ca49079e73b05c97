/**
 * Two promises of the moderation store, checked from outside it:
 * - no table holds anything that looks like an IP address: every write method is used
 *   with clients hashed from known addresses (as the service hashes them), then every
 *   text column of every table is read back and searched for those addresses and for
 *   anything shaped like an IPv4 or IPv6 address;
 * - every store answers a scripted desk session identically (ids, order, cursors,
 *   results, audit entries).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashToken } from '../../server/build/server/store/index.js';
import { useStoreBackends } from './store-backends.js';
import {
  ARTICLE,
  T0,
  clientHash,
  post,
  queueSeeds,
  render,
  walkQueue,
} from './store-moderation-fixtures.js';

const { backends } = useStoreBackends();

const ADDRESSES = [
  '203.0.113.77',
  '198.51.100.23',
  '192.0.2.146',
  '2001:db8:85a3::8a2e:370:7334',
  '2001:0db8:0000:0000:0000:ff00:0042:8329',
  '::ffff:192.0.2.147',
];
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/;
const IPV6 = /(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}|::ffff:/i;

/** Every text value in the database, as [table.column, value]. */
async function textValues(backend, database) {
  const tables =
    backend.name === 'PostgreSQL'
      ? await backend.query(
          database,
          `SELECT table_name AS t, column_name AS c FROM information_schema.columns
           WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')`,
        )
      : (
          await Promise.all(
            (
              await backend.query(database, "SELECT name FROM sqlite_master WHERE type = 'table'")
            ).map(async ({ name }) =>
              // SQLite keeps any type in any column: read every column as text.
              (await backend.query(database, `SELECT name FROM pragma_table_info('${name}')`)).map(
                (column) => ({ t: name, c: column.name }),
              ),
            ),
          )
        ).flat();
  const values = [];
  for (const { t, c } of tables) {
    const rows = await backend.query(database, `SELECT CAST("${c}" AS TEXT) AS v FROM "${t}"`);
    for (const row of rows) if (row.v !== null) values.push([`${t}.${c}`, String(row.v)]);
  }
  return values;
}

describe('moderation store: no table holds an IP address', () => {
  test('the patterns find every test address (so the search below can fail)', () => {
    for (const address of ADDRESSES) {
      assert.ok(IPV4.test(address) || IPV6.test(address), address);
      assert.ok(!IPV4.test(clientHash(address)) && !IPV6.test(clientHash(address)));
    }
  });

  for (const backend of backends.filter((b) => b.query)) {
    test(backend.name, async () => {
      let now = T0;
      const database = await backend.create();
      const store = await backend.open(database, { now: () => now });
      try {
        const [a, b, c, d] = ADDRESSES.map(clientHash);
        const { moderator } = await store.addModerator({
          name: 'Ana',
          password: 'a passphrase',
          role: 'admin',
        });
        const made = [];
        for (const [i, client] of [a, b, c, d].entries()) {
          const result = await store.createComment(
            post(T0 + i, {
              client,
              reasons: ['first-time'],
              status: 'pending',
              bodyHash: `h${i}`,
              deletionTokenHash: hashToken(`token-${i}`),
            }),
            { key: `key-${i}`, client, fingerprint: `fp-${i}` },
            render,
          );
          made.push(result.comment.id);
          await store.hit(`post:${client}`, 5, 60_000);
        }
        await store.applyAction({ ids: made.slice(0, 2), action: 'approve', moderator });
        await store.addReport({ comment: made[0], reporter: c, reason: 'worried', threshold: 3 });
        await store.blockClient(d, moderator, 'a note');
        await store.removeAllByClient(d, moderator);
        await store.deleteOwnComment(made[2], 'token-2');
        await store.recordSignInFailure([`account:ana`, `client:${b}`]);
        const { token } = await store.createSession(moderator.id);
        await store.getSession(token);
        await store.setSiteSetting('main', 'moderation', { mode: 'rules' }, moderator);
        await store.getOrCreateSecrets(60_000);
        await store.epochSecret(1234);
        now += 1000;

        const values = await textValues(backend, database);
        const columns = new Set(values.map(([column]) => column));
        for (const column of [
          'comments.client',
          'reports.reporter',
          'blocks.client',
          'audit.target',
        ]) {
          assert.ok(columns.has(column), `${column} was written and searched`);
        }
        for (const [column, value] of values) {
          for (const address of ADDRESSES) {
            assert.ok(!value.includes(address), `${column} holds ${address}`);
          }
          assert.ok(!IPV4.test(value), `${column} holds something like an IPv4 address: ${value}`);
          assert.ok(!IPV6.test(value), `${column} holds something like an IPv6 address: ${value}`);
        }
      } finally {
        await store.close();
      }
    });
  }
});

describe('moderation store: the same answers on every store', () => {
  test('a scripted desk session gives the same results everywhere', async () => {
    const outcomes = [];
    for (const backend of backends) {
      let now = T0 + 10_000;
      const store = await backend.open(await backend.create(), { now: () => now });
      try {
        const out = {};
        const { moderator } = await store.addModerator({
          name: 'Ana',
          password: 'pw',
          role: 'admin',
        });
        out.moderator = moderator;
        await store.seedComments(queueSeeds());
        const posted = await store.createComment(
          post(now, { status: 'pending', reasons: ['safety', 'links'] }),
          null,
          render,
        );
        out.posted = posted.comment;
        now += 1;
        out.actions = [
          await store.applyAction({ ids: [201, 203, 5], action: 'approve', moderator }),
          await store.applyAction({ ids: [202], action: 'reject', reason: 'no', moderator }),
          await store.applyAction({
            ids: [205],
            action: 'edit',
            edit: { title: 'new' },
            moderator,
          }),
          await store.applyAction({ ids: [206], action: 'delete', moderator }),
          await store.applyAction({ ids: [206, 205], action: 'restore', moderator }),
        ];
        now += 1;
        out.reports = [];
        for (const [reporter, reason] of [
          ['r1', 'spam'],
          ['r2', 'abuse'],
          ['r1', 'other'],
          ['r3', 'worried'],
        ]) {
          out.reports.push(await store.addReport({ comment: 201, reporter, reason, threshold: 2 }));
        }
        out.pending = await walkQueue(store, { status: 'pending' }, 2);
        out.page = await store.listQueue({ status: 'pending', sort: 'oldest', limit: 2 });
        out.counts = await store.countByStatus();
        out.detail = await store.getComment(201);
        out.audit = await store.listAudit({ limit: 4 });
        out.public = await store.listPublished(ARTICLE, 'newest', null, 10);
        out.duplicates = await store
          .duplicateCounts({ bodyHash: '', clients: 'x', since: 0 })
          .catch((error) => error.name);
        out.published = await store.hasPublished(queueSeeds()[0].client);
        outcomes.push(out);
      } finally {
        await store.close();
      }
    }
    const [first, ...rest] = outcomes;
    assert.equal(first.pending[0], first.posted.id, 'safety first');
    assert.equal(first.duplicates, 'RangeError');
    for (const other of rest) assert.deepEqual(other, first);
  });
});
