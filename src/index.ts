/**
 * The script-tag bundle entry: registers every element.
 * (npm users may import one element's `define.js` instead.)
 */
import './elements/provider/define.js';
import './elements/article/define.js';

export * from './core/index.js';
export { MhnProvider } from './elements/provider/mhn-provider.js';
export { MhnArticle } from './elements/article/mhn-article.js';
