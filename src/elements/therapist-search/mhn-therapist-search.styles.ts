import { css } from 'lit';

export const therapistSearchStyles = css`
  :host {
    --_skeleton-height: 9em;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5em 0.75em;
  }

  .field {
    flex: 1 1 10em;
  }

  .field.radius {
    flex: 0 1 8em;
  }

  label {
    display: block;
    margin-bottom: 0.25em;
    font-weight: 600;
  }

  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }

  .field-error {
    margin: 0.5em 0 0;
    color: var(--_error);
  }

  .elsewhere {
    margin: 0.75em 0 0;
    font-size: 0.9375em;
  }

  .status {
    margin: 1em 0 0.5em;
    font-weight: 600;
  }

  .field-error:empty,
  .elsewhere:empty,
  .status:empty {
    margin: 0;
  }

  .results {
    list-style: none;
    margin: 0 0 0.75em;
    padding: 0;
  }

  .result {
    padding: 0.75em 0;
    border-top: 1px solid var(--_border);
  }

  .name {
    margin: 0 0 0.25em;
    font-size: 1.0625em;
  }

  .meta,
  .specialties,
  .phone {
    margin: 0 0 0.25em;
  }

  .meta {
    color: var(--_muted);
  }

  .meta span + span::before {
    content: ' · ';
  }

  .phone a {
    display: inline-block;
    padding: 0.35em 0;
  }
`;
