/**
 * Theming: the `--mhn-*` custom properties reach every widget (and each widget documents
 * exactly those that change it), `::part()` reaches the parts each widget documents,
 * `theme="light|dark|auto"` on a widget or the provider (auto follows the page, live),
 * and text and controls keep WCAG AA contrast in both themes.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { sharedClient } from '../src/core/content-client.js';
import type { MhnElement } from '../src/core/mhn-element.js';
import { hostStyles } from '../src/core/styles.js';
import { $$ } from './helpers/dom.js';
import { apiUrl } from './helpers/server.js';
import { docNames, source } from './helpers/source.js';
import {
  backgroundOf,
  computedColor,
  contrast,
  isLargeText,
  isShown,
  label,
  parseColor,
  textContrast,
  textElements,
} from './helpers/styles.js';
import {
  WIDGETS,
  create,
  loaded,
  mountState,
  statesOf,
  widget,
  type State,
  type Widget,
} from './helpers/widgets.js';

/** Every token the shared styles read, found in the styles themselves. */
const TOKENS = [...new Set(hostStyles.cssText.match(/--mhn-[\w-]+/g))].sort();

const PROBES: Record<string, string> = {
  '--mhn-font': '"Courier New", monospace',
  '--mhn-font-size': '21px',
  '--mhn-radius': '13px',
  '--mhn-space': '27px',
  '--mhn-block-spacing': '31px',
};
const probe = (token: string) => PROBES[token] ?? 'rgb(1, 2, 3)';

/** Properties through which a token can show. */
const SHOWN_BY = [
  'color',
  'background-color',
  'border-top-color',
  'border-right-color',
  'border-bottom-color',
  'border-left-color',
  'outline-color',
  'text-decoration-color',
  'font-family',
  'font-size',
  'border-top-left-radius',
  'border-bottom-right-radius',
  'padding-top',
  'padding-left',
  'margin-top',
  'margin-bottom',
  'row-gap',
];

function snapshot(el: MhnElement): string[] {
  return [el, ...$$(el, '*')].map((node) => {
    const style = getComputedStyle(node);
    return SHOWN_BY.map((p) => style.getPropertyValue(p)).join('|');
  });
}

const DARK_SURFACE = computedColor('#161b22');
const LIGHT_SURFACE = computedColor('#ffffff');
const themeOf = (el: Element) => (el as HTMLElement).dataset['theme'];

/** The states a theme audit renders, plus the loaded state with its first control focused. */
function auditStates(w: Widget): (State & { focus?: boolean })[] {
  const states = statesOf(w);
  return [...states, { ...states[0]!, name: 'focused', focus: true }];
}

function focusFirstControl(el: MhnElement): void {
  const control = $$(el, 'a[href], button, input, select, textarea, [tabindex="0"]').find(
    (c) => isShown(c) && !c.closest('[hidden]'),
  )!;
  control.focus();
  expect(control.matches(':focus-visible'), label(control)).to.equal(true);
}

