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

  /* The placeholder's Call and Text buttons: their size, in the placeholder's colour. */
  .crisis-actions .skeleton-line.button {
    display: inline-block;
    width: 7em;
    height: 2.75em;
    margin: 0;
    font-size: 1.0625em;
    border: 0;
    background: var(--_subtle);
  }
`;
