/**
 * An external spam checker (a service such as Akismet, or the publisher's own): off by
 * default. The service asks it about a comment only when no other rule has decided, and
 * waits for it at most a few seconds: a slow or failing checker is an "unknown", never
 * a reader's post held up or lost.
 */

export type SpamVerdict = 'spam' | 'ham' | 'unknown';

/** What a checker is told about a comment. */
export interface SpamCheckComment {
  article: string;
  title: string;
  author: string;
  body: string;
}

/**
 * What a checker is told about the poster. Never the address: `client` is the keyed
 * hash (client-key.ts), the same for one poster, meaningless to anyone else.
 */
export interface SpamCheckMeta {
  client: string;
  userAgent?: string;
  referrer?: string;
  language?: string;
  /** Aborted when the service stops waiting; a checker should cancel its request. */
  signal: AbortSignal;
}

export interface SpamChecker {
  check(comment: SpamCheckComment, meta: SpamCheckMeta): Promise<SpamVerdict>;
}

/** How long a post waits for the checker by default. */
export const DEFAULT_SPAM_CHECK_TIMEOUT_MS = 2000;

/**
 * Asks `checker`, giving up after `timeoutMs`. A checker that throws, rejects, answers
 * something else or is too slow counts as "unknown" (and is reported to `onError`).
 */
export async function askSpamChecker(
  checker: SpamChecker,
  comment: SpamCheckComment,
  meta: Omit<SpamCheckMeta, 'signal'>,
  timeoutMs: number = DEFAULT_SPAM_CHECK_TIMEOUT_MS,
  onError?: (error: unknown) => void,
): Promise<SpamVerdict> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const verdict = await Promise.race([
      Promise.resolve().then(() => checker.check(comment, { ...meta, signal: controller.signal })),
      timeout,
    ]);
    if (verdict === 'timeout') {
      controller.abort();
      onError?.(new Error(`the spam checker did not answer within ${timeoutMs} ms`));
      return 'unknown';
    }
    if (verdict === 'spam' || verdict === 'ham' || verdict === 'unknown') return verdict;
    onError?.(new Error(`the spam checker answered ${JSON.stringify(verdict)}`));
    return 'unknown';
  } catch (error) {
    onError?.(error);
    return 'unknown';
  } finally {
    clearTimeout(timer);
  }
}
