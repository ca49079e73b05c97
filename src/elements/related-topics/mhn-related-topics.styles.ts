import { css } from 'lit';

export const relatedTopicsStyles = css`
  .heading {
    font-size: 1.25em;
  }

  ul {
    margin: 0;
  }

  li + li {
    margin-top: 0.35em;
  }
`;
