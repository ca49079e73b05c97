import { css } from 'lit';

export const topicStyles = css`
  .heading {
    font-size: 1.5em;
  }

  [role='tablist'],
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    margin: 0 0 var(--_space);
    border-bottom: 1px solid var(--_border);
  }

  [role='tab'],
  .tab {
    min-height: 2.5em;
    font-weight: 600;
    color: var(--_text);
    background: transparent;
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: 0;
  }

  [role='tab'][aria-selected='true'] {
    color: var(--_accent);
    border-bottom-color: var(--_accent);
  }

  [role='tab']:hover {
    background: var(--_subtle);
  }

  /* The placeholder's tabs and Load more take the real ones' room. */
  .tab {
    display: inline-flex;
    align-items: center;
    padding: 0.4em 1em;
    line-height: 1.2;
  }

  span.more {
    display: block;
    height: 2.5em;
  }

  [role='tabpanel'] {
    min-height: 12em;
  }

  ul {
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }

  li {
    padding: 0.6em 0;
    border-bottom: 1px solid var(--_border);
  }

  .title {
    font-weight: 600;
  }

  .meta,
  .summary {
    margin: 0.2em 0 0;
    font-size: 0.9375em;
  }

  .meta {
    color: var(--_muted);
  }

  .meta > * + *::before {
    /* ' · ' escaped, so a page in another charset still shows a middle dot. */
    content: ' \\b7  ';
  }

  .more-error {
    color: var(--_error);
  }
`;
