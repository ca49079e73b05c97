/**
 * Single-page apps: a plain script that behaves like a framework creates the widgets,
 * sets attributes and properties, changes `article`, `topic`, `endpoint` and `locale` at
 * run time, moves widgets, removes them and adds them back — and checks the requests
 * (through a ContentClient whose fetch records each request and its AbortSignal) and
 * what is rendered at each step, and that nothing is left running after removal.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { ContentClient } from '../src/core/content-client.js';
import { MhnArticle } from '../src/elements/article/mhn-article.js';
import type { MhnElement } from '../src/core/mhn-element.js';
import { $, $$, text } from './helpers/dom.js';
import { apiUrl } from './helpers/server.js';
import { ARTICLE, ARTICLE_ES, TOPIC, WIDGETS, create, loaded, until } from './helpers/widgets.js';

interface Call {
  path: string;
  host: string;
  signal: AbortSignal;
  done?: boolean;
}

/**
 * A client that records every request (path under the endpoint, host, signal), can hold
 * requests in flight until `release()`, and has no memory cache, so each fetch a widget
 * makes is seen.
 */
class Recorder {
  calls: Call[] = [];
  private holding?: RegExp;
  private waiting: (() => void)[] = [];
  readonly client = new ContentClient({
    retries: 0,
    cacheTtlMs: 0,
    fetch: async (input, init) => {
      const url = new URL(String(input));
      const signal = init!.signal!;
      const call: Call = {
        path: url.pathname.replace(/^.*\/api\/v1/, ''),
        host: url.hostname,
        signal,
      };
      this.calls.push(call);
      if (this.holding?.test(url.pathname + url.search)) {
        await new Promise<void>((resolve, reject) => {
          this.waiting.push(resolve);
          signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        });
      }
      const response = await fetch(input, { ...init, cache: 'no-store' });
      call.done = true;
      return response;
    },
  });

  /** Holds the requests whose path matches (every request by default). */
  hold(paths = /./): void {
    this.holding = paths;
  }

  release(): void {
    this.holding = undefined;
    this.waiting.splice(0).forEach((go) => go());
  }

  paths(): string[] {
    return this.calls.map((c) => c.path);
  }

  /** Requests whose signal was aborted. */
  aborted(): string[] {
    return this.calls.filter((c) => c.signal.aborted).map((c) => c.path);
  }

  /** Requests still in flight (neither answered nor aborted). */
  open(): string[] {
    return this.calls.filter((c) => !c.signal.aborted && !c.done).map((c) => c.path);
  }
}

const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));

/**
 * Counts what library code (stack frames under /src/) leaves running: timers, observers,
 * and listeners on the window, the document, <html> and media queries.
 */
function trackLeaks() {
  // The project's modules are served from /src/ (dependencies from /node_modules/…).
  const fromLibrary = () => /:\d+\/src\//.test(new Error().stack ?? '');
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  const timers = new Set<number>();
  const observers = new Set<object>();
  const listeners = new Map<EventTarget, Set<unknown>>();
  const restore: (() => void)[] = [];
  const patch = <T extends object, K extends keyof T>(
    target: T,
    key: K,
    wrap: (orig: T[K]) => T[K],
  ) => {
    const orig = target[key];
    target[key] = wrap(orig);
    restore.push(() => (target[key] = orig));
  };
  patch(
    window,
    'setTimeout',
    (orig) =>
      ((fn: () => void, ms?: number) => {
        if (!fromLibrary()) return orig(fn, ms);
        const id: number = orig(() => {
          timers.delete(id);
          fn();
        }, ms);
        timers.add(id);
        return id;
      }) as typeof setTimeout,
  );
  patch(
    window,
    'clearTimeout',
    (orig) =>
      ((id?: number) => {
        timers.delete(id!);
        orig(id);
      }) as typeof clearTimeout,
  );
  for (const O of [MutationObserver, IntersectionObserver, ResizeObserver]) {
    const proto = O.prototype as { observe: (...a: unknown[]) => void; disconnect: () => void };
    patch(
      proto,
      'observe',
      (orig) =>
        function (this: object, ...args: unknown[]) {
          if (fromLibrary()) observers.add(this);
          return orig.apply(this, args);
        },
    );
    patch(
      proto,
      'disconnect',
      (orig) =>
        function (this: object) {
          observers.delete(this);
          return orig.apply(this);
        },
    );
  }
  const global = (t: EventTarget) =>
    t === window || t === document || t === document.documentElement || t instanceof MediaQueryList;
  patch(
    EventTarget.prototype,
    'addEventListener',
    (orig) =>
      function (this: EventTarget, type: string, fn: unknown, options?: unknown) {
        if (global(this) && fromLibrary()) {
          if (!listeners.has(this)) listeners.set(this, new Set());
          listeners.get(this)!.add(`${type}`);
          listeners.get(this)!.add(fn);
        }
        return orig.call(this, type, fn as EventListener, options as AddEventListenerOptions);
      },
  );
  patch(
    EventTarget.prototype,
    'removeEventListener',
    (orig) =>
      function (this: EventTarget, type: string, fn: unknown, options?: unknown) {
        const set = listeners.get(this);
        if (set?.delete(fn)) set.delete(type);
        if (set && !set.size) listeners.delete(this);
        return orig.call(this, type, fn as EventListener, options as EventListenerOptions);
      },
  );
  return {
    left: () => ({ timers: timers.size, observers: observers.size, listeners: listeners.size }),
    restore: () => {
      restore.reverse().forEach((undo) => undo());
      Error.stackTraceLimit = limit;
    },
  };
}

