/**
 * Drives the real reference Content API that web-test-runner starts for the tests
 * (see web-test-runner.config.mjs).
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { sharedClient } from '../../src/core/content-client.js';

export interface ServerStats {
  requests: number;
  byPath: Record<string, number>;
  /** Keyed by method and path: `GET /site`. */
  byMethod: Record<string, number>;
}

const call = <T>(action: string, extra: Record<string, unknown> = {}) =>
  executeServerCommand<T, Record<string, unknown>>('content-server', { action, ...extra });

let info: Promise<{ url: string; apiUrl: string }> | undefined;

/** Base URL of the reference Content API, e.g. http://127.0.0.1:PORT/api/v1 */
export async function apiUrl(): Promise<string> {
  info ??= call<{ url: string; apiUrl: string }>('info');
  return (await info).apiUrl;
}

/** Removes posted comments and restores the seed data and default configuration. */
export const resetServer = () => call<boolean>('reset');

export const configureServer = (options: {
  moderation?: boolean;
  rateLimit?: { max: number; windowMs: number };
  /** The minimum time from form to post (tests run with none; null: the content's). */
  minSubmitSeconds?: number | null;
}) => call<boolean>('configure', { options });

export const addArticle = (
  article: Record<string, unknown>,
  options: { comments?: Record<string, unknown>[]; commentCount?: number } = {},
) => call<boolean>('addArticle', { article, options });

export const serverStats = () => call<ServerStats>('stats');
export const resetServerStats = () => call<boolean>('resetStats');

/**
 * The common start of a widget test suite: `setEndpoint` receives the reference API's URL
 * once, and every test starts with an empty client cache and zeroed request counts.
 */
export function useReferenceServer(setEndpoint: (url: string) => void): void {
  before(async () => {
    setEndpoint(await apiUrl());
  });
  beforeEach(async () => {
    sharedClient.invalidate();
    await resetServerStats();
  });
}
