import { define } from '../../core/define.js';
import { MhnProvider } from './mhn-provider.js';

export { MhnProvider };

define('mhn-provider', MhnProvider);

declare global {
  interface HTMLElementTagNameMap {
    'mhn-provider': MhnProvider;
  }
}
