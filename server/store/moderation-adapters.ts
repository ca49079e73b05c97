/**
 * The store in the shapes server/moderation/ asks for, so the service wires the rules
 * and client keys to the shared database in one line each:
 *
 *   evaluate(draft, { …, history: moderationHistory(store) }, settings)
 *   new ClientKeys({ source: storeSecretSource(store) })
 */
import type { ModerationHistory, SecretSource } from '../moderation/index.js';
import type { ModerationStore } from './moderation-types.js';

/** What the rules ask about a poster's earlier comments, answered by the store. */
export function moderationHistory(
  store: Pick<ModerationStore, 'publishedCount' | 'duplicateCounts'>,
): ModerationHistory {
  return {
    publishedCount: (clients) => store.publishedCount(clients),
    async sameBodyCount(fingerprint, clients, since) {
      return (await store.duplicateCounts({ bodyHash: fingerprint, clients, since })).sameClient;
    },
    async otherClientsWithBody(fingerprint, clients, since) {
      return (await store.duplicateCounts({ bodyHash: fingerprint, clients, since })).otherClients;
    },
  };
}

/** Client-key secrets kept in the store: every instance computes the same keys. */
export function storeSecretSource(store: Pick<ModerationStore, 'epochSecret'>): SecretSource {
  return { secret: (epoch) => store.epochSecret(epoch) };
}