describe('single-page apps: create, update, move, remove, re-add', () => {
  let endpoint: string;
  let otherEndpoint: string;
  let rec: Recorder;

  before(async () => {
    endpoint = await apiUrl();
    // The same reference server under another host name: another endpoint to the widgets.
    otherEndpoint = endpoint.replace('127.0.0.1', 'localhost');
  });
  beforeEach(() => {
    rec = new Recorder();
  });
  afterEach(() => {
    rec.release();
    document.documentElement.lang = 'en';
  });

  /** What a framework does: create, set attributes and properties, insert. */
  function make(
    tag: string,
    attrs: Record<string, string> = {},
    props: Record<string, unknown> = {},
  ) {
    const el = document.createElement(tag) as MhnElement;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    Object.assign(el, { client: rec.client, ...props });
    return el;
  }

  const heading = (el: Element) => text($(el, '[part="heading"]'));

  it('creates widgets from attributes and from properties; nothing is fetched before they are on the page', async () => {
    const byAttr = make('mhn-article', { endpoint, article: ARTICLE });
    const byProp = make('mhn-related-topics', {}, { endpoint, topic: TOPIC });
    await settle();
    expect(rec.calls, 'no request from a widget that is not in the document').to.deep.equal([]);
    const root = await fixture<HTMLElement>(document.createElement('div'));
    root.append(byAttr, byProp);
    await loaded(byAttr);
    await loaded(byProp);
    expect(heading(byAttr)).to.equal('Resilience: Social Support Benefits');
    expect($$(byProp, 'li a').map(text)).to.deep.equal(['Self Esteem', 'Life Issues']);
    expect(rec.paths().sort()).to.deep.equal([`/articles/${ARTICLE}`, `/topics/${TOPIC}`]);
  });

  it('keeps properties set before the element is defined (script loaded after the app rendered)', async () => {
    const el = document.createElement('mhn-late-article') as MhnArticle;
    Object.assign(el, { endpoint, article: ARTICLE_ES, client: rec.client, locale: 'es' });
    const root = await fixture<HTMLElement>(document.createElement('div'));
    root.append(el);
    customElements.define('mhn-late-article', class extends MhnArticle {});
    await loaded(el, { ...WIDGETS[0]!, tag: 'mhn-late-article' });
    expect(heading(el)).to.equal('Resiliencia: los beneficios del apoyo social');
    expect(text($(el, '[part="dates"]'))).to.contain('Actualizado el 10 de mayo de 2016');
  });

  it('changing article aborts the request in flight and shows the new article', async () => {
    rec.hold();
    const el = make('mhn-article', { endpoint, article: ARTICLE }) as unknown as MhnArticle;
    await fixture(el);
    await waitUntil(() => rec.calls.length === 1, 'first request');
    el.article = ARTICLE_ES;
    await waitUntil(() => rec.calls.length === 2, 'second request');
    expect(rec.aborted()).to.deep.equal([`/articles/${ARTICLE}`]);
    rec.release();
    await loaded(el);
    expect(heading(el)).to.equal('Resiliencia: los beneficios del apoyo social');
    // Set by attribute, as a framework re-rendering a template does.
    el.setAttribute('article', ARTICLE);
    await waitUntil(() => heading(el) === 'Resilience: Social Support Benefits', 'back again');
    expect(rec.paths()).to.deep.equal([
      `/articles/${ARTICLE}`,
      `/articles/${ARTICLE_ES}`,
      `/articles/${ARTICLE}`,
    ]);
  });

  it('changing topic aborts what was in flight for the old topic, in both topic widgets', async () => {
    rec.hold();
    const topic = make('mhn-topic', { endpoint, topic: TOPIC });
    const related = make('mhn-related-topics', { endpoint, topic: TOPIC });
    const root = await fixture<HTMLElement>(document.createElement('div'));
    root.append(topic, related);
    await waitUntil(() => rec.calls.length === 1, 'one shared request for the topic');
    topic.setAttribute('topic', 'self-esteem');
    (related as unknown as { topic: string }).topic = 'self-esteem';
    await waitUntil(() => rec.open().length === 1 && rec.calls.length === 2, 'the new topic');
    expect(rec.aborted()).to.deep.equal([`/topics/${TOPIC}`]);
    rec.release();
    await loaded(topic);
    await loaded(related);
    expect(heading(topic)).to.equal('Self Esteem');
    expect($$(related, 'li a').map(text)).to.deep.equal(['Emotional Resilience']);
    expect(rec.paths().filter((p) => p.startsWith('/topics/self-esteem/sections/'))).to.have.length(
      1,
    );
  });

  it('changing endpoint (on the widget or the provider) aborts and asks the new endpoint', async () => {
    rec.hold();
    const provider = document.createElement('mhn-provider');
    provider.setAttribute('endpoint', endpoint);
    const article = make('mhn-article', { article: ARTICLE });
    const crisis = make('mhn-crisis-resources');
    provider.append(article, crisis);
    await fixture(provider);
    await waitUntil(() => rec.calls.length === 2, 'article and site');
    provider.setAttribute('endpoint', otherEndpoint);
    await waitUntil(() => rec.calls.length === 4, 'both again, from the new endpoint');
    expect(rec.aborted().sort()).to.deep.equal([`/articles/${ARTICLE}`, '/site']);
    expect(rec.calls.slice(2).map((c) => c.host)).to.deep.equal(['localhost', 'localhost']);
    rec.release();
    await loaded(article);
    await loaded(crisis);
    article.endpoint = endpoint;
    await waitUntil(() => rec.calls.length === 5, 'the widget’s own endpoint wins');
    expect(rec.calls[4]!.host).to.equal('127.0.0.1');
    await loaded(article);
  });

  it('changing locale updates the words without fetching again', async () => {
    const provider = document.createElement('mhn-provider');
    provider.setAttribute('endpoint', endpoint);
    const article = make('mhn-article', { article: ARTICLE });
    const related = make('mhn-related-topics', { topic: TOPIC });
    provider.append(article, related);
    await fixture(provider);
    await loaded(article);
    await loaded(related);
    const requests = rec.calls.length;
    provider.setAttribute('locale', 'es');
    await waitUntil(() => heading(related) === 'Temas relacionados', 'provider locale');
    expect(text($(article, '[part="dates"]'))).to.contain('Publicado el 4 de abril de 2016');
    article.locale = 'en';
    await article.updateComplete;
    expect(text($(article, '[part="dates"]'))).to.contain('Published April 4, 2016');
    provider.removeAttribute('locale');
    await waitUntil(() => heading(related) === 'Related Topics', 'the page’s language: en');
    document.documentElement.lang = 'es';
    await waitUntil(() => heading(related) === 'Temas relacionados', 'follows <html lang> live');
    document.documentElement.lang = 'en';
    await waitUntil(() => heading(related) === 'Related Topics', 'and back');
    expect(rec.calls.length, 'no request for a language change').to.equal(requests);
  });

  it('moving a widget does not fetch again, whether loaded or still loading', async () => {
    const a = await fixture<HTMLElement>(document.createElement('section'));
    const b = document.createElement('aside');
    a.after(b);
    const elements = WIDGETS.map((w) => {
      const el = create(w, { endpoint });
      el.client = rec.client;
      return el;
    });
    a.append(...elements);
    await Promise.all(elements.map((el) => loaded(el)));
    const requests = rec.calls.length;
    b.append(...elements);
    await settle();
    a.prepend(...elements.reverse());
    await settle();
    expect(rec.calls.length, 'loaded widgets moved').to.equal(requests);
    for (const el of elements)
      expect($(el, '[role="alert"], [part="loading"]'), el.localName).to.equal(null);

    rec.hold();
    const moving = make('mhn-article', { endpoint, article: ARTICLE_ES });
    a.append(moving);
    await waitUntil(() => rec.calls.length === requests + 1, 'started');
    b.append(moving);
    await settle();
    expect(rec.aborted(), 'not aborted by a move').to.deep.equal([]);
    expect(rec.calls.length, 'not asked again').to.equal(requests + 1);
    rec.release();
    await loaded(moving);
  });

  it('moving a widget while a tab’s items or more therapists load does not cancel them', async () => {
    const a = await fixture<HTMLElement>(document.createElement('section'));
    const b = document.createElement('aside');
    a.after(b);
    rec.hold(/\/sections\/|cursor=/);
    const topic = make('mhn-topic', { endpoint, topic: TOPIC });
    const search = make('mhn-therapist-search', { endpoint, 'page-size': '2' });
    a.append(topic, search);
    await until(search, 'form #code');
    (search.shadowRoot!.querySelector('#code') as HTMLInputElement).value = '10001';
    search.shadowRoot!.querySelector('form')!.requestSubmit();
    await until(search, 'button[part~="load-more"]');
    $(search, 'button[part~="load-more"]')!.click();
    await waitUntil(() => rec.open().length === 2, 'a section and a second page in flight');
    const requests = rec.calls.length;
    b.append(topic, search);
    await settle();
    expect(rec.aborted()).to.deep.equal([]);
    expect(rec.calls.length).to.equal(requests);
    rec.release();
    await loaded(topic);
    await waitUntil(() => $$(search, '[part="result"]').length === 4, 'the second page');
    expect(rec.calls.length).to.equal(requests);
  });

  it('removing widgets aborts their requests and leaves no timers, observers or listeners; re-adding works', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const leaks = trackLeaks();
    try {
      rec.hold();
      const root = await fixture<HTMLElement>(document.createElement('div'));
      const provider = document.createElement('mhn-provider');
      provider.setAttribute('endpoint', endpoint);
      provider.setAttribute('theme', 'auto');
      const elements = WIDGETS.map((w) => {
        const el = create(w);
        el.client = rec.client;
        return el;
      });
      const lazy = make('mhn-comments', { article: ARTICLE });
      lazy.style.marginTop = '400vh';
      const json = make('mhn-article', { article: ARTICLE, 'structured-data': '' });
      provider.append(...elements, lazy, json);
      root.append(provider);
      // Article, its comments, the site and the topic (identical requests are shared).
      await waitUntil(() => rec.open().length === 4, 'requests in flight');
      const inFlight = rec.open().length;
      expect(leaks.left().observers, 'theme and lazy-loading observers while shown').to.be.above(1);

      provider.remove();
      await settle();
      expect(rec.open(), 'every request aborted').to.deep.equal([]);
      expect(rec.aborted().length).to.equal(inFlight);
      expect(leaks.left()).to.deep.equal({ timers: 0, observers: 0, listeners: 0 });

      // Changed while off the page (a framework reusing a node): no request until it is back.
      const [article] = elements;
      (article as unknown as MhnArticle).article = ARTICLE_ES;
      await settle();
      expect(rec.calls.length, 'nothing asked while detached').to.equal(inFlight);

      rec.release();
      root.append(provider);
      await Promise.all(elements.map((el) => loaded(el)));
      expect(heading(article!)).to.equal('Resiliencia: los beneficios del apoyo social');
      await until(json, '[part="body"]');
      expect(document.head.querySelectorAll('script[type="application/ld+json"]')).to.have.length(
        1,
      );
      provider.remove();
      await settle();
      expect(document.head.querySelectorAll('script[type="application/ld+json"]')).to.have.length(
        0,
      );
      expect(leaks.left()).to.deep.equal({ timers: 0, observers: 0, listeners: 0 });
    } finally {
      leaks.restore();
    }
  });

  it('releases the theme watcher when the last auto widget goes, and picks it up again', async () => {
    const leaks = trackLeaks();
    try {
      // With their own locale, only the theme makes them follow the page.
      const attrs = { endpoint, topic: TOPIC, theme: 'auto', locale: 'en' };
      const one = make('mhn-related-topics', attrs);
      const two = make('mhn-related-topics', attrs);
      const root = await fixture<HTMLElement>(document.createElement('div'));
      root.append(one, two);
      await loaded(one);
      const watching = leaks.left();
      expect(watching.observers, 'one observer for every auto widget').to.equal(1);
      expect(watching.listeners, 'one media listener').to.equal(1);
      one.remove();
      expect(leaks.left()).to.deep.equal(watching);
      two.theme = 'dark';
      await two.updateComplete;
      expect(leaks.left()).to.deep.equal({ timers: 0, observers: 0, listeners: 0 });
      two.theme = 'auto';
      await two.updateComplete;
      expect(leaks.left()).to.deep.equal(watching);
      await emulateMedia({ colorScheme: 'dark' });
      await waitUntil(() => two.dataset['theme'] === 'dark', 'still following the page');
      two.remove();
      expect(leaks.left()).to.deep.equal({ timers: 0, observers: 0, listeners: 0 });
    } finally {
      leaks.restore();
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});
