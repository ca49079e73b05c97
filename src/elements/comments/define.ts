import { define } from '../../core/define.js';
import { MhnComments } from './mhn-comments.js';

export { MhnComments };

define('mhn-comments', MhnComments);

declare global {
  interface HTMLElementTagNameMap {
    'mhn-comments': MhnComments;
  }
}
