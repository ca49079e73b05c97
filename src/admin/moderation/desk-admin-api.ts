/**
 * The admin API's calls about the site rather than its comments (docs/openapi.yaml):
 * the moderation settings in effect and the desk's overrides of them, and the
 * moderators. Only admins may change them; the service checks the role on every call.
 */
import {
  NUMERIC_SETTINGS,
  SETTING_FIELDS,
  type ModerationMode,
  type NumericSetting,
  type SettingField,
  type SettingSource,
} from '../../contract/moderation.js';
import { DeskError, type DeskApi, type Role } from './desk-api.js';

export type Mode = ModerationMode;
export type Source = SettingSource;

/** The settings the desk shows and changes. */
export interface SiteSettings {
  mode: Mode;
  maxLinks: number;
  restricted: string[];
  holdFirstTime: boolean;
  reportThreshold: number;
  minSubmitSeconds: number;
  duplicateWindowMinutes: number;
  duplicateClients: number;
  webhook: { url: string; secretSet: boolean } | null;
}

/** The settings that are whole numbers (typed as text in the form). */
export const NUMBER_SETTINGS: readonly NumericSetting[] = NUMERIC_SETTINGS;
export type NumberSetting = NumericSetting;
export type SettingName = SettingField & keyof SiteSettings;
export const SETTING_NAMES: readonly SettingName[] = SETTING_FIELDS;

export interface SettingsView {
  settings: SiteSettings;
  sources: Record<SettingName, Source>;
}

/** What a PATCH sends: the settings changed (a webhook with its secret when new). */
export type SettingsPatch = Partial<
  Omit<SiteSettings, 'webhook'> & { webhook: { url: string; secret?: string } | null }
>;

export interface Moderator {
  name: string;
  role: Role;
  created: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function bad(): never {
  throw new DeskError('bad_response', 'The server sent an answer the desk could not read.');
}

function parseSettings(json: unknown): SettingsView {
  if (!isObject(json) || !isObject(json['settings']) || !isObject(json['sources'])) bad();
  const s = json['settings'];
  const hook = s['webhook'];
  const whole = (name: NumberSetting) => (typeof s[name] === 'number' ? (s[name] as number) : 0);
  const sources = {} as Record<SettingName, Source>;
  for (const name of SETTING_NAMES) {
    const source = json['sources'][name];
    sources[name] = source === 'content' || source === 'desk' ? source : 'default';
  }
  return {
    settings: {
      mode: s['mode'] === 'rules' ? 'rules' : 'hold-all',
      maxLinks: whole('maxLinks'),
      restricted: Array.isArray(s['restricted'])
        ? s['restricted'].filter((w): w is string => typeof w === 'string')
        : [],
      holdFirstTime: s['holdFirstTime'] === true,
      reportThreshold: whole('reportThreshold'),
      minSubmitSeconds: whole('minSubmitSeconds'),
      duplicateWindowMinutes: whole('duplicateWindowMinutes'),
      duplicateClients: whole('duplicateClients'),
      webhook:
        isObject(hook) && typeof hook['url'] === 'string'
          ? { url: hook['url'], secretSet: hook['secretSet'] === true }
          : null,
    },
    sources,
  };
}

function parseModerator(v: unknown): Moderator {
  if (!isObject(v) || typeof v['name'] !== 'string') bad();
  return {
    name: v['name'],
    role: v['role'] === 'admin' ? 'admin' : 'moderator',
    created: typeof v['created'] === 'string' ? v['created'] : '',
  };
}

const path = (name: string) => `moderators/${encodeURIComponent(name)}`;

export async function getSettings(api: DeskApi): Promise<SettingsView> {
  return parseSettings(await api.request('GET', 'settings'));
}

export async function updateSettings(api: DeskApi, patch: SettingsPatch): Promise<SettingsView> {
  return parseSettings(await api.request('PATCH', 'settings', { body: patch }));
}

export async function listModerators(api: DeskApi): Promise<Moderator[]> {
  const json = await api.request('GET', 'moderators');
  if (!isObject(json) || !Array.isArray(json['items'])) bad();
  return json['items'].map(parseModerator);
}

export async function addModerator(
  api: DeskApi,
  account: { name: string; role: Role; password: string },
): Promise<Moderator> {
  const json = await api.request('POST', 'moderators', { body: account });
  if (!isObject(json)) bad();
  return parseModerator(json['moderator']);
}

export async function updateModerator(
  api: DeskApi,
  name: string,
  change: { role?: Role; password?: string },
): Promise<Moderator> {
  const json = await api.request('PATCH', path(name), { body: change });
  if (!isObject(json)) bad();
  return parseModerator(json['moderator']);
}

export async function removeModerator(api: DeskApi, name: string): Promise<void> {
  await api.request('DELETE', path(name));
}
