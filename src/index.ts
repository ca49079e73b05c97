/**
 * The script-tag bundle entry: registers every element.
 * (npm users may import one element's `define.js` instead.)
 */
import './elements/provider/define.js';
import './elements/article/define.js';
import './elements/comments/define.js';
import './elements/topic/define.js';
import './elements/related-topics/define.js';
import './elements/therapist-search/define.js';
import './elements/attribution/define.js';
import './elements/crisis-resources/define.js';

export * from './core/index.js';
export { MhnProvider } from './elements/provider/mhn-provider.js';
export { MhnArticle } from './elements/article/mhn-article.js';
export { MhnComments } from './elements/comments/mhn-comments.js';
export { MhnTopic } from './elements/topic/mhn-topic.js';
export { MhnRelatedTopics } from './elements/related-topics/mhn-related-topics.js';
export { MhnTherapistSearch } from './elements/therapist-search/mhn-therapist-search.js';
export { normalizePostalCode } from './contract/postal-code.js';
export { MhnAttribution } from './elements/attribution/mhn-attribution.js';
export { MhnCrisisResources } from './elements/crisis-resources/mhn-crisis-resources.js';
