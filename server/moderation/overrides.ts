/**
 * A site's effective moderation settings, in three layers, each over the one before:
 *
 *   1. the defaults (settings.ts), with the `mode` the service's moderation switch gives
 *      (`--moderation on`, the default: `hold-all`; `off`: `rules`);
 *   2. the fields the content folder's `moderation:` block gives;
 *   3. the desk's overrides (set by an admin, kept in the store: every instance sees them).
 *
 * A safety match is held whatever the layers say (rules.ts). This module also checks
 * what the desk sends (`checkSettingsPatch`), with a sentence per field, and what the
 * store gives back (a value that no longer passes is ignored, never trusted).
 */
import { isHttpUrl } from '../content/reader.js';
import {
  DEFAULT_MODERATION,
  MAX_RESTRICTED_PHRASES,
  MAX_RESTRICTED_PHRASE_LENGTH,
  MIN_WEBHOOK_SECRET_LENGTH,
  MODERATION_MODES,
  SETTING_FIELDS,
  SETTING_RANGES,
  type ModerationMode,
  type ModerationSettings,
  type NumericSetting,
  type SettingField,
  type WebhookTarget,
} from './settings.js';
import { normalizeText } from './text.js';

/** Where an effective value comes from. */
export type SettingSource = 'default' | 'content' | 'desk';

/** The store key of a desk override (`site_settings.key`). */
export const overrideKey = (field: SettingField) => `moderation.${field}`;

export interface SettingsLayers {
  /** The mode when neither the content folder nor the desk gives one (the switch's). */
  defaultMode: ModerationMode;
  /** The content folder's block, defaults filled in, and the fields it gives. */
  content: ModerationSettings;
  contentGiven: readonly SettingField[];
  /** The site's settings as the store keeps them (`getSiteSettings`). */
  stored: Readonly<Record<string, unknown>>;
}

export interface EffectiveSettings {
  settings: ModerationSettings;
  sources: Record<SettingField, SettingSource>;
  defaultMode: ModerationMode;
}

const MAX_URL_LENGTH = 2000;

type Check = { ok: true; value: unknown } | { ok: false; fields: Record<string, string> };
const fail = (field: string, message: string): Check => ({
  ok: false,
  fields: { [field]: message },
});

function checkRestricted(value: unknown): Check {
  if (!Array.isArray(value) || value.length > MAX_RESTRICTED_PHRASES) {
    return fail(
      'restricted',
      `restricted must be a list of at most ${MAX_RESTRICTED_PHRASES} words or phrases.`,
    );
  }
  const fields: Record<string, string> = {};
  const seen = new Map<string, number>();
  const list: string[] = [];
  value.forEach((item, i) => {
    const at = `restricted[${i}]`;
    const phrase = typeof item === 'string' ? item.trim() : '';
    if (typeof item !== 'string' || [...phrase].length > MAX_RESTRICTED_PHRASE_LENGTH) {
      fields[at] = `${at} must be text of at most ${MAX_RESTRICTED_PHRASE_LENGTH} characters.`;
      return;
    }
    const normalized = normalizeText(phrase);
    if (normalized === '') {
      fields[at] = `${at} "${phrase}" has no letters or digits.`;
      return;
    }
    const first = seen.get(normalized);
    if (first !== undefined) {
      fields[at] = `${at} "${phrase}" is already listed at [${first}].`;
      return;
    }
    seen.set(normalized, i);
    list.push(phrase);
  });
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, value: list };
}

/**
 * `webhook`: `{ url, secret }`; the secret may be left out to keep the one in effect
 * (`currentSecret`), so an admin can move the receiver without retyping it.
 */
function checkWebhook(value: unknown, currentSecret: string | null): Check {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail('webhook', 'webhook must be { url, secret }, or null for no desk override.');
  }
  const { url, secret, ...rest } = value as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const key of Object.keys(rest)) fields[`webhook.${key}`] = `webhook.${key} is not a field.`;
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH || !isHttpUrl(url)) {
    fields['webhook.url'] = 'webhook.url must be an absolute http(s) URL.';
  }
  if (secret === undefined) {
    if (currentSecret === null) {
      fields['webhook.secret'] = 'webhook.secret is needed: no secret is set yet.';
    }
  } else if (
    typeof secret !== 'string' ||
    [...secret].length < MIN_WEBHOOK_SECRET_LENGTH ||
    secret.length > 1000
  ) {
    fields['webhook.secret'] =
      `webhook.secret must be text of at least ${MIN_WEBHOOK_SECRET_LENGTH} characters (a long random string).`;
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  const target: WebhookTarget = {
    url: url as string,
    secret: (secret as string | undefined) ?? (currentSecret as string),
  };
  return { ok: true, value: target };
}

