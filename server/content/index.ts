/** The content folder: loading, checking and reloading. See content/README.md for the format. */
export { loadContent, sortProblems } from './load.js';
export {
  checkContent,
  contentWarnings,
  formatProblem,
  formatProblems,
  formatWarnings,
  formatSummary,
  runCheck,
  summarize,
  type CheckIo,
  type ContentSummary,
} from './check.js';
export {
  watchContent,
  type ContentWatcher,
  type WatchHandlers,
  type WatchOptions,
} from './watch.js';
export { generateComments } from './comments.js';
export type * from './types.js';
export { SECTION_ITEM_KINDS } from './types.js';
