/**
 * `topics/*.yaml`: a topic, its related topics (by slug) and its sections with their
 * items. An item is either a link (`title`, `url`, `kind`, optional `date`, `summary`)
 * or a reference to an article this folder serves (`article: <slug>`, optional
 * `summary`), whose title, URL and date are taken from the article.
 */
import path from 'node:path';
import { isSlug } from './articles.js';
import { Reader, describe, withOptional } from './reader.js';
import { SECTION_ITEM_KINDS, type SectionItem, type SectionItemKind } from './types.js';

const TOPIC_FIELDS = ['slug', 'title', 'url', 'related', 'sections'];
const SECTION_FIELDS = ['id', 'title', 'items'];
const LINK_FIELDS = ['title', 'url', 'kind', 'date', 'summary'];
const ARTICLE_ITEM_FIELDS = ['article', 'summary'];

export type ItemDraft = SectionItem | { article: string; summary?: string; line: number };

export interface TopicDraft {
  file: string;
  slugLine: number;
  slug: string;
  title: string;
  url?: string;
  related: { slug: string; line: number }[];
  sections: { id: string; title: string; items: ItemDraft[] }[];
}

const isKind = (value: string): value is SectionItemKind =>
  (SECTION_ITEM_KINDS as readonly string[]).includes(value);

export function readTopic(r: Reader): TopicDraft | null {
  if (!r.map([], true, TOPIC_FIELDS)) return null;
  const fileSlug = path.posix.basename(r.file).replace(/\.ya?ml$/, '');
  let slug = r.string(['slug'], false) ?? (r.has(['slug']) ? undefined : fileSlug);
  if (slug !== undefined && !isSlug(slug)) {
    r.problem(['slug'], `slug "${slug}" must be lower-case letters, digits and single hyphens`);
    slug = undefined;
  }
  const title = r.string(['title'], true);
  const url = r.url(['url'], false);

  const related: TopicDraft['related'] = [];
  r.list(['related'], false)?.forEach((_, i) => {
    const relatedSlug = r.string(['related', i], true);
    if (relatedSlug !== undefined)
      related.push({ slug: relatedSlug, line: r.lineOf(['related', i]) });
  });

  const sections: TopicDraft['sections'] = [];
  const sectionLines = new Map<string, number>();
  r.list(['sections'], true)?.forEach((_, i) => {
    const at = ['sections', i];
    if (!r.map(at, true, SECTION_FIELDS)) return;
    const id = r.string([...at, 'id'], true);
    const sectionTitle = r.string([...at, 'title'], true);
    const items = readItems(r, [...at, 'items']);
    if (id !== undefined) {
      const first = sectionLines.get(id);
      if (first !== undefined) {
        r.problem([...at, 'id'], `section id "${id}" is used twice (first on line ${first})`);
      } else {
        sectionLines.set(id, r.lineOf([...at, 'id']));
      }
    }
    if (id !== undefined && sectionTitle !== undefined) {
      sections.push({ id, title: sectionTitle, items });
    }
  });

  if (slug === undefined || title === undefined) return null;
  return withOptional(
    {
      file: r.file,
      slugLine: r.has(['slug']) ? r.lineOf(['slug']) : 1,
      slug,
      title,
      related,
      sections,
    },
    { url },
  );
}

function readItems(r: Reader, at: (string | number)[]): ItemDraft[] {
  const items: ItemDraft[] = [];
  r.list(at, false)?.forEach((_, i) => {
    const itemAt = [...at, i];
    const value = r.get(itemAt);
    const isArticleRef = typeof value === 'object' && value !== null && 'article' in value;
    if (!r.map(itemAt, true, isArticleRef ? ARTICLE_ITEM_FIELDS : LINK_FIELDS)) return;
    if (isArticleRef) {
      const article = r.string([...itemAt, 'article'], true);
      const summary = r.string([...itemAt, 'summary'], false);
      if (article !== undefined) {
        items.push(withOptional({ article, line: r.lineOf([...itemAt, 'article']) }, { summary }));
      }
      return;
    }
    const title = r.string([...itemAt, 'title'], true);
    const url = r.url([...itemAt, 'url'], true);
    const kindText = r.string([...itemAt, 'kind'], true);
    let kind: SectionItemKind | undefined;
    if (kindText !== undefined) {
      if (isKind(kindText)) kind = kindText;
      else {
        r.problem(
          [...itemAt, 'kind'],
          `${describe([...itemAt, 'kind'])} "${kindText}" is not a section item kind (${SECTION_ITEM_KINDS.join(', ')})`,
        );
      }
    }
    const optional = {
      date: r.date([...itemAt, 'date'], false),
      summary: r.string([...itemAt, 'summary'], false),
    };
    if (title !== undefined && url !== undefined && kind !== undefined) {
      items.push(withOptional({ title, url, kind }, optional));
    }
  });
  return items;
}
