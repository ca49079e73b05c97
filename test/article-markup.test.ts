import { expect, fixture, html } from '@open-wc/testing';
import '../src/elements/article/define.js';
import type { MhnArticle } from '../src/elements/article/mhn-article.js';
import { forceSanitizerFallbackForTesting, sanitizeHtml } from '../src/core/sanitize.js';
import { waitFor } from './helpers/dom.js';
import { addArticle, useReferenceServer } from './helpers/server.js';

/** Legitimate publisher markup whose meaning lives in its attributes. */
const BODY = [
  '<table><caption>Sleep per night</caption>',
  '<thead><tr><th scope="col">Age</th><th scope="col" colspan="2">Hours</th></tr></thead>',
  '<tbody><tr><th scope="row" rowspan="2">Adults</th><td>7</td><td>9</td></tr>',
  '<tr><td colspan="2">varies</td></tr></tbody></table>',
  '<ol start="5" reversed><li>five</li><li>four</li></ol>',
  '<p dir="rtl" lang="ar">مرحبا بكم</p>',
  '<p>Reviewed <time datetime="2024-03-01">March 2024</time>.</p>',
  '<p lang="es">Hola</p>',
  '<img src="https://images.example.org/chart.png" width="640" height="360" alt="A chart">',
].join('');

const attrs = (el: Element | null | undefined) =>
  Object.fromEntries([...(el?.attributes ?? [])].map((a) => [a.name, a.value]));

function checkKept(root: DocumentFragment | ShadowRoot | Element): void {
  const cols = root.querySelectorAll('th[scope="col"]');
  expect(cols).to.have.length(2);
  expect(cols[1]!.getAttribute('colspan')).to.equal('2');
  const row = root.querySelector('th[scope="row"]');
  expect(attrs(row)).to.deep.equal({ scope: 'row', rowspan: '2' });
  expect(root.querySelector('tbody tr:last-child td')!.getAttribute('colspan')).to.equal('2');
  const ol = root.querySelector('ol')!;
  expect(ol.getAttribute('start')).to.equal('5');
  expect(ol.hasAttribute('reversed')).to.equal(true);
  expect(attrs(root.querySelector('p[dir]'))).to.deep.equal({ dir: 'rtl', lang: 'ar' });
  expect(root.querySelector('time')!.getAttribute('datetime')).to.equal('2024-03-01');
  expect(root.querySelectorAll('p[lang="es"]')).to.have.length(1);
  const img = root.querySelector('img')!;
  expect(img.getAttribute('width')).to.equal('640');
  expect(img.getAttribute('height')).to.equal('360');
  expect(img.getAttribute('src')).to.equal('https://images.example.org/chart.png');
}

for (const path of [
  { name: "the browser's HTML Sanitizer API", fallback: false },
  { name: 'the DOMPurify fallback', fallback: true },
]) {
  describe(`the sanitizer keeps legitimate markup (${path.name})`, () => {
    before(() => forceSanitizerFallbackForTesting(path.fallback));
    after(() => forceSanitizerFallbackForTesting(false));

    it('keeps table spans and scopes, list numbering, direction, language, dates, image size', () => {
      checkKept(sanitizeHtml(BODY, 'https://publisher.example.org/a/'));
    });

    it('still checks URL attributes: only http(s)/mailto links and https images', () => {
      const fragment = sanitizeHtml(
        [
          '<a href="javascript:alert(1)" dir="rtl">js</a>',
          '<a href="data:text/html,x" lang="en">data</a>',
          '<a href="/relative" dir="ltr">relative</a>',
          '<img src="http://insecure.example/x.png" width="10" alt="http">',
          '<img src="https://ok.example/x.png" srcset="javascript:alert(1) 2x" width="10" alt="ok">',
        ].join(''),
        'https://publisher.example.org/a/',
      );
      const links = [...fragment.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
        null,
        null,
        'https://publisher.example.org/relative',
      ]);
      // The non-URL attributes stay on the neutralised links.
      expect(links.map((a) => a.getAttribute('dir') ?? a.getAttribute('lang'))).to.deep.equal([
        'rtl',
        'en',
        'ltr',
      ]);
      const images = [...fragment.querySelectorAll('img')];
      expect(images).to.have.length(1);
      expect(attrs(images[0])).to.include({ src: 'https://ok.example/x.png', width: '10' });
      expect(images[0]!.hasAttribute('srcset')).to.equal(false);
    });

    it('keeps a non-URL attribute as inert text whatever its value', () => {
      const fragment = sanitizeHtml('<td colspan="javascript:alert(1)">x</td>');
      // Outside a table the cell is dropped by the parser; inside one its value is text.
      const table = sanitizeHtml(
        '<table><tr><td colspan="2" onclick="alert(1)">x</td></tr></table>',
      );
      expect(fragment.querySelector('[onclick]')).to.equal(null);
      expect(attrs(table.querySelector('td'))).to.deep.equal({ colspan: '2' });
    });
  });
}

describe('<mhn-article> renders that markup', () => {
  let endpoint = '';
  useReferenceServer((url) => (endpoint = url));

  it('shows the table, the numbered list, the RTL passage and the sized image as written', async () => {
    await addArticle({
      slug: 'markup-article',
      title: 'Markup',
      url: 'https://publisher.example.org/markup',
      authors: [],
      bodyHtml: BODY,
    });
    const el = await fixture<MhnArticle>(
      html`<mhn-article endpoint=${endpoint} article="markup-article"></mhn-article>`,
    );
    const body = await waitFor(el, '[part="body"] table');
    checkKept(body.parentElement!);
    const ol = el.shadowRoot!.querySelector<HTMLOListElement>('[part="body"] ol')!;
    expect(ol.start).to.equal(5);
    expect(ol.reversed).to.equal(true);
    const rtl = el.shadowRoot!.querySelector('[part="body"] p[dir]')!;
    expect(getComputedStyle(rtl).direction).to.equal('rtl');
  });
});
