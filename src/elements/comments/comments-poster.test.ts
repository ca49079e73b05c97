/**
 * What `<mhn-comments>` does for the poster beyond posting, against the real service:
 * the spam defences nobody sees (the honeypot, the form token), the calm message and the
 * crisis lines after a post that matched the safety lists (the draft kept), and deleting
 * their own comment from the same browser.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { MhnComments } from './mhn-comments.js';
import { ContentClient, sharedClient } from '../../core/content-client.js';
import { $, $$, text, waitFor } from '../../../test/helpers/dom.js';
import { violations } from '../../../test/helpers/axe.js';
import {
  apiUrl,
  configureServer,
  resetServer,
  resetServerStats,
  serverStats,
} from '../../../test/helpers/server.js';

const SLUG = 'resilience-social-support-benefits';
const DRAFT_PREFIX = 'mhn-widgets:draft:';
const FORM_TOKEN = /^\d{1,15}\.[0-9a-f]{32}$/;
const CRISIS = { title: 'Tonight', body: 'I want to end my life.' };

let endpoint: string;

async function open(
  options: { locale?: string; client?: ContentClient; slug?: string } = {},
): Promise<MhnComments> {
  const el = await fixture<MhnComments>(
    html`<mhn-comments
      endpoint=${endpoint}
      article=${options.slug ?? SLUG}
      locale=${options.locale ?? 'en'}
      loading="eager"
      .client=${options.client ?? sharedClient}
    ></mhn-comments>`,
  );
  await waitFor(el, 'form');
  await waitFor(el, '[part="base"][aria-busy="false"]');
  return el;
}

async function reload(el: MhnComments, locale = 'en'): Promise<MhnComments> {
  el.remove();
  return open({ locale });
}

function type(el: Element, name: 'title' | 'body', value: string): void {
  const input = $(el, `#${name}`) as HTMLInputElement;
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

function fill(el: Element, draft: { title: string; body: string }): void {
  type(el, 'title', draft.title);
  type(el, 'body', draft.body);
}

const button = (el: Element, label: string) =>
  $$(el, 'button').find((b) => b.textContent!.trim() === label) as HTMLButtonElement | undefined;

const said = (el: Element) => text($(el, 'section > p.visually-hidden[role="status"]'));

function storedDraft(): Record<string, unknown> | undefined {
  const key = Object.keys(localStorage).find((k) => k.startsWith(DRAFT_PREFIX));
  return key ? (JSON.parse(localStorage.getItem(key)!) as Record<string, unknown>) : undefined;
}

/** A client over the real server that records the bodies it posts. */
function recordingClient(fail: (url: string) => boolean = () => false) {
  const bodies: Array<Record<string, unknown>> = [];
  const client = new ContentClient({
    retries: 0,
    fetch: (input, init) => {
      if (fail(String(input))) return Promise.reject(new TypeError('Failed to fetch'));
      if (init?.method === 'POST') bodies.push(JSON.parse(String(init.body)));
      return fetch(input, init);
    },
  });
  return { client, bodies };
}

async function listedIds(): Promise<string[]> {
  const res = await fetch(`${endpoint}/articles/${SLUG}/comments?limit=100`, { cache: 'no-store' });
  return ((await res.json()) as { items: Array<{ id: string }> }).items.map((c) => c.id);
}

const formTokenRequests = async () => (await serverStats()).byMethod['GET /comment-form'] ?? 0;

