/**
 * Accessibility of every widget in every state it has: axe-core's WCAG 2.2 A/AA rules
 * in the light and the dark theme, keyboard-only use (Tab reaches every control, focus is
 * always visible, each control works from the keyboard), announcements, headings that
 * follow `heading-level`, and nothing told by colour alone.
 */
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { ContentClient, sharedClient } from '../src/core/content-client.js';
import type { MhnElement } from '../src/core/mhn-element.js';
import { violations } from './helpers/axe.js';
import { $, $$, text } from './helpers/dom.js';
import { apiUrl, resetServer } from './helpers/server.js';
import { isShown, label } from './helpers/styles.js';
import {
  WIDGETS,
  create,
  loaded,
  mountState,
  statesOf,
  until,
  widget,
  type Widget,
} from './helpers/widgets.js';

/** What the keyboard reaches with Tab. */
const TABBABLE =
  ':is(a[href], button, input, select, textarea, [tabindex]):not([tabindex="-1"], [disabled])';

/**
 * Waits until every image in the widget has loaded or failed, and the widget has
 * rendered what follows (a badge that fails becomes a text link).
 */
async function imagesSettled(el: MhnElement): Promise<void> {
  await waitUntil(
    () => $$(el, 'img').every((img) => (img as HTMLImageElement).complete),
    'images loaded or failed',
  );
  await el.updateComplete;
}

function tabbable(el: Element): HTMLElement[] {
  return $$(el, TABBABLE).filter((c) => isShown(c) && !c.closest('[hidden]'));
}

/** The focused element, looking into shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const press = (key: string) => sendKeys({ press: key });

/** Focus ring: :focus-visible matches and draws an outline of at least 2px. */
function expectVisibleFocus(control: Element): void {
  expect(control.matches(':focus-visible'), `${label(control)} :focus-visible`).to.equal(true);
  const style = getComputedStyle(control);
  expect(style.outlineStyle, `${label(control)} outline`).to.not.equal('none');
  expect(parseFloat(style.outlineWidth), `${label(control)} outline width`).to.be.at.least(2);
}

/**
 * Tabs from a button before the widget to a button after it, checking the focus ring
 * at every stop; returns the controls reached inside the widget, in order.
 */
async function tabThrough(el: MhnElement): Promise<Element[]> {
  const start = document.createElement('button');
  const end = document.createElement('button');
  start.textContent = 'before';
  end.textContent = 'after';
  el.parentElement!.before(start);
  el.parentElement!.after(end);
  start.focus();
  const reached: Element[] = [];
  for (let i = 0; i < 100; i += 1) {
    await press('Tab');
    const active = deepActive();
    if (active === end) break;
    expect(
      active && el.shadowRoot!.contains(active),
      `Tab stop ${i} is inside the widget`,
    ).to.equal(true);
    expectVisibleFocus(active!);
    reached.push(active!);
  }
  start.remove();
  end.remove();
  return reached;
}

/** The button named `name` inside a widget (or inside an element of its shadow root). */
const button = (el: Element, name: string) =>
  [...(el.shadowRoot ?? el).querySelectorAll('button')].find((b) => text(b) === name);

