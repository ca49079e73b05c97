import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/elements/comments/define.js';
import type { MhnComments } from '../src/elements/comments/mhn-comments.js';
import { $, $$, captureWarnings, waitFor } from './helpers/dom.js';
import { configureServer, resetServer, useReferenceServer } from './helpers/server.js';

const SLUG = 'resilience-social-support-benefits';
const OTHER = 'resilience-an-introduction';
const DAY = 24 * 60 * 60 * 1000;

let endpoint = '';
const idFor = (slug: string, ep = endpoint) => `mhn-widgets:draft:${ep}|${slug}`;

const stored = (slug = SLUG) => {
  const raw = localStorage.getItem(idFor(slug));
  return raw === null ? null : (JSON.parse(raw) as Record<string, unknown>);
};

function store(slug: string, value: unknown, ep = endpoint): void {
  localStorage.setItem(idFor(slug, ep), typeof value === 'string' ? value : JSON.stringify(value));
}

const draft = (daysAgo: number | undefined, title = 'Kept for later') => ({
  title,
  author: 'Sam',
  body: 'Words I wrote earlier.',
  key: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  ...(daysAgo === undefined ? {} : { saved: Date.now() - daysAgo * DAY }),
});

async function open(slug = SLUG): Promise<MhnComments> {
  const el = await fixture<MhnComments>(
    html`<mhn-comments endpoint=${endpoint} article=${slug} loading="eager"></mhn-comments>`,
  );
  await waitFor(el, 'form');
  return el;
}

const value = (el: Element, name: 'title' | 'author' | 'body') =>
  ($(el, `#${name}`) as HTMLInputElement | HTMLTextAreaElement).value;

describe('<mhn-comments> drafts in the partner page’s storage', () => {
  useReferenceServer((url) => (endpoint = url));
  beforeEach(async () => {
    localStorage.clear();
    await resetServer();
  });

  it('offers a draft written 29 days ago, and keeps it', async () => {
    store(SLUG, draft(29));
    const el = await open();
    expect(value(el, 'title')).to.equal('Kept for later');
    expect(value(el, 'body')).to.equal('Words I wrote earlier.');
    expect(stored()).to.include({ title: 'Kept for later' });
  });

  it('drops a draft older than 30 days: an empty form, and gone from storage', async () => {
    store(SLUG, draft(31));
    const el = await open();
    expect(value(el, 'title')).to.equal('');
    expect(value(el, 'body')).to.equal('');
    expect(stored()).to.equal(null);
  });

  it('stamps a draft when it is written, so it expires 30 days after the last change', async () => {
    const el = await open();
    const before = Date.now();
    const input = $(el, '#title') as HTMLInputElement;
    input.value = 'Fresh';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const saved = stored()!['saved'] as number;
    expect(saved).to.be.a('number');
    expect(saved).to.be.within(before, Date.now());
  });

  it('sweeps expired and unreadable drafts of every article and endpoint, and nothing else', async () => {
    store(OTHER, draft(45, 'old one'));
    store('some-other-article', draft(2, 'recent one'));
    store(SLUG, draft(60), 'https://another.example/api/v1');
    store('broken', '{not json');
    store('array', [1, 2]);
    store('number', 42);
    store('bad-date', { ...draft(1), saved: 'yesterday' });
    localStorage.setItem('partner:own-key', 'theirs');
    await open();
    const left = Object.keys(localStorage).sort();
    expect(left).to.deep.equal(['partner:own-key', idFor('some-other-article')].sort());
    expect(localStorage.getItem('partner:own-key')).to.equal('theirs');
  });

  it('ignores a corrupt draft for its own article: an empty form, no error', async () => {
    const warnings = captureWarnings();
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);
    try {
      for (const corrupt of ['{"title": 1', 'null', '"text"', '{"saved": {}}', '[]']) {
        store(SLUG, corrupt);
        const el = await open();
        expect(value(el, 'title')).to.equal('');
        expect(value(el, 'body')).to.equal('');
        expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
        el.remove();
      }
    } finally {
      window.removeEventListener('error', onError);
      warnings.restore();
    }
    expect(errors).to.deep.equal([]);
    expect(stored()).to.equal(null);
  });

  it('keeps a draft stored before drafts expired, counting from now', async () => {
    store(SLUG, draft(undefined));
    const before = Date.now();
    const el = await open();
    expect(value(el, 'title')).to.equal('Kept for later');
    expect(stored()!['saved']).to.be.within(before, Date.now());
  });

  it('removes the draft’s text from storage once the comment is posted, keeping only its deletion token', async () => {
    await configureServer({ moderation: false });
    store(SLUG, draft(3, 'Posted from a kept draft'));
    const el = await open();
    expect(value(el, 'title')).to.equal('Posted from a kept draft');
    const post = $$(el, 'button').find((b) => b.textContent!.trim() === 'Post comment')!;
    post.click();
    await waitUntil(() => value(el, 'title') === '', 'the form was never cleared', {
      timeout: 10_000,
    });
    // What stays is what lets the reader delete their comment for 24 hours, nothing more.
    const kept = stored()!;
    expect([kept['title'], kept['author'], kept['body'], kept['key']]).to.deep.equal([
      '',
      '',
      '',
      '',
    ]);
    const own = kept['own'] as Array<{ id: string; token: string; expires: string }>;
    expect(own.map((o) => o.id)).to.deep.equal([
      el.shadowRoot!.querySelector<HTMLElement>('.mine article')!.dataset['id'],
    ]);
    expect(Date.parse(own[0]!.expires)).to.be.greaterThan(Date.now());
    expect(
      Object.keys(localStorage).filter((k) => k.startsWith('mhn-widgets:draft:')),
    ).to.have.length(1);
  });
});
