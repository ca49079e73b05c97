/**
 * What the moderation desk keeps in the store, on SQLite and PostgreSQL alike: the queue
 * of comments and the actions on them (with an audit log), reader reports, blocked
 * posters, moderator accounts and their sessions, sign-in throttling, per-site settings
 * and the rotating secret behind client keys.
 *
 * Client hashes are always the caller's keyed hashes of an address: the store never sees
 * an address. Tokens (sessions, comment deletion) are stored only as SHA-256 hashes.
 */
import {
  REPORT_REASONS as CONTRACT_REPORT_REASONS,
  type ReportReason as ContractReportReason,
} from '../../src/contract/limits.js';
import type { CommentSort, CommentStatus, Store, StoredComment } from './types.js';

export type Role = 'moderator' | 'admin';
export const ROLES: readonly Role[] = ['moderator', 'admin'];

export interface Moderator {
  id: number;
  /** As given when added (unique ignoring case among current moderators). */
  name: string;
  role: Role;
  created: number;
}

/** Who did something: written to the audit log by id and by the name they had then. */
export type Actor = Pick<Moderator, 'id' | 'name'>;

/** What an admin's change to an account did. */
export type AccountChange = 'changed' | 'unchanged' | 'not-found' | 'last-admin';

/**
 * What the audit log shows of a setting's change (a secret's setting hides the secret:
 * the audit log is shown to admins).
 */
export type AuditView = (
  key: string,
  before: unknown,
  after: unknown,
) => { before: unknown; after: unknown };

export type AddModeratorResult =
  { outcome: 'added'; moderator: Moderator } | { outcome: 'name-taken' };

export interface Session {
  moderator: Moderator;
  /** The session's CSRF token (sent with every form the desk posts). */
  csrf: string;
  created: number;
  lastSeen: number;
  /** Ends sooner if the session is not used (inactivity), never later than its maximum. */
  expires: number;
}

/** A new session: `token` goes in the cookie and is never stored; only its hash is. */
export interface NewSession {
  token: string;
  session: Session;
}

/** The queue shows the four statuses, and deleted comments apart. */
export type QueueStatus = CommentStatus | 'deleted';
export const QUEUE_STATUSES: readonly QueueStatus[] = [
  'pending',
  'published',
  'rejected',
  'spam',
  'deleted',
];

/** A comment as the desk sees it. */
export interface QueueComment extends StoredComment {
  /** The poster's keyed client hash ('' for seeds). */
  client: string;
  /** The rules that held it (and `reports` / `safety` when readers sent it back). */
  reasons: string[];
  /** Held for safety: sorts first among pending comments. */
  safety: boolean;
  /** Distinct reader reports. */
  reports: number;
  /** When a moderator last edited it, or null. */
  edited: number | null;
  /** When it was deleted, or null. */
  deleted: number | null;
  deletedBy: 'moderator' | 'poster' | null;
}

/** A position in a queue list (the last item of a page). */
export interface QueueCursor {
  safety: boolean;
  created: number;
  id: number;
}

export interface QueueQuery {
  status: QueueStatus;
  /** Default newest first. Pending comments held for safety come first either way. */
  sort?: CommentSort;
  article?: string;
  reason?: string;
  cursor?: QueueCursor | null;
  limit: number;
}

export interface QueuePage {
  items: QueueComment[];
  nextCursor: QueueCursor | null;
}

export type StatusCounts = Record<QueueStatus, number>;

/** A comment's state as the audit log records it before and after an action. */
export interface CommentState {
  status: CommentStatus;
  deleted: boolean;
  title: string;
  author: string;
  body: string;
  reasons: string[];
}

export type AuditAction =
  | ModerationAction
  | 'block'
  | 'unblock'
  | 'report-hold'
  | 'poster-delete'
  | 'setting'
  | 'moderator-add'
  | 'moderator-remove'
  | 'role'
  | 'password';

export interface AuditEntry {
  id: number;
  at: number;
  /** The moderator's id, or null for readers, posters and the command line. */
  moderator: number | null;
  /** The moderator's name then, or `readers`, `poster`, `operator`. */
  actor: string;
  action: AuditAction;
  comment: number | null;
  /** What else it was about: a client hash, a setting (`site/key`), a moderator's name. */
  target: string | null;
  /** A rejection's reason, a block's note, a report's reason. */
  note: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as `cursor` for the next (older) page. */
  nextCursor: number | null;
}

