/**
 * `articles/*.md` and `articles/*.html`: front matter for the article's fields, the
 * file's content for its body (Markdown rendered to HTML; HTML served as written — the
 * widgets sanitize it either way).
 */
import path from 'node:path';
import { Marked } from 'marked';
import { Reader, withOptional } from './reader.js';
import { parseYaml, splitFrontMatter } from './source.js';
import type { Article, Problem } from './types.js';

const ARTICLE_FIELDS = [
  'slug',
  'title',
  'url',
  'language',
  'topic',
  'authors',
  'published',
  'updated',
  'reviewed',
  'reviewedBy',
  'summary',
  'comments',
];

/** An article read from its file; its topic is resolved once every topic is known. */
export interface ArticleDraft {
  file: string;
  /** Line of the slug (or 1 when the slug comes from the file name). */
  slugLine: number;
  article: Omit<Article, 'topic'>;
  topic?: { slug: string; title?: string; line: number };
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(text: string): boolean {
  return SLUG.test(text);
}

const markdown = new Marked({ gfm: true });

/** Renders a Markdown body to HTML. */
export function renderMarkdown(text: string): string {
  return (markdown.parse(text, { async: false }) as string).trim();
}

/**
 * Reads one article file. `file` is relative to the content folder; problems are added
 * to `problems` and the draft is null when the article cannot be served.
 */
export function readArticle(file: string, text: string, problems: Problem[]): ArticleDraft | null {
  const split = splitFrontMatter(text);
  if (split.unclosed) {
    problems.push({ file, line: 1, message: 'the front matter opened by "---" is never closed' });
    return null;
  }
  if (split.yaml === '') {
    problems.push({
      file,
      line: 1,
      message: 'the article has no front matter (a "---" line, its fields, then "---")',
    });
    return null;
  }
  const parsed = parseYaml(file, split.yaml, split.yamlFirstLine);
  problems.push(...parsed.problems);
  if (!parsed.source) return null;
  const r = new Reader(parsed.source, problems);
  if (!r.map([], true, ARTICLE_FIELDS)) return null;

  const fileSlug = path.posix.basename(file).replace(/\.(md|html)$/, '');
  let slug = r.string(['slug'], false) ?? (r.has(['slug']) ? undefined : fileSlug);
  if (slug !== undefined && !isSlug(slug)) {
    if (r.has(['slug']))
      r.problem(['slug'], `slug "${slug}" must be lower-case letters, digits and single hyphens`);
    else
      problems.push({
        file,
        line: 1,
        message: `the file name "${fileSlug}" is not a slug; give one with slug:`,
      });
    slug = undefined;
  }
  const title = r.string(['title'], true);
  const url = r.url(['url'], true);
  const authors = r.people(['authors'], false) ?? [];
  let enabled = true;
  if (r.has(['comments'])) enabled = r.boolean(['comments'], false) ?? true;

  let topic: ArticleDraft['topic'];
  const topicValue = r.get(['topic']);
  if (typeof topicValue === 'string') {
    topic = { slug: topicValue, line: r.lineOf(['topic']) };
  } else if (r.has(['topic']) && r.map(['topic'], false, ['slug', 'title'])) {
    const topicSlug = r.string(['topic', 'slug'], true);
    const topicTitle = r.string(['topic', 'title'], false);
    if (topicSlug !== undefined) {
      topic = withOptional(
        { slug: topicSlug, line: r.lineOf(['topic', 'slug']) },
        { title: topicTitle },
      );
    }
  }

  const optional = {
    language: r.string(['language'], false),
    published: r.date(['published'], false),
    updated: r.date(['updated'], false),
    reviewed: r.date(['reviewed'], false),
    reviewedBy: r.people(['reviewedBy'], false),
    summary: r.string(['summary'], false),
  };

  if (split.body === '') problems.push({ file, line: 1, message: 'the article has no body' });
  const bodyHtml = file.endsWith('.md') ? renderMarkdown(split.body) : split.body;

  // An article with other problems is still returned, so that its slug and topic are
  // checked against the rest of the folder too (the load fails on any problem).
  if (slug === undefined || title === undefined || url === undefined) return null;
  const article = withOptional(
    { slug, title, url, authors, bodyHtml, comments: { enabled } },
    optional,
  );
  return withOptional(
    { file, slugLine: r.has(['slug']) ? r.lineOf(['slug']) : 1, article },
    { topic },
  );
}
