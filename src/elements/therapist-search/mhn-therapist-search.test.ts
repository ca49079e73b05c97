import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { MhnTherapistSearch } from './mhn-therapist-search.js';
import { ContentClient } from '../../core/content-client.js';
import { $, $$, captureWarnings, text, waitFor } from '../../../test/helpers/dom.js';
import { resetServerStats, serverStats, useReferenceServer } from '../../../test/helpers/server.js';

const ADVANCED = 'https://www.mentalhelp.net/find-a-therapist/advanced-search/';
const MILE = 1.609344;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * A client whose answers for some paths (`/site`, `/therapists`) are made up — for
 * content and faults the reference server cannot produce — and that passes every
 * other request to the real server.
 */
function stubClient(routes: Record<string, (url: URL) => Response | Promise<Response>>) {
  return new ContentClient({
    retries: 0,
    fetch: (input, init) => {
      const url = new URL(String(input));
      const route = routes[url.pathname.replace(/^.*\/api\/v1/, '')];
      return route ? Promise.resolve(route(url)) : fetch(input, init);
    },
  });
}

/** The real server, with every requested URL recorded. */
function recordingClient() {
  const urls: URL[] = [];
  const client = new ContentClient({
    fetch: (input, init) => {
      urls.push(new URL(String(input)));
      return fetch(input, init);
    },
  });
  return { client, urls };
}

const input = (el: MhnTherapistSearch) => $(el, 'input#code') as HTMLInputElement;
const select = (el: MhnTherapistSearch) => $(el, 'select#radius') as HTMLSelectElement;
const status = (el: MhnTherapistSearch) => text($(el, '[part="status"]'));
const names = (el: MhnTherapistSearch) => $$(el, '.result .name').map((n) => text(n));

/** Types nothing: sets the box and submits the form the way Enter would. */
async function submit(el: MhnTherapistSearch, code: string): Promise<void> {
  input(el).value = code;
  ($(el, 'form') as HTMLFormElement).requestSubmit();
  await el.updateComplete;
}

async function results(el: MhnTherapistSearch): Promise<void> {
  await waitUntil(() => status(el) !== '', 'no search result was announced', { timeout: 10_000 });
}

async function therapistRequests(): Promise<number> {
  return (await serverStats()).byPath['/therapists'] ?? 0;
}