/** The contract's reasons (src/contract/limits.ts). */
export type ReportReason = ContractReportReason;
export const REPORT_REASONS: readonly ReportReason[] = CONTRACT_REPORT_REASONS;

export interface Report {
  reporter: string;
  reason: ReportReason;
  created: number;
}

export interface CommentDetail extends QueueComment {
  /** Its audit entries, oldest first: every action, with the text before each edit. */
  history: AuditEntry[];
  reportList: Report[];
}

export type ModerationAction = 'approve' | 'reject' | 'spam' | 'edit' | 'delete' | 'restore';
export const MODERATION_ACTIONS: readonly ModerationAction[] = [
  'approve',
  'reject',
  'spam',
  'edit',
  'delete',
  'restore',
];

export interface CommentEdit {
  title?: string;
  author?: string;
  body?: string;
}

export interface ActionRequest {
  ids: readonly number[];
  /**
   * `restore` undoes the latest moderator action on each comment (its state goes back to
   * the audit entry's `before`), provided nothing changed the comment since.
   */
  action: ModerationAction;
  /**
   * With `restore`: for each comment, the audit entry being undone. It is undone only
   * while it is still the comment's latest entry (`conflict` when someone acted since,
   * `nothing-to-undo` when it was undone already); comments not named here undo their
   * latest moderator action.
   */
  undo?: ReadonlyMap<number, number>;
  /** A rejection's reason (kept in the audit log). */
  reason?: string;
  /** Required for `edit`: the fields to change. */
  edit?: CommentEdit;
  moderator: Actor;
}

export type ActionError =
  /** No such comment. */
  | 'not-found'
  /** Deleted: restore it first (only `delete` and `restore` apply). */
  | 'deleted'
  /** `restore`: the comment changed after the action it would undo. */
  | 'conflict'
  /** `restore`: its latest entry is not a moderator's action that can be undone. */
  | 'nothing-to-undo';

export type ActionResult =
  /** `audit`: the id of the audit entry this action wrote (null when nothing changed). */
  | { id: number; ok: true; changed: boolean; comment: QueueComment; audit: number | null }
  | { id: number; ok: false; error: ActionError };

export interface ReportRequest {
  comment: number;
  /**
   * The reader's keyed client hash; or their keys (current first, then the previous
   * secret's): the first is stored, a report under any of them is the same reader's.
   */
  reporter: string | readonly string[];
  reason: ReportReason;
  /** Distinct reports since a moderator last approved it that send it back to pending. */
  threshold: number;
  /**
   * A reader's report through the public API: the comment must be a published comment
   * of this article, else `not-found` — except for a reader who already reported it
   * (a retry after their report held it is `already-reported`, not an error).
   */
  article?: string;
}

export type ReportResult =
  | { outcome: 'not-found' }
  | {
      /** `already-reported`: this reader had reported it; nothing was added. */
      outcome: 'reported' | 'already-reported';
      /** Distinct readers who reported it, ever. */
      reports: number;
      /** True when this report sent it back to pending. */
      held: boolean;
      status: CommentStatus;
      reasons: string[];
    };

export interface DuplicateQuery {
  bodyHash: string;
  /** The poster's client hashes (current and previous secret). */
  clients: string | readonly string[];
  /** Count comments created at or after this time. */
  since: number;
}

export interface DuplicateCounts {
  /** Comments with this body by these clients. */
  sameClient: number;
  /** Distinct other clients that posted this body. */
  otherClients: number;
}

export type DeleteOwnResult = 'deleted' | 'not-found' | 'wrong-token' | 'expired';

/** One block, however many keys it was carried to. */
export interface Block {
  /** The client key the moderator blocked (the blocked comment's). */
  client: string;
  moderator: number | null;
  created: number;
  note: string;
  /**
   * The keys it was carried forward to as the poster came back after a secret rotation,
   * oldest first; the last one is the key the poster was last matched under.
   */
  carriedTo: string[];
}

export interface ClientSecret {
  generation: number;
  material: Buffer;
  created: number;
}

export interface ClientSecrets {
  current: ClientSecret;
  /** The one before, still accepted for matching; null until the first rotation. */
  previous: ClientSecret | null;
}

