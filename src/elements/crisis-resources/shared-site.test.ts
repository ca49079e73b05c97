// Its own file (a fresh browser context): the browser's HTTP cache starts empty, so the
// reference server sees every GET that leaves the page.
import { expect, fixture, html } from '@open-wc/testing';
import '../provider/define.js';
import '../therapist-search/define.js';
import '../attribution/define.js';
import './define.js';
import { sharedClient } from '../../core/content-client.js';
import { waitFor } from '../../../test/helpers/dom.js';
import { apiUrl, resetServerStats, serverStats } from '../../../test/helpers/server.js';

/** GETs of /site the real server answered (its stats also count by method). */
const siteGets = async () =>
  ((await serverStats()) as { byMethod?: Record<string, number> }).byMethod?.['GET /site'] ?? 0;

describe('GET /site shared by the widgets', () => {
  it('attribution, crisis resources and therapist search on one page make one request', async () => {
    const endpoint = await apiUrl();
    sharedClient.invalidate();
    await resetServerStats();
    const page = await fixture<HTMLElement>(
      html`<mhn-provider endpoint=${endpoint}>
        <mhn-therapist-search></mhn-therapist-search>
        <mhn-attribution></mhn-attribution>
        <mhn-crisis-resources country="US"></mhn-crisis-resources>
        <mhn-crisis-resources country="CA"></mhn-crisis-resources>
      </mhn-provider>`,
    );
    const [search, attribution, us, ca] = [...page.children] as HTMLElement[];
    await waitFor(search!, '[part="elsewhere"] a');
    await waitFor(attribution!, '[part="credits"]');
    await waitFor(us!, '[part="line"]');
    await waitFor(ca!, '[part="line"]');
    expect(await siteGets()).to.equal(1);

    // A widget added later reads the same answer.
    const late = document.createElement('mhn-attribution');
    page.append(late);
    await waitFor(late, '[part="credits"]');
    expect((await serverStats()).requests).to.equal(1);
  });
});
