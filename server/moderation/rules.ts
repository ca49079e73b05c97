/**
 * The rules that decide what waits for a moderator.
 *
 * `evaluate` looks at one new comment and answers `published`, `pending` (held for a
 * moderator) or `spam` (kept out of sight; the poster is answered exactly as if it had
 * been accepted, so a bot learns nothing), with every reason that applied — a held
 * comment records which rules matched.
 *
 * - `safety`: a self-harm or suicide phrase. Always held, whatever else applies, even
 *   when a spam rule matched too: a person in crisis is seen by a person.
 * - `honeypot`, `too-fast`, `spam-checker`: spam.
 * - `links`, `restricted`, `first-time`, `duplicate`, `hold-all`: held.
 * - `reports`: a published comment that readers reported often enough goes back to the
 *   queue (see `evaluateReports`).
 */
import { DEFAULT_SPAM_CHECK_TIMEOUT_MS, askSpamChecker, type SpamChecker } from './spam-checker.js';
import type { SafetyMatcher } from './safety.js';
import type { ModerationSettings } from './settings.js';
import { PhraseMatcher, bodyFingerprint, normalizeText, type PhraseMatch } from './text.js';

export const REASONS = [
  'safety',
  'hold-all',
  'links',
  'restricted',
  'first-time',
  'duplicate',
  'reports',
  'honeypot',
  'too-fast',
  'spam-checker',
] as const;

export type Reason = (typeof REASONS)[number];

/** The reasons that make a comment spam rather than held. */
const SPAM_REASONS: readonly Reason[] = ['honeypot', 'too-fast', 'spam-checker'];

export interface CommentDraft {
  article: string;
  title: string;
  /** '' when the poster gave no name. */
  author: string;
  body: string;
}

/**
 * What the store knows about earlier comments. `clients` are the poster's client keys
 * under the current and the previous secret (client-key.ts), so a secret rotation does
 * not make a regular a first-time poster, or a duplicate new.
 */
export interface ModerationHistory {
  /** Comments by these clients that are published (directly or by a moderator). */
  publishedCount(clients: readonly string[]): Promise<number>;
  /** Comments by these clients with this body fingerprint created at or after `since`. */
  sameBodyCount(fingerprint: string, clients: readonly string[], since: number): Promise<number>;
  /** Distinct other clients that posted this body fingerprint at or after `since`. */
  otherClientsWithBody(
    fingerprint: string,
    clients: readonly string[],
    since: number,
  ): Promise<number>;
}

/** The form's spam defences, as the HTTP layer read them from the request. */
export interface Submission {
  /** The honeypot field as sent: people never see it, so anything in it is a bot. */
  honeypot?: string;
  /**
   * Milliseconds between the form being shown and sent, from a form token the server
   * issued and verified; null or absent when unknown (the rule then does not apply).
   */
  formAgeMs?: number | null;
  userAgent?: string;
  referrer?: string;
  language?: string;
}

export interface ModerationContext {
  /** The poster's client keys, current first. */
  clients: readonly string[];
  /** Milliseconds since the epoch. */
  now: number;
  history: ModerationHistory;
  safety: SafetyMatcher;
  submission?: Submission;
  /** Off unless given. */
  spamChecker?: SpamChecker | null;
  spamCheckTimeoutMs?: number;
  /** Told about a spam checker that failed or timed out (the comment goes on without it). */
  onSpamCheckerError?: (error: unknown) => void;
}

export type DecisionStatus = 'published' | 'pending' | 'spam';

export interface Decision {
  status: DecisionStatus;
  /** Every rule that matched, in the order of REASONS. */
  reasons: Reason[];
  /** The safety phrases found (for the moderator's banner). */
  safety: PhraseMatch[];
  /** The restricted words and phrases found. */
  restricted: PhraseMatch[];
  /** Links counted in the title, name and body. */
  links: number;
  /** The normalised body's hash, for the store to keep for duplicate detection. */
  fingerprint: string;
}

/** http(s) URLs and bare `www.` addresses; a URL with `www.` in it counts once. */
const LINK = /\bhttps?:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+/giu;

export function countLinks(...texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + (text.match(LINK)?.length ?? 0), 0);
}

/** Texts shorter than this ("Thank you!") are often the same from different people. */
export const MIN_CROSS_CLIENT_DUPLICATE_LENGTH = 20;

