/**
 * The desk's writes on comments, as plans (plan.ts) both stores run in one transaction:
 * moderators' actions (one audit entry per comment changed, with its state before and
 * after), reader reports and a poster's own deletion (blocks are in moderation-blocks.ts).
 * Comments are read with `{{lock}}` first, so two instances acting on one comment take turns and the second
 * sees what the first did.
 */
import {
  asState,
  checkActor,
  checkClients,
  checkId,
  checkText,
  sameState,
  stateOf,
  AUDIT_COLUMNS,
  toAuditEntry,
  type AuditRow,
} from './moderation-common.js';
import { loadComments } from './moderation-queue.js';
import {
  MODERATION_ACTIONS,
  type ActionRequest,
  type ActionResult,
  type Actor,
  type AuditAction,
  type CommentEdit,
  type CommentState,
  type ModerationAction,
  type QueueComment,
} from './moderation-types.js';
import { all, get, placeholders, run, type Plan } from './plan.js';

/** Most comments one action may name. */
export const MAX_ACTION_IDS = 500;

export interface AuditInput {
  at: number;
  by: Actor | null;
  /** When `by` is null: who it was (`readers`, `poster`, `operator`). */
  actor?: string;
  action: AuditAction;
  comment?: number | null;
  target?: string | null;
  note?: string;
  before?: unknown;
  after?: unknown;
}

export function* writeAudit(entry: AuditInput): Plan<number> {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  const row = yield* get<{ id: number | string }>(
    `INSERT INTO audit (at, moderator, actor, action, comment, target, note, before_state, after_state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      entry.at,
      entry.by?.id ?? null,
      entry.by?.name ?? entry.actor ?? 'operator',
      entry.action,
      entry.comment ?? null,
      entry.target ?? null,
      entry.note ?? '',
      json(entry.before),
      json(entry.after),
    ],
  );
  return Number(row?.id);
}

export interface Change {
  state: CommentState;
  deleted: number | null;
  deletedBy: 'moderator' | 'poster' | null;
  edited: number | null;
  /** Set reports_reviewed to this (an approval), or leave it. */
  reviewed?: number;
}

/** Writes a comment's new state; returns it as the desk sees it. */
export function* saveChange(comment: QueueComment, change: Change): Plan<QueueComment> {
  const { state } = change;
  const safety = state.reasons.includes('safety');
  yield* run(
    `UPDATE comments SET status = ?, title = ?, author = ?, body = ?, reasons = ?, safety = ?,
       deleted = ?, deleted_by = ?, edited = ?,
       reports_reviewed = ${change.reviewed === undefined ? 'reports_reviewed' : '?'}
     WHERE id = ?`,
    [
      state.status,
      state.title,
      state.author,
      state.body,
      JSON.stringify(state.reasons),
      safety ? 1 : 0,
      change.deleted,
      change.deletedBy,
      change.edited,
      ...(change.reviewed === undefined ? [] : [change.reviewed]),
      comment.id,
    ],
  );
  return {
    ...comment,
    status: state.status,
    title: state.title,
    author: state.author,
    body: state.body,
    reasons: [...state.reasons],
    safety,
    deleted: change.deleted,
    deletedBy: change.deletedBy,
    edited: change.edited,
  };
}

function checkEdit(edit: CommentEdit | undefined): CommentEdit {
  if (typeof edit !== 'object' || edit === null) {
    throw new RangeError('edit needs { title?, author?, body? } with at least one of them');
  }
  const out: CommentEdit = {};
  if (edit.title !== undefined) out.title = checkText('title', edit.title, 500, false);
  if (edit.author !== undefined) out.author = checkText('author', edit.author, 200);
  if (edit.body !== undefined) out.body = checkText('body', edit.body, 20_000, false);
  if (Object.keys(out).length === 0) {
    throw new RangeError('edit needs { title?, author?, body? } with at least one of them');
  }
  return out;
}

/** The ids of a request, each once, in the order given. */
function checkIds(ids: readonly number[]): number[] {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_ACTION_IDS) {
    throw new RangeError(`ids must list 1 to ${MAX_ACTION_IDS} comments`);
  }
  for (const id of ids) checkId(id);
  return [...new Set(ids)];
}

export function checkActionRequest(request: ActionRequest) {
  if (!MODERATION_ACTIONS.includes(request.action)) {
    throw new RangeError(`action must be one of ${MODERATION_ACTIONS.join(', ')}`);
  }
  checkActor(request.moderator);
  return {
    ids: checkIds(request.ids),
    note: checkText('reason', request.reason ?? '', 1000),
    edit: request.action === 'edit' ? checkEdit(request.edit) : null,
    undo: checkUndo(request),
  };
}

/** `undo`: comment id → the audit entry a `restore` undoes (restore only). */
function checkUndo(request: ActionRequest): ReadonlyMap<number, number> {
  const undo = request.undo ?? new Map<number, number>();
  if (!(undo instanceof Map)) throw new RangeError('undo must map comment ids to audit ids');
  if (undo.size > 0 && request.action !== 'restore') {
    throw new RangeError('undo goes with the restore action only');
  }
  for (const [comment, audit] of undo) {
    checkId(comment);
    if (!Number.isSafeInteger(audit) || audit < 1) {
      throw new RangeError('undo must map comment ids to audit ids');
    }
  }
  return undo;
}

/** The latest audit entry of a comment. */
function* latestEntry(comment: number) {
  const row = yield* get<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit WHERE comment = ? ORDER BY id DESC LIMIT 1`,
    [comment],
  );
  return row === undefined ? null : toAuditEntry(row);
}

