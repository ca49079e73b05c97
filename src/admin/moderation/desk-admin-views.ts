/**
 * How the desk's admin views look (state in desk-admin.ts): the view switch, the
 * Settings form and the Moderators list. Every field has a label; a field the server
 * refused says why beneath it (`aria-invalid`, `aria-describedby`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { formatDate } from '../../core/i18n.js';
import type { Role } from './desk-api.js';
import {
  NUMBER_SETTINGS,
  type Moderator,
  type NumberSetting,
  type SettingsView,
  type Source,
} from './desk-admin-api.js';
import type { DeskAdmin, DeskView, SettingsForm } from './desk-admin.js';
import type { Translate } from './desk-state.js';

const VIEWS: readonly DeskView[] = ['queue', 'settings', 'moderators'];
const ROLES: readonly Role[] = ['moderator', 'admin'];

/** Queue / Settings / Moderators: admins only. */
export function renderViewSwitch(admin: DeskAdmin, t: Translate): TemplateResult | typeof nothing {
  if (!admin.isAdmin) return nothing;
  return html`<nav class="views" part="views" aria-label=${t('moderation.views')}>
    ${VIEWS.map(
      (view) =>
        html`<button
          type="button"
          class="secondary"
          aria-current=${admin.view === view ? 'page' : 'false'}
          @click=${() => admin.show(view)}
        >
          ${t(`moderation.view.${view}`)}
        </button>`,
    )}
  </nav>`;
}

/** The live regions of an admin view: what was done (polite), what failed (assertive). */
function regions(admin: DeskAdmin): TemplateResult {
  return html`<div class="live" role="status">${admin.message}</div>
    <p class="error" role="alert">${admin.alert}</p>`;
}

/** A field's error sentence, if the server gave one. */
function problem(admin: DeskAdmin, field: string) {
  const text = admin.errors[field];
  return text ? html`<span class="error" id="setting-${field}-error">${text}</span>` : nothing;
}
const invalid = (admin: DeskAdmin, field: string) => (admin.errors[field] ? 'true' : 'false');
const describedBy = (admin: DeskAdmin, field: string, hint?: string) =>
  [hint, admin.errors[field] ? `setting-${field}-error` : ''].filter(Boolean).join(' ') || nothing;

function source(t: Translate, from: Source, id: string) {
  return html`<span class="muted hint" id=${id}>${t(`moderation.settings.from.${from}`)}</span>`;
}

function loadState(load: 'loading' | 'error' | 'ready', t: Translate, retry: () => void) {
  if (load === 'loading')
    return html`<p class="muted" role="status">${t('moderation.admin.loading')}</p>`;
  return html`<p>${t('moderation.admin.error')}</p>
    <button type="button" @click=${retry}>${t('moderation.retry')}</button>`;
}

/** The Settings view: its heading stays put (it has the keyboard) while the form loads. */
export function renderSettings(admin: DeskAdmin, t: Translate): TemplateResult {
  const view = admin.settings;
  return html`<section class="admin" aria-labelledby="settings-heading">
    <h3 id="settings-heading" tabindex="-1">${t('moderation.view.settings')}</h3>
    ${
      admin.settingsLoad !== 'ready' || !view
        ? html`${regions(admin)}
          ${loadState(admin.settingsLoad, t, () => void admin.loadSettings())}`
        : settingsForm(admin, t, view)
    }
  </section>`;
}

