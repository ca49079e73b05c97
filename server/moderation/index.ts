/** Moderation: the rules that decide what waits, the safety check, client keys, webhooks. */
export {
  REASONS,
  countLinks,
  evaluate,
  evaluateReports,
  eventFor,
  MIN_CROSS_CLIENT_DUPLICATE_LENGTH,
  type CommentDraft,
  type Decision,
  type DecisionStatus,
  type ModerationContext,
  type ModerationHistory,
  type Reason,
  type Submission,
} from './rules.js';
export {
  SafetyMatcher,
  listLanguage,
  parseSafetyList,
  safetyMatcher,
  type ListProblem,
  type SafetyList,
  type SafetyResult,
} from './safety.js';
export {
  DEFAULT_MODERATION,
  MODERATION_MODES,
  type ModerationMode,
  type ModerationSettings,
  type WebhookTarget,
} from './settings.js';
export {
  DEFAULT_SPAM_CHECK_TIMEOUT_MS,
  askSpamChecker,
  type SpamCheckComment,
  type SpamCheckMeta,
  type SpamChecker,
  type SpamVerdict,
} from './spam-checker.js';
export { PhraseMatcher, bodyFingerprint, normalizeText, type PhraseMatch } from './text.js';
export {
  ClientKeys,
  DEFAULT_ROTATION_MS,
  memorySecretSource,
  pepperedSecretSource,
  type ClientKeyOptions,
  type ClientKeySet,
  type SecretSource,
} from './client-key.js';
export {
  WebhookDispatcher,
  signWebhook,
  verifyWebhook,
  type DeliveryReport,
  type WebhookArticle,
  type WebhookComment,
  type WebhookDispatcherOptions,
  type WebhookEvent,
  type WebhookEventType,
} from './webhook.js';
export { formAge, formTokens, issueFormToken, type FormTokens } from './form-token.js';