export interface ModerationStore extends Store {
  // Moderators
  /** `by`: the admin who added them (null: the command line). */
  addModerator(
    input: { name: string; password: string; role: Role },
    by?: Actor | null,
  ): Promise<AddModeratorResult>;
  /** Current moderators, by name. */
  listModerators(): Promise<Moderator[]>;
  findModerator(name: string): Promise<Moderator | null>;
  /** The moderator when the name and password match a current moderator, else null. */
  verifyPassword(name: string, password: string): Promise<Moderator | null>;
  /** False when there is no such moderator. Ends their sessions. */
  setPassword(name: string, password: string, by?: Actor): Promise<boolean>;
  /** False when there is no such moderator. Ends their sessions; the audit keeps the name. */
  removeModerator(name: string, by?: Actor): Promise<boolean>;
  /** Gives a current moderator another role; never demotes the last admin. */
  setRole(name: string, role: Role, by: Actor): Promise<AccountChange>;
  /** removeModerator, as an admin does it: never the last admin. */
  removeModeratorKeepingAnAdmin(name: string, by: Actor): Promise<AccountChange>;

  // Sessions
  /** Null when the moderator is not current. */
  createSession(moderator: number): Promise<NewSession | null>;
  /** The live session for this token (and marks it used), or null. */
  getSession(token: string): Promise<Session | null>;
  endSession(token: string): Promise<boolean>;
  /** Ends every session of a moderator; the number ended. */
  endSessions(moderator: number): Promise<number>;

  // Sign-in throttling: keys such as `account:<name>` and `client:<hash>`.
  /** Milliseconds to wait before another sign-in attempt under these keys (0: now). */
  signInWait(keys: readonly string[]): Promise<number>;
  /** Counts a failed sign-in under each key; resolves to the wait that follows. */
  recordSignInFailure(keys: readonly string[]): Promise<number>;
  clearSignInFailures(keys: readonly string[]): Promise<void>;

  // Settings (per site, JSON values)
  getSiteSettings(site: string): Promise<Record<string, unknown>>;
  setSiteSetting(site: string, key: string, value: unknown, by: Actor): Promise<void>;
  /**
   * Several settings in one transaction, one audit entry per key that changed; `view`
   * says what the audit log shows of a change (default: the values as stored).
   */
  setSiteSettings(
    site: string,
    values: Readonly<Record<string, unknown>>,
    by: Actor,
    view?: AuditView,
  ): Promise<void>;

  // Client-key secrets, shared by every instance
  /** The current secret and the previous one; a new one once the current is this old. */
  getOrCreateSecrets(rotateAfterMs: number): Promise<ClientSecrets>;
  /** The secret of rotation period `epoch`, made by the first instance that asks. */
  epochSecret(epoch: number): Promise<Buffer>;

  // The queue
  listQueue(query: QueueQuery): Promise<QueuePage>;
  countByStatus(filter?: { article?: string; reason?: string }): Promise<StatusCounts>;
  getComment(id: number): Promise<CommentDetail | null>;
  /** One transaction; one audit entry for each comment that changed. */
  applyAction(request: ActionRequest): Promise<ActionResult[]>;

  // Posters
  /** False when the client was already blocked. */
  blockClient(client: string, by: Actor, note?: string): Promise<boolean>;
  /**
   * Lifts the block that `client` is under — the key blocked or any key it was carried
   * to — with all its copies. False when there was none.
   */
  unblockClient(client: string, by: Actor): Promise<boolean>;
  /**
   * Whether any of these keys is blocked. With `carryTo` (the poster's current key), a
   * block matched under another key is carried forward to it — a copy with the same
   * moderator, note and time — so that it still matches after the next rotations.
   */
  isBlocked(clients: string | readonly string[], carryTo?: string): Promise<boolean>;
  /** Each block once (not each key it was carried to), newest first. */
  listBlocks(): Promise<Block[]>;
  /** Deletes (as a moderator) every comment of these clients; the ids deleted. */
  removeAllByClient(clients: string | readonly string[], by: Actor): Promise<number[]>;

  listAudit(query: { cursor?: number | null; limit: number }): Promise<AuditPage>;

  // Readers and posters
  addReport(report: ReportRequest): Promise<ReportResult>;
  duplicateCounts(query: DuplicateQuery): Promise<DuplicateCounts>;
  /** Whether any of these clients has a published comment. */
  hasPublished(clients: string | readonly string[]): Promise<boolean>;
  /** Published comments of these clients. */
  publishedCount(clients: string | readonly string[]): Promise<number>;
  /**
   * The poster's own deletion, with the token they were given, within 24 hours: the
   * comment leaves the public list at once and its words are erased from the store.
   */
  deleteOwnComment(id: number, token: string): Promise<DeleteOwnResult>;
}
