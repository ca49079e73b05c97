/**
 * Every widget, as the page-level tests (isolation, theme, Spanish, accessibility,
 * lifecycle) mount them: each element's own define module, the attributes of its
 * loaded state, and how to tell that it has loaded.
 */
import { fixture, waitUntil } from '@open-wc/testing';
import '../../src/elements/provider/define.js';
import '../../src/elements/article/define.js';
import '../../src/elements/comments/define.js';
import '../../src/elements/related-topics/define.js';
import '../../src/elements/topic/define.js';
import '../../src/elements/therapist-search/define.js';
import '../../src/elements/attribution/define.js';
import '../../src/elements/crisis-resources/define.js';
import { ContentClient } from '../../src/core/content-client.js';
import type { MhnElement } from '../../src/core/mhn-element.js';
import { $, $$ } from './dom.js';

export const ARTICLE = 'resilience-social-support-benefits';
export const ARTICLE_ES = 'resiliencia-apoyo-social';
export const TOPIC = 'emotional-resilience';

export interface Widget {
  tag: string;
  /** Source file of the element class (for its JSDoc and strings), relative to test/. */
  source: string;
  /** Attributes of its loaded state (besides endpoint). */
  attrs: Record<string, string>;
  /** Matches once the content has loaded (or, for the search, once results are shown). */
  loaded: string;
  /** Brings a mounted widget to its loaded state (default: wait for `loaded`). */
  load?: (el: MhnElement) => Promise<void>;
}

/** Types a postal code and submits the therapist search. */
export function search(el: Element, code = '10001'): void {
  const input = $(el, '#code') as HTMLInputElement;
  input.value = code;
  ($(el, 'form') as HTMLFormElement).requestSubmit();
}

export const WIDGETS: Widget[] = [
  {
    tag: 'mhn-article',
    source: '../src/elements/article/mhn-article.ts',
    attrs: { article: ARTICLE },
    loaded: '[part="body"] li',
  },
  {
    tag: 'mhn-comments',
    source: '../src/elements/comments/mhn-comments.ts',
    attrs: { article: ARTICLE, loading: 'eager' },
    loaded: '[part="comment"] time',
    load: async (el) => {
      await until(el, '[part="comment"] time');
      await until(el, 'form textarea');
    },
  },
  {
    tag: 'mhn-related-topics',
    source: '../src/elements/related-topics/mhn-related-topics.ts',
    attrs: { topic: TOPIC },
    loaded: 'li a',
  },
  {
    tag: 'mhn-topic',
    source: '../src/elements/topic/mhn-topic.ts',
    attrs: { topic: TOPIC },
    loaded: '[role="tabpanel"]:not([hidden]) li a',
  },
  {
    tag: 'mhn-therapist-search',
    source: '../src/elements/therapist-search/mhn-therapist-search.ts',
    attrs: {},
    loaded: '[part="result"]',
    load: async (el) => {
      await until(el, 'form #code');
      // The form is usable at once; the Advanced Search link arrives with /site.
      await until(el, 'a[part="advanced-link"]');
      search(el);
      await until(el, '[part="result"] a');
    },
  },
  {
    tag: 'mhn-attribution',
    source: '../src/elements/attribution/mhn-attribution.ts',
    attrs: {},
    loaded: '[part="certification"]',
  },
  {
    tag: 'mhn-crisis-resources',
    source: '../src/elements/crisis-resources/mhn-crisis-resources.ts',
    attrs: {},
    loaded: '[part="line"] a',
  },
];

export const widget = (tag: string): Widget => WIDGETS.find((w) => w.tag === tag)!;

/** Waits until `selector` matches in the shadow root and nothing in it is busy. */
export async function until(el: Element, selector: string): Promise<HTMLElement> {
  await waitUntil(
    () => $(el, selector) && !$(el, '[aria-busy="true"]'),
    `<${el.localName}>: ${selector} never appeared`,
    { timeout: 10_000 },
  );
  return $(el, selector)!;
}

export async function loaded(el: MhnElement, w = widget(el.localName)): Promise<MhnElement> {
  await (w.load ? w.load(el) : until(el, w.loaded));
  await el.updateComplete;
  return el;
}

/** Creates a widget element with the loaded state's attributes plus `extra`. */
export function create(w: Widget, extra: Record<string, string> = {}): MhnElement {
  const el = document.createElement(w.tag) as MhnElement;
  for (const [name, value] of Object.entries({ ...w.attrs, ...extra }))
    el.setAttribute(name, value);
  return el;
}

/**
 * Mounts every widget inside one `<mhn-provider>` (with `providerAttrs`) and waits for
 * each to load. Returns the provider and the widgets, in WIDGETS order.
 */
export async function mountAll(
  providerAttrs: Record<string, string>,
  extra: (w: Widget) => Record<string, string> = () => ({}),
): Promise<{ provider: HTMLElement; elements: MhnElement[] }> {
  const provider = document.createElement('mhn-provider');
  for (const [name, value] of Object.entries(providerAttrs)) provider.setAttribute(name, value);
  const elements = WIDGETS.map((w) => create(w, extra(w)));
  provider.append(...elements);
  await fixture(provider);
  await Promise.all(elements.map((el) => loaded(el)));
  return { provider, elements };
}

/** A client whose every request fails with a 500, without retrying. */
export const failingClient = () =>
  new ContentClient({
    retries: 0,
    fetch: () => Promise.resolve(new Response('{}', { status: 500 })),
  });

