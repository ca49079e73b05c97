import { define } from '../../core/define.js';
import { MhnRelatedTopics } from './mhn-related-topics.js';

export { MhnRelatedTopics };

define('mhn-related-topics', MhnRelatedTopics);

declare global {
  interface HTMLElementTagNameMap {
    'mhn-related-topics': MhnRelatedTopics;
  }
}
