import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { MhnComments } from './mhn-comments.js';
import { ContentClient, sharedClient } from '../../core/content-client.js';
import { $, $$, text, waitFor } from '../../../test/helpers/dom.js';
import { apiUrl } from '../../../test/helpers/server.js';

const SLUG = 'resilience-social-support-benefits';

/** Waits until the thread (or its empty state) is shown. */
async function loaded(el: MhnComments): Promise<MhnComments> {
  await waitFor(el, '[part="comment"], [part="empty"]');
  await el.updateComplete;
  return el;
}

const button = (el: Element, label: string) =>
  $$(el, 'button').find((b) => b.textContent!.trim() === label);

describe('<mhn-comments> accessibility', () => {
  let endpoint: string;
  before(async () => {
    endpoint = await apiUrl();
  });
  beforeEach(() => {
    localStorage.clear();
    sharedClient.invalidate();
  });

  it('passes axe when loaded, empty, closed and loading', async () => {
    const ok = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments endpoint=${endpoint} article=${SLUG} loading="eager"></mhn-comments>`,
      ),
    );
    await waitFor(ok, 'form');
    await expect(ok).to.be.accessible();
    const empty = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article="no-comments-example"
          loading="eager"
        ></mhn-comments>`,
      ),
    );
    await waitFor(empty, 'form');
    await expect(empty).to.be.accessible();
    const closed = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments
          endpoint=${endpoint}
          article="comments-closed-example"
          loading="eager"
        ></mhn-comments>`,
      ),
    );
    await waitFor(closed, '[part="closed"]');
    await expect(closed).to.be.accessible();
    const hung = new ContentClient({ fetch: () => new Promise<Response>(() => undefined) });
    const loading = await fixture<MhnComments>(
      html`<mhn-comments
        endpoint=${endpoint}
        article=${SLUG}
        loading="eager"
        .client=${hung}
      ></mhn-comments>`,
    );
    await waitFor(loading, '[part="base"][aria-busy="true"]');
    await expect(loading).to.be.accessible();
  });

  it('passes axe in the error state', async () => {
    const broken = new ContentClient({
      retries: 0,
      fetch: () => Promise.resolve(new Response('x', { status: 500 })),
    });
    const el = await fixture<MhnComments>(
      html`<mhn-comments
        endpoint=${endpoint}
        article=${SLUG}
        loading="eager"
        .client=${broken}
      ></mhn-comments>`,
    );
    await waitFor(el, '[role="alert"]');
    expect(button(el, 'Try again')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('passes axe in the form-error state, errors tied to their fields', async () => {
    const el = await loaded(
      await fixture<MhnComments>(
        html`<mhn-comments endpoint=${endpoint} article=${SLUG} loading="eager"></mhn-comments>`,
      ),
    );
    await waitFor(el, 'form');
    button(el, 'Post comment')!.click();
    await waitFor(el, '[aria-invalid="true"]');
    await el.updateComplete;
    const title = $(el, '#title')!;
    expect(title.getAttribute('aria-describedby')).to.equal('title-error');
    expect(text($(el, '#title-error'))).to.equal('Please give your comment a title.');
    await expect(el).to.be.accessible();
    // In dark mode too (contrast).
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
