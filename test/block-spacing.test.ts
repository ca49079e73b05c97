/**
 * Outer spacing: widgets one after the other (an article, then its comments) never
 * touch; the gap is `--mhn-block-spacing` (default 1.5em), and a page rule on the element
 * still wins.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/elements/provider/define.js';
import '../src/elements/article/define.js';
import '../src/elements/comments/define.js';
import { sharedClient } from '../src/core/content-client.js';
import { apiUrl } from './helpers/server.js';
import { ARTICLE } from './helpers/widgets.js';

function gap(page: Element): number {
  const article = page.querySelector('mhn-article')!.getBoundingClientRect();
  const comments = page.querySelector('mhn-comments')!.getBoundingClientRect();
  return comments.top - article.bottom;
}

describe('spacing between widgets', () => {
  let endpoint: string;
  before(async () => {
    endpoint = await apiUrl();
  });
  beforeEach(() => sharedClient.invalidate());

  const page = (style = '') =>
    fixture(
      html`<div style=${style}>
        <mhn-provider endpoint=${endpoint}>
          <mhn-article article=${ARTICLE}></mhn-article>
          <mhn-comments article=${ARTICLE}></mhn-comments>
        </mhn-provider>
      </div>`,
    );

  it('keeps an article and its comments 1.5em apart by default', async () => {
    const el = await page();
    const size = parseFloat(getComputedStyle(el.querySelector('mhn-article')!).fontSize);
    expect(gap(el)).to.be.closeTo(1.5 * size, 0.5);
    expect(gap(el)).to.be.greaterThan(0);
  });

  it('takes the gap from --mhn-block-spacing', async () => {
    const el = await page('--mhn-block-spacing: 40px');
    expect(gap(el)).to.be.closeTo(40, 0.5);
    const none = await page('--mhn-block-spacing: 0px');
    expect(gap(none)).to.be.closeTo(0, 0.5);
  });

  it('yields to a page rule on the element', async () => {
    const el = await page();
    el.querySelectorAll<HTMLElement>('mhn-article, mhn-comments').forEach((w) => {
      w.style.margin = '0';
    });
    expect(gap(el)).to.be.closeTo(0, 0.5);
  });
});
