/**
 * Spanish-language sites: every UI string exists in Spanish (the compiler checks that
 * src/i18n/es.ts has each string src/i18n/en.ts has; this checks their placeholders) and
 * none leaks in English,
 * the locale resolves element → provider → <html lang> → en (es-MX is Spanish), the
 * names widgets.md fixes have their Spanish form, dates / numbers / plurals go through
 * Intl, partners can override any string, and content and UI carry their own `lang`.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { ContentClient, sharedClient } from '../src/core/content-client.js';
import { setStrings, translate, type Message, type Messages } from '../src/core/i18n.js';
import type { MhnElement } from '../src/core/mhn-element.js';
import { $, $$, text } from './helpers/dom.js';
import { addArticle, apiUrl, resetServer } from './helpers/server.js';
import * as english from '../src/i18n/en.js';
import * as spanish from '../src/i18n/es.js';
import { isShown } from './helpers/styles.js';
import {
  ARTICLE_ES,
  WIDGETS,
  create,
  failingClient,
  loaded,
  mountState,
  search,
  statesOf,
  until,
  widget,
} from './helpers/widgets.js';

/** Each group of strings (one per module), in English and Spanish. */
const GROUPS = Object.keys(english) as (keyof typeof english)[];
const bundles: { group: string; en: Messages; es: Messages }[] = GROUPS.map((group) => ({
  group,
  en: english[group],
  es: spanish[group],
}));

/** What each widget shows in each language when loaded (UI text, not content). */
const SAYS: Record<string, { es: string; en: string }> = {
  'mhn-article': { es: 'Publicado el 4 de abril de 2016', en: 'Published April 4, 2016' },
  'mhn-comments': { es: 'Comentarios de los lectores', en: 'Reader Comments' },
  'mhn-related-topics': { es: 'Temas relacionados', en: 'Related Topics' },
  'mhn-topic': { es: 'Artículo', en: 'Article' },
  'mhn-therapist-search': { es: 'Buscar un terapeuta (EE. UU./Canadá)', en: 'Find a Therapist' },
  'mhn-attribution': { es: 'Con la tecnología de', en: 'Powered by' },
  'mhn-crisis-resources': { es: 'Llamar al 988', en: 'Call 988' },
};

const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const placeholders = (m: Message) =>
  [...new Set(forms(m).flatMap((f) => f.match(/\{\w+\}/g) ?? []))].sort();
/** A message says something in words (beyond its placeholders and punctuation). */
const hasWords = (m: Message) => forms(m).some((f) => /\p{L}{2}/u.test(f.replace(/\{\w+\}/g, '')));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Everything a reader or a screen reader gets from a widget: text and text attributes. */
function uiText(el: Element): string {
  const attrs = $$(el, '[aria-label], [title], [alt], [placeholder]').flatMap((n) =>
    ['aria-label', 'title', 'alt', 'placeholder'].map((a) => n.getAttribute(a) ?? ''),
  );
  return [text(el), ...attrs].join(' ');
}

/** The accessible name of a form control or button (the parts of the algorithm used here). */
function accessibleName(el: HTMLElement): string {
  const root = el.getRootNode() as ShadowRoot;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy)
    return labelledBy
      .split(' ')
      .map((id) => text(root.getElementById(id)))
      .join(' ');
  if (el.hasAttribute('aria-label')) return el.getAttribute('aria-label')!.trim();
  const labels = (el as HTMLInputElement).labels;
  if (labels?.length) return [...labels].map(text).join(' ');
  return el.localName === 'button' ? text(el) : '';
}

const roleOf = (el: HTMLElement) =>
  el.getAttribute('role') ?? (el.localName === 'button' ? 'button' : 'textbox');