const restrictedCache = new WeakMap<readonly string[], PhraseMatcher>();
function restrictedMatcher(list: readonly string[]): PhraseMatcher {
  let matcher = restrictedCache.get(list);
  if (!matcher) {
    matcher = new PhraseMatcher(list.map((phrase) => ({ phrase, list: 'restricted' })));
    restrictedCache.set(list, matcher);
  }
  return matcher;
}

function statusOf(reasons: readonly Reason[]): DecisionStatus {
  if (reasons.includes('safety')) return 'pending';
  if (reasons.some((r) => SPAM_REASONS.includes(r))) return 'spam';
  return reasons.length > 0 ? 'pending' : 'published';
}

/** Decides where a new comment goes. Rejects only when the history cannot be read. */
export async function evaluate(
  comment: CommentDraft,
  context: ModerationContext,
  settings: Readonly<ModerationSettings>,
): Promise<Decision> {
  const found = new Set<Reason>();
  const texts = [comment.title, comment.author, comment.body];
  const fingerprint = bodyFingerprint(comment.body);

  const safety = context.safety.check(...texts).matches;
  if (safety.length > 0) found.add('safety');
  if (settings.mode === 'hold-all') found.add('hold-all');

  const submission = context.submission ?? {};
  if ((submission.honeypot ?? '').trim() !== '') found.add('honeypot');
  const age = submission.formAgeMs;
  if (
    settings.minSubmitSeconds > 0 &&
    typeof age === 'number' &&
    age < settings.minSubmitSeconds * 1000
  ) {
    found.add('too-fast');
  }

  const links = countLinks(...texts);
  if (links > settings.maxLinks) found.add('links');

  const matcher = restrictedMatcher(settings.restricted);
  const restricted: PhraseMatch[] = [];
  for (const m of texts.flatMap((text) => matcher.match(text))) {
    if (!restricted.some((seen) => seen.phrase === m.phrase)) restricted.push(m);
  }
  if (restricted.length > 0) found.add('restricted');

  // The store is asked only when the answer can change the outcome: not for spam.
  if (!SPAM_REASONS.some((r) => found.has(r))) {
    const since = context.now - settings.duplicateWindowMinutes * 60_000;
    const crossClient = normalizeText(comment.body).length >= MIN_CROSS_CLIENT_DUPLICATE_LENGTH;
    const { history, clients } = context;
    const [published, sameBody, otherClients] = await Promise.all([
      settings.holdFirstTime ? history.publishedCount(clients) : Promise.resolve(1),
      history.sameBodyCount(fingerprint, clients, since),
      crossClient ? history.otherClientsWithBody(fingerprint, clients, since) : Promise.resolve(0),
    ]);
    if (published === 0) found.add('first-time');
    if (sameBody > 0 || otherClients + 1 >= settings.duplicateClients) found.add('duplicate');
  }

  // The checker is asked last, and only when its answer matters: never about a comment
  // already held for safety (its words stay on this server) or already spam.
  if (context.spamChecker && !found.has('safety') && !SPAM_REASONS.some((r) => found.has(r))) {
    const verdict = await askSpamChecker(
      context.spamChecker,
      comment,
      {
        client: context.clients[0] ?? '',
        ...(submission.userAgent === undefined ? {} : { userAgent: submission.userAgent }),
        ...(submission.referrer === undefined ? {} : { referrer: submission.referrer }),
        ...(submission.language === undefined ? {} : { language: submission.language }),
      },
      context.spamCheckTimeoutMs ?? DEFAULT_SPAM_CHECK_TIMEOUT_MS,
      context.onSpamCheckerError,
    );
    if (verdict === 'spam') found.add('spam-checker');
  }

  const reasons = REASONS.filter((r) => found.has(r));
  return { status: statusOf(reasons), reasons, safety, restricted, links, fingerprint };
}

/**
 * After a reader's report: whether a published comment goes back to the queue (with
 * the reason `reports`). Held and spam comments stay where they are.
 */
export function evaluateReports(
  reports: number,
  status: DecisionStatus | 'rejected',
  settings: Readonly<ModerationSettings>,
): { hold: boolean; reasons: Reason[] } {
  const hold = status === 'published' && reports >= settings.reportThreshold;
  return { hold, reasons: hold ? ['reports'] : [] };
}

/** The webhook event a decision calls for: safety first; nothing for published or spam. */
export function eventFor(
  decision: Pick<Decision, 'status' | 'reasons'>,
): 'comment.safety' | 'comment.pending' | null {
  if (decision.reasons.includes('safety')) return 'comment.safety';
  return decision.status === 'pending' ? 'comment.pending' : null;
}
