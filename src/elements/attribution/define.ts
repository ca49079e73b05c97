import { define } from '../../core/define.js';
import { MhnAttribution } from './mhn-attribution.js';

export { MhnAttribution };

define('mhn-attribution', MhnAttribution);

declare global {
  interface HTMLElementTagNameMap {
    'mhn-attribution': MhnAttribution;
  }
}