describe('<mhn-therapist-search>', () => {
  let endpoint = '';
  useReferenceServer((url) => (endpoint = url));

  it('shows the heading, a labelled search form and the Advanced Search link', async () => {
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search endpoint=${endpoint} locale="en-US"></mhn-therapist-search>`,
    );
    const heading = $(el, '[part="heading"]')!;
    expect(heading.localName).to.equal('h2');
    expect(text(heading)).to.equal('Find a Therapist (USA/Canada)');
    const form = $(el, 'form')!;
    expect(form.getAttribute('role')).to.equal('search');
    const box = input(el);
    expect(text($(el, `label[for="${box.id}"]`))).to.equal('ZIP or postal code');
    expect(box.getAttribute('autocomplete')).to.equal('postal-code');
    expect(box.getAttribute('inputmode')).to.equal('text');
    expect(box.getAttribute('aria-invalid')).to.equal('false');
    expect(text($(el, `label[for="${select(el).id}"]`))).to.equal('Distance');
    const button = $(el, 'form button[type="submit"]')!;
    expect(text(button)).to.equal('Search');
    const link = (await waitFor(el, '[part="elsewhere"] a')) as HTMLAnchorElement;
    expect(link.href).to.equal(ADVANCED);
    expect(text(link)).to.equal('Advanced Search');
    expect(text($(el, '[part="elsewhere"]'))).to.equal('For other countries, use Advanced Search.');
  });

  it('offers distances in miles for en-US and in kilometres otherwise; `radius` sets the default', async () => {
    const us = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search endpoint=${endpoint} locale="en-US"></mhn-therapist-search>`,
    );
    expect([...select(us).options].map((o) => o.text)).to.deep.equal([
      '5 mi',
      '15 mi',
      '25 mi',
      '50 mi',
      '100 mi',
    ]);
    expect(select(us).selectedOptions[0]!.text).to.equal('25 mi');
    const es = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search endpoint=${endpoint} locale="es"></mhn-therapist-search>`,
    );
    expect([...select(es).options].map((o) => o.text)).to.deep.equal([
      '10 km',
      '25 km',
      '40 km',
      '80 km',
      '160 km',
    ]);
    expect(select(es).selectedOptions[0]!.text).to.equal('40 km');
    const far = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search
        endpoint=${endpoint}
        locale="en-CA"
        radius="80"
      ></mhn-therapist-search>`,
    );
    expect(select(far).selectedOptions[0]!.text).to.equal('80 km');
    const farUs = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search
        endpoint=${endpoint}
        locale="en-US"
        radius="80"
      ></mhn-therapist-search>`,
    );
    expect(select(farUs).selectedOptions[0]!.text).to.equal('50 mi');
  });

  it('rejects anything but US and Canadian codes before any request, on the field', async () => {
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search endpoint=${endpoint} locale="en-US"></mhn-therapist-search>`,
    );
    await waitFor(el, '[part="elsewhere"] a');
    const invalid = [
      '',
      '   ',
      '1234',
      '123456',
      '12345-67',
      'SW1A 1AA',
      '75008 Paris',
      '100-0001',
      'D1A 0B1',
      'F1A 0B1',
      'I1A 0B1',
      'O1A 0B1',
      'Q1A 0B1',
      'U1A 0B1',
      'W1A 0B1',
      'Z1A 0B1',
      'K1D 0B1',
      'K1A 0U1',
      'K1A  0B1',
      '1'.repeat(1000),
    ];
    for (const code of invalid) {
      await submit(el, code);
      const box = input(el);
      const label = JSON.stringify(code.slice(0, 20));
      expect(box.getAttribute('aria-invalid'), label).to.equal('true');
      const message = el.shadowRoot!.getElementById(box.getAttribute('aria-describedby')!)!;
      expect(text(message), label).to.equal(
        'This search covers the USA and Canada only. Enter a code like 10001 or K1A 0B1. ' +
          'For other countries, use Advanced Search.',
      );
      expect((message.querySelector('a') as HTMLAnchorElement).href).to.equal(ADVANCED);
      expect(el.shadowRoot!.activeElement).to.equal(box);
      // The message carries the Advanced Search link; the line below the form steps aside.
      expect($$(el, 'a[part="advanced-link"]')).to.have.length(1);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(await therapistRequests()).to.equal(0);
    // Editing clears the message.
    input(el).dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(input(el).getAttribute('aria-invalid')).to.equal('false');
    expect(input(el).hasAttribute('aria-describedby')).to.equal(false);
  });

  it('searches what the reader types, Enter submits, the code is normalized, the page stays', async () => {
    const { client, urls } = recordingClient();
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search
        endpoint=${endpoint}
        locale="en-US"
        .client=${client}
      ></mhn-therapist-search>`,
    );
    const before = location.href;
    input(el).focus();
    await sendKeys({ type: 'k1a0b1' });
    await sendKeys({ press: 'Enter' });
    await results(el);
    expect(location.href).to.equal(before);
    expect(input(el).value).to.equal('K1A 0B1');
    const sent = urls.find((u) => u.pathname.endsWith('/therapists'))!;
    expect(sent.searchParams.get('postalCode')).to.equal('K1A 0B1');
    expect(Number(sent.searchParams.get('radius'))).to.be.closeTo(25 * MILE, 0.1);
    expect(text($(el, '.result .meta'))).to.contain('Ottawa, ON');

    // Typing a wrong code and pressing Enter shows the message and sends nothing.
    await resetServerStats();
    input(el).select();
    await sendKeys({ type: 'SW1A 1AA' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-invalid')).to.equal('true');
    expect(await therapistRequests()).to.equal(0);
    expect(location.href).to.equal(before);
  });

  it('lists therapists: name and credentials, place, specialties, miles, tel: and profile links', async () => {
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search endpoint=${endpoint} locale="en-US"></mhn-therapist-search>`,
    );
    await submit(el, '10001');
    await results(el);
    const page = el.data!;
    expect(page.items.length).to.be.at.least(3);
    expect(status(el)).to.equal(`Showing ${page.items.length} therapists within 25 mi of 10001.`);
    expect($(el, '[part="status"]')!.getAttribute('role')).to.equal('status');
    const items = $$(el, '[part="results"] > li');
    expect(items).to.have.length(page.items.length);
    page.items.forEach((therapist, i) => {
      const item = items[i]!;
      const name = item.querySelector('.name')!;
      expect(name.localName).to.equal('h3');
      expect(text(name)).to.equal(`${therapist.name}, ${therapist.credentials}`);
      expect((name.querySelector('a') as HTMLAnchorElement).href).to.equal(therapist.url);
      expect(text(item)).to.contain(`${therapist.city}, ${therapist.region}`);
      expect(text(item)).to.contain(`Specialties: ${therapist.specialties!.join(', ')}`);
      const miles = new Intl.NumberFormat('en-US', {
        style: 'unit',
        unit: 'mile',
        maximumFractionDigits: 1,
      }).format(therapist.distanceKm! / MILE);
      expect(text(item)).to.contain(`${miles} away`);
      expect(text(item)).not.to.contain('km');
      const tel = item.querySelector('a[href^="tel:"]') as HTMLAnchorElement;
      expect(tel.getAttribute('href')).to.equal(`tel:${therapist.phone!.replace(/\s/g, '')}`);
      expect(text(tel)).to.equal(`Call ${therapist.phone}`);
    });
  });

  it('speaks Spanish and shows kilometres for es', async () => {
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search endpoint=${endpoint} locale="es"></mhn-therapist-search>`,
    );
    expect(text($(el, '[part="heading"]'))).to.equal('Buscar un terapeuta (EE. UU./Canadá)');
    expect(text($(el, 'label[for="code"]'))).to.equal('Código ZIP o postal');
    await waitFor(el, '[part="elsewhere"] a');
    await submit(el, 'nowhere');
    expect(text($(el, '#code-error'))).to.equal(
      'Esta búsqueda solo abarca EE. UU. y Canadá. Escriba un código como 10001 o K1A 0B1. ' +
        'Para otros países, use la Búsqueda avanzada.',
    );
    await submit(el, 'm5v 2t6');
    await results(el);
    const first = el.data!.items[0]!;
    const km = new Intl.NumberFormat('es', {
      style: 'unit',
      unit: 'kilometer',
      maximumFractionDigits: 1,
    }).format(first.distanceKm!);
    expect(text($(el, '.result'))).to.contain(`a ${km}`);
    expect(text($(el, '.result'))).to.contain('Llamar al');
    expect(status(el)).to.match(/^Se muestran \d+ terapeutas a menos de 40 km de M5V 2T6\.$/);
  });

  it('explains an empty result and points to Advanced Search', async () => {
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search endpoint=${endpoint} locale="en-US"></mhn-therapist-search>`,
    );
    await waitFor(el, '[part="elsewhere"] a');
    await submit(el, '99950');
    await results(el);
    expect(status(el)).to.equal(
      'No therapists found within 25 mi of 99950. Try a larger distance. For other countries, use Advanced Search.',
    );
    expect(($(el, '[part="status"] a') as HTMLAnchorElement).href).to.equal(ADVANCED);
    expect($(el, '[part="results"]')).to.equal(null);
    expect(el.data!.items).to.deep.equal([]);
  });

  it("shows the server's 422 message on the field it names", async () => {
    // A radius the server refuses (real server).
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search
        endpoint=${endpoint}
        locale="en-CA"
        radius="1000"
      ></mhn-therapist-search>`,
    );
    expect(select(el).selectedOptions[0]!.text).to.equal('1,000 km');
    await submit(el, '10001');
    await waitUntil(() => select(el).getAttribute('aria-invalid') === 'true', 'no 422 shown');
    const radiusError = el.shadowRoot!.getElementById(
      select(el).getAttribute('aria-describedby')!,
    )!;
    expect(text(radiusError)).to.equal('The radius must be a number of kilometres from 1 to 500.');
    await waitUntil(() => el.shadowRoot!.activeElement === select(el), 'focus not on the field');
    expect(input(el).getAttribute('aria-invalid')).to.equal('false');
    expect($(el, '[role="alert"]')).to.equal(null);
    expect(await therapistRequests()).to.equal(1);

    // A server that refuses a code the widget accepts: its message goes on the code box.
    const refusing = stubClient({
      '/therapists': () =>
        json(
          {
            error: {
              code: 'validation_failed',
              message: 'The search could not be run.',
              fields: { postalCode: 'We do not cover this area yet.' },
            },
          },
          422,
        ),
    });
    const other = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search
        endpoint=${endpoint}
        locale="en-US"
        .client=${refusing}
      ></mhn-therapist-search>`,
    );
    await waitFor(other, '[part="elsewhere"] a');
    await submit(other, '10001');
    await waitUntil(() => input(other).getAttribute('aria-invalid') === 'true', 'no 422 shown');
    expect(text($(other, '#code-error'))).to.equal(
      'We do not cover this area yet. For other countries, use Advanced Search.',
    );
    expect(input(other).getAttribute('aria-describedby')).to.equal('code-error');
  });

  it('pages with "Load more therapists", keeping focus', async () => {
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search
        endpoint=${endpoint}
        locale="en-US"
        page-size="2"
      ></mhn-therapist-search>`,
    );
    await submit(el, '10001');
    await results(el);
    expect(names(el)).to.have.length(2);
    expect(status(el)).to.equal('Showing 2 therapists within 25 mi of 10001.');
    let more = $(el, '[part~="load-more"]')!;
    expect(text(more)).to.equal('Load more therapists');
    more.focus();
    more.click();
    await waitUntil(() => names(el).length === 4, 'the second page never came');
    expect($(el, '[part~="load-more"]')).to.equal(more);
    expect(el.shadowRoot!.activeElement).to.equal(more);
    expect(status(el)).to.equal('Showing 4 therapists within 25 mi of 10001.');
    more.click();
    await waitUntil(() => names(el).length === 6, 'the third page never came');
    // No more pages: the button goes and focus moves to the first therapist added.
    more = $(el, '[part~="load-more"]')!;
    expect(more).to.equal(null);
    await waitUntil(() => el.shadowRoot!.activeElement === $$(el, '.result .name')[4]);
    expect(new Set(names(el)).size).to.equal(6);
    expect((await serverStats()).byPath['/therapists']).to.equal(3);
  });

  it('shows a loading state while searching', async () => {
    const hung = stubClient({ '/therapists': () => new Promise<Response>(() => undefined) });
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search
        endpoint=${endpoint}
        locale="en-US"
        .client=${hung}
      ></mhn-therapist-search>`,
    );
    await submit(el, '10001');
    await el.updateComplete;
    expect(text($(el, '[part="loading"] + [role="status"]'))).to.equal('Searching for therapists…');
    expect($(el, '.results-area')!.getAttribute('aria-busy')).to.equal('true');
    expect($(el, 'form')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows an error with Try again, dispatches mhn-error, and recovers', async () => {
    let fail = true;
    const flaky = stubClient({
      '/therapists': (url) =>
        fail ? new Response('oops', { status: 500 }) : fetch(url, { mode: 'cors' }),
    });
    const errorEvent = new Promise<CustomEvent>((resolve) =>
      document.body.addEventListener('mhn-error', (e) => resolve(e as CustomEvent), { once: true }),
    );
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search
        endpoint=${endpoint}
        locale="en-US"
        .client=${flaky}
      ></mhn-therapist-search>`,
    );
    await submit(el, '10001');
    const alert = await waitFor(el, '[role="alert"]');
    expect(text(alert)).to.contain('Something went wrong');
    expect((await errorEvent).detail.error).to.deep.include({ code: 'http', status: 500 });
    await expect(el).to.be.accessible();
    fail = false;
    const retry = [...alert.querySelectorAll('button')].find((b) => text(b) === 'Try again')!;
    retry.click();
    await results(el);
    expect(names(el).length).to.be.at.least(3);
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('keeps the search working when /site fails', async () => {
    const noSite = stubClient({ '/site': () => new Response('down', { status: 503 }) });
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search
        endpoint=${endpoint}
        locale="en-US"
        .client=${noSite}
      ></mhn-therapist-search>`,
    );
    await new Promise((r) => setTimeout(r, 100));
    expect($(el, '[role="alert"]')).to.equal(null);
    await submit(el, 'Q1A 0B1');
    expect(text($(el, '#code-error'))).to.equal(
      'This search covers the USA and Canada only. Enter a code like 10001 or K1A 0B1.',
    );
    await submit(el, '90210');
    await results(el);
    expect(names(el).length).to.be.at.least(2);
    expect($(el, 'a[part="advanced-link"]')).to.equal(null);
  });

  it('searches only the countries /site lists', async () => {
    const usOnly = stubClient({
      '/site': () =>
        json({
          name: 'Publisher',
          url: 'https://publisher.example/',
          therapistSearch: { countries: ['US'], advancedSearchUrl: 'https://publisher.example/a' },
        }),
    });
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search
        endpoint=${endpoint}
        locale="en-US"
        .client=${usOnly}
      ></mhn-therapist-search>`,
    );
    await waitFor(el, '[part="elsewhere"] a');
    await submit(el, 'K1A 0B1');
    expect(text($(el, '#code-error'))).to.contain('covers the USA only. Enter a code like 10001.');
    expect(await therapistRequests()).to.equal(0);
  });

  it('neutralizes unsafe URLs: Advanced Search, profiles, phones', async () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
    ]) {
      const hostile = stubClient({
        '/site': () =>
          json({
            name: 'P',
            url: 'https://p.example/',
            therapistSearch: { countries: ['US', 'CA'], advancedSearchUrl: bad },
          }),
        '/therapists': () =>
          json({
            items: [
              {
                id: 't-1',
                name: '<img src=x onerror=alert(1)>',
                credentials: 'PhD',
                city: 'Town',
                region: 'NY',
                phone: bad,
                url: bad,
                specialties: ['<b>Anxiety</b>'],
                distanceKm: 1,
              },
            ],
            nextCursor: null,
          }),
      });
      const el = await fixture<MhnTherapistSearch>(
        html`<mhn-therapist-search
          endpoint=${endpoint}
          locale="en-US"
          .client=${hostile}
        ></mhn-therapist-search>`,
      );
      await new Promise((r) => setTimeout(r, 50));
      await submit(el, '10001');
      await results(el);
      expect(text($(el, '.name'))).to.equal('<img src=x onerror=alert(1)>, PhD');
      expect(text($(el, '.result'))).to.contain('<b>Anxiety</b>');
      expect($(el, 'img')).to.equal(null);
      for (const a of $$(el, '[href]')) {
        expect(a.getAttribute('href'), bad).to.match(/^(https?:|tel:)/);
      }
      expect($(el, '[part="elsewhere"] a')).to.equal(null);
      await submit(el, 'nowhere');
      expect($(el, '#code-error a')).to.equal(null);
    }
  });

  it('says it is not configured (and warns once) without an endpoint', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<MhnTherapistSearch>(
        html`<mhn-therapist-search></mhn-therapist-search>`,
      );
      expect(text($(el, '[part="not-configured"]'))).to.contain('endpoint');
      el.requestUpdate();
      await el.updateComplete;
      expect(warnings.messages.filter((m) => m.includes('endpoint'))).to.have.length(1);
      await expect(el).to.be.accessible();
    } finally {
      warnings.restore();
    }
  });

  it('passes an axe audit with results and with a rejected code', async () => {
    const el = await fixture<MhnTherapistSearch>(
      html`<mhn-therapist-search endpoint=${endpoint} locale="en-US"></mhn-therapist-search>`,
    );
    await waitFor(el, '[part="elsewhere"] a');
    await expect(el).to.be.accessible();
    await submit(el, '10001');
    await results(el);
    await expect(el).to.be.accessible();
    await submit(el, 'SW1A 1AA');
    await expect(el).to.be.accessible();
  });
});