/** One field's value, as the desk sends it or the store keeps it. */
function checkField(field: SettingField, value: unknown, currentSecret: string | null): Check {
  switch (field) {
    case 'mode':
      return (MODERATION_MODES as readonly unknown[]).includes(value)
        ? { ok: true, value }
        : fail('mode', `mode must be ${MODERATION_MODES.map((m) => `"${m}"`).join(' or ')}.`);
    case 'holdFirstTime':
      return typeof value === 'boolean'
        ? { ok: true, value }
        : fail(field, `${field} must be true or false.`);
    case 'restricted':
      return checkRestricted(value);
    case 'webhook':
      return checkWebhook(value, currentSecret);
    default: {
      const { min, max } = SETTING_RANGES[field as NumericSetting];
      return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max
        ? { ok: true, value }
        : fail(field, `${field} must be a whole number from ${min} to ${max}.`);
    }
  }
}

/** What the desk asked to change: a new value, or null to drop the desk's override. */
export type SettingsPatch = Partial<Record<SettingField, unknown>>;

export type PatchCheck =
  | { ok: true; patch: SettingsPatch }
  | { ok: false; message: string; fields: Record<string, string> };

/**
 * Checks a PATCH body: known fields only, each valid or `null`. `currentSecret` is the
 * webhook secret in effect (a new webhook without one needs a secret).
 */
export function checkSettingsPatch(body: unknown, currentSecret: string | null): PatchCheck {
  const message = 'Some settings need attention; nothing was changed.';
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, message: 'Send the settings to change as a JSON object.', fields: {} };
  }
  const entries = Object.entries(body as Record<string, unknown>);
  if (entries.length === 0) {
    return { ok: false, message: 'Send at least one setting to change.', fields: {} };
  }
  const fields: Record<string, string> = {};
  const patch: SettingsPatch = {};
  for (const [key, value] of entries) {
    if (!(SETTING_FIELDS as readonly string[]).includes(key)) {
      fields[key] = `${key} is not a setting (${SETTING_FIELDS.join(', ')}).`;
      continue;
    }
    const field = key as SettingField;
    if (value === null) {
      patch[field] = null;
      continue;
    }
    const checked = checkField(field, value, currentSecret);
    if (checked.ok) patch[field] = checked.value;
    else Object.assign(fields, checked.fields);
  }
  return Object.keys(fields).length > 0 ? { ok: false, message, fields } : { ok: true, patch };
}

/** The layers resolved: the settings every new comment is checked against. */
export function resolveSettings(layers: SettingsLayers): EffectiveSettings {
  const settings: ModerationSettings = {
    ...DEFAULT_MODERATION,
    restricted: [...DEFAULT_MODERATION.restricted],
    mode: layers.defaultMode,
  };
  const sources = Object.fromEntries(SETTING_FIELDS.map((f) => [f, 'default'])) as Record<
    SettingField,
    SettingSource
  >;
  const assign = (field: SettingField, value: unknown) => {
    if (field === 'webhook') settings.webhook = value as WebhookTarget;
    else (settings as unknown as Record<string, unknown>)[field] = value;
  };
  for (const field of layers.contentGiven) {
    const value = layers.content[field];
    if (value === undefined) continue;
    assign(field, value);
    sources[field] = 'content';
  }
  for (const field of SETTING_FIELDS) {
    const stored = layers.stored[overrideKey(field)];
    if (stored === undefined || stored === null) continue;
    // Checked again: a value stored under older limits must not reach the rules.
    const checked = checkField(field, stored, null);
    if (!checked.ok) continue;
    assign(field, checked.value);
    sources[field] = 'desk';
  }
  return { settings, sources, defaultMode: layers.defaultMode };
}

/** The webhook as the desk and the audit log show it: never the secret. */
export function webhookView(target: unknown): { url: string; secretSet: boolean } | null {
  if (target === null || typeof target !== 'object') return null;
  const { url, secret } = target as Partial<WebhookTarget>;
  return typeof url === 'string' ? { url, secretSet: typeof secret === 'string' } : null;
}
