/**
 * Partner pages we never see: an old CMS theme with global resets must leave every
 * widget readable and usable. Each widget renders inside a provider on a page with the
 * hostile stylesheet of issue 5, and what a reader sees inside is checked element by
 * element — and compared with the same widgets on a clean page.
 */
import { expect } from '@open-wc/testing';
import { sharedClient } from '../src/core/content-client.js';
import type { MhnElement } from '../src/core/mhn-element.js';
import { $$ } from './helpers/dom.js';
import { apiUrl } from './helpers/server.js';
import { adoptedCss, computedColor, isShown, label } from './helpers/styles.js';
import { WIDGETS, mountAll } from './helpers/widgets.js';

const HOSTILE = `
  html { font-size: 62.5%; }
  * { box-sizing: content-box; }
  button, input, textarea { display: none !important; }
  ul { list-style: none; padding: 0; }
  h1, h2, h3 { font-size: 44px; text-transform: uppercase; }
  time { display: none; }
  a { color: red !important; }
`;

/**
 * Inherited properties a page may set on an ancestor. The documented decision: a
 * widget takes the page's font family and writing direction, and sets the rest itself.
 */
const INHERITED = `
  body {
    font-family: "Courier New", monospace;
    font-size: 9px;
    font-style: italic;
    font-weight: 900;
    font-variant: small-caps;
    line-height: 4;
    letter-spacing: 6px;
    word-spacing: 20px;
    text-align: center;
    text-indent: 40px;
    text-transform: uppercase;
    text-shadow: 0 0 2px red;
    white-space: pre;
    color: red;
    -webkit-text-fill-color: red;
    cursor: wait;
    list-style-type: none;
    visibility: visible;
  }
`;

/** What a reader sees of an element, for comparing a clean page with a hostile one. */
const LOOK = [
  'display',
  'visibility',
  'font-size',
  'font-weight',
  'line-height',
  'text-transform',
  'color',
  'background-color',
  'list-style-type',
  'box-sizing',
  'padding-left',
  'margin-top',
];

function look(elements: MhnElement[]): Map<Element, string> {
  const seen = new Map<Element, string>();
  for (const host of elements) {
    for (const el of [host, ...$$(host, '*')]) {
      const style = getComputedStyle(el);
      const { width, height } = el.getBoundingClientRect();
      // The page may size the host itself (its own box-sizing); inside is the widget's.
      const props = el === host ? LOOK.filter((p) => p !== 'box-sizing') : LOOK;
      seen.set(
        el,
        props.map((p) => `${p}: ${style.getPropertyValue(p)}`).join('; ') +
          `; size: ${Math.round(width)}x${Math.round(height)}`,
      );
    }
  }
  return seen;
}

function addStyle(css: string): HTMLStyleElement {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return style;
}

/** Controls the reader can reach: not inside a closed tab panel or other hidden part. */
const controls = (el: Element) =>
  $$(el, 'button, input, textarea, select').filter((c) => !c.closest('[hidden]'));

