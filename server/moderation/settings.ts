/**
 * A site's moderation settings: the `moderation:` block of the content folder's
 * `site.yaml` (see content/README.md). Every field has a default, so a folder without
 * the block moderates by the rules below and holds every safety match.
 */

import {
  MODERATION_MODES,
  SETTING_FIELDS,
  SETTING_RANGES,
  type ModerationMode,
  type NumericSetting,
  type SettingField,
} from '../../src/contract/moderation.js';

// One copy of the names and ranges, shared with the desk.
export { MODERATION_MODES, SETTING_FIELDS, SETTING_RANGES };
export type { ModerationMode, NumericSetting, SettingField };

/** Where a site's webhook is delivered, and the secret its body is signed with. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface ModerationSettings {
  mode: ModerationMode;
  /** A comment with more links than this is held (title, name and body together). */
  maxLinks: number;
  /** Words and phrases that hold a comment (matched like the safety lists). */
  restricted: string[];
  /** Hold a poster's comment until a moderator has published one of theirs. */
  holdFirstTime: boolean;
  /** Reader reports that send a published comment back to the queue. */
  reportThreshold: number;
  /** A form sent sooner than this after it was shown is spam (0: no minimum). */
  minSubmitSeconds: number;
  /** How far back duplicate detection looks. */
  duplicateWindowMinutes: number;
  /** The same text from this many different posters within the window is held. */
  duplicateClients: number;
  /** Called on comment.pending, comment.safety and comment.reported; none by default. */
  webhook?: WebhookTarget;
}

export const DEFAULT_MODERATION: Readonly<ModerationSettings> = Object.freeze({
  mode: 'rules',
  maxLinks: 2,
  restricted: [],
  holdFirstTime: false,
  reportThreshold: 3,
  minSubmitSeconds: 3,
  duplicateWindowMinutes: 24 * 60,
  duplicateClients: 3,
});

/** Webhook secrets shorter than this are refused: they could be guessed. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

/** The desk's limits on the restricted list (the content folder's list is not capped). */
export const MAX_RESTRICTED_PHRASES = 500;
export const MAX_RESTRICTED_PHRASE_LENGTH = 200;
