import { css } from 'lit';

/** The desk's own layout, on top of the widgets' shared tokens and controls. */
export const deskStyles = css`
  .top,
  .filters,
  .bulk,
  .actions,
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
  }

  .top .heading {
    flex: 1 1 auto;
    margin: 0;
  }

  .filters {
    align-items: end;
    margin-block: 1em;
  }

  .field {
    margin: 0 0 0.75em;
  }

  .filters .field {
    margin: 0;
    min-width: 12em;
  }

  label {
    display: block;
    font-weight: 600;
    margin-block-end: 0.25em;
  }

  label.check {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }

  input[type='checkbox'] {
    display: inline-block;
    width: 1.25em;
    height: 1.25em;
    margin: 0;
  }

  .statuses {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }

  .views {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-block: 0.75em;
  }

  .views button[aria-current='page'],
  .statuses button[aria-pressed='true'] {
    color: var(--_accent-text);
    background: var(--_accent);
  }

  .sign-in {
    max-width: 24em;
  }

  .error {
    color: var(--_error);
    margin: 0.5em 0;
  }

  .error:empty {
    display: none;
  }

  .live {
    display: flex;
    align-items: center;
    gap: 0.75em;
    min-height: 2.5em;
  }

  .keys {
    font-size: 0.875em;
  }

  .queue {
    list-style: none;
    padding: 0;
    margin: 1em 0;
  }

  .queue > li {
    display: block;
    margin-block-end: 1em;
  }

  .comment {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75em 1em;
  }

  .comment[tabindex='0'] {
    border-color: var(--_accent);
  }

  .comment.safety {
    border-width: 3px;
    border-color: var(--_error);
  }

  .banner {
    margin: 0 0 0.75em;
    padding: 0.5em 0.75em;
    border-radius: calc(var(--_radius) * 0.5);
    background: var(--_subtle);
    color: var(--_text);
    border-inline-start: 4px solid var(--_error);
  }

  .banner a {
    margin-inline-start: 0.5em;
  }

  .title {
    margin: 0;
    font-size: 1.1em;
  }

  .meta,
  .reasons {
    font-size: 0.9em;
    margin: 0.25em 0;
  }

  .body {
    white-space: pre-line;
    margin: 0.5em 0;
  }

  .more {
    margin-block-start: 0.75em;
    padding-block-start: 0.75em;
    border-top: 1px solid var(--_border);
  }

  .more form {
    margin-block-end: 1em;
  }

  .history {
    padding-inline-start: 1.25em;
  }

  .admin fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 0.75em;
  }

  .admin legend {
    font-weight: 600;
  }

  .admin fieldset label.check {
    display: flex;
  }

  .hint,
  .field .error {
    display: block;
    font-size: 0.875em;
    margin-block: 0.25em 0;
  }

  .moderators {
    list-style: none;
    margin: 0 0 1em;
    padding: 0;
  }

  .moderator {
    border-block-end: 1px solid var(--_border);
    padding-block: 0.75em;
  }
`;