/** A client that keeps every string the API answered with (content, not UI). */
function recordingClient(strings: Set<string>): ContentClient {
  const collect = (v: unknown): void => {
    if (typeof v === 'string') strings.add(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  return new ContentClient({
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      collect(await response.clone().json());
      return response;
    },
  });
}

describe('Spanish', () => {
  let endpoint: string;

  before(async () => {
    endpoint = await apiUrl();
  });
  beforeEach(() => sharedClient.invalidate());
  afterEach(() => {
    document.documentElement.lang = 'en';
  });

  it('has a Spanish string for every English one, with the same placeholders', () => {
    const problems: string[] = [];
    bundles.forEach(({ group, en, es }) => {
      for (const [key, message] of Object.entries(en)) {
        if (!(key in es)) {
          if (hasWords(message)) problems.push(`${group}: no Spanish for ${key}`);
          continue;
        }
        if (placeholders(es[key]!).join() !== placeholders(message).join())
          problems.push(`${key}: placeholders differ`);
        if (typeof message !== 'string' && typeof es[key] === 'string')
          problems.push(`${key}: English has plural forms, Spanish does not`);
      }
      for (const key of Object.keys(es)) if (!(key in en)) problems.push(`${key}: only in Spanish`);
    });
    expect(problems).to.deep.equal([]);
    expect(bundles.reduce((n, b) => n + Object.keys(b.en).length, 0)).to.be.above(80);
  });

  it('shows no English UI text in any state of any widget', async () => {
    // English fragments (between placeholders) that Spanish says differently.
    const fragments = new Set<string>();
    for (const { en, es } of bundles) {
      for (const [key, message] of Object.entries(en)) {
        const spanish = new Set(forms(es[key] ?? '').flatMap((f) => f.split(/\{\w+\}/)));
        for (const part of forms(message).flatMap((f) => f.split(/\{\w+\}/))) {
          const fragment = part.trim().replace(/^[\s.,:;·()–—-]+|[\s.,:;·()–—-]+$/g, '');
          if (/\p{L}{3}/u.test(fragment) && !spanish.has(part)) fragments.add(fragment);
        }
      }
    }
    const leaks: string[] = [];
    const content = new Set<string>();
    for (const w of WIDGETS) {
      for (const state of statesOf(w)) {
        const el = await mountState(
          w,
          { ...state, client: state.client ?? (() => recordingClient(content)) },
          endpoint,
          { locale: 'es' },
        );
        const shown = uiText(el);
        for (const fragment of fragments) {
          const word = new RegExp(`(^|[^\\p{L}])${escape(fragment)}($|[^\\p{L}])`, 'u');
          if (word.test(shown) && ![...content].some((c) => c.includes(fragment)))
            leaks.push(`${w.tag} ${state.name}: "${fragment}"`);
        }
      }
    }
    expect(fragments.size).to.be.above(60);
    expect(leaks).to.deep.equal([]);
  });

  describe('choosing the language', () => {
    async function mount(
      w = WIDGETS[0]!,
      providerLocale?: string,
      ownLocale?: string,
    ): Promise<MhnElement> {
      const provider = document.createElement('mhn-provider');
      provider.setAttribute('endpoint', endpoint);
      if (providerLocale) provider.setAttribute('locale', providerLocale);
      const el = create(w, ownLocale ? { locale: ownLocale } : {});
      provider.append(el);
      await fixture(provider);
      await loaded(el);
      return el;
    }
    const says = (el: Element, lang: 'es' | 'en') => {
      expect(uiText(el), `<${el.localName}> in ${lang}`).to.contain(SAYS[el.localName]![lang]);
    };

    for (const w of WIDGETS) {
      it(`<${w.tag}>: element → provider → <html lang> → en`, async () => {
        says(await mount(w, 'en', 'es'), 'es');
        says(await mount(w, 'es'), 'es');
        says(await mount(w, 'es', 'en'), 'en');
        document.documentElement.lang = 'es';
        says(await mount(w), 'es');
        document.documentElement.lang = '';
        says(await mount(w), 'en');
        says(await mount(w, 'es-MX'), 'es');
        says(await mount(w, undefined, 'es_US'), 'es');
      });
    }

    it('falls back to English for a language it does not have, and for nonsense', async () => {
      says(await mount(WIDGETS[0], 'fr'), 'en');
      says(await mount(WIDGETS[0], '!!'), 'en');
    });
  });

  it('gives the accessible names widgets.md fixes their Spanish form', async () => {
    await addArticle(
      { slug: 'hilo-largo', title: 'Hilo largo', language: 'es', bodyHtml: '<p>Texto.</p>' },
      { commentCount: 30 },
    );
    try {
      const provider = document.createElement('mhn-provider');
      provider.setAttribute('endpoint', endpoint);
      provider.setAttribute('locale', 'es');
      const comments = create(widget('mhn-comments'), { article: 'hilo-largo' });
      const therapists = create(widget('mhn-therapist-search'), { 'page-size': '2' });
      const topic = create(widget('mhn-topic'));
      const failing = create(widget('mhn-article'));
      failing.client = failingClient();
      provider.append(comments, therapists, topic, failing);
      await fixture(provider);
      await until(comments, 'form textarea');
      await until(comments, '[part~="load-more"]');
      await loaded(therapists);
      await loaded(topic);
      await until(failing, '[role="alert"] button');
      const controls = [comments, therapists, topic, failing].flatMap((el) =>
        $$(el, 'button, input, textarea'),
      );
      const named = (role: string, name: string) =>
        controls.find((c) => roleOf(c) === role && accessibleName(c) === name) ?? null;
      for (const [role, name] of [
        ['textbox', 'Título'],
        ['textbox', 'Nombre (opcional)'],
        ['textbox', 'Comentario'],
        ['button', 'Publicar comentario'],
        ['button', 'Cargar más comentarios'],
        ['textbox', 'Código ZIP o postal'],
        ['button', 'Cargar más terapeutas'],
        ['button', 'Cargar más elementos'],
        ['button', 'Intentar de nuevo'],
      ] as const) {
        expect(named(role, name), `${role} "${name}"`).to.not.equal(null);
      }
    } finally {
      await resetServer();
    }
  });

  describe('dates, numbers and plurals through Intl', () => {
    it('writes dates the Spanish way', async () => {
      const el = await mountState(widget('mhn-article'), statesOf(WIDGETS[0]!)[0]!, endpoint, {
        locale: 'es',
      });
      expect(text($(el, '[part="dates"]'))).to.contain('Publicado el 4 de abril de 2016');
      expect(text($(el, '[part="dates"]'))).to.contain('Revisado el 15 de enero de 2024 por');
      const es = await mountState(
        widget('mhn-article'),
        { ...statesOf(WIDGETS[0]!)[0]!, attrs: { article: ARTICLE_ES } },
        endpoint,
        { locale: 'es' },
      );
      expect(text($(es, '[part="dates"]'))).to.contain('Actualizado el 10 de mayo de 2016');
      const comments = await mountState(
        widget('mhn-comments'),
        { ...statesOf(widget('mhn-comments'))[0]!, attrs: { article: ARTICLE_ES } },
        endpoint,
        { locale: 'es' },
      );
      const dates = $$(comments, 'time').map(text);
      expect(dates).to.include.members(['14 de julio de 2016', '2 de junio de 2016']);
    });

    it('counts comments with Spanish plurals and number format', async () => {
      await addArticle(
        { slug: 'uno', title: 'Uno', bodyHtml: '<p>x</p>' },
        {
          comments: [
            {
              title: 'Hola',
              author: 'Ana',
              body: 'Un comentario.',
              created: '2020-01-01T00:00:00Z',
            },
          ],
        },
      );
      await addArticle(
        { slug: 'muchos', title: 'Muchos', bodyHtml: '<p>x</p>' },
        { commentCount: 1234 },
      );
      try {
        const count = async (article: string, locale: string) => {
          const el = create(widget('mhn-comments'), { article, endpoint, locale });
          await fixture(el);
          return text(await until(el, '[part="count"]'));
        };
        expect(await count('uno', 'es')).to.equal('1 comentario');
        expect(await count(ARTICLE_ES, 'es')).to.equal('2 comentarios');
        expect(await count('muchos', 'es')).to.equal(
          `${new Intl.NumberFormat('es').format(1234)} comentarios`,
        );
        expect(await count('muchos', 'en')).to.equal('1,234 comments');
      } finally {
        await resetServer();
      }
    });

    it('measures distances in kilometres in Spanish, in miles in US English', async () => {
      const run = async (locale: string) => {
        const el = create(widget('mhn-therapist-search'), { endpoint, locale, 'page-size': '3' });
        await fixture(el);
        await until(el, 'form #code');
        search(el, '10001');
        return text(await until(el, '[part="status"]:not(:empty)'));
      };
      expect(await run('es')).to.equal('Se muestran 3 terapeutas a menos de 40 km de 10001.');
      expect(await run('es-MX')).to.equal('Se muestran 3 terapeutas a menos de 40 km de 10001.');
      expect(await run('en')).to.equal('Showing 3 therapists within 25 mi of 10001.');
    });
  });

  describe('partner overrides', () => {
    it('setStrings() changes a string page-wide, for one language (es-MX counts as es)', async () => {
      const original = translate('es', 'article.source');
      setStrings('es-MX', { 'article.source': 'Leer el original en {site}' });
      try {
        const es = await mountState(WIDGETS[0]!, statesOf(WIDGETS[0]!)[0]!, endpoint, {
          locale: 'es',
        });
        expect(text($(es, '[part="source-link"]'))).to.equal(
          'Leer el original en www.mentalhelp.net',
        );
        const en = await mountState(WIDGETS[0]!, statesOf(WIDGETS[0]!)[0]!, endpoint);
        expect(text($(en, '[part="source-link"]'))).to.contain('Read this article on');
      } finally {
        setStrings('es', { 'article.source': original });
      }
    });

    it('the element’s strings property, then the provider’s, win over the bundled strings', async () => {
      const w = widget('mhn-related-topics');
      const error = statesOf(w).find((s) => s.name === 'error')!;
      const el = await mountState(w, error, endpoint, { locale: 'es' });
      const provider = el.parentElement as HTMLElement & { strings?: Messages };
      provider.strings = { 'state.retry': 'Reintentar', 'related.heading': 'Otros temas' };
      await waitUntil(() => text($(el, '[role="alert"] button')) === 'Reintentar');
      expect(text($(el, '[part="heading"]'))).to.equal('Otros temas');
      el.strings = { 'state.retry': 'Volver a intentarlo' };
      await el.updateComplete;
      expect(text($(el, '[role="alert"] button'))).to.equal('Volver a intentarlo');
      expect(text($(el, '[part="heading"]')), 'the provider’s other overrides stay').to.equal(
        'Otros temas',
      );
    });

    it('a partner can add a language of their own; what they leave out stays English', async () => {
      setStrings('fr', { 'related.heading': 'Sujets connexes' });
      const w = widget('mhn-related-topics');
      const el = await mountState(w, statesOf(w)[0]!, endpoint, { locale: 'fr' });
      expect(text($(el, '[part="heading"]'))).to.equal('Sujets connexes');
      const error = await mountState(
        w,
        statesOf(w).find((s) => s.name === 'error')!,
        endpoint,
        {
          locale: 'fr',
        },
      );
      expect(text($(error, '[role="alert"] button'))).to.equal('Try again');
    });
  });

  describe('lang attributes', () => {
    /** The language a node is in: its nearest lang, across shadow boundaries. */
    function langOf(node: Element): string {
      for (let n: Element | null = node; n;) {
        if (n.hasAttribute('lang')) return n.getAttribute('lang')!;
        n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host || null);
      }
      return '';
    }

    it('marks the article with the language the API gives it', async () => {
      const w = widget('mhn-article');
      const es = await mountState(
        w,
        { ...statesOf(w)[0]!, attrs: { article: ARTICLE_ES } },
        endpoint,
      );
      for (const part of ['kicker', 'heading', 'body']) {
        expect(langOf($(es, `[part="${part}"]`)!), part).to.equal('es');
      }
      expect(langOf($(es, '[part="body"] li')!)).to.equal('es');
      // English content in a Spanish UI: the content says English, the UI Spanish.
      const en = await mountState(w, statesOf(w)[0]!, endpoint, { locale: 'es' });
      expect(langOf($(en, '[part="body"] p')!)).to.equal('en');
      expect(langOf($(en, '[part="heading"]')!)).to.equal('en');
      expect(langOf($(en, '[part="dates"] span')!)).to.equal('es');
      expect(langOf($(en, '[part="source-link"]')!)).to.equal('es');
    });

    it('marks the UI with its own language, whatever the page’s', async () => {
      document.documentElement.lang = 'en';
      for (const w of WIDGETS) {
        const el = await mountState(w, statesOf(w)[0]!, endpoint, { locale: 'es-MX' });
        // Every element that shows a UI string (the Spanish marker) says it is Spanish.
        const ui = $$(el, '*').filter((n) => isShown(n) && text(n).includes(SAYS[w.tag]!.es));
        expect(ui.length, w.tag).to.be.above(0);
        for (const n of ui) expect(langOf(n), `${w.tag} ${n.localName}`).to.equal('es-MX');
      }
      const de = await mountState(WIDGETS[2]!, statesOf(WIDGETS[2]!)[0]!, endpoint, {
        locale: 'de',
      });
      expect(langOf($(de, '[part="heading"]')!), 'UI shown in English is marked English').to.equal(
        'en',
      );
    });
  });
});
