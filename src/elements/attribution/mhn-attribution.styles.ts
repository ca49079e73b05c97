import { css } from 'lit';

export const attributionStyles = css`
  ul {
    list-style: none;
    margin: 0 0 0.75em;
    padding: 0;
  }

  .certifications li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
    margin-bottom: 0.5em;
  }

  .certifications p {
    flex: 1 1 14em;
    margin: 0;
    font-size: 0.875em;
  }

  [part='badge-link'] {
    display: inline-block;
    min-height: 24px;
  }

  img {
    display: block;
    max-width: 100%;
    max-height: 4em;
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
