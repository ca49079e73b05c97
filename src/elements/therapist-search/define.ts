import { define } from '../../core/define.js';
import { MhnTherapistSearch } from './mhn-therapist-search.js';

export { MhnTherapistSearch };

define('mhn-therapist-search', MhnTherapistSearch);

declare global {
  interface HTMLElementTagNameMap {
    'mhn-therapist-search': MhnTherapistSearch;
  }
}