describe('<mhn-comments> for the poster', () => {
  before(async () => {
    endpoint = await apiUrl();
  });
  beforeEach(async () => {
    localStorage.clear();
    sharedClient.invalidate();
    await resetServer();
    await resetServerStats();
  });

  describe('spam defences', () => {
    it('has a honeypot no one sees or reaches with the keyboard', async () => {
      const el = await open();
      const honeypot = $(el, 'input[name="website"]') as HTMLInputElement;
      expect(honeypot).to.exist;
      expect(honeypot.tabIndex).to.equal(-1);
      expect(honeypot.getAttribute('autocomplete')).to.equal('off');
      expect(honeypot.closest('[aria-hidden="true"]')).to.exist;
      const box = honeypot.getBoundingClientRect();
      expect(box.right <= 0 || box.bottom <= 0, 'the honeypot is off-screen').to.equal(true);
      // From the last field, Tab goes to Post comment.
      ($(el, '#body') as HTMLTextAreaElement).focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(button(el, 'Post comment'));
      expect(await violations(el)).to.deep.equal([]);
    });

    it('sends the honeypot as it is: a filled one is held, like spam', async () => {
      await configureServer({ moderation: false });
      const { client, bodies } = recordingClient();
      const el = await open({ client });
      fill(el, { title: 'Filled by a bot', body: 'Buy now.' });
      ($(el, 'input[name="website"]') as HTMLInputElement).value = 'https://spam.example';
      button(el, 'Post comment')!.click();
      const mine = await waitFor(el, '.mine [part="comment"]');
      expect(bodies[0]!['website']).to.equal('https://spam.example');
      expect(text(mine.querySelector('[part="pending"]'))).to.equal('Awaiting moderation');
    });

    it('fetches a form token when the form is shown and sends it with the post', async () => {
      await configureServer({ moderation: false });
      const { client, bodies } = recordingClient();
      const el = await open({ client });
      await waitUntil(async () => (await formTokenRequests()) === 1, 'no form token asked for');
      fill(el, { title: 'With a token', body: 'Hello.' });
      await waitUntil(() => true);
      button(el, 'Post comment')!.click();
      await waitFor(el, '.mine [part="comment"]');
      expect(bodies[0]!['formToken']).to.match(FORM_TOKEN);
      expect(bodies[0]!['website']).to.equal('');
    });

    it('the server reads the token: a post the moment the form shows is held', async () => {
      await configureServer({ moderation: false, minSubmitSeconds: 30 });
      const el = await open();
      await waitUntil(async () => (await formTokenRequests()) === 1);
      await new Promise((r) => setTimeout(r, 100));
      fill(el, { title: 'Too fast', body: 'Posted at once.' });
      button(el, 'Post comment')!.click();
      const mine = await waitFor(el, '.mine [part="comment"]');
      expect(text(mine.querySelector('[part="pending"]'))).to.equal('Awaiting moderation');
    });

    it('posts without a token when the token cannot be fetched', async () => {
      await configureServer({ moderation: false });
      const { client, bodies } = recordingClient((url) => url.endsWith('/comment-form'));
      const el = await open({ client });
      fill(el, { title: 'No token', body: 'Still posted.' });
      button(el, 'Post comment')!.click();
      const mine = await waitFor(el, '.mine [part="comment"]');
      expect(mine.querySelector('[part="pending"]')).to.equal(null);
      expect(bodies[0]).to.not.have.property('formToken');
    });
  });

  describe('after a post that matched the safety lists', () => {
    it('shows a calm message and the crisis lines of the reader’s country, keeping the draft', async () => {
      await configureServer({ moderation: false });
      const el = await open({ locale: 'en-CA' });
      fill(el, CRISIS);
      button(el, 'Post comment')!.click();
      const panel = await waitFor(el, '[part="safety"]');
      expect(text(panel.querySelector('.safety-heading'))).to.equal('You are not alone');
      expect(text(panel)).to.contain('these lines are there to listen');
      expect(
        $$(el, '[part="line"]').map((l) => text(l.querySelector('[part="name"]'))),
      ).to.deep.equal(['9-8-8 Suicide Crisis Helpline']);
      const call = panel.querySelector<HTMLAnchorElement>('[part="call-link"]')!;
      expect([text(call), call.getAttribute('href')]).to.deep.equal(['Call 988', 'tel:988']);
      expect(panel.querySelector('[part="website-link"]')!.getAttribute('href')).to.equal(
        'https://988.ca/',
      );
      await waitUntil(() => el.shadowRoot!.activeElement === panel, 'focus did not move');
      expect(said(el)).to.contain('You are not alone');
      // Held for a person, whatever the moderation setting; the words stay in the form.
      expect(text($(el, '.mine [part="pending"]'))).to.equal('Awaiting moderation');
      expect(($(el, '#body') as HTMLTextAreaElement).value).to.equal(CRISIS.body);
      expect(storedDraft()).to.include({ title: CRISIS.title, body: CRISIS.body });
      expect(await violations(el)).to.deep.equal([]);
      const again = await reload(el, 'en-CA');
      expect(($(again, '#body') as HTMLTextAreaElement).value).to.equal(CRISIS.body);
    });

    it('says it in Spanish, with the lines of the reader’s country', async () => {
      const el = await open({ locale: 'es-US' });
      fill(el, { title: 'Esta noche', body: 'Quiero quitarme la vida.' });
      button(el, 'Publicar comentario')!.click();
      const panel = await waitFor(el, '[part="safety"]');
      expect(text(panel.querySelector('.safety-heading'))).to.equal(
        'No tiene que pasar por esto a solas',
      );
      expect(text(panel)).to.contain('estas líneas están para escucharle');
      expect(
        $$(el, '[part="line"]').map((l) => text(l.querySelector('[part="name"]'))),
      ).to.deep.equal(['988 Suicide & Crisis Lifeline']);
      expect(text(panel.querySelector('[part="text-link"]'))).to.equal(
        'Enviar mensaje de texto al 988',
      );
      expect(($(el, '#body') as HTMLTextAreaElement).value).to.equal('Quiero quitarme la vida.');
      expect(await violations(el)).to.deep.equal([]);
    });

    it('shows nothing of the kind after an ordinary post', async () => {
      const el = await open();
      fill(el, { title: 'Thanks', body: 'This helped.' });
      button(el, 'Post comment')!.click();
      await waitFor(el, '.mine [part="comment"]');
      expect($(el, '[part="safety"]')).to.equal(null);
      expect(($(el, '#body') as HTMLTextAreaElement).value).to.equal('');
    });
  });

  describe('deleting one’s own comment', () => {
    /** Posts a published comment; the widget. */
    async function posted(title = 'Mine to delete'): Promise<MhnComments> {
      await configureServer({ moderation: false });
      const el = await open();
      fill(el, { title, body: `Second thoughts about ${title}.` });
      button(el, 'Post comment')!.click();
      await waitFor(el, '.mine [part="comment"]');
      return el;
    }

    it('asks first, then deletes: the comment leaves the page, the count and the API', async () => {
      const el = await posted();
      const id = $(el, '.mine article')!.dataset['id']!;
      expect(text($(el, '[part="count"]'))).to.equal('5 comments');
      button(el, 'Delete')!.click();
      const group = await waitFor(el, '.confirm[role="group"]');
      expect(text(group.querySelector('p'))).to.equal(
        'Delete your comment? This cannot be undone.',
      );
      await waitUntil(() => el.shadowRoot!.activeElement === button(el, 'Cancel'));
      expect(await violations(el)).to.deep.equal([]);
      button(el, 'Cancel')!.click();
      await waitUntil(() => el.shadowRoot!.activeElement === button(el, 'Delete'));
      expect(await listedIds()).to.include(id);

      button(el, 'Delete')!.click();
      (await waitFor(el, '[part~="delete-confirm"]')).click();
      await waitUntil(() => !$(el, `article[data-id="${id}"]`), 'the comment stayed');
      expect(text($(el, '[part="count"]'))).to.equal('4 comments');
      await waitUntil(() => said(el) === 'Your comment was deleted.');
      expect(await listedIds()).to.not.include(id);
      expect(JSON.stringify(storedDraft() ?? {})).to.not.contain(id);
    });

    it('offers Delete after a reload from the token kept in this browser, and not once it expires', async () => {
      const el = await posted('Deleted after a reload');
      const id = $(el, '.mine article')!.dataset['id']!;
      const again = await reload(el);
      const article = await waitFor(again, `article[data-id="${id}"]`);
      const del = article.querySelector<HTMLButtonElement>('[part~="delete"]')!;
      expect(text(del)).to.equal('Delete');
      // Only the reader's own comment has one.
      expect($$(again, '[part~="delete"]')).to.have.length(1);
      del.click();
      (await waitFor(again, '[part~="delete-confirm"]')).click();
      await waitUntil(() => !$(again, `article[data-id="${id}"]`));
      expect(await listedIds()).to.not.include(id);

      const other = await posted('Expired');
      const key = Object.keys(localStorage).find((k) => k.startsWith(DRAFT_PREFIX))!;
      const record = JSON.parse(localStorage.getItem(key)!);
      record.own = record.own.map((o: object) => ({ ...o, expires: '2020-01-01T00:00:00Z' }));
      localStorage.setItem(key, JSON.stringify(record));
      const third = await reload(other);
      await waitFor(third, '[part="comment-title"]');
      expect(text(third)).to.contain('Expired');
      expect($$(third, '[part~="delete"]')).to.deep.equal([]);
    });

    it('explains calmly when the server refuses the token, and drops the button', async () => {
      const el = await posted('Refused');
      const key = Object.keys(localStorage).find((k) => k.startsWith(DRAFT_PREFIX))!;
      const record = JSON.parse(localStorage.getItem(key)!);
      record.own = record.own.map((o: object) => ({ ...o, token: 'not-the-token' }));
      localStorage.setItem(key, JSON.stringify(record));
      const again = await reload(el);
      (await waitFor(again, '[part~="delete"]')).click();
      (await waitFor(again, '[part~="delete-confirm"]')).click();
      const note = await waitFor(again, '[part="delete-note"]');
      expect(text(note)).to.equal(
        'This comment can no longer be deleted from this browser. The publisher can remove it for you.',
      );
      expect($(again, '[part~="delete"]')).to.equal(null);
      expect(text(again)).to.contain('Refused');
    });

    it('works from memory when storage is unavailable, throwing nothing into the page', async () => {
      const proto = Storage.prototype;
      const saved = {
        getItem: proto.getItem,
        setItem: proto.setItem,
        removeItem: proto.removeItem,
      };
      const refuse = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
      const errors: unknown[] = [];
      const onError = (e: ErrorEvent) => errors.push(e.message);
      window.addEventListener('error', onError);
      Object.assign(proto, { getItem: refuse, setItem: refuse, removeItem: refuse });
      try {
        const el = await posted('No storage');
        const id = $(el, '.mine article')!.dataset['id']!;
        button(el, 'Delete')!.click();
        (await waitFor(el, '[part~="delete-confirm"]')).click();
        await waitUntil(() => !$(el, `article[data-id="${id}"]`));
        expect(errors).to.deep.equal([]);
      } finally {
        Object.assign(proto, saved);
        window.removeEventListener('error', onError);
      }
    });

    it('says it in Spanish', async () => {
      await configureServer({ moderation: false });
      const el = await open({ locale: 'es' });
      fill(el, { title: 'Mío', body: 'Lo pensé mejor.' });
      button(el, 'Publicar comentario')!.click();
      await waitFor(el, '.mine [part="comment"]');
      button(el, 'Eliminar')!.click();
      await waitFor(el, '.confirm');
      expect(text($(el, '.confirm p'))).to.equal('¿Eliminar su comentario? No se puede deshacer.');
      expect(button(el, 'Cancelar')).to.exist;
      button(el, 'Sí, eliminar')!.click();
      await waitUntil(() => said(el) === 'Su comentario se eliminó.');
    });
  });
});
