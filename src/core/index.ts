/**
 * What every widget shares. Importing this module registers no element.
 */
export * from './api-types.js';
export * from './config-context.js';
export * from './content-client.js';
export * from './define.js';
export * from './errors.js';
export type * from './events.js';
export * from './i18n.js';
export { MhnElement, MissingAttribute } from './mhn-element.js';
export {
  prepareSanitizer,
  sanitizeHtml,
  TRUSTED_TYPES_POLICY,
  TRUSTED_TYPES_POLICY_NAMES,
} from './sanitize.js';
export { safeUrl, telUrl } from './urls.js';
