/**
 * Loading a content folder: every file read and checked, references between files
 * resolved, and either an immutable snapshot or the full list of problems.
 *
 *   site.yaml              the publisher's facts (required)
 *   articles/*.md|*.html   one article per file, front matter + body
 *   topics/*.yaml          one topic per file, with its sections and their items
 *   therapists.yaml        the therapist finder's list
 *   postal-areas.yaml      where postal areas are
 *   comments/<slug>.yaml   seed comments for an article
 *   safety/<language>.txt  self-harm and suicide phrases the safety check holds
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { readArticle, type ArticleDraft } from './articles.js';
import { readComments } from './comments.js';
import { readModeration } from './moderation.js';
import { parseSafetyList, type SafetyList } from '../moderation/safety.js';
import { Reader } from './reader.js';
import { readSite } from './site.js';
import { parseYaml } from './source.js';
import { readPostalAreas, readTherapists } from './therapists.js';
import { readTopic, type TopicDraft } from './topics.js';
import type {
  Article,
  ContentSnapshot,
  LoadResult,
  PostalArea,
  Problem,
  SectionItem,
  SeedComment,
  Site,
  Therapist,
  Topic,
} from './types.js';

const YAML_FILE = /\.ya?ml$/;
const ARTICLE_FILE = /\.(md|html)$/;
const TEXT_FILE = /\.txt$/;

/** Files in `sub` (relative to `dir`) whose names match, sorted; [] when `sub` is absent. */
async function listFiles(
  dir: string,
  sub: string,
  pattern: RegExp,
  problems: Problem[],
): Promise<string[]> {
  try {
    const entries = await readdir(path.join(dir, sub), { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && pattern.test(e.name) && !e.name.startsWith('.'))
      .map((e) => `${sub}/${e.name}`)
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      problems.push({
        file: sub,
        line: 0,
        message: `the folder cannot be read (${code ?? String(error)})`,
      });
    }
    return [];
  }
}

