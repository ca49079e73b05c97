/**
 * What `<mhn-provider>` shares with the widgets inside it, through @lit/context.
 */
import { createContext } from '@lit/context';
import type { Messages } from './i18n.js';

export type Theme = 'light' | 'dark' | 'auto';

export interface ProviderConfig {
  endpoint?: string;
  locale?: string;
  theme?: Theme;
  /** String overrides for every widget inside the provider. */
  strings?: Messages;
}

export const configContext = createContext<ProviderConfig | undefined>(
  Symbol.for('mhn-widgets/config'),
);
