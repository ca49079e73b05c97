import { css } from 'lit';

export const attributionStyles = css`
  ul {
    list-style: none;
    margin: 0 0 0.75em;
    padding: 0;
  }

  /* The badge above its description, never beside it: how a row wraps would depend on
     the badge's width, which changes as the image loads or fails. */
  .certifications li {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.25em;
    margin-bottom: 0.5em;
  }

  .certifications p {
    margin: 0;
    font-size: 0.875em;
  }

  /* One height for a badge in every state (placeholder, image loading, loaded, or the
     text link that replaces a failed image), so nothing below moves when it settles. */
  [part='badge-link'] {
    display: inline-flex;
    align-items: center;
    min-height: 3em;
  }

  img {
    display: block;
    max-width: 100%;
    max-height: 3em;
    height: auto;
  }

  .social {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1.25em;
  }

  .social a,
  .social span {
    display: inline-block;
    padding: 0.25em 0;
  }

  .credits {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1.25em;
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }
`;
