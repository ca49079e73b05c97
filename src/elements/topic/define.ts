import { define } from '../../core/define.js';
import { MhnTopic } from './mhn-topic.js';

export { MhnTopic };

define('mhn-topic', MhnTopic);

declare global {
  interface HTMLElementTagNameMap {
    'mhn-topic': MhnTopic;
  }
}
