/**
 * The Content API contract, in one place: the resource types, the limits, the
 * postal-code rules, paging bounds and the error codes. The widgets and the Content API
 * service (server/) both import it, so every rule exists once. Pure TypeScript: no DOM,
 * no Node — it compiles for the browser bundle and for the server alike.
 *
 * The HTTP description of the same contract is docs/openapi.yaml.
 *
 * @module
 */
export * from './types.js';
export * from './limits.js';
export * from './errors.js';
export * from './postal-code.js';
export * from './validation.js';
export * from './moderation.js';