function settingsForm(admin: DeskAdmin, t: Translate, view: SettingsView): TemplateResult {
  const { settings: s, sources } = view;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.target as HTMLFormElement;
    const data = new FormData(element);
    const text = (name: string) => String(data.get(name) ?? '');
    const form = {
      mode: text('mode'),
      restricted: text('restricted'),
      holdFirstTime: data.get('holdFirstTime') === 'on',
      webhookUrl: text('webhookUrl'),
      webhookSecret: text('webhookSecret'),
    } as SettingsForm;
    for (const name of NUMBER_SETTINGS) form[name] = text(name);
    void admin.saveSettings(form).then((saved) => {
      // The new secret is not kept in the page once saved (the others show what is in effect).
      const secret = element.elements.namedItem('webhookSecret') as HTMLInputElement | null;
      if (saved && secret) secret.value = '';
    });
  };
  const numberField = (name: NumberSetting) =>
    html`<p class="field">
      <label for="setting-${name}">${t(`moderation.settings.${name}`)}</label>
      <input
        id="setting-${name}"
        name=${name}
        inputmode="numeric"
        .value=${live(String(s[name]))}
        aria-invalid=${invalid(admin, name)}
        aria-describedby=${describedBy(admin, name, `from-${name}`)}
      />
      ${source(t, sources[name], `from-${name}`)} ${problem(admin, name)}
    </p>`;
  return html`<form @submit=${submit} novalidate>
    <fieldset
      id="setting-mode"
      tabindex="-1"
      aria-invalid=${invalid(admin, 'mode')}
      aria-describedby=${describedBy(admin, 'mode', 'from-mode')}
    >
      <legend>${t('moderation.settings.mode')}</legend>
      ${(['hold-all', 'rules'] as const).map(
        (mode) =>
          html`<label class="check">
            <input type="radio" name="mode" value=${mode} .checked=${live(s.mode === mode)} />
            ${t(`moderation.settings.mode.${mode}`)}
          </label>`,
      )}
      ${source(t, sources.mode, 'from-mode')} ${problem(admin, 'mode')}
    </fieldset>
    ${numberField('maxLinks')}
    <p class="field">
      <label for="setting-restricted">${t('moderation.settings.restricted')}</label>
      <textarea
        id="setting-restricted"
        name="restricted"
        rows="4"
        .value=${live(s.restricted.join('\n'))}
        aria-invalid=${invalid(admin, 'restricted')}
        aria-describedby=${describedBy(admin, 'restricted', 'from-restricted')}
      ></textarea>
      ${source(t, sources.restricted, 'from-restricted')} ${problem(admin, 'restricted')}
    </p>
    <p class="field">
      <label class="check">
        <input
          type="checkbox"
          id="setting-holdFirstTime"
          name="holdFirstTime"
          .checked=${live(s.holdFirstTime)}
          aria-describedby=${describedBy(admin, 'holdFirstTime', 'from-holdFirstTime')}
        />
        ${t('moderation.settings.holdFirstTime')}
      </label>
      ${source(t, sources.holdFirstTime, 'from-holdFirstTime')} ${problem(admin, 'holdFirstTime')}
    </p>
    ${numberField('reportThreshold')}
    <details class="field">
      <summary>${t('moderation.settings.spam')}</summary>
      ${numberField('minSubmitSeconds')} ${numberField('duplicateWindowMinutes')}
      ${numberField('duplicateClients')}
    </details>
    <p class="field">
      <label for="setting-webhookUrl">${t('moderation.settings.webhookUrl')}</label>
      <input
        id="setting-webhookUrl"
        name="webhookUrl"
        type="url"
        .value=${live(s.webhook?.url ?? '')}
        aria-invalid=${invalid(admin, 'webhookUrl')}
        aria-describedby=${describedBy(admin, 'webhookUrl', 'from-webhook')}
      />
      ${source(t, sources.webhook, 'from-webhook')} ${problem(admin, 'webhookUrl')}
    </p>
    <p class="field">
      <label for="setting-webhookSecret">${t('moderation.settings.webhookSecret')}</label>
      <input
        id="setting-webhookSecret"
        name="webhookSecret"
        type="password"
        autocomplete="off"
        aria-invalid=${invalid(admin, 'webhookSecret')}
        aria-describedby=${describedBy(admin, 'webhookSecret', 'secret-state')}
      />
      <span class="muted hint" id="secret-state">
        ${t(s.webhook?.secretSet ? 'moderation.settings.secretSet' : 'moderation.settings.secretUnset')}
      </span>
      ${problem(admin, 'webhookSecret')}
    </p>
    ${regions(admin)}
    <button type="submit" ?disabled=${admin.busy}>${t('moderation.settings.save')}</button>
  </form>`;
}

interface Row {
  moderator: Moderator;
  index: number;
  self: boolean;
}

