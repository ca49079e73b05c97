/**
 * Design tokens and the styles every widget shares.
 *
 * Isolation decision: a widget takes from the page only its font family (so it blends
 * in), its writing direction and its visibility (a container the page hides hides the
 * widget too). Every other inherited property (colour, size, line height, weight, style,
 * spacing, alignment, text transform and shadow, white space, cursor, text fill…) is
 * reset by `all: initial` on the host and then set here. Text size starts from the
 * `medium` keyword — the reader's browser default — so a page that shrinks its root font
 * (`html { font-size: 62.5% }`) does not shrink the widgets; all sizes inside are in
 * `em`/`px`, never `rem`. Page rules that select the host element itself still win
 * (partners may size and place it). Colours meet WCAG AA in both themes.
 */
import { css } from 'lit';

export const hostStyles = css`
  :host {
    --_text: var(--mhn-color-text, #1f2328);
    --_muted: var(--mhn-color-muted, #545d68);
    --_accent: var(--mhn-color-accent, #0b5cad);
    --_accent-text: var(--mhn-color-accent-text, #ffffff);
    --_surface: var(--mhn-color-surface, #ffffff);
    --_subtle: var(--mhn-color-subtle, #f4f6f8);
    --_border: var(--mhn-color-border, #c9d1d9);
    --_error: var(--mhn-color-error, #b42318);
    --_radius: var(--mhn-radius, 8px);
    --_space: var(--mhn-space, 16px);
    --_focus: var(--mhn-color-focus, #0b5cad);

    all: initial;
    display: block;
    box-sizing: border-box;
    color-scheme: light;
    contain: layout paint;
    position: relative;
    visibility: inherit;
    font-family: var(--mhn-font, inherit);
    font-size: var(--mhn-font-size, medium);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_surface);
    overflow-wrap: anywhere;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    /* Two widgets one after the other (an article, then its comments) never touch. */
    margin-block: var(--mhn-block-spacing, 1.5em);
  }

  :host([hidden]) {
    display: none;
  }

  :host([data-theme='dark']) {
    --_text: var(--mhn-color-text, #e6edf3);
    --_muted: var(--mhn-color-muted, #a8b3bf);
    --_accent: var(--mhn-color-accent, #79b8ff);
    --_accent-text: var(--mhn-color-accent-text, #0d1117);
    --_surface: var(--mhn-color-surface, #161b22);
    --_subtle: var(--mhn-color-subtle, #1f2630);
    --_border: var(--mhn-color-border, #3d444d);
    --_error: var(--mhn-color-error, #ff9492);
    --_focus: var(--mhn-color-focus, #79b8ff);
    color-scheme: dark;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  h1,
  h2,
  h3,
  h4,
  h5,
  h6 {
    margin: 0 0 0.5em;
    font-family: inherit;
    font-weight: 700;
    line-height: 1.25;
    letter-spacing: normal;
    text-transform: none;
    color: inherit;
  }

  .heading {
    font-size: 1.375em;
  }

  p {
    margin: 0 0 0.75em;
  }

  a {
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  a:focus-visible,
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  time {
    display: inline;
  }

  ul,
  ol {
    margin: 0 0 0.75em;
    padding-inline-start: 1.5em;
  }

  ul {
    list-style: disc outside;
  }

  ol {
    list-style: decimal outside;
  }

  li {
    display: list-item;
  }

  button,
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: 2.5em;
    min-width: 2.75em;
    padding: 0.4em 1em;
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    text-transform: none;
    color: var(--_accent-text);
    background: var(--_accent);
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) * 0.75);
    cursor: pointer;
  }

  button[disabled],
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.65;
  }

  button.secondary {
    color: var(--_accent);
    background: transparent;
  }

  input,
  textarea,
  select {
    display: block;
    width: 100%;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) * 0.5);
    padding: 0.5em 0.6em;
  }

  .muted {
    color: var(--_muted);
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0, 0, 0, 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }

  /* States: loading placeholder, error, not found, not configured, empty. */
  .state {
    margin: 0;
    padding: 0.75em 0;
  }

  .state[role='alert'] {
    color: var(--_error);
  }

  .state-message {
    margin: 0 0 0.75em;
  }

  .skeleton {
    display: block;
    min-height: var(--_skeleton-height, 12em);
  }

  .skeleton.shaped {
    min-height: 0;
  }

  .skeleton-line {
    display: block;
    height: 0.9em;
    margin: 0 0 0.8em;
    border-radius: 4px;
    background: var(--_subtle);
  }

  .skeleton-line:nth-child(3n) {
    width: 70%;
  }

  .skeleton-line.title {
    height: 1.5em;
    width: 60%;
  }

  /* Transparent text of typical length (no text node): wraps, taking the lines the content will. */
  .skeleton-line.text {
    display: inline;
    height: auto;
    margin: 0;
    color: transparent;
    -webkit-box-decoration-break: clone;
    box-decoration-break: clone;
  }

  .skeleton-line.text::before {
    content: attr(data-text);
  }

  .skeleton .heading {
    line-height: 1.25;
    margin: 0 0 0.5em;
  }

  @media (prefers-reduced-motion: no-preference) {
    .skeleton-line {
      animation: mhn-pulse 1.6s ease-in-out infinite;
    }
  }

  @keyframes mhn-pulse {
    50% {
      opacity: 0.55;
    }
  }
`;
