/**
 * What readers and posters do to comments, as plans (plan.ts) both stores run: reports
 * (one per reader per comment; enough of them, or one "worried", send a comment back to
 * the queue) and a poster's deletion of their own comment with its token.
 */
import { saveChange, writeAudit } from './moderation-actions.js';
import {
  AUDIT_COLUMNS,
  checkClients,
  checkId,
  checkText,
  hashToken,
  sameHash,
  sameState,
  stateOf,
  toAuditEntry,
  type AuditRow,
} from './moderation-common.js';
import { loadComments } from './moderation-queue.js';
import {
  REPORT_REASONS,
  type CommentState,
  type DeleteOwnResult,
  type ReportRequest,
  type ReportResult,
} from './moderation-types.js';
import { all, get, placeholders, run, type Plan } from './plan.js';

export function* addReportPlan(report: ReportRequest, now: number): Plan<ReportResult> {
  checkId(report.comment);
  // The first key is stored; every key matches (a reader's keys under the current and the
  // previous secret: a repeat across a rotation is still the same reader's).
  const reporters = checkClients(report.reporter);
  const reporter = reporters[0] as string;
  if (!REPORT_REASONS.includes(report.reason)) {
    throw new RangeError(`a report's reason is one of ${REPORT_REASONS.join(', ')}`);
  }
  if (!Number.isSafeInteger(report.threshold) || report.threshold < 1) {
    throw new RangeError(`threshold must be a whole number ≥ 1, not ${report.threshold}`);
  }
  const [comment] = yield* loadComments([report.comment], true);
  if (comment === undefined || comment.deleted !== null) return { outcome: 'not-found' };
  const earlier = yield* get<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM reports WHERE comment = ? AND reporter IN (${placeholders(reporters.length)})`,
    [comment.id, ...reporters],
  );
  const reportedBefore = Number(earlier?.n ?? 0) > 0;
  if (report.article !== undefined) {
    if (comment.article !== report.article) return { outcome: 'not-found' };
    // Readers see only published comments; one who reported it before (their report
    // may be what held it) gets the same answer as before.
    if (comment.status !== 'published' && !reportedBefore) return { outcome: 'not-found' };
  }
  const added = reportedBefore
    ? undefined
    : yield* get(
        `INSERT INTO reports (comment, reporter, reason, created) VALUES (?, ?, ?, ?)
         ON CONFLICT (comment, reporter) DO NOTHING RETURNING reporter`,
        [comment.id, reporter, report.reason, now],
      );
  // A new statement: on PostgreSQL it sees every report committed before our lock.
  const counted = yield* get<{ n: number | string; reviewed: number | string }>(
    `SELECT COUNT(*) AS n, (SELECT reports_reviewed FROM comments WHERE id = ?) AS reviewed
     FROM reports WHERE comment = ?`,
    [comment.id, comment.id],
  );
  const reports = Number(counted?.n ?? 0);
  const sinceReview = reports - Number(counted?.reviewed ?? 0);
  const before = stateOf(comment);
  const state: CommentState = { ...before, reasons: [...before.reasons] };
  const visible = comment.status === 'published' || comment.status === 'pending';
  if (added !== undefined && report.reason === 'worried' && visible) {
    state.status = 'pending';
    if (!state.reasons.includes('safety')) state.reasons.push('safety');
  }
  if (comment.status === 'published' && sinceReview >= report.threshold) {
    state.status = 'pending';
    if (!state.reasons.includes('reports')) state.reasons.push('reports');
  }
  const held = !sameState(before, state);
  if (held) {
    yield* saveChange(comment, {
      state,
      deleted: null,
      deletedBy: null,
      edited: comment.edited,
    });
    yield* writeAudit({
      at: now,
      by: null,
      actor: 'readers',
      action: 'report-hold',
      comment: comment.id,
      note: report.reason,
      before,
      after: state,
    });
  }
  return {
    outcome: added === undefined ? 'already-reported' : 'reported',
    reports,
    held,
    status: state.status,
    reasons: state.reasons,
  };
}

/** Blanks the words of a comment's states in its audit entries. */
function erase(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return { ...value, title: '', author: '', body: '' };
}

export function* deleteOwnCommentPlan(
  id: number,
  token: string,
  now: number,
): Plan<DeleteOwnResult> {
  checkId(id);
  checkText('token', token, 200, false);
  const row = yield* get<{
    deletion_token_hash: string | null;
    deletion_expires: number | string | null;
    deleted: number | string | null;
    status: string;
  }>(
    `SELECT deletion_token_hash, deletion_expires, deleted, status FROM comments
     WHERE id = ? {{lock}}`,
    [id],
  );
  if (row === undefined || row.deleted !== null || row.deletion_token_hash === null) {
    return 'not-found';
  }
  if (!sameHash(hashToken(token), row.deletion_token_hash)) return 'wrong-token';
  if (now >= Number(row.deletion_expires)) return 'expired';
  yield* run(
    `UPDATE comments SET deleted = ?, deleted_by = 'poster', title = '', author = '', body = '',
       deletion_token_hash = NULL, deletion_expires = NULL
     WHERE id = ?`,
    [now, id],
  );
  // The poster's words go from the history too: the audit keeps who did what, not the text.
  const entries = yield* all<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit WHERE comment = ? ORDER BY id`,
    [id],
  );
  for (const entry of entries.map(toAuditEntry)) {
    yield* run('UPDATE audit SET before_state = ?, after_state = ? WHERE id = ?', [
      entry.before === null ? null : JSON.stringify(erase(entry.before)),
      entry.after === null ? null : JSON.stringify(erase(entry.after)),
      entry.id,
    ]);
  }
  yield* writeAudit({
    at: now,
    by: null,
    actor: 'poster',
    action: 'poster-delete',
    comment: id,
    before: { status: row.status, deleted: false },
    after: { status: row.status, deleted: true },
  });
  return 'deleted';
}
