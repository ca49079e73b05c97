/**
 * Drives the moderation desk's tests: the reference Content API's test moderator, the
 * admin API under the test page's own origin (web-test-runner proxies it, as a CMS
 * hosting the desk would), comments posted as a reader would post them.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/admin/moderation/define.js';
import type { MhnModeration } from '../../src/admin/moderation/mhn-moderation.js';
import { $, $$, text } from './dom.js';
import { apiUrl } from './server.js';

export const ARTICLE = 'resilience-social-support-benefits';
/** The admin API on this page's origin (proxied to the reference service). */
export const DESK_ENDPOINT = '/api/v1';

let moderator: Promise<{ name: string; password: string }> | undefined;
export function testModerator(): Promise<{ name: string; password: string }> {
  moderator ??= executeServerCommand('content-server', { action: 'moderator' });
  return moderator;
}

/** Posts a comment as a reader would (pending: the service holds every new comment). */
export async function postComment(
  title: string,
  body = `The body of ${title}.`,
  article = ARTICLE,
): Promise<void> {
  const response = await fetch(`${await apiUrl()}/articles/${article}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ title, author: 'A reader', body }),
  });
  if (response.status !== 201) throw new Error(`posting answered ${response.status}`);
}

/** The admin API as the signed-in browser (the desk's cookie), outside the desk. */
export async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  const session = await fetch(`${DESK_ENDPOINT}/admin/session`, { cache: 'no-store' });
  const csrf = session.ok ? ((await session.json()) as { csrfToken: string }).csrfToken : '';
  return fetch(`${DESK_ENDPOINT}/admin/${path}`, {
    method,
    cache: 'no-store',
    headers: {
      'X-CSRF-Token': csrf,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Ends this browser's desk session, if any. */
export async function signOutEverywhere(): Promise<void> {
  await admin('DELETE', 'session');
}

/** The queue of one status as the admin API has it: ids by title. */
export async function queueTitles(status: string): Promise<string[]> {
  const answer = (await (await admin('GET', `comments?status=${status}&limit=50`)).json()) as {
    items: { title: string }[];
  };
  return answer.items.map((c) => c.title);
}

export async function mountDesk(
  options: { locale?: string; fetcher?: typeof fetch } = {},
): Promise<MhnModeration> {
  return fixture<MhnModeration>(
    html`<mhn-moderation
      endpoint=${DESK_ENDPOINT}
      locale=${options.locale ?? 'en'}
      guide-href="/guide.html"
      .fetcher=${options.fetcher}
    ></mhn-moderation>`,
  );
}

/** The button inside `scope` whose text is exactly `name`. */
export function button(scope: Element | ShadowRoot, name: string): HTMLButtonElement {
  const root = scope instanceof Element && scope.shadowRoot ? scope.shadowRoot : scope;
  const found = [...root.querySelectorAll('button')].find((b) => text(b) === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

export async function until(
  condition: () => unknown,
  message: string,
  timeout = 10_000,
): Promise<void> {
  await waitUntil(condition, message, { timeout });
}

/** Signs in through the form (the desk must show it). */
export async function signIn(el: MhnModeration, password?: string): Promise<void> {
  const account = await testModerator();
  await until(() => $(el, '#name'), 'no sign-in form');
  ($(el, '#name') as HTMLInputElement).value = account.name;
  ($(el, '#password') as HTMLInputElement).value = password ?? account.password;
  button(el, 'Sign in').click();
}

/** Signs in and waits for the queue to be loaded. */
export async function signInToQueue(el: MhnModeration): Promise<void> {
  await signIn(el);
  await until(() => $(el, '.queue, #queue-state'), 'the queue never loaded');
}

/** The comment cards, in order. */
export const cards = (el: Element) => $$(el, 'article.comment');
export const titles = (el: Element) => cards(el).map((c) => text(c.querySelector('h3')));
export const card = (el: Element, title: string): HTMLElement => {
  const found = cards(el).find((c) => text(c.querySelector('h3')) === title);
  if (!found) throw new Error(`no comment "${title}"`);
  return found;
};
export const liveText = (el: Element) => text($(el, '[role="status"].live'));
export const alertText = (el: Element) => text($(el, '.desk > [role="alert"]'));
/** The status filter button's text, e.g. "Pending (2)". */
export const filter = (el: Element, status: string) =>
  $$(el, '.statuses button').find((b) => text(b).startsWith(status))!;

/** The id of the comment titled `title` in the admin API's queue of `status`. */
export async function commentId(title: string, status = 'pending'): Promise<string> {
  const answer = (await (await admin('GET', `comments?status=${status}&limit=50`)).json()) as {
    items: { id: string; title: string }[];
  };
  const found = answer.items.find((c) => c.title === title);
  if (!found) throw new Error(`no ${status} comment "${title}"`);
  return found.id;
}

/** Calls the admin API as someone else, in their own session (signed in by the runner). */
export function callAs(
  who: 'other' | 'admin',
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  return executeServerCommand('content-server', { action: 'as', who, method, path, body });
}

/**
 * Another moderator, in a session of their own (signed in over HTTP by the test
 * runner), sends `request` to the admin API's actions; the service's answer.
 */
export function otherModeratorActs(request: {
  ids: string[];
  action: string;
  undo?: Record<string, number>;
}): Promise<{ status: number; body: { results: { ok: boolean; error?: string }[] } }> {
  return callAs('other', 'POST', 'actions', request) as Promise<{
    status: number;
    body: { results: { ok: boolean; error?: string }[] };
  }>;
}

/** Signs in through the form as the test admin. */
export async function signInAsAdmin(el: MhnModeration): Promise<void> {
  const { admin: account } = (await executeServerCommand('content-server', {
    action: 'accounts',
  })) as { admin: { name: string; password: string } };
  await until(() => $(el, '#name'), 'no sign-in form');
  ($(el, '#name') as HTMLInputElement).value = account.name;
  ($(el, '#password') as HTMLInputElement).value = account.password;
  ($(el, 'form.sign-in') as HTMLFormElement).requestSubmit(); // in any language
  await until(() => $(el, '.desk'), 'the admin never got in');
}