function renderModerator(admin: DeskAdmin, t: Translate, lang: string, row: Row) {
  const { moderator, index, self } = row;
  const { name, role, created } = moderator;
  const error = admin.rowErrors.get(name);
  const resetSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    void admin.resetPassword(name, String(data.get('password') ?? ''));
  };
  return html`<li class="moderator" data-name=${name}>
    <p class="head">
      <strong>${name}</strong>
      ${self ? html`<span class="muted">${t('moderation.moderators.you')}</span>` : nothing}
      <span class="muted"
        >${t('moderation.moderators.since', { date: formatDate(lang, created) ?? '' })}</span
      >
    </p>
    <div class="actions">
      <label class="check">
        ${t('moderation.moderators.role')}
        <select
          .value=${live(role)}
          aria-label=${t('moderation.moderators.roleOf', { name })}
          ?disabled=${admin.busy}
          @change=${(e: Event) => void admin.setRole(name, (e.target as HTMLSelectElement).value as Role)}
        >
          ${ROLES.map(
            (r) =>
              html`<option value=${r} ?selected=${r === role}>
                ${t(`moderation.role.${r}`)}
              </option>`,
          )}
        </select>
      </label>
      <button type="button" class="secondary" @click=${() => admin.ask(name, 'resetting')}>
        ${t('moderation.moderators.newPassword')}
      </button>
      <button type="button" class="secondary" @click=${() => admin.ask(name, 'confirming')}>
        ${t('moderation.moderators.remove')}
      </button>
    </div>
    ${
      admin.resetting === name
        ? html`<form class="more" @submit=${resetSubmit} novalidate>
            <label for="reset-${index}"
              >${t('moderation.moderators.newPasswordFor', { name })}</label
            >
            <input
              class="resetting"
              id="reset-${index}"
              name="password"
              type="password"
              autocomplete="new-password"
            />
            <div class="actions">
              <button type="submit" ?disabled=${admin.busy}>
                ${t('moderation.moderators.setPassword')}
              </button>
              <button type="button" class="secondary" @click=${() => admin.ask(null, 'resetting')}>
                ${t('moderation.cancel')}
              </button>
            </div>
          </form>`
        : nothing
    }
    ${
      admin.confirming === name
        ? html`<div
            class="more"
            role="group"
            aria-label=${t('moderation.moderators.confirm', { name })}
          >
            <p>${t('moderation.moderators.confirm', { name })}</p>
            <div class="actions">
              <button type="button" class="confirming" @click=${() => void admin.remove(name)}>
                ${t('moderation.moderators.removeNamed', { name })}
              </button>
              <button type="button" class="secondary" @click=${() => admin.ask(null, 'confirming')}>
                ${t('moderation.cancel')}
              </button>
            </div>
          </div>`
        : nothing
    }
    ${error ? html`<p class="error">${error}</p>` : nothing}
  </li>`;
}

export function renderModerators(
  admin: DeskAdmin,
  t: Translate,
  lang: string,
  me: string,
): TemplateResult {
  const heading = html`<h3 id="moderators-heading" tabindex="-1">
    ${t('moderation.view.moderators')}
  </h3>`;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '');
    void admin.add(text('name'), text('role') as Role, text('password')).then((ok) => {
      if (ok) form.reset();
    });
  };
  const field = (name: 'name' | 'password', type: string, autocomplete: string) =>
    html`<p class="field">
      <label for="setting-${name}">${t(`moderation.moderators.${name}`)}</label>
      <input
        id="setting-${name}"
        name=${name}
        type=${type}
        autocomplete=${autocomplete}
        aria-invalid=${invalid(admin, name)}
        aria-describedby=${describedBy(admin, name)}
      />
      ${problem(admin, name)}
    </p>`;
  return html`<section class="admin" aria-labelledby="moderators-heading">
    ${heading} ${regions(admin)}
    ${
      admin.moderatorsLoad === 'ready'
        ? html`<ul class="moderators">
            ${admin.moderators.map((moderator, index) =>
              renderModerator(admin, t, lang, { moderator, index, self: moderator.name === me }),
            )}
          </ul>`
        : loadState(admin.moderatorsLoad, t, () => void admin.loadModerators())
    }
    <form @submit=${submit} novalidate aria-labelledby="add-heading">
      <h4 id="add-heading">${t('moderation.moderators.add')}</h4>
      ${field('name', 'text', 'off')}
      <p class="field">
        <label for="setting-role">${t('moderation.moderators.role')}</label>
        <select id="setting-role" name="role">
          ${ROLES.map((r) => html`<option value=${r}>${t(`moderation.role.${r}`)}</option>`)}
        </select>
      </p>
      ${field('password', 'password', 'new-password')}
      <button type="submit" ?disabled=${admin.busy}>${t('moderation.moderators.addButton')}</button>
    </form>
  </section>`;
}
