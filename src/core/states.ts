/**
 * The states every data widget shares: loading, error (with Try again), not found,
 * not configured and empty. Plain template functions so each widget composes them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ContentError } from './errors.js';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * A placeholder that reserves the final space, plus a status line for screen readers.
 * `body` mirrors the widget's loaded layout (typical content); without it, `lines` bars.
 */
export function renderLoading(
  t: Translate,
  lines = 5,
  label?: string,
  body?: unknown,
): TemplateResult {
  return html`<div class="skeleton ${body ? 'shaped' : ''}" part="loading" aria-hidden="true">
      ${
        body ??
        html`<span class="skeleton-line title"></span>
          ${Array.from({ length: lines }, () => html`<span class="skeleton-line"></span>`)}`
      }
    </div>
    <p class="visually-hidden" role="status">${label ?? t('state.loading')}</p>`;
}

/**
 * Placeholder text that wraps like about `chars` characters of prose, so a skeleton
 * takes the lines real text would at any width. Inside an `aria-hidden` placeholder.
 */
export const skeletonText = (chars: number): TemplateResult =>
  html`<span
    class="skeleton-line text"
    data-text=${'xxxxx '.repeat(chars / 5).slice(0, chars)}
  ></span>`;

/** The reader-facing sentence for an error, by its code. */
export function errorMessage(t: Translate, error: ContentError): string {
  switch (error.code) {
    case 'network':
    case 'timeout':
    case 'rate_limited':
    case 'bad_response':
      return t(`state.error.${error.code}`);
    default:
      return t('state.error');
  }
}

/**
 * `role="alert"` text in plain words and a Try again button. The partner's fallback
 * content (the element's children, e.g. a link to the canonical page) shows here too.
 */
export function renderError(t: Translate, error: ContentError, retry: () => void): TemplateResult {
  return html`<div class="state" part="error" role="alert">
    <p class="state-message">${errorMessage(t, error)}</p>
    <button type="button" part="button retry" @click=${retry}>${t('state.retry')}</button>
    <slot></slot>
  </div>`;
}

export function renderNotFound(t: Translate, message?: string): TemplateResult {
  return html`<p class="state" part="not-found" role="status">
    ${message ?? t('state.notFound')}
  </p>`;
}

export function renderNotConfigured(t: Translate, attribute: string): TemplateResult {
  return html`<p class="state" part="not-configured" role="status">
    ${t('state.notConfigured', { attribute })}
  </p>`;
}

export function renderEmpty(t: Translate, message?: string): TemplateResult {
  return html`<p class="state" part="empty" role="status">${message ?? t('state.empty')}</p>`;
}

export { nothing };