describe('theming', () => {
  let endpoint: string;
  before(async () => {
    endpoint = await apiUrl();
  });
  beforeEach(() => sharedClient.invalidate());
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('reads every documented token, each with a fallback', () => {
    expect(TOKENS).to.include.members([
      '--mhn-font',
      '--mhn-font-size',
      '--mhn-color-text',
      '--mhn-color-muted',
      '--mhn-color-accent',
      '--mhn-color-accent-text',
      '--mhn-color-surface',
      '--mhn-color-border',
      '--mhn-color-error',
      '--mhn-color-focus',
      '--mhn-radius',
      '--mhn-space',
    ]);
    for (const token of TOKENS) {
      const uses = hostStyles.cssText.match(new RegExp(`var\\(${token}\\b[^)]*\\)`, 'g'))!;
      for (const use of uses) expect(use, `${token} has a fallback`).to.match(/,\s*\S/);
    }
  });

  for (const w of WIDGETS) {
    it(`<${w.tag}>: a token set on the provider changes the widget exactly when documented`, async () => {
      const effective = new Set<string>();
      for (const state of auditStates(w)) {
        const el = await mountState(w, state, endpoint);
        if (state.focus) focusFirstControl(el);
        const provider = el.parentElement!;
        const before = snapshot(el);
        for (const token of TOKENS) {
          provider.style.setProperty(token, probe(token));
          const after = snapshot(el);
          provider.style.removeProperty(token);
          if (after.some((v, i) => v !== before[i])) effective.add(token);
        }
      }
      const documented = docNames(await source(w.source), 'cssprop');
      expect(
        [...effective].sort(),
        'tokens that change the widget = its @cssprop list',
      ).to.deep.equal([...documented].sort());
    });
  }

  const MAIN_PARTS: Record<string, string[]> = {
    'mhn-article': ['heading', 'byline', 'dates', 'body', 'source-link', 'button', 'error'],
    'mhn-comments': ['heading', 'comment', 'form', 'button', 'field', 'label', 'error'],
    'mhn-related-topics': ['heading', 'list', 'link', 'button', 'error'],
    'mhn-topic': ['heading', 'tab', 'panel', 'item', 'button', 'error'],
    'mhn-therapist-search': ['heading', 'form', 'input', 'button', 'result', 'error'],
    'mhn-attribution': ['certification', 'social-link', 'button', 'error'],
    'mhn-crisis-resources': ['heading', 'line', 'call-link', 'button', 'error'],
  };

  for (const w of WIDGETS) {
    it(`<${w.tag}>: ::part() reaches every part it renders, and each part is documented`, async () => {
      const rendered = new Set<string>();
      for (const state of statesOf(w)) {
        const el = await mountState(w, state, endpoint);
        const parts = new Set($$(el, '[part]').flatMap((p) => [...p.part]));
        const style = document.createElement('style');
        style.textContent = [...parts]
          .map((p) => `${w.tag}::part(${p}) { scroll-margin-top: 7px; }`)
          .join('\n');
        document.head.append(style);
        try {
          for (const node of $$(el, '[part]')) {
            expect(getComputedStyle(node).scrollMarginTop, label(node)).to.equal('7px');
          }
        } finally {
          style.remove();
        }
        parts.forEach((p) => rendered.add(p));
      }
      expect([...rendered]).to.include.members(MAIN_PARTS[w.tag]!);
      const documented = docNames(await source(w.source), 'csspart');
      const undocumented = [...rendered].filter((p) => !documented.includes(p));
      expect(undocumented, 'parts rendered but not in @csspart').to.deep.equal([]);
    });
  }
});

