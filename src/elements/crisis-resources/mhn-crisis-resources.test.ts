import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../provider/define.js';
import './define.js';
import type { MhnCrisisResources } from './mhn-crisis-resources.js';
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

const loaded = (el: MhnCrisisResources) => waitFor(el, '[part="line"]');

/** Waits until the request settled, then checks the element shows nothing and takes no space. */
async function rendersNothing(el: MhnCrisisResources): Promise<void> {
  await waitUntil(() => el.hasAttribute('data-empty'), 'the element did not hide itself');
  expect(getComputedStyle(el).display).to.equal('none');
  const box = el.getBoundingClientRect();
  expect(box.height).to.equal(0);
  expect(box.width).to.equal(0);
  expect(text(el)).to.equal('');
}

describe('<mhn-crisis-resources>', () => {
  let endpoint = '';
  useReferenceServer((url) => (endpoint = url));

  it('shows every line with call, text and website links, and the emergency sentence', async () => {
    const el = await fixture<MhnCrisisResources>(
      html`<mhn-crisis-resources endpoint=${endpoint} locale="en"></mhn-crisis-resources>`,
    );
    await loaded(el);
    const crisis = el.data!.crisis!;
    const heading = $(el, '[part="heading"]')!;
    expect(heading.localName).to.equal('h2');
    expect(text(heading)).to.equal(crisis.heading);
    const lines = $$(el, '[part="line"]');
    expect(lines).to.have.length(2);
    crisis.lines.forEach((line, i) => {
      const item = lines[i]!;
      expect(text(item.querySelector('[part="name"]'))).to.contain(line.name);
      const call = item.querySelector('[part="call-link"]') as HTMLAnchorElement;
      expect(call.getAttribute('href')).to.equal(`tel:${line.call}`);
      expect(text(call)).to.equal(`Call ${line.call}`);
      const sms = item.querySelector('[part="text-link"]') as HTMLAnchorElement;
      expect(sms.getAttribute('href')).to.equal(`sms:${line.text}`);
      expect(text(sms)).to.equal(`Text ${line.text}`);
      const site = item.querySelector('[part="website-link"]') as HTMLAnchorElement;
      expect(site.href).to.equal(line.url);
      expect(text(site)).to.equal(`Visit ${new URL(line.url!).hostname.replace(/^www\./, '')}`);
      // Large tap targets.
      for (const a of [call, sms]) expect(a.getBoundingClientRect().height).to.be.at.least(44);
    });
    expect(text(lines[0]!.querySelector('[part="name"]'))).to.contain('(United States)');
    expect(text(lines[1]!.querySelector('[part="name"]'))).to.contain('(Canada)');
    expect(text($(el, '[part="emergency"]'))).to.equal(crisis.emergency);
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('filters by country, in any case', async () => {
    const ca = await fixture<MhnCrisisResources>(
      html`<mhn-crisis-resources endpoint=${endpoint} country="ca"></mhn-crisis-resources>`,
    );
    await loaded(ca);
    expect(
      $$(ca, '[part="line"]').map((l) => text(l.querySelector('[part="name"]'))),
    ).to.deep.equal(['9-8-8 Suicide Crisis Helpline']);
    expect($(ca, '[part="website-link"]')!.getAttribute('href')).to.equal('https://988.ca/');
    const us = await fixture<MhnCrisisResources>(
      html`<mhn-crisis-resources endpoint=${endpoint} country="US"></mhn-crisis-resources>`,
    );
    await loaded(us);
    expect(
      $$(us, '[part="line"]').map((l) => text(l.querySelector('[part="name"]'))),
    ).to.deep.equal(['988 Suicide & Crisis Lifeline']);
    us.country = 'CA';
    await us.updateComplete;
    expect(text($(us, '[part="name"]'))).to.equal('9-8-8 Suicide Crisis Helpline');
  });

  it('renders nothing (no box, no space) when there is no line for the country', async () => {
    const el = await fixture<MhnCrisisResources>(
      html`<mhn-crisis-resources endpoint=${endpoint} country="MX"></mhn-crisis-resources>`,
    );
    await rendersNothing(el);
    // A country with lines brings it back.
    el.country = 'us';
    await el.updateComplete;
    await loaded(el);
    expect(el.hasAttribute('data-empty')).to.equal(false);
    expect(el.getBoundingClientRect().height).to.be.greaterThan(0);
  });

  it('renders nothing when the endpoint offers no crisis data', async () => {
    const sites = [
      { name: 'P', url: 'https://p.example/' },
      { name: 'P', url: 'https://p.example/', crisis: { heading: 'Help', lines: [] } },
      {
        name: 'P',
        url: 'https://p.example/',
        crisis: { lines: [{ nope: true }], emergency: 'Call 911.' },
      },
    ];
    for (const site of sites) {
      const el = await fixture<MhnCrisisResources>(
        html`<mhn-crisis-resources
          endpoint=${endpoint}
          .client=${siteClient(() => json(site))}
        ></mhn-crisis-resources>`,
      );
      await rendersNothing(el);
    }
    const missing = await fixture<MhnCrisisResources>(
      html`<mhn-crisis-resources
        endpoint=${endpoint}
        .client=${siteClient(() => json({ error: { code: 'not_found', message: 'No' } }, 404))}
      ></mhn-crisis-resources>`,
    );
    await rendersNothing(missing);
  });

  it('uses heading-level, and the default heading when /site has none', async () => {
    const el = await fixture<MhnCrisisResources>(
      html`<mhn-crisis-resources
        endpoint=${endpoint}
        heading-level="3"
        .client=${siteClient(() =>
          json({
            name: 'P',
            url: 'https://p.example/',
            crisis: { lines: [{ name: 'Line', call: '988' }] },
          }),
        )}
      ></mhn-crisis-resources>`,
    );
    await loaded(el);
    const heading = $(el, '[part="heading"]')!;
    expect(heading.localName).to.equal('h3');
    expect(text(heading)).to.equal('If you are in crisis');
    expect($(el, '[part="text-link"], [part="website-link"], [part="emergency"]')).to.equal(null);
  });

  it('neutralizes unsafe URLs and numbers', async () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:msgbox(1)']) {
      const el = await fixture<MhnCrisisResources>(
        html`<mhn-crisis-resources
          endpoint=${endpoint}
          .client=${siteClient(() =>
            json({
              name: 'P',
              url: 'https://p.example/',
              crisis: {
                heading: '<img src=x onerror=alert(1)>',
                lines: [{ country: 'US', name: 'Line <b>one</b>', call: bad, text: bad, url: bad }],
                emergency: '<script>alert(1)</script>',
              },
            }),
          )}
        ></mhn-crisis-resources>`,
      );
      await loaded(el);
      expect($$(el, '[href]')).to.have.length(0);
      expect($(el, 'img, script, b')).to.equal(null);
      expect(text($(el, '[part="heading"]'))).to.equal('<img src=x onerror=alert(1)>');
      expect(text($(el, '[part="line"]'))).to.contain(`Call ${bad}`);
    }
  });

  it('shows a calm placeholder while loading', async () => {
    const hung = siteClient(() => new Promise<Response>(() => undefined));
    const el = await fixture<MhnCrisisResources>(
      html`<mhn-crisis-resources endpoint=${endpoint} .client=${hung}></mhn-crisis-resources>`,
    );
    await el.updateComplete;
    expect(el.hasAttribute('data-empty')).to.equal(false);
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(text($(el, '[role="status"]'))).to.equal('Loading crisis lines…');
    // Shapes only: nothing to read but the status line, nothing to focus.
    expect(text(el)).to.equal('Loading crisis lines…');
    expect($$(el, 'a, button, [tabindex]')).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('while loading, takes the loaded lines’ room: nothing below moves when they arrive', async () => {
    // A partner page may reserve nothing: the placeholder alone must hold the height the
    // typical lines (two, each with Call, Text and a website) take, at a phone's width,
    // a sidebar's and a main column's.
    for (const width of [320, 360, 600, 800]) {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const client = new ContentClient({
        fetch: (input, init) => gate.then(() => fetch(input, { ...init, cache: 'no-store' })),
      });
      const el = await fixture<MhnCrisisResources>(
        html`<mhn-crisis-resources
          style=${`width: ${width}px`}
          endpoint=${endpoint}
          locale="en"
          .client=${client}
        ></mhn-crisis-resources>`,
      );
      await waitFor(el, '[part="loading"]');
      await el.updateComplete;
      const placeholder = el.getBoundingClientRect().height;
      release();
      await loaded(el);
      await el.updateComplete;
      expect(el.getBoundingClientRect().height, `at ${width}px`).to.be.closeTo(placeholder, 2);
    }
  });

  it('shows a calm error with Try again, and recovers', async () => {
    let fail = true;
    const flaky = siteClient(() =>
      fail
        ? new Response('x', { status: 500 })
        : json({
            name: 'P',
            url: 'https://p.example/',
            crisis: { lines: [{ name: 'Line', call: '988' }] },
          }),
    );
    const errorEvent = new Promise<CustomEvent>((resolve) =>
      document.body.addEventListener('mhn-error', (e) => resolve(e as CustomEvent), { once: true }),
    );
    const el = await fixture<MhnCrisisResources>(
      html`<mhn-crisis-resources endpoint=${endpoint} .client=${flaky}></mhn-crisis-resources>`,
    );
    const alert = await waitFor(el, '[role="alert"]');
    expect(text(alert.querySelector('p'))).to.equal(
      'The crisis lines could not be shown just now. If you are in danger, call your local emergency number.',
    );
    // Not alarming: the message is in the normal text colour.
    expect(getComputedStyle(alert).color).to.equal(getComputedStyle($(el, '[part="base"]')!).color);
    expect(el.hasAttribute('data-empty')).to.equal(false);
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
      const el = await fixture<MhnCrisisResources>(
        html`<mhn-crisis-resources></mhn-crisis-resources>`,
      );
      expect(text($(el, '[part="not-configured"]'))).to.contain('endpoint');
      expect(el.hasAttribute('data-empty')).to.equal(false);
      el.requestUpdate();
      await el.updateComplete;
      expect(warnings.messages.filter((m) => m.includes('endpoint'))).to.have.length(1);
    } finally {
      warnings.restore();
    }
  });

  it('speaks Spanish', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<mhn-provider endpoint=${endpoint} locale="es">
        <mhn-crisis-resources country="US"></mhn-crisis-resources>
      </mhn-provider>`,
    );
    const el = wrapper.querySelector('mhn-crisis-resources')!;
    await loaded(el);
    expect(text($(el, '[part="call-link"]'))).to.equal('Llamar al 988');
    expect(text($(el, '[part="text-link"]'))).to.equal('Enviar mensaje de texto al 988');
    expect(text($(el, '[part="website-link"]'))).to.equal('Visitar 988lifeline.org');
    await expect(el).to.be.accessible();
  });
});