/** A client whose requests never answer (until aborted). */
export const hangingClient = () =>
  new ContentClient({
    fetch: (_input, init) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        ),
      ),
  });

/** Every element in a widget's shadow root (its rendered DOM). */
export const shadowElements = (el: Element): HTMLElement[] => $$(el, '*');

/** One state of one widget, as the accessibility and theming audits render it. */
export interface State {
  name: string;
  /** Attributes besides the loaded state's (null removes one). */
  attrs?: Record<string, string | null>;
  client?: () => ContentClient;
  /** Mount without any endpoint. */
  unconfigured?: boolean;
  /** Mount with this path after the real endpoint (a place that serves nothing). */
  path?: string;
  /** Drives the mounted widget into the state and waits for it. */
  ready: (el: MhnElement) => Promise<unknown>;
}

const json = (body: unknown) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }),
  );

/** A publisher with nothing to attribute. */
const bareSiteClient = () =>
  new ContentClient({ fetch: () => json({ name: 'Publisher', url: 'about:blank' }) });

/** Clicks a widget's submit button with every field empty. */
function submitEmpty(el: MhnElement): void {
  (el.shadowRoot!.querySelector('form') as HTMLFormElement).requestSubmit();
}

/** Every state each widget has: loading, loaded, empty, error, not found, not configured, form errors. */
export function statesOf(w: Widget): State[] {
  const searchFirst = w.tag === 'mhn-therapist-search';
  const start = async (el: MhnElement, selector: string) => {
    if (searchFirst) {
      await until(el, 'form #code');
      search(el);
    }
    await waitUntil(() => $(el, selector), `${w.tag}: ${selector} never appeared`, {
      timeout: 10_000,
    });
  };
  const states: State[] = [
    { name: 'loaded', ready: (el) => loaded(el, w) },
    { name: 'loading', client: hangingClient, ready: (el) => start(el, '[part="loading"]') },
    {
      name: 'error',
      client: failingClient,
      ready: (el) => start(el, '[role="alert"] button'),
    },
    {
      name: 'not configured',
      unconfigured: true,
      ready: (el) => until(el, '[part="not-configured"]'),
    },
  ];
  const notFound = (attrs: Record<string, string>, selector = '[part="not-found"]'): State => ({
    name: 'not found',
    attrs,
    // A widget that reads only /site finds nothing there under an unknown path.
    path: Object.keys(attrs).length ? undefined : '/nothing-here',
    ready: (el) => until(el, selector),
  });
  switch (w.tag) {
    case 'mhn-article':
      states.push(notFound({ article: 'no-such-article' }), {
        name: 'missing attribute',
        attrs: { article: null },
        ready: (el) => until(el, '[part="not-configured"]'),
      });
      break;
    case 'mhn-comments':
      states.push(
        notFound({ article: 'no-such-article' }),
        {
          name: 'empty',
          attrs: { article: 'no-comments-example' },
          ready: async (el) => {
            await until(el, '[part="empty"]');
            await until(el, 'form textarea');
          },
        },
        {
          name: 'closed',
          attrs: { article: 'comments-closed-example' },
          ready: (el) => until(el, '[part="closed"]'),
        },
        {
          name: 'form error',
          ready: async (el) => {
            await loaded(el, w);
            submitEmpty(el);
            await until(el, '[part="field-error"]');
          },
        },
      );
      break;
    case 'mhn-related-topics':
      states.push(notFound({ topic: 'no-such-topic' }), {
        name: 'empty',
        attrs: { topic: 'sleep-and-rest' },
        ready: (el) => until(el, '[part="empty"]'),
      });
      break;
    case 'mhn-topic':
      states.push(notFound({ topic: 'no-such-topic' }), {
        name: 'empty',
        attrs: { topic: 'sleep-and-rest', section: 'news' },
        ready: (el) => until(el, '[role="tabpanel"]:not([hidden]) [part="empty"]'),
      });
      break;
    case 'mhn-therapist-search':
      states.push(
        {
          name: 'empty',
          ready: async (el) => {
            await until(el, 'form #code');
            search(el, '99901');
            await until(el, '[part="status"]:not(:empty)');
          },
        },
        {
          name: 'form error',
          ready: async (el) => {
            await until(el, 'a[part="advanced-link"]');
            search(el, 'ABCDE');
            await until(el, '[part="field-error"]:not(:empty)');
          },
        },
      );
      break;
    case 'mhn-attribution':
      states.push(notFound({}), {
        name: 'empty',
        client: bareSiteClient,
        ready: (el) => until(el, '[part="empty"]'),
      });
      break;
  }
  return states;
}

/**
 * Mounts `w` in `state` inside a provider carrying `providerAttrs` (and the endpoint,
 * unless the state is unconfigured), and waits until the state shows.
 */
export async function mountState(
  w: Widget,
  state: State,
  endpoint: string,
  providerAttrs: Record<string, string> = {},
): Promise<MhnElement> {
  const provider = document.createElement('mhn-provider');
  if (!state.unconfigured) provider.setAttribute('endpoint', endpoint + (state.path ?? ''));
  for (const [name, value] of Object.entries(providerAttrs)) provider.setAttribute(name, value);
  const el = create(w);
  for (const [name, value] of Object.entries(state.attrs ?? {})) {
    if (value === null) el.removeAttribute(name);
    else el.setAttribute(name, value);
  }
  if (state.client) el.client = state.client();
  provider.append(el);
  await fixture(provider);
  await state.ready(el);
  await el.updateComplete;
  return el;
}
