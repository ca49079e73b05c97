/**
 * The site's moderation settings as the admin API names them (docs/openapi.yaml,
 * `/admin/settings`): the fields, their order, the modes and the whole-number ranges.
 * The service checks against these and the desk builds its form from them.
 */

/** `hold-all`: every comment waits for a moderator. `rules`: published unless a rule matches. */
export type ModerationMode = 'hold-all' | 'rules';

export const MODERATION_MODES: readonly ModerationMode[] = ['hold-all', 'rules'];

/** The fields of the settings, in the order the desk and the docs list them. */
export const SETTING_FIELDS = [
  'mode',
  'maxLinks',
  'restricted',
  'holdFirstTime',
  'reportThreshold',
  'minSubmitSeconds',
  'duplicateWindowMinutes',
  'duplicateClients',
  'webhook',
] as const;
export type SettingField = (typeof SETTING_FIELDS)[number];

/** The whole-number settings and their ranges (the content folder and the desk alike). */
export const SETTING_RANGES = {
  maxLinks: { min: 0, max: 100 },
  reportThreshold: { min: 1, max: 1000 },
  minSubmitSeconds: { min: 0, max: 600 },
  duplicateWindowMinutes: { min: 1, max: 60 * 24 * 30 },
  duplicateClients: { min: 2, max: 1000 },
} as const;
export type NumericSetting = keyof typeof SETTING_RANGES;
export const NUMERIC_SETTINGS = Object.keys(SETTING_RANGES) as NumericSetting[];

/** Where a setting in effect comes from. */
export type SettingSource = 'default' | 'content' | 'desk';
