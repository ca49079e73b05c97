import { define } from '../../core/define.js';
import { MhnModeration } from './mhn-moderation.js';

export { MhnModeration };

define('mhn-moderation', MhnModeration);

declare global {
  interface HTMLElementTagNameMap {
    'mhn-moderation': MhnModeration;
  }
}
