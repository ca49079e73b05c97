/**
 * `<mhn-article structured-data>`: one schema.org JSON-LD block per article in the host
 * document's <head>, shared by every widget showing that article and removed when the
 * last of them goes. Built with DOM calls, never an HTML string; its text is escaped
 * JSON, a TrustedScript from the library's own policy where Trusted Types are enforced.
 */
import type { Article, Person, Site } from '../../core/api-types.js';
import { jsonScript } from '../../core/sanitize.js';
import { safeUrl } from '../../core/urls.js';

const users = new Map<string, { script: HTMLScriptElement; count: number }>();

const person = (p: Person) => ({
  '@type': 'Person',
  name: p.name,
  ...(p.credentials ? { honorificSuffix: p.credentials } : {}),
});

/** The schema.org description of an article (MedicalWebPage, as the publisher's pages are). */
export function articleJsonLd(article: Article, site?: Site): Record<string, unknown> {
  const url = safeUrl(article.url);
  const siteUrl = safeUrl(site?.url);
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    headline: article.title,
    name: article.title,
    url,
    inLanguage: article.language,
    about: article.topic?.title,
    description: article.summary,
    author: article.authors.map(person),
    datePublished: article.published,
    dateModified: article.updated,
    lastReviewed: article.reviewed,
    reviewedBy: article.reviewedBy?.length ? article.reviewedBy.map(person) : undefined,
    publisher: site ? { '@type': 'Organization', name: site.name, url: siteUrl } : undefined,
  };
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}

/** Adds (or shares) the block for `key`; returns the function that releases it. */
export function addJsonLd(key: string, data: Record<string, unknown>): () => void {
  let entry = users.get(key);
  if (!entry) {
    const text = jsonScript(data);
    // Undefined only where the page's CSP refused our policy: no block, no violation.
    if (text === undefined) return () => undefined;
    const script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset['mhnArticle'] = key;
    script.text = text;
    document.head.append(script);
    entry = { script, count: 0 };
    users.set(key, entry);
  }
  entry.count += 1;
  const held = entry;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.count -= 1;
    if (held.count === 0) {
      held.script.remove();
      if (users.get(key) === held) users.delete(key);
    }
  };
}
