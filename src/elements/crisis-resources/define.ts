import { define } from '../../core/define.js';
import { MhnCrisisResources } from './mhn-crisis-resources.js';

export { MhnCrisisResources };

define('mhn-crisis-resources', MhnCrisisResources);

declare global {
  interface HTMLElementTagNameMap {
    'mhn-crisis-resources': MhnCrisisResources;
  }
}
