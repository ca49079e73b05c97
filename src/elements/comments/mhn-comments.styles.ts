import { css } from 'lit';

// The loading placeholder's sort buttons, fields and button (the last rules) take the room
// of the real ones (fields: a line, their padding and borders, at the default text size).

export const commentsStyles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5em 1em;
    margin-bottom: 0.5em;
  }

  .head .heading {
    margin: 0;
  }

  .count {
    margin-inline-start: 0.4em;
    font-size: 0.7em;
    font-weight: 400;
    color: var(--_muted);
  }

  .sort {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
  }

  .sort button {
    min-height: 2.25em;
    padding: 0.3em 0.8em;
    font-size: 0.875em;
  }

  .sort [aria-pressed='true'] {
    color: var(--_accent-text);
    background: var(--_accent);
  }

  .forums {
    color: var(--_muted);
  }

  .form {
    display: grid;
    gap: 0.75em;
    margin: 0 0 1.25em;
    padding: 0.75em 0 1em;
    border-bottom: 1px solid var(--_border);
  }

  .form-heading,
  .comment .title {
    margin: 0;
    font-size: 1.0625em;
    line-height: 1.25;
  }

  .field {
    display: grid;
    gap: 0.25em;
    min-width: 0;
  }

  label {
    font-weight: 600;
  }

  textarea {
    min-height: 8em;
    resize: vertical;
  }

  [aria-invalid='true'] {
    border: 2px solid var(--_error);
  }

  .field p,
  .actions p {
    margin: 0;
    font-size: 0.9375em;
  }

  .field-error,
  .form .state {
    color: var(--_error);
  }

  .counter,
  .form-status,
  .meta {
    color: var(--_muted);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }

  .list {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .comment {
    min-width: 0;
    padding: 0.75em 0;
    border-bottom: 1px solid var(--_border);
    border-radius: 2px;
  }

  .list > li:last-child > .comment {
    border-bottom: 0;
  }

  .mine .comment {
    padding-inline: 0.75em;
    background: var(--_subtle);
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
    margin: 0.15em 0 0.4em;
    font-size: 0.875em;
  }

  .badge {
    font-weight: 600;
    color: var(--_text);
  }

  .body {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
    word-break: normal;
  }

  .closed {
    margin: 0 0 1em;
  }

  .closed p {
    margin: 0 0 0.5em;
    font-weight: 600;
  }

  .closed .body {
    font-weight: 400;
  }

  summary {
    cursor: pointer;
    color: var(--_accent);
  }

  /* The honeypot: off-screen, out of the tab order, hidden from assistive technology. */
  .hp {
    position: absolute;
    inset-inline-start: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }

  /* After a post that matched the safety lists: calm, no alarm colours. */
  .safety {
    margin: 0 0 1.25em;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }

  .safety > p {
    margin: 0 0 0.75em;
  }

  .safety-heading {
    margin: 0 0 0.5em;
    font-size: 1.125em;
  }

  .safety .safety-kept {
    margin: 0.75em 0 0;
    color: var(--_muted);
  }

  .delete,
  .delete-note {
    margin: 0.5em 0 0;
  }

  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
  }

  .confirm p {
    flex-basis: 100%;
    margin: 0;
    font-weight: 600;
  }

  .delete button {
    min-height: 2.25em;
    padding: 0.3em 0.8em;
    font-size: 0.875em;
  }

  .stale {
    opacity: 0.6;
  }

  .more {
    margin-top: 1em;
  }

  .head > .skeleton-line {
    width: 12em;
  }

  .form .skeleton-line {
    height: 2.6em;
    margin: 0;
  }

  .form .area {
    height: 10.1em;
  }

  .form .submit {
    width: 8em;
  }

  /* Report: a quiet text button under the comment; its reasons open beneath it. */
  .report {
    margin-top: 0.25em;
    font-size: 0.875em;
  }

  .report-toggle {
    min-height: 1.75em;
    min-width: 0;
    padding: 0.1em 0.25em;
    margin-inline-start: -0.25em;
    font-weight: 400;
    color: var(--_muted);
    background: transparent;
    border: 0;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  .report-toggle:hover:not([disabled]) {
    color: var(--_accent);
  }

  .report-toggle[disabled] {
    cursor: default;
    text-decoration: none;
  }

  .report-form {
    margin: 0.25em 0 0.5em;
    padding: 0.5em 0.75em 0.75em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
  }

  .report-form fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }

  .report-form legend {
    padding: 0;
    margin-bottom: 0.25em;
    font-weight: 600;
  }

  .report-reason {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2em;
    font-weight: 400;
  }

  .report-reason input {
    width: auto;
    margin: 0;
  }

  .report-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-top: 0.5em;
  }

  .report-form .state {
    margin: 0.5em 0 0;
  }

  .report-status {
    margin: 0.25em 0 0;
  }

  .report-crisis {
    margin-top: 0.5em;
    font-size: calc(1em / 0.875);
  }

  .crisis-heading {
    margin: 0.5em 0 0.25em;
  }
`;
