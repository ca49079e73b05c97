/**
 * The desk's admin views (admins only; the service checks the role on every call): the
 * site's moderation **Settings** — what is in effect, saved as the desk's overrides,
 * with the server's sentence under each field it refused — and the **Moderators** —
 * list, add, change role, new password, remove (after a confirmation).
 */
import type { ReactiveControllerHost } from 'lit';
import {
  addModerator,
  getSettings,
  listModerators,
  removeModerator,
  updateModerator,
  updateSettings,
  NUMBER_SETTINGS,
  type Moderator,
  type NumberSetting,
  type SettingsPatch,
  type SettingsView,
} from './desk-admin-api.js';
import { DeskError, type Role } from './desk-api.js';
import type { Desk } from './desk-state.js';

export type DeskView = 'queue' | 'settings' | 'moderators';
type Load = 'loading' | 'error' | 'ready';

/** The settings form as typed (numbers still text: the server explains what is wrong). */
export type SettingsForm = Record<NumberSetting, string> & {
  mode: string;
  restricted: string;
  holdFirstTime: boolean;
  webhookUrl: string;
  webhookSecret: string;
};

/** The form's field a 422 `fields` key is about (`restricted[2]` → `restricted`). */
export function fieldOf(key: string): string {
  if (key.startsWith('restricted')) return 'restricted';
  if (key === 'webhook.secret') return 'webhookSecret';
  if (key.startsWith('webhook')) return 'webhookUrl';
  return key;
}

const number = (text: string): number | string =>
  /^\s*-?\d+\s*$/.test(text) ? Number(text) : text.trim();

export class DeskAdmin {
  view: DeskView = 'queue';
  settingsLoad: Load = 'loading';
  settings: SettingsView | null = null;
  moderatorsLoad: Load = 'loading';
  moderators: Moderator[] = [];
  /** A sentence per form field the server refused, by field (`maxLinks`, `name`, …). */
  errors: Record<string, string> = {};
  /** Per moderator: why a change to them failed. */
  rowErrors = new Map<string, string>();
  /** The moderator whose removal awaits a confirmation; whose new password is asked. */
  confirming: string | null = null;
  resetting: string | null = null;
  busy = false;
  /** Polite: what was done. Assertive: what failed. */
  message = '';
  alert = '';
  /** A CSS selector to focus after the next render. */
  focus: string | null = null;

  constructor(
    private readonly desk: Desk,
    private readonly host: ReactiveControllerHost,
  ) {}

  get isAdmin(): boolean {
    return this.desk.session?.role === 'admin';
  }

  private get t() {
    return this.desk.translate;
  }

  private changed(): void {
    this.host.requestUpdate();
  }

  show(view: DeskView): void {
    this.view = this.isAdmin ? view : 'queue';
    this.errors = {};
    this.rowErrors = new Map();
    this.confirming = this.resetting = null;
    this.message = this.alert = '';
    // The keyboard goes to the view's heading, as the queue's does after sign-in.
    this.focus = this.view === 'queue' ? '#desk-heading' : `#${this.view}-heading`;
    if (this.view === 'settings') void this.loadSettings();
    if (this.view === 'moderators') void this.loadModerators();
    this.changed();
  }

  /** A failed call: 422 fields go under their fields; 403 means the role changed. */
  private async fail(error: unknown, onFields?: (fields: Record<string, string>) => void) {
    if (error instanceof DeskError && error.kind === 'invalid' && onFields) {
      onFields(error.fields);
      this.alert = error.message;
    } else if (error instanceof DeskError && error.kind === 'forbidden') {
      // Someone changed this account's role: show only what it may do now, and say why.
      await this.desk.refreshSession();
      const why = this.t('moderation.admin.forbidden');
      if (this.isAdmin) this.alert = why;
      else {
        this.view = 'queue';
        this.desk.alert = why;
      }
    } else {
      const why = this.desk.failed(error);
      if (why !== null) this.alert = why;
    }
  }

  async loadSettings(): Promise<void> {
    const api = this.desk.api;
    if (!api) return;
    this.settingsLoad = 'loading';
    this.changed();
    try {
      this.settings = await getSettings(api);
      this.settingsLoad = 'ready';
    } catch (error) {
      this.settingsLoad = 'error';
      await this.fail(error);
    }
    this.changed();
  }

