/**
 * `comments/<article-slug>.yaml`: the comments the store is seeded with for an article.
 * Either a list of comments, or a mapping with `comments` (that list) and/or `generate`
 * (a number of deterministic placeholder comments, for long demo threads).
 */
import { Reader } from './reader.js';
import type { SeedComment } from './types.js';

const HELPS = [
  'a short walk before work',
  'calling my sister on Sundays',
  'writing three lines in a journal',
  'cooking one proper meal a day',
  'turning my phone off an hour before bed',
  'a weekly coffee with a neighbour',
  'breathing slowly for a minute',
  'tidying one small corner',
  'playing music while I clean',
  'volunteering at the library',
  'stretching when I wake up',
  'noting one thing that went well',
];
const NAMES = ['Alex', 'Morgan', '', 'Jordan P.', null, 'Casey', 'Riley', 'Sam T.'];

/**
 * `count` placeholder comments, oldest first, 797 minutes apart from 2014-06-01 08:00 UTC.
 * Every fourth shares its timestamp with the one before, so pagination must break ties
 * by id. The same sequence as the demo server's `generateComments`.
 */
export function generateComments(count: number): SeedComment[] {
  const start = Date.parse('2014-06-01T08:00:00Z');
  const stepMs = 797 * 60_000;
  return Array.from({ length: count }, (_, i) => {
    const slot = i % 4 === 3 ? i - 1 : i;
    return {
      title: `Reader note #${i + 1}`,
      author: NAMES[i % NAMES.length] ?? null,
      created: new Date(start + slot * stepMs).toISOString(),
      body: `What helps me on a hard day: ${HELPS[i % HELPS.length] ?? ''}.`,
    };
  });
}

const MAX_GENERATED = 100_000;

export function readComments(r: Reader): SeedComment[] {
  const out: SeedComment[] = [];
  const root = r.get([]);
  let listPath: (string | number)[] = [];
  if (!Array.isArray(root)) {
    if (!r.map([], true, ['comments', 'generate'])) return out;
    listPath = ['comments'];
  }
  r.list(listPath, false)?.forEach((_, i) => {
    const at = [...listPath, i];
    if (!r.map(at, true, ['title', 'author', 'created', 'body'])) return;
    const title = r.text([...at, 'title'], true);
    const author = r.text([...at, 'author'], false) ?? null;
    const created = r.date([...at, 'created'], true);
    const body = r.string([...at, 'body'], true);
    if (created !== undefined && !created.includes('T')) {
      r.problem(
        [...at, 'created'],
        `created "${created}" needs a time as well (2016-01-08T12:00:00Z)`,
      );
      return;
    }
    if (title !== undefined && created !== undefined && body !== undefined) {
      out.push({ title, author, created, body });
    }
  });
  if (!Array.isArray(root) && r.has(['generate'])) {
    const count = r.number(['generate'], false, 0, MAX_GENERATED);
    if (count !== undefined && !Number.isInteger(count)) {
      r.problem(['generate'], `generate must be a whole number, not ${count}`);
    } else if (count !== undefined) {
      out.push(...generateComments(count));
    }
  }
  return out;
}
