/**
 * Undo with two moderators, on SQLite and (MHN_TEST_STORE=postgres) PostgreSQL: the desk
 * undoes the audit entry its action wrote, never someone else's. When another moderator
 * has acted on the comment since, the undo fails with `conflict` and their action stands;
 * when the action was undone already, with `nothing-to-undo`. Answers are checked against
 * docs/openapi.yaml.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Desk } from './admin-desk.js';
import { ARTICLE, startServer } from './helpers.js';

const ANA = { name: 'Ana', password: 'ana has a long password' };
const BEN = { name: 'Ben', password: 'ben has a long password' };

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Desk} */
let ana;
/** @type {Desk} */
let ben;

before(async () => {
  server = await startServer();
  await server.store.addModerator({ ...ANA, role: 'moderator' });
  await server.store.addModerator({ ...BEN, role: 'moderator' });
  ana = new Desk(server);
  ben = new Desk(server);
  await ana.signIn(ANA);
  await ben.signIn(BEN);
});
after(() => server?.close());

/** Posts a comment as a reader (held: moderation is on); returns its id. */
async function post(title) {
  const res = await server.post(ARTICLE, { title, body: 'Something I wanted to say.' });
  assert.equal(res.status, 201);
  return /** @type {{ comment: { id: string } }} */ (await res.json()).comment.id;
}

/**
 * @param {Desk} desk
 * @param {Record<string, unknown>} body
 * @returns {Promise<{ results: any[] }>}
 */
const act = (desk, body) => desk.expect('POST', '/admin/actions', 'adminAct', 200, { body });

/** @param {string} id */
async function historyOf(id) {
  const detail = await ana.expect('GET', `/admin/comments/${id}`, 'adminGetComment', 200);
  return {
    status: detail.comment.status,
    actions: detail.history.map((/** @type {any} */ h) => `${h.actor} ${h.action}`),
  };
}

describe('undo names the action it undoes', () => {
  test("A's undo after B acted gets conflict, and B's action stands", async () => {
    const id = await post('undo race');
    const [approved] = (await act(ana, { ids: [id], action: 'approve' })).results;
    assert.equal(approved.ok, true);
    assert.equal(typeof approved.audit, 'number', 'the action says which audit entry it wrote');
    await act(ben, { ids: [id], action: 'reject' });

    const { results } = await act(ana, {
      ids: [id],
      action: 'restore',
      undo: { [id]: approved.audit },
    });
    assert.deepEqual(results, [{ id, ok: false, error: 'conflict' }]);
    assert.deepEqual(await historyOf(id), {
      status: 'rejected',
      actions: ['Ana approve', 'Ben reject'],
    });
  });

  test('in bulk, each comment is undone or refused alone', async () => {
    const [x, y] = [await post('bulk x'), await post('bulk y')];
    const done = (await act(ana, { ids: [x, y], action: 'spam' })).results;
    await act(ben, { ids: [x], action: 'approve' });
    const undo = Object.fromEntries(done.map((r) => [r.id, r.audit]));
    const { results } = await act(ana, { ids: [x, y], action: 'restore', undo });
    assert.deepEqual(
      results.map((r) => [r.id, r.ok, r.ok ? r.comment.status : r.error]),
      [
        [x, false, 'conflict'],
        [y, true, 'pending'],
      ],
    );
    assert.equal((await historyOf(x)).status, 'published');
  });

  test('an action undone already cannot be undone again', async () => {
    const id = await post('undone twice');
    const [approved] = (await act(ana, { ids: [id], action: 'approve' })).results;
    const [first] = (
      await act(ana, { ids: [id], action: 'restore', undo: { [id]: approved.audit } })
    ).results;
    assert.equal(first.comment.status, 'pending');
    const { results } = await act(ana, {
      ids: [id],
      action: 'restore',
      undo: { [id]: approved.audit },
    });
    assert.deepEqual(results, [{ id, ok: false, error: 'nothing-to-undo' }]);
    assert.equal((await historyOf(id)).status, 'pending');
  });

  test('an action that changed nothing has no audit entry to undo', async () => {
    const id = await post('no change');
    await act(ana, { ids: [id], action: 'approve' });
    const [again] = (await act(ben, { ids: [id], action: 'approve' })).results;
    assert.deepEqual([again.changed, again.audit], [false, null]);
  });

  test("undo is refused with another action, or naming another comment's", async () => {
    const [id, other] = [await post('bad undo'), await post('bad undo other')];
    const [approved] = (await act(ana, { ids: [id], action: 'approve' })).results;
    await ana.expect('POST', '/admin/actions', 'adminAct', 400, {
      body: { ids: [id], action: 'reject', undo: { [id]: approved.audit } },
    });
    await ana.expect('POST', '/admin/actions', 'adminAct', 400, {
      body: { ids: [id], action: 'restore', undo: { [other]: approved.audit } },
    });
    await ana.expect('POST', '/admin/actions', 'adminAct', 400, {
      body: { ids: [id], action: 'restore', undo: { [id]: 0 } },
    });
    // Another comment's entry is not this comment's action.
    const { results } = await act(ana, {
      ids: [other],
      action: 'restore',
      undo: { [other]: approved.audit },
    });
    assert.deepEqual(results, [{ id: other, ok: false, error: 'nothing-to-undo' }]);
    assert.equal((await historyOf(id)).status, 'published');
  });
});
