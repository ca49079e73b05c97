import { css } from 'lit';

export const crisisResourcesStyles = css`
  /* No crisis line to show: no box, no space. */
  :host([data-empty]) {
    display: none;
  }

  /* An error here must not alarm: plain text colour. */
  .state[role='alert'] {
    color: var(--_text);
  }

  .lines {
    list-style: none;
    margin: 0 0 0.75em;
    padding: 0;
  }

  .line {
    padding: 0.5em 0;
  }

  .line + .line {
    border-top: 1px solid var(--_border);
  }

  .name {
    margin: 0 0 0.5em;
    font-weight: 700;
    font-size: 1.0625em;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
    margin: 0;
  }

  .actions .button {
    min-height: 2.75em;
    min-width: 7em;
    font-size: 1.0625em;
    text-decoration: none;
  }

  .actions .sms {
    color: var(--_accent);
    background: transparent;
  }

  .website {
    display: inline-block;
    padding: 0.6em 0;
  }

  /* The placeholder's Call and Text buttons: their size, in the placeholder's colour. */
  .actions .skeleton-line.button {
    display: inline-block;
    width: 7em;
    height: 2.75em;
    margin: 0;
    font-size: 1.0625em;
    border: 0;
    background: var(--_subtle);
  }

  .emergency {
    margin: 0.5em 0 0;
    font-weight: 600;
  }
`;