/** A file's text, or null (with a problem unless the file is optional) when it is absent. */
async function readText(
  dir: string,
  file: string,
  problems: Problem[],
  required: boolean,
): Promise<string | null> {
  try {
    return await readFile(path.join(dir, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (required) problems.push({ file, line: 0, message: 'the file is missing' });
      return null;
    }
    problems.push({ file, line: 0, message: `the file cannot be read (${code ?? String(error)})` });
    return null;
  }
}

/** Parses a YAML file into a Reader, or null when it is absent or does not parse. */
async function readYaml(
  dir: string,
  file: string,
  problems: Problem[],
  required: boolean,
): Promise<Reader | null> {
  const text = await readText(dir, file, problems, required);
  if (text === null) return null;
  const parsed = parseYaml(file, text);
  problems.push(...parsed.problems);
  return parsed.source ? new Reader(parsed.source, problems) : null;
}

/** The file name without folder and extension: the default slug. */
const stem = (file: string): string => path.posix.basename(file).replace(/\.[^.]+$/, '');

/** A problem about a reference, with what it refers to (`topics/<slug>`, `articles/<slug>`). */
type RefProblem = Problem & { ref?: string };

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Reports a slug used by two files, naming both. */
function indexBySlug<T extends { file: string; slugLine: number }>(
  drafts: T[],
  slugOf: (draft: T) => string,
  what: string,
  problems: Problem[],
): Map<string, T> {
  const bySlug = new Map<string, T>();
  for (const draft of drafts) {
    const slug = slugOf(draft);
    const first = bySlug.get(slug);
    if (first) {
      problems.push({
        file: draft.file,
        line: draft.slugLine,
        message: `duplicate ${what} slug "${slug}": ${first.file}:${first.slugLine} uses it too`,
      });
    } else {
      bySlug.set(slug, draft);
    }
  }
  return bySlug;
}

/**
 * Loads and checks the content folder `dir`. Every problem in every file is reported;
 * the snapshot is returned only when there are none.
 */
export async function loadContent(dir: string): Promise<LoadResult> {
  const root = path.resolve(dir);
  const problems: Problem[] = [];
  try {
    await readdir(root);
  } catch {
    return {
      ok: false,
      problems: [
        { file: root, line: 0, message: 'the content folder does not exist or cannot be read' },
      ],
    };
  }

  const [articleFiles, topicFiles, commentFiles, safetyFiles] = await Promise.all([
    listFiles(root, 'articles', ARTICLE_FILE, problems),
    listFiles(root, 'topics', YAML_FILE, problems),
    listFiles(root, 'comments', YAML_FILE, problems),
    listFiles(root, 'safety', TEXT_FILE, problems),
  ]);

  const siteReader = await readYaml(root, 'site.yaml', problems, true);
  const site = siteReader ? readSite(siteReader) : undefined;
  const moderation = siteReader ? readModeration(siteReader) : undefined;

  const safety: SafetyList[] = [];
  for (const file of safetyFiles) {
    const text = await readText(root, file, problems, true);
    if (text !== null) safety.push(parseSafetyList(file, text, problems));
  }

  // Files that could not be read are already reported; references to them are not
  // reported again as missing.
  const unreadable = new Set<string>();
  const articleDrafts: ArticleDraft[] = [];
  for (const file of articleFiles) {
    const text = await readText(root, file, problems, true);
    const draft = text === null ? null : readArticle(file, text, problems);
    if (draft) articleDrafts.push(draft);
    else unreadable.add(`articles/${stem(file)}`);
  }

  const topicDrafts: TopicDraft[] = [];
  for (const file of topicFiles) {
    const reader = await readYaml(root, file, problems, true);
    const draft = reader ? readTopic(reader) : null;
    if (draft) topicDrafts.push(draft);
    else unreadable.add(`topics/${stem(file)}`);
  }

  const therapistReader = await readYaml(root, 'therapists.yaml', problems, false);
  const therapists: Therapist[] = therapistReader ? readTherapists(therapistReader) : [];
  const postalReader = await readYaml(root, 'postal-areas.yaml', problems, false);
  const postalAreas = postalReader ? readPostalAreas(postalReader) : new Map<string, PostalArea>();

  const articleDraftsBySlug = indexBySlug(
    articleDrafts,
    (d) => d.article.slug,
    'article',
    problems,
  );
  const topicDraftsBySlug = indexBySlug(topicDrafts, (d) => d.slug, 'topic', problems);
  const refProblems: RefProblem[] = [];
  const articles = resolveArticles(articleDraftsBySlug, topicDraftsBySlug, refProblems);
  const topics = resolveTopics(topicDraftsBySlug, articles, refProblems);
  problems.push(
    ...refProblems
      .filter((p) => !p.ref || !unreadable.has(p.ref))
      .map(({ file, line, message }) => ({ file, line, message })),
  );

  const comments = new Map<string, SeedComment[]>();
  for (const file of commentFiles) {
    const reader = await readYaml(root, file, problems, true);
    if (!reader) continue;
    const slug = stem(file);
    const list = readComments(reader);
    if (unreadable.has(`articles/${slug}`)) continue;
    if (!articles.has(slug)) {
      problems.push({ file, line: 0, message: `there is no article "${slug}" for these comments` });
    } else {
      comments.set(slug, list);
    }
  }

  if (problems.length > 0 || !site || !moderation) {
    if (problems.length === 0)
      problems.push({ file: 'site.yaml', line: 0, message: 'the site cannot be read' });
    return { ok: false, problems: sortProblems(problems) };
  }
  const content: ContentSnapshot = {
    dir: root,
    site: deepFreeze<Site>(site),
    articles: articles as ReadonlyMap<string, Article>,
    topics: topics as ReadonlyMap<string, Topic>,
    therapists: deepFreeze(therapists),
    postalAreas,
    comments,
    moderation: deepFreeze(moderation.settings),
    moderationGiven: deepFreeze(moderation.given),
    safety: deepFreeze(safety),
  };
  for (const map of [articles, topics, postalAreas, comments] as Map<string, unknown>[]) {
    for (const value of map.values()) deepFreeze(value);
  }
  return { ok: true, content: Object.freeze(content) };
}

function resolveArticles(
  drafts: Map<string, ArticleDraft>,
  topics: Map<string, TopicDraft>,
  problems: RefProblem[],
): Map<string, Article> {
  const out = new Map<string, Article>();
  for (const [slug, draft] of drafts) {
    let article: Article = { ...draft.article };
    if (draft.topic) {
      const topic = topics.get(draft.topic.slug);
      if (!topic) {
        problems.push({
          file: draft.file,
          line: draft.topic.line,
          ref: `topics/${draft.topic.slug}`,
          message: `topic "${draft.topic.slug}" does not exist (no topics/${draft.topic.slug}.yaml)`,
        });
      } else {
        // The article names its topic as readers of its language know it.
        article = {
          ...article,
          topic: { slug: topic.slug, title: draft.topic.title ?? topic.title },
        };
      }
    }
    out.set(slug, article);
  }
  return out;
}

function resolveTopics(
  drafts: Map<string, TopicDraft>,
  articles: Map<string, Article>,
  problems: RefProblem[],
): Map<string, Topic> {
  const out = new Map<string, Topic>();
  for (const [slug, draft] of drafts) {
    const related: Topic['related'] = [];
    for (const ref of draft.related) {
      const other = drafts.get(ref.slug);
      if (!other) {
        problems.push({
          file: draft.file,
          line: ref.line,
          ref: `topics/${ref.slug}`,
          message: `related topic "${ref.slug}" does not exist (no topics/${ref.slug}.yaml)`,
        });
        continue;
      }
      related.push(
        other.url === undefined
          ? { slug: other.slug, title: other.title }
          : { slug: other.slug, title: other.title, url: other.url },
      );
    }
    const sections = draft.sections.map((section) => ({
      id: section.id,
      title: section.title,
      items: section.items.flatMap((item): SectionItem[] => {
        if (!('article' in item)) return [item];
        const article = articles.get(item.article);
        if (!article) {
          problems.push({
            file: draft.file,
            line: item.line,
            ref: `articles/${item.article}`,
            message: `article "${item.article}" does not exist (no articles/${item.article}.md or .html)`,
          });
          return [];
        }
        const date = article.updated ?? article.published;
        return [
          {
            title: article.title,
            url: article.url,
            kind: 'article',
            ...(date === undefined ? {} : { date }),
            ...(item.summary === undefined ? {} : { summary: item.summary }),
            articleSlug: article.slug,
          },
        ];
      }),
    }));
    const topic: Topic = { slug, title: draft.title, sections, related };
    out.set(slug, draft.url === undefined ? topic : { ...topic, url: draft.url });
  }
  return out;
}

/** By file, then line, so the report reads top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
