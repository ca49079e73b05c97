import { define } from '../../core/define.js';
import { MhnArticle } from './mhn-article.js';

export { MhnArticle };

define('mhn-article', MhnArticle);

declare global {
  interface HTMLElementTagNameMap {
    'mhn-article': MhnArticle;
  }
}
