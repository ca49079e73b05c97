/** The `moderation:` block of `site.yaml`: pre-moderation, rules and the webhook. */
import {
  DEFAULT_MODERATION,
  MIN_WEBHOOK_SECRET_LENGTH,
  MODERATION_MODES,
  SETTING_FIELDS,
  SETTING_RANGES,
  type ModerationMode,
  type ModerationSettings,
  type NumericSetting,
  type SettingField,
} from '../moderation/settings.js';
import { normalizeText } from '../moderation/text.js';
import type { Reader } from './reader.js';

/** What the block says: every setting (defaults filled in), and the fields it sets. */
export interface ModerationBlock {
  settings: ModerationSettings;
  /**
   * The fields the block gives. The others are the defaults, which the service's
   * moderation switch may change (`mode`: hold-all while `--moderation on`).
   */
  given: SettingField[];
}

/**
 * The site's moderation settings: the defaults, with what the block gives. A field
 * with a problem keeps its default (the problem stops the folder being served anyway).
 */
export function readModeration(r: Reader): ModerationBlock {
  const settings = readSettings(r);
  const given = SETTING_FIELDS.filter((field) => r.has(['moderation', field]));
  return { settings, given };
}

function readSettings(r: Reader): ModerationSettings {
  const at = ['moderation'];
  const settings: ModerationSettings = { ...DEFAULT_MODERATION, restricted: [] };
  if (!r.map(at, false, SETTING_FIELDS)) return settings;

  const mode = r.string([...at, 'mode'], false);
  if (mode !== undefined) {
    if ((MODERATION_MODES as readonly string[]).includes(mode)) {
      settings.mode = mode as ModerationMode;
    } else {
      r.problem([...at, 'mode'], `moderation.mode "${mode}" must be hold-all or rules`);
    }
  }

  const integer = (field: NumericSetting): void => {
    const { min, max } = SETTING_RANGES[field];
    const value = r.number([...at, field], false, min, max);
    if (value === undefined) return;
    if (!Number.isInteger(value)) {
      r.problem([...at, field], `moderation.${field} must be a whole number`);
      return;
    }
    settings[field] = value;
  };
  for (const field of Object.keys(SETTING_RANGES) as NumericSetting[]) integer(field);

  const holdFirstTime = r.boolean([...at, 'holdFirstTime'], false);
  if (holdFirstTime !== undefined) settings.holdFirstTime = holdFirstTime;

  const restricted = r.list([...at, 'restricted'], false);
  const seen = new Map<string, number>();
  restricted?.forEach((_, i) => {
    const path = [...at, 'restricted', i];
    const phrase = r.string(path, true);
    if (phrase === undefined) return;
    const normalized = normalizeText(phrase);
    if (normalized === '') {
      r.problem(path, `moderation.restricted[${i}] "${phrase}" has no letters or digits`);
      return;
    }
    const first = seen.get(normalized);
    if (first !== undefined) {
      r.problem(path, `moderation.restricted[${i}] "${phrase}" is already listed at [${first}]`);
      return;
    }
    seen.set(normalized, i);
    settings.restricted.push(phrase);
  });

  if (r.map([...at, 'webhook'], false, ['url', 'secret'])) {
    const url = r.url([...at, 'webhook', 'url'], true);
    const secret = r.string([...at, 'webhook', 'secret'], true);
    if (secret !== undefined && secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
      r.problem(
        [...at, 'webhook', 'secret'],
        `moderation.webhook.secret is too short (at least ${MIN_WEBHOOK_SECRET_LENGTH} characters)`,
      );
    } else if (url !== undefined && secret !== undefined) {
      settings.webhook = { url, secret };
    }
  }
  return settings;
}