  /** The changes the form makes to the settings in effect (only those). */
  patchOf(form: SettingsForm): SettingsPatch {
    const now = this.settings!.settings;
    const patch: Record<string, unknown> = {};
    if (form.mode !== now.mode) patch['mode'] = form.mode;
    for (const key of NUMBER_SETTINGS) {
      const value = number(form[key]);
      if (value !== now[key]) patch[key] = value;
    }
    const words = form.restricted
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean);
    if (JSON.stringify(words) !== JSON.stringify(now.restricted)) patch['restricted'] = words;
    if (form.holdFirstTime !== now.holdFirstTime) patch['holdFirstTime'] = form.holdFirstTime;
    const url = form.webhookUrl.trim();
    if (!url && now.webhook) patch['webhook'] = null;
    else if (url && (url !== now.webhook?.url || form.webhookSecret)) {
      patch['webhook'] = { url, ...(form.webhookSecret ? { secret: form.webhookSecret } : {}) };
    }
    return patch as SettingsPatch;
  }

  async saveSettings(form: SettingsForm): Promise<boolean> {
    const api = this.desk.api;
    if (!api || !this.settings || this.busy) return false;
    const patch = this.patchOf(form);
    this.errors = {};
    this.alert = '';
    if (!Object.keys(patch).length) {
      this.message = this.t('moderation.settings.unchanged');
      this.changed();
      return false;
    }
    this.busy = true;
    this.message = '';
    this.changed();
    try {
      this.settings = await updateSettings(api, patch);
      this.message = this.t('moderation.settings.saved');
      return true;
    } catch (error) {
      await this.fail(error, (fields) => {
        const errors: Record<string, string> = {};
        for (const [key, sentence] of Object.entries(fields)) {
          const field = fieldOf(key);
          errors[field] = errors[field] ? `${errors[field]} ${sentence}` : sentence;
        }
        this.errors = errors;
        const first = Object.keys(errors)[0];
        if (first) this.focus = `#setting-${first}`;
      });
      return false;
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  async loadModerators(): Promise<void> {
    const api = this.desk.api;
    if (!api) return;
    this.moderatorsLoad = this.moderators.length ? 'ready' : 'loading';
    this.changed();
    try {
      this.moderators = await listModerators(api);
      this.moderatorsLoad = 'ready';
    } catch (error) {
      this.moderatorsLoad = 'error';
      await this.fail(error);
    }
    this.changed();
  }

  /** Runs a change to the moderators; says `done` or why not (under `row` or the form). */
  private async change(run: () => Promise<unknown>, done: string, row?: string) {
    if (!this.desk.api || this.busy) return false;
    this.busy = true;
    this.message = this.alert = '';
    this.errors = {};
    if (row) this.rowErrors.delete(row);
    this.changed();
    try {
      await run();
      this.message = done;
      await this.loadModerators();
      return true;
    } catch (error) {
      await this.fail(error, (fields) => {
        if (row) this.rowErrors.set(row, Object.values(fields).join(' ') || this.alert);
        else this.errors = { ...fields };
      });
      // Show each moderator as the server has them (a refused role change undone).
      if (row && this.view === 'moderators') await this.loadModerators();
      return false;
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  add(name: string, role: Role, password: string): Promise<boolean> {
    const api = this.desk.api!;
    return this.change(
      () => addModerator(api, { name: name.trim(), role, password }),
      this.t(`moderation.moderators.added.${role}`, { name: name.trim() }),
    );
  }

  setRole(name: string, role: Role): Promise<boolean> {
    const api = this.desk.api!;
    return this.change(
      () => updateModerator(api, name, { role }),
      this.t(`moderation.moderators.nowRole.${role}`, { name }),
      name,
    );
  }

  async resetPassword(name: string, password: string): Promise<void> {
    const api = this.desk.api!;
    const ok = await this.change(
      () => updateModerator(api, name, { password }),
      this.t('moderation.moderators.passwordSet', { name }),
      name,
    );
    if (ok) this.resetting = null;
  }

  ask(name: string | null, what: 'confirming' | 'resetting'): void {
    this.confirming = this.resetting = null;
    this[what] = name;
    this.focus = name === null ? null : `[data-name="${CSS.escape(name)}"] .${what}`;
    this.changed();
  }

  async remove(name: string): Promise<void> {
    const api = this.desk.api!;
    this.confirming = null;
    await this.change(
      () => removeModerator(api, name),
      this.t('moderation.moderators.removed', { name }),
      name,
    );
    this.focus = '#moderators-heading';
  }
}