describe('accessibility', () => {
  let endpoint: string;
  before(async () => {
    endpoint = await apiUrl();
  });
  beforeEach(() => sharedClient.invalidate());

  describe('axe-core, WCAG 2.2 A and AA', () => {
    for (const theme of ['light', 'dark']) {
      for (const w of WIDGETS) {
        it(`<${w.tag}> in every state, ${theme} theme`, async () => {
          const found: string[] = [];
          for (const state of statesOf(w)) {
            const el = await mountState(w, state, endpoint, { theme });
            found.push(...(await violations(el)).map((v) => `${state.name}: ${v}`));
          }
          expect(found).to.deep.equal([]);
        });
      }
    }
  });

  describe('keyboard', () => {
    for (const w of WIDGETS) {
      it(`<${w.tag}>: Tab reaches every control, in order, with a visible focus ring`, async () => {
        for (const state of statesOf(w).filter((s) =>
          ['loaded', 'error', 'form error'].includes(s.name),
        )) {
          const el = await mountState(w, state, endpoint);
          await imagesSettled(el);
          const expected = tabbable(el);
          expect(expected.length, `${state.name}: controls`).to.be.above(0);
          expect(await tabThrough(el), state.name).to.deep.equal(expected);
        }
      });
    }

    it('Try again works from the keyboard', async () => {
      for (const w of WIDGETS.filter((w) => w.tag !== 'mhn-therapist-search')) {
        let fail = true;
        const el = create(w);
        el.client = new ContentClient({
          retries: 0,
          fetch: (input, init) =>
            fail ? Promise.resolve(new Response('{}', { status: 500 })) : fetch(input, init),
        });
        const provider = document.createElement('mhn-provider');
        provider.setAttribute('endpoint', endpoint);
        provider.append(el);
        await fixture(provider);
        const retry = await until(el, '[role="alert"] button');
        fail = false;
        retry.focus();
        await press('Enter');
        await loaded(el, w);
        expect($(el, '[role="alert"]'), w.tag).to.equal(null);
      }
    });

    it('<mhn-therapist-search>: type a code, Enter searches, Load more from the keyboard', async () => {
      const w = widget('mhn-therapist-search');
      const provider = document.createElement('mhn-provider');
      provider.setAttribute('endpoint', endpoint);
      const el = create(w, { 'page-size': '2' });
      provider.append(el);
      await fixture(provider);
      const input = await until(el, '#code');
      input.focus();
      await sendKeys({ type: '10001' });
      await press('Enter');
      await until(el, '[part="result"]');
      const status = $(el, '[part="status"]')!;
      expect(status.getAttribute('role')).to.equal('status');
      expect(text(status)).to.equal('Showing 2 therapists within 25 mi of 10001.');
      const radius = $(el, 'select')! as HTMLSelectElement;
      radius.focus();
      const before = radius.value;
      await press('ArrowDown');
      expect(radius.value, 'the distance changes with the arrow keys').to.not.equal(before);
      const more = $(el, 'button[part~="load-more"]')!;
      more.focus();
      await press('Enter');
      await waitUntil(() => $$(el, '[part="result"]').length > 2, 'more therapists');
      expect(el.shadowRoot!.activeElement, 'focus stays in the widget').to.not.equal(null);
    });

    it('<mhn-topic>: arrow keys, Home and End move between tabs; Enter loads more', async () => {
      const w = widget('mhn-topic');
      const el = await mountState(w, statesOf(w)[0]!, endpoint);
      const tabs = $$(el, '[role="tab"]');
      expect(tabs.length).to.be.above(2);
      const selected = () => $(el, '[role="tab"][aria-selected="true"]');
      tabs[0]!.focus();
      await press('ArrowRight');
      expect(selected()).to.equal(tabs[1]);
      expect(el.shadowRoot!.activeElement).to.equal(tabs[1]);
      expectVisibleFocus(tabs[1]!);
      await press('End');
      expect(selected()).to.equal(tabs.at(-1));
      await press('Home');
      expect(selected()).to.equal(tabs[0]);
      await press('ArrowLeft');
      expect(selected(), 'ArrowLeft wraps to the last tab').to.equal(tabs.at(-1));
      await press('Home');
      await until(el, '[role="tabpanel"]:not([hidden]) li a');
      const more = $(el, '[role="tabpanel"]:not([hidden]) button[part~="more"]')!;
      const count = $$(el, '[role="tabpanel"]:not([hidden]) li').length;
      more.focus();
      await press('Enter');
      await waitUntil(
        () => $$(el, '[role="tabpanel"]:not([hidden]) li').length > count,
        'Load more from the keyboard',
      );
    });

    it('<mhn-comments>: sort with Space, write and post a comment with the keyboard only', async () => {
      try {
        const w = widget('mhn-comments');
        const el = await mountState(w, statesOf(w)[0]!, endpoint);
        const oldest = button(el, 'Oldest first')!;
        oldest.focus();
        await press('Space');
        await waitUntil(() => oldest.getAttribute('aria-pressed') === 'true', 'sorted');
        const title = $(el, '#title')!;
        title.focus();
        await sendKeys({ type: 'Small steps' });
        await press('Tab');
        await sendKeys({ type: 'Sam' });
        await press('Tab');
        expect(deepActive()).to.equal($(el, '#body'));
        await sendKeys({ type: 'Writing things down helps me.' });
        await press('Tab');
        expect(text(deepActive() as Element)).to.equal('Post comment');
        const submitted = oneEvent(el, 'mhn-comment-submit');
        await press('Enter');
        await submitted;
        await waitUntil(() => text($(el, '[part="form-status"]')), 'the result is announced');
        expect($(el, '[part="form-status"]')!.getAttribute('role')).to.equal('status');
      } finally {
        await resetServer();
      }
    });
  });

  describe('announcements', () => {
    for (const w of WIDGETS) {
      it(`<${w.tag}>: every state says what it is to screen readers`, async () => {
        for (const state of statesOf(w)) {
          const el = await mountState(w, state, endpoint);
          const where = `${w.tag} ${state.name}`;
          const statuses = $$(el, '[role="status"], [aria-live]').map(text).filter(Boolean);
          const alerts = $$(el, '[role="alert"]');
          switch (state.name) {
            case 'loading':
              expect(statuses.join(), where).to.match(/Loading|Searching/);
              expect($(el, '[aria-busy="true"]'), where).to.not.equal(null);
              break;
            case 'error':
              expect(alerts.length, where).to.equal(1);
              expect(text(alerts[0]).length, where).to.be.above(20);
              expect(button(alerts[0]!, 'Try again'), where).to.not.equal(undefined);
              break;
            case 'form error': {
              const invalid = $$(el, '[aria-invalid="true"]');
              expect(invalid.length, where).to.be.above(0);
              await waitUntil(() => el.shadowRoot!.activeElement === invalid[0], where);
              for (const field of invalid) {
                const ids = field.getAttribute('aria-describedby')!.split(' ');
                const message = ids.map((id) => text(el.shadowRoot!.getElementById(id))).join(' ');
                expect(message.length, `${where}: ${label(field)} says why`).to.be.above(10);
              }
              break;
            }
            case 'loaded':
              if (w.tag === 'mhn-therapist-search')
                expect(statuses.join(), where).to.match(/Showing/);
              break;
            default:
              // not found, not configured, empty, closed: a status with the reason.
              expect(statuses.join(' ').length, where).to.be.above(10);
          }
        }
      });
    }
  });

  describe('headings', () => {
    const levelOf = (h: Element) => Number(h.localName.slice(1));
    for (const w of WIDGETS.filter((w) => w.tag !== 'mhn-attribution')) {
      it(`<${w.tag}> follows heading-level`, async () => {
        for (const level of [2, 4]) {
          const state = { ...statesOf(w)[0]!, attrs: { 'heading-level': String(level) } };
          const el = await mountState(w, state, endpoint);
          const headings = $$(el, 'h1, h2, h3, h4, h5, h6').filter(isShown);
          expect(headings.length, w.tag).to.be.above(0);
          expect(levelOf(headings[0]!), `${w.tag} top heading`).to.equal(level);
          for (const h of headings.slice(1)) {
            expect(levelOf(h), `${label(h)} sits below the top heading`).to.equal(level + 1);
          }
        }
      });
    }
  });

  describe('nothing told by colour alone', () => {
    it('links are underlined; invalid fields say so in words; the open tab is marked by shape', async () => {
      for (const w of WIDGETS) {
        const el = await mountState(w, statesOf(w)[0]!, endpoint);
        for (const a of $$(el, 'a[href]').filter(isShown)) {
          if (a.classList.contains('button')) continue; // shaped as a button
          expect(getComputedStyle(a).textDecorationLine, label(a)).to.contain('underline');
        }
        if (w.tag === 'mhn-topic') {
          const [open, closed] = [
            $(el, '[role="tab"][aria-selected="true"]')!,
            $(el, '[role="tab"][aria-selected="false"]')!,
          ].map((t) => getComputedStyle(t));
          expect(parseFloat(open!.borderBottomWidth)).to.be.at.least(2);
          expect(open!.borderBottomStyle).to.equal('solid');
          expect(closed!.borderBottomColor).to.not.equal(open!.borderBottomColor);
        }
      }
    });
  });

  describe('reduced motion', () => {
    afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

    it('the loading placeholder pulses only for readers who do not ask for reduced motion', async () => {
      const w: Widget = widget('mhn-article');
      const loading = statesOf(w).find((s) => s.name === 'loading')!;
      const el = await mountState(w, loading, endpoint);
      const line = $(el, '.skeleton-line')!;
      expect(getComputedStyle(line).animationName).to.not.equal('none');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(line).animationName).to.equal('none');
    });
  });
});
