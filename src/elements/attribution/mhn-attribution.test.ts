import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../provider/define.js';
import './define.js';
import type { MhnAttribution } from './mhn-attribution.js';
import { ContentClient } from '../../core/content-client.js';
import { $, $$, captureWarnings, text, waitFor } from '../../../test/helpers/dom.js';
import { useReferenceServer } from '../../../test/helpers/server.js';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A client whose /site answer is made up (content the reference server cannot produce). */
const siteClient = (site: () => Response | Promise<Response>) =>
  new ContentClient({
    retries: 0,
    fetch: (input, init) =>
      String(input).endsWith('/site') ? Promise.resolve(site()) : fetch(input, init),
  });

const SITE = {
  name: 'Mental Help Net',
  url: 'https://www.mentalhelp.net/',
  social: [{ network: 'twitter', label: 'Follow us on Twitter!', url: 'https://twitter.com/x' }],
  certifications: [
    {
      name: 'HONcode',
      description: 'Reviewed against a code of conduct.',
      badgeUrl: new URL('/demo/favicon.svg', location.href).href,
      verifyUrl: 'https://example.org/verify',
    },
  ],
  poweredBy: { name: 'CenterSite.Net', url: 'https://www.centersite.net/' },
};

const loaded = (el: MhnAttribution) => waitFor(el, '[part="credits"], [part="empty"]');

/** The accessible name of a link (aria-label, else its text). */
const nameOf = (a: Element) => a.getAttribute('aria-label') ?? text(a);

