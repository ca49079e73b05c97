import { css } from 'lit';

export const articleStyles = css`
  .kicker {
    margin: 0 0 0.25em;
    font-size: 0.875em;
    font-weight: 600;
    text-transform: none;
  }

  .heading {
    font-size: 1.75em;
  }

  .byline,
  .dates {
    margin: 0 0 0.25em;
    font-size: 0.9375em;
    color: var(--_muted);
  }

  .dates {
    margin-bottom: 1em;
  }

  .dates span + span::before {
    content: ' · ';
  }

  .body {
    position: relative;
    overflow: hidden;
    overflow-wrap: break-word;
  }

  .body h2,
  .body h3,
  .body h4,
  .body h5,
  .body h6 {
    margin-top: 1.25em;
    font-size: 1.2em;
  }

  .body img {
    max-width: 100%;
    height: auto;
  }

  .body blockquote {
    margin: 0 0 0.75em;
    padding-inline-start: 1em;
    border-inline-start: 4px solid var(--_border);
  }

  .body table {
    border-collapse: collapse;
    margin: 0 0 0.75em;
    display: block;
    max-width: 100%;
    overflow-x: auto;
  }

  .body th,
  .body td {
    border: 1px solid var(--_border);
    padding: 0.3em 0.6em;
    text-align: start;
  }

  .body pre {
    overflow-x: auto;
    white-space: pre;
  }

  .source {
    margin: 1em 0 0;
    padding-top: 0.75em;
    border-top: 1px solid var(--_border);
  }
`;