/** One audit entry of a comment, by id. */
function* entryOf(comment: number, id: number) {
  const row = yield* get<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit WHERE id = ? AND comment = ?`,
    [id, comment],
  );
  return row === undefined ? null : toAuditEntry(row);
}

type Decision = { error: ActionResult & { ok: false } } | { change: Change };
type Failure = 'deleted' | 'conflict' | 'nothing-to-undo';

/**
 * What `restore` brings a comment back to: the `before` of the entry it undoes — the one
 * named (`undo`), which must still be the comment's latest, or else the latest.
 */
function* restoreTarget(
  comment: QueueComment,
  undo: number | undefined,
): Plan<{ target: CommentState } | { error: Failure }> {
  const latest = yield* latestEntry(comment.id);
  const entry = undo === undefined ? latest : yield* entryOf(comment.id, undo);
  const target = asState(entry?.before);
  const expected = asState(entry?.after);
  if (!entry || entry.moderator === null || entry.action === 'restore' || !target || !expected) {
    return { error: 'nothing-to-undo' };
  }
  const now = stateOf(comment);
  // Already as it was before that action (someone undid it): nothing left to undo.
  if (undo !== undefined && sameState(now, target)) return { error: 'nothing-to-undo' };
  // Someone acted on it since: their action stands.
  if (latest?.id !== entry.id || !sameState(now, expected)) return { error: 'conflict' };
  return { target };
}

function* decide(
  comment: QueueComment,
  action: ModerationAction,
  edit: CommentEdit | null,
  now: number,
  undo?: number,
): Plan<Decision> {
  const before = stateOf(comment);
  const same: Change = {
    state: before,
    deleted: comment.deleted,
    deletedBy: comment.deletedBy,
    edited: comment.edited,
  };
  const fail = (error: Failure): Decision => ({
    error: { id: comment.id, ok: false, error },
  });
  if (comment.deleted !== null && action !== 'delete' && action !== 'restore') {
    return fail('deleted');
  }
  switch (action) {
    case 'approve':
      return {
        change: { ...same, state: { ...before, status: 'published' }, reviewed: comment.reports },
      };
    case 'reject':
      return { change: { ...same, state: { ...before, status: 'rejected' } } };
    case 'spam':
      return { change: { ...same, state: { ...before, status: 'spam' } } };
    case 'edit': {
      const state = { ...before, ...edit };
      return {
        change: { ...same, state, edited: sameState(state, before) ? comment.edited : now },
      };
    }
    case 'delete':
      if (comment.deleted !== null) return { change: same };
      return {
        change: {
          ...same,
          state: { ...before, deleted: true },
          deleted: now,
          deletedBy: 'moderator',
        },
      };
    case 'restore': {
      const found = yield* restoreTarget(comment, undo);
      if ('error' in found) return fail(found.error);
      const { target } = found;
      const deleted = target.deleted ? (comment.deleted ?? now) : null;
      return {
        change: {
          ...same,
          state: target,
          deleted,
          deletedBy: deleted === null ? null : (comment.deletedBy ?? 'moderator'),
        },
      };
    }
  }
}

/** Applies one action to one locked comment; writes the audit entry if it changed. */
function* applyOne(
  comment: QueueComment,
  action: ModerationAction,
  options: {
    edit: CommentEdit | null;
    note: string;
    by: Actor;
    now: number;
    target?: string;
    undo?: number;
  },
): Plan<ActionResult> {
  const decision = yield* decide(comment, action, options.edit, options.now, options.undo);
  if ('error' in decision) return decision.error;
  const { change } = decision;
  const before = stateOf(comment);
  if (sameState(before, change.state) && change.deleted === comment.deleted) {
    return { id: comment.id, ok: true, changed: false, comment, audit: null };
  }
  const saved = yield* saveChange(comment, change);
  const audit = yield* writeAudit({
    at: options.now,
    by: options.by,
    action,
    comment: comment.id,
    target: options.target ?? null,
    note: options.note,
    before,
    after: change.state,
  });
  return { id: comment.id, ok: true, changed: true, comment: saved, audit };
}

export function* applyActionPlan(request: ActionRequest, now: number): Plan<ActionResult[]> {
  const { ids, note, edit, undo } = checkActionRequest(request);
  const found = new Map((yield* loadComments(ids, true)).map((c) => [c.id, c]));
  const results: ActionResult[] = [];
  for (const id of ids) {
    const comment = found.get(id);
    if (comment === undefined) {
      results.push({ id, ok: false, error: 'not-found' });
      continue;
    }
    results.push(
      yield* applyOne(comment, request.action, {
        edit,
        note,
        by: request.moderator,
        now,
        ...(undo.has(id) ? { undo: undo.get(id)! } : {}),
      }),
    );
  }
  return results;
}

export function* removeAllByClientPlan(
  clients: string | readonly string[],
  by: Actor,
  now: number,
): Plan<number[]> {
  const list = checkClients(clients);
  checkActor(by);
  const rows = yield* all<{ id: number | string }>(
    `SELECT id FROM comments WHERE client IN (${placeholders(list.length)}) AND deleted IS NULL
     ORDER BY id`,
    list,
  );
  const comments = yield* loadComments(
    rows.map((r) => Number(r.id)),
    true,
  );
  const removed: number[] = [];
  for (const comment of comments) {
    if (comment.deleted !== null) continue; // deleted by someone else meanwhile
    const result = yield* applyOne(comment, 'delete', {
      edit: null,
      note: 'everything by this poster',
      by,
      now,
      target: comment.client,
    });
    if (result.ok && result.changed) removed.push(comment.id);
  }
  return removed;
}