describe('isolation from a hostile partner stylesheet', () => {
  let endpoint: string;
  let elements: MhnElement[];
  let clean: Map<Element, string>;
  let hostile: HTMLStyleElement;

  before(async () => {
    endpoint = await apiUrl();
  });

  beforeEach(async () => {
    sharedClient.invalidate();
    ({ elements } = await mountAll({ endpoint }));
    clean = look(elements);
    hostile = addStyle(HOSTILE);
  });

  afterEach(() => hostile.remove());

  it('renders every widget exactly as on a clean page', () => {
    const now = look(elements);
    const changed = [...clean].filter(([el, before]) => now.get(el) !== before);
    expect(
      changed.map(
        ([el, before]) => `${label(el)}\n  clean:   ${before}\n  hostile: ${now.get(el)}`,
      ),
    ).to.deep.equal([]);
  });

  it('keeps every control visible, with a size', () => {
    for (const el of elements) {
      const found = controls(el);
      if (['mhn-comments', 'mhn-therapist-search'].includes(el.localName)) {
        expect(found.length, `<${el.localName}> controls`).to.be.at.least(2);
      }
      for (const control of found) {
        const { width, height } = control.getBoundingClientRect();
        expect(getComputedStyle(control).display, label(control)).to.not.equal('none');
        expect(width * height, `${label(control)} size`).to.be.greaterThan(0);
      }
    }
    const [comments] = elements.filter((el) => el.localName === 'mhn-comments');
    for (const field of ['#title', '#author', '#body', 'button[part~="submit"]']) {
      expect(
        controls(comments!).some((c) => c.matches(field)),
        field,
      ).to.equal(true);
    }
  });

  it('keeps list markers where the widget shows them', () => {
    const [article] = elements.filter((el) => el.localName === 'mhn-article');
    const items = $$(article!, '[part="body"] ul li');
    expect(items.length).to.equal(3);
    for (const li of items) {
      const style = getComputedStyle(li);
      expect(style.display).to.equal('list-item');
      expect(style.listStyleType).to.not.equal('none');
      expect(parseFloat(getComputedStyle(li.parentElement!).paddingInlineStart)).to.be.above(0);
    }
  });

  it('shows every date', () => {
    let dates = 0;
    for (const el of elements) {
      for (const time of $$(el, 'time').filter((t) => !t.closest('[hidden]'))) {
        dates += 1;
        expect(getComputedStyle(time).display, label(time)).to.not.equal('none');
        expect(isShown(time), label(time)).to.equal(true);
        expect(time.textContent!.trim()).to.not.equal('');
      }
    }
    expect(dates, 'dates shown by the article, comments and topic').to.be.at.least(3);
  });

  it('keeps headings at the widget’s own scale, without the page’s text-transform', () => {
    let headings = 0;
    for (const el of elements) {
      for (const h of $$(el, 'h1, h2, h3, h4, h5, h6')) {
        headings += 1;
        const style = getComputedStyle(h);
        expect(parseFloat(style.fontSize), label(h)).to.be.below(44);
        expect(parseFloat(style.fontSize), label(h)).to.be.at.least(16);
        expect(style.textTransform, label(h)).to.equal('none');
      }
    }
    expect(headings).to.be.at.least(WIDGETS.length - 1);
  });

  it('starts from the reader’s default text size (16px), not the page’s 62.5% root', () => {
    expect(getComputedStyle(document.documentElement).fontSize).to.equal('10px');
    for (const el of elements) {
      expect(getComputedStyle(el).fontSize, el.localName).to.equal('16px');
      for (const p of $$(el, 'p').filter((p) => !p.closest('[hidden]') && isShown(p))) {
        expect(parseFloat(getComputedStyle(p).fontSize), label(p)).to.be.at.least(13);
      }
    }
  });

  it('colours links with the widget’s accent, not the page’s red', () => {
    const red = computedColor('red');
    let links = 0;
    for (const el of elements) {
      const accent = computedColor(getComputedStyle(el).getPropertyValue('--_accent'));
      const onAccent = computedColor(getComputedStyle(el).getPropertyValue('--_accent-text'));
      for (const a of $$(el, 'a[href]').filter(isShown)) {
        links += 1;
        const color = getComputedStyle(a).color;
        expect(color, label(a)).to.not.equal(red);
        // Links styled as buttons (crisis lines' Call) carry the text colour for the accent.
        expect([accent, onAccent], label(a)).to.include(color);
        if (!a.classList.contains('button')) expect(color, label(a)).to.equal(accent);
      }
    }
    expect(links).to.be.at.least(10);
  });

  it('takes only the font family from inherited page styles (and the direction)', async () => {
    const inherited = addStyle(INHERITED);
    document.body.dir = 'rtl';
    try {
      for (const el of elements) {
        const style = getComputedStyle(el);
        const name = el.localName;
        expect(style.fontFamily, name).to.contain('Courier New');
        expect(style.direction, name).to.equal('rtl');
        expect(style.fontSize, name).to.equal('16px');
        expect(style.fontStyle, name).to.equal('normal');
        expect(style.fontWeight, name).to.equal('400');
        expect(style.fontVariantCaps, name).to.equal('normal');
        expect(style.lineHeight, name).to.equal('24px');
        expect(style.letterSpacing, name).to.equal('normal');
        expect(style.wordSpacing, name).to.equal('0px');
        expect(style.textAlign, name).to.equal('start');
        expect(style.textIndent, name).to.equal('0px');
        expect(style.textTransform, name).to.equal('none');
        expect(style.textShadow, name).to.equal('none');
        expect(style.whiteSpace, name).to.equal('normal');
        expect(style.cursor, name).to.equal('auto');
        expect(style.color, name).to.not.equal(computedColor('red'));
        expect(style.getPropertyValue('-webkit-text-fill-color'), name).to.equal(style.color);
        for (const li of $$(el, '[part="body"] li')) {
          expect(getComputedStyle(li).listStyleType).to.equal('disc');
        }
      }
    } finally {
      inherited.remove();
      document.body.removeAttribute('dir');
    }
  });

  it('hides with a container the page hides (visibility is not reset)', () => {
    const container = elements[0]!.parentElement!.parentElement!;
    container.style.visibility = 'hidden';
    try {
      for (const el of elements) {
        expect(getComputedStyle(el).visibility, el.localName).to.equal('hidden');
        for (const a of $$(el, 'a, button'))
          expect(a.checkVisibility({ visibilityProperty: true })).to.equal(false);
      }
    } finally {
      container.style.visibility = '';
    }
  });
});

describe('sizes inside the widgets', () => {
  it('never use rem (a page that shrinks its root font would shrink them)', () => {
    for (const w of WIDGETS) {
      const css = adoptedCss(w.tag);
      expect(css.length, w.tag).to.be.above(1000);
      expect(css.match(/[\d.]rem\b/g) ?? [], w.tag).to.deep.equal([]);
    }
  });
});