describe('<mhn-attribution>', () => {
  let endpoint = '';
  useReferenceServer((url) => (endpoint = url));

  it('shows the certification with its verify link, social links, Powered by and the publisher', async () => {
    const el = await fixture<MhnAttribution>(
      html`<mhn-attribution endpoint=${endpoint}></mhn-attribution>`,
    );
    await loaded(el);
    const site = el.data!;
    const cert = site.certifications[0]!;
    const verify = $(el, 'a[part="badge-link"]') as HTMLAnchorElement;
    expect(verify.href).to.equal(cert.verifyUrl);
    expect(nameOf(verify)).to.equal('Verify HONcode certification');
    expect(text($(el, '[part="description"]'))).to.equal(cert.description);
    const social = $$(el, 'a[part="social-link"]') as HTMLAnchorElement[];
    expect(social.map((a) => [text(a), a.href])).to.deep.equal(
      site.social.map((s) => [s.label, s.url]),
    );
    const powered = $(el, '[part="powered-by"]')!;
    expect(text(powered)).to.equal('Powered by CenterSite.Net');
    expect((powered.querySelector('a') as HTMLAnchorElement).href).to.equal(site.poweredBy!.url);
    const publisher = $(el, '[part="publisher"]')!;
    expect(text(publisher)).to.equal('Content by Mental Help Net');
    expect((publisher.querySelector('a') as HTMLAnchorElement).href).to.equal(site.url);
    expect(text(publisher.querySelector('a'))).to.equal('Mental Help Net');
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
    expect($(el, 'link[rel="stylesheet"], [class*="icon"]')).to.equal(null);
  });

  it('shows the badge image, with the certification name as alt text, inside the verify link', async () => {
    const el = await fixture<MhnAttribution>(
      html`<mhn-attribution
        endpoint=${endpoint}
        .client=${siteClient(() => json(SITE))}
      ></mhn-attribution>`,
    );
    await loaded(el);
    const img = (await waitFor(el, 'img')) as HTMLImageElement;
    await waitUntil(() => img.complete, 'badge never loaded');
    expect(img.naturalWidth).to.be.greaterThan(0);
    expect(img.alt).to.equal('HONcode');
    expect(img.src).to.equal(SITE.certifications[0]!.badgeUrl);
    const link = img.closest('a')!;
    expect(link.href).to.equal('https://example.org/verify');
    expect(nameOf(link)).to.equal('Verify HONcode certification');
    await expect(el).to.be.accessible();
  });

  it('falls back to a text link when the badge image fails to load', async () => {
    const broken = {
      ...SITE,
      certifications: [
        { ...SITE.certifications[0]!, badgeUrl: new URL('/no-such-badge.png', location.href).href },
      ],
    };
    const el = await fixture<MhnAttribution>(
      html`<mhn-attribution
        endpoint=${endpoint}
        .client=${siteClient(() => json(broken))}
      ></mhn-attribution>`,
    );
    await loaded(el);
    await waitUntil(() => !$(el, 'img'), 'the broken badge stayed');
    const link = $(el, 'a[part="badge-link"]') as HTMLAnchorElement;
    expect(text(link)).to.equal('Verify HONcode certification');
    expect(link.hasAttribute('aria-label')).to.equal(false);
    expect(link.href).to.equal('https://example.org/verify');
    await expect(el).to.be.accessible();
  });

  it('gives the badge one height whether loading, shown or replaced by its text link', async () => {
    // Nothing below a badge may move as it settles: the badge's box keeps one height in
    // the placeholder, with the image, and as the text link that replaces a failed image,
    // and the description sits under it (beside it, the row's wrapping would depend on
    // the badge's changing width).
    const mount = (client: ContentClient) =>
      fixture<MhnAttribution>(
        html`<mhn-attribution endpoint=${endpoint} .client=${client}></mhn-attribution>`,
      );
    const height = (el: MhnAttribution) =>
      $(el, '[part="badge-link"]')!.getBoundingClientRect().height;

    const waiting = await mount(siteClient(() => new Promise<Response>(() => undefined)));
    await waitFor(waiting, '[part="loading"] [part="badge-link"]');
    const placeholder = height(waiting);

    const shown = await mount(siteClient(() => json(SITE)));
    await loaded(shown);
    const img = (await waitFor(shown, 'img')) as HTMLImageElement;
    await waitUntil(() => img.complete, 'badge never loaded');
    const image = height(shown);

    const broken = {
      ...SITE,
      certifications: [
        { ...SITE.certifications[0]!, badgeUrl: new URL('/no-such-badge.png', location.href).href },
      ],
    };
    const failed = await mount(siteClient(() => json(broken)));
    await loaded(failed);
    await waitUntil(() => !$(failed, 'img'), 'the broken badge stayed');
    const textLink = height(failed);

    expect(placeholder).to.be.greaterThan(0);
    expect([image, textLink]).to.deep.equal([placeholder, placeholder]);
    const link = $(failed, '[part="badge-link"]')!.getBoundingClientRect();
    const description = $(failed, '[part="description"]')!.getBoundingClientRect();
    expect(description.top).to.be.at.least(link.bottom);
  });

  it('shows a text link when the badge is missing', async () => {
    const noBadge: Record<string, unknown> = { ...SITE.certifications[0]! };
    delete noBadge['badgeUrl'];
    const el = await fixture<MhnAttribution>(
      html`<mhn-attribution
        endpoint=${endpoint}
        .client=${siteClient(() => json({ ...SITE, certifications: [noBadge] }))}
      ></mhn-attribution>`,
    );
    await loaded(el);
    expect($(el, 'img')).to.equal(null);
    expect(text($(el, 'a[part="badge-link"]'))).to.equal('Verify HONcode certification');
  });

  it('neutralizes unsafe URLs in every link-bearing field', async () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:image/svg+xml,<svg onload=alert(1)>',
      'vbscript:msgbox(1)',
      ' JavaScript:alert(1)',
    ]) {
      const hostile = {
        name: '<script>alert(1)</script>',
        url: bad,
        social: [
          { network: 'twitter', label: 'Follow us on Twitter!', url: bad },
          { network: 'facebook', label: 'Find us on Facebook!', url: 'https://facebook.com/x' },
        ],
        certifications: [
          { name: 'Bad verify', badgeUrl: SITE.certifications[0]!.badgeUrl, verifyUrl: bad },
          { name: 'Bad badge', badgeUrl: bad, verifyUrl: 'https://example.org/verify' },
          { name: 'Both bad', badgeUrl: bad, verifyUrl: bad },
        ],
        poweredBy: { name: 'Engine', url: bad },
      };
      const el = await fixture<MhnAttribution>(
        html`<mhn-attribution
          endpoint=${endpoint}
          .client=${siteClient(() => json(hostile))}
        ></mhn-attribution>`,
      );
      await loaded(el);
      for (const node of $$(el, '[href], [src]')) {
        const url = node.getAttribute('href') ?? node.getAttribute('src')!;
        expect(url, bad).to.match(/^https?:/);
      }
      // Bad verify link: the badge stays, unlinked. Bad badge: a text link. Both: the name.
      const certs = $$(el, '[part="certification"]');
      expect(certs[0]!.querySelector('a')).to.equal(null);
      expect((certs[0]!.querySelector('img') as HTMLImageElement).alt).to.equal('Bad verify');
      expect(certs[1]!.querySelector('img')).to.equal(null);
      expect(text(certs[1]!.querySelector('a'))).to.equal('Verify Bad badge certification');
      expect(text(certs[2])).to.equal('Both bad');
      expect(certs[2]!.querySelector('a, img')).to.equal(null);
      // Bad social link: dropped; bad Powered by link: text; bad publisher link: dropped.
      expect($$(el, '[part="social-link"]').map((a) => text(a))).to.deep.equal([
        'Find us on Facebook!',
      ]);
      expect(text($(el, '[part="powered-by"]'))).to.equal('Powered by Engine');
      expect($(el, '[part="powered-by"] a')).to.equal(null);
      expect($(el, '[part="publisher"]')).to.equal(null);
      expect($(el, 'script')).to.equal(null);
    }
  });

  it('says so when /site offers none of these', async () => {
    const el = await fixture<MhnAttribution>(
      html`<mhn-attribution
        endpoint=${endpoint}
        .client=${siteClient(() => json({ name: 'P', url: 'javascript:void(0)' }))}
      ></mhn-attribution>`,
    );
    await loaded(el);
    expect(text($(el, '[part="empty"]'))).to.equal('No publisher details are available.');
    await expect(el).to.be.accessible();
  });

  it('shows a loading state that is announced', async () => {
    const hung = siteClient(() => new Promise<Response>(() => undefined));
    const el = await fixture<MhnAttribution>(
      html`<mhn-attribution endpoint=${endpoint} .client=${hung}></mhn-attribution>`,
    );
    await el.updateComplete;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($(el, '[part="loading"]')).to.exist;
    expect(text($(el, '[role="status"]'))).to.equal('Loading…');
    await expect(el).to.be.accessible();
  });

  it('shows an error with Try again, dispatches mhn-error, and recovers', async () => {
    let fail = true;
    const flaky = siteClient(() => (fail ? new Response('x', { status: 500 }) : json(SITE)));
    const errorEvent = new Promise<CustomEvent>((resolve) =>
      document.body.addEventListener('mhn-error', (e) => resolve(e as CustomEvent), { once: true }),
    );
    const el = await fixture<MhnAttribution>(
      html`<mhn-attribution endpoint=${endpoint} .client=${flaky}></mhn-attribution>`,
    );
    const alert = await waitFor(el, '[role="alert"]');
    expect(text(alert)).to.contain('Something went wrong');
    expect((await errorEvent).detail.error).to.deep.include({ code: 'http', status: 500 });
    await expect(el).to.be.accessible();
    fail = false;
    [...alert.querySelectorAll('button')].find((b) => text(b) === 'Try again')!.click();
    await loaded(el);
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('says it is not configured (and warns once) without an endpoint', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<MhnAttribution>(html`<mhn-attribution></mhn-attribution>`);
      expect(text($(el, '[part="not-configured"]'))).to.contain('endpoint');
      el.requestUpdate();
      await el.updateComplete;
      expect(warnings.messages.filter((m) => m.includes('endpoint'))).to.have.length(1);
    } finally {
      warnings.restore();
    }
  });

  it('speaks Spanish, takes its endpoint from the provider, and passes axe when loaded', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<mhn-provider endpoint=${endpoint} locale="es">
        <mhn-attribution></mhn-attribution>
        <mhn-attribution locale="en"></mhn-attribution>
      </mhn-provider>`,
    );
    const [es, en] = [...wrapper.querySelectorAll('mhn-attribution')];
    await loaded(es!);
    await loaded(en!);
    expect(text($(es!, '[part="powered-by"]'))).to.equal('Con la tecnología de CenterSite.Net');
    expect(text($(es!, '[part="publisher"]'))).to.equal('Contenido de Mental Help Net');
    expect(nameOf($(es!, '[part="badge-link"]')!)).to.equal('Verificar la certificación HONcode');
    await expect(es!).to.be.accessible();
    await expect(en!).to.be.accessible();
  });
});