describe('theme="light|dark|auto"', () => {
  let endpoint: string;
  before(async () => {
    endpoint = await apiUrl();
  });
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
    document.documentElement.style.colorScheme = '';
    document.querySelectorAll('meta[name="color-scheme"]').forEach((m) => m.remove());
  });

  const article = widget('mhn-article');

  async function mount(providerTheme?: string, ownTheme?: string) {
    const provider = document.createElement('mhn-provider');
    provider.setAttribute('endpoint', endpoint);
    if (providerTheme) provider.setAttribute('theme', providerTheme);
    const el = create(article, ownTheme ? { theme: ownTheme } : {});
    provider.append(el);
    await fixture(provider);
    await loaded(el);
    return { provider, el };
  }

  const surface = (el: Element) => getComputedStyle(el).backgroundColor;

  it('is light by default, even when the reader prefers dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const { el } = await mount();
    expect(themeOf(el)).to.equal('light');
    expect(surface(el)).to.equal(LIGHT_SURFACE);
  });

  it('takes dark from the widget or from the provider; the widget’s own attribute wins', async () => {
    const own = await mount(undefined, 'dark');
    expect(themeOf(own.el)).to.equal('dark');
    expect(surface(own.el)).to.equal(DARK_SURFACE);
    expect(getComputedStyle(own.el).colorScheme).to.equal('dark');

    const { provider, el } = await mount('dark');
    expect(surface(el)).to.equal(DARK_SURFACE);
    const light = create(article, { theme: 'light' });
    provider.append(light);
    await loaded(light);
    expect(surface(light)).to.equal(LIGHT_SURFACE);

    provider.setAttribute('theme', 'light');
    await waitUntil(() => surface(el) === LIGHT_SURFACE, 'the provider’s new theme is followed');
    el.theme = 'dark';
    await el.updateComplete;
    expect(surface(el)).to.equal(DARK_SURFACE);
  });

  for (const where of ['widget', 'provider'] as const) {
    it(`auto (on the ${where}) follows prefers-color-scheme live`, async () => {
      const { el } = where === 'widget' ? await mount(undefined, 'auto') : await mount('auto');
      expect(themeOf(el)).to.equal('light');
      await emulateMedia({ colorScheme: 'dark' });
      await waitUntil(() => themeOf(el) === 'dark', 'turns dark with the reader’s preference');
      expect(surface(el)).to.equal(DARK_SURFACE);
      await emulateMedia({ colorScheme: 'light' });
      await waitUntil(() => themeOf(el) === 'light', 'turns light again');
    });
  }

  it('auto follows the page’s own color-scheme (CSS on <html>, or the meta tag) over the preference', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const { el } = await mount('auto');
    const root = document.documentElement;
    root.style.colorScheme = 'dark';
    await waitUntil(() => themeOf(el) === 'dark', 'follows html { color-scheme: dark }');
    root.style.colorScheme = 'light dark';
    await waitUntil(() => themeOf(el) === 'light', 'both schemes: the preference decides');
    root.style.colorScheme = '';

    const meta = document.createElement('meta');
    meta.name = 'color-scheme';
    meta.content = 'dark';
    document.head.append(meta);
    await waitUntil(
      () => themeOf(el) === 'dark',
      'follows <meta name="color-scheme" content="dark">',
    );
    meta.content = 'only light';
    await waitUntil(() => themeOf(el) === 'light', 'follows the meta tag when it changes');
    await emulateMedia({ colorScheme: 'dark' });
    await new Promise((r) => setTimeout(r, 50));
    expect(themeOf(el), 'the page’s own scheme wins over the preference').to.equal('light');
    meta.remove();
    await waitUntil(() => themeOf(el) === 'dark', 'without the meta tag the preference decides');
  });
});

describe('contrast (WCAG AA) in both themes', () => {
  let endpoint: string;
  before(async () => {
    endpoint = await apiUrl();
  });

  /** Inactive controls (aria-disabled, disabled) are exempt from contrast requirements. */
  const inactive = (el: Element) => !!el.closest('[disabled], [aria-disabled="true"]');

  for (const theme of ['light', 'dark']) {
    for (const w of WIDGETS) {
      it(`<${w.tag}> (${theme}): text 4.5:1 (3:1 when large), focus rings and field borders 3:1`, async () => {
        const failures: string[] = [];
        let checked = 0;
        for (const state of auditStates(w)) {
          const el = await mountState(w, state, endpoint, { theme });
          if (state.focus) focusFirstControl(el);
          expect(themeOf(el)).to.equal(theme);
          for (const { el: node, text } of textElements(el.shadowRoot!)) {
            if (inactive(node)) continue;
            checked += 1;
            const ratio = textContrast(node);
            const needed = isLargeText(node) ? 3 : 4.5;
            if (ratio < needed) {
              failures.push(
                `${state.name}: ${label(node)} "${text.slice(0, 40)}" ${ratio.toFixed(2)}:1`,
              );
            }
          }
          for (const field of $$(el, 'input, select, textarea').filter(isShown)) {
            const ratio = contrast(
              parseColor(getComputedStyle(field).borderTopColor),
              backgroundOf(field.parentElement!),
            );
            if (ratio < 3)
              failures.push(`${state.name}: ${label(field)} border ${ratio.toFixed(2)}:1`);
          }
          const focused = el.shadowRoot!.activeElement;
          if (state.focus && focused) {
            const style = getComputedStyle(focused);
            expect(style.outlineStyle, label(focused)).to.not.equal('none');
            expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
            const ratio = contrast(
              parseColor(style.outlineColor),
              backgroundOf(focused.parentElement!),
            );
            if (ratio < 3) failures.push(`focus ring of ${label(focused)} ${ratio.toFixed(2)}:1`);
          }
        }
        expect(checked).to.be.above(3);
        expect(failures).to.deep.equal([]);
      });
    }
  }
});
