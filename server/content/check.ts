/**
 * `mhn-content-api check DIR`: loads a content folder the way the service would and
 * prints every problem as `file:line: what is wrong` (exit 1), or a one-line summary
 * and any warnings, `file: warning: …` on standard error (exit 0).
 */
import path from 'node:path';
import { loadContent } from './load.js';
import type { ContentSnapshot, Problem } from './types.js';

export interface ContentSummary {
  articles: number;
  topics: number;
  sections: number;
  sectionItems: number;
  therapists: number;
  postalAreas: number;
  seedComments: number;
}

export function summarize(content: ContentSnapshot): ContentSummary {
  const sections = [...content.topics.values()].flatMap((t) => t.sections);
  return {
    articles: content.articles.size,
    topics: content.topics.size,
    sections: sections.length,
    sectionItems: sections.reduce((sum, s) => sum + s.items.length, 0),
    therapists: content.therapists.length,
    postalAreas: content.postalAreas.size,
    seedComments: [...content.comments.values()].reduce((sum, list) => sum + list.length, 0),
  };
}

/**
 * What a folder that can be served probably should not lack: printed by `check` as
 * warnings (exit 0) and logged by the service when it starts or reloads.
 */
export function contentWarnings(content: ContentSnapshot): Problem[] {
  const phrases = content.safety.reduce((sum, list) => sum + list.phrases.length, 0);
  if (phrases > 0) return [];
  return [
    {
      file: 'safety',
      line: 0,
      message:
        'no safety lists (safety/<language>.txt): comments are not checked for self-harm or ' +
        'suicide, so a reader in crisis is not held for a person nor shown the crisis lines; ' +
        'copy safety/ from the sample content (content/README.md)',
    },
  ];
}

/**
 * Checks a content folder: its problems (none when it can be served) and, if none, what
 * it holds and what it probably should not lack.
 */
export async function checkContent(
  dir: string,
): Promise<{ problems: Problem[]; summary: ContentSummary | null; warnings: Problem[] }> {
  const result = await loadContent(dir);
  return result.ok
    ? {
        problems: [],
        summary: summarize(result.content),
        warnings: contentWarnings(result.content),
      }
    : { problems: result.problems, summary: null, warnings: [] };
}

/**
 * `file:line: message`. With `dir`, the file is shown under it (as given on the
 * command line), so an editor or terminal can open it; line 0 (a whole-file problem)
 * is left out.
 */
export function formatProblem(problem: Problem, dir?: string): string {
  const file =
    dir === undefined || path.isAbsolute(problem.file)
      ? problem.file
      : path.join(dir, problem.file);
  return problem.line > 0
    ? `${file}:${problem.line}: ${problem.message}`
    : `${file}: ${problem.message}`;
}

/** `file: warning: message`, one line each. */
export function formatWarnings(warnings: readonly Problem[], dir?: string): string {
  return warnings
    .map((w) => `${formatProblem({ ...w, message: `warning: ${w.message}` }, dir)}\n`)
    .join('');
}

export function formatProblems(problems: readonly Problem[], dir?: string): string {
  const lines = problems.map((p) => formatProblem(p, dir));
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `${lines.join('\n')}\n${count} found.\n`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function formatSummary(dir: string, s: ContentSummary): string {
  return (
    `${dir}: no problems — ${plural(s.articles, 'article')}, ${plural(s.topics, 'topic')} ` +
    `(${plural(s.sections, 'section')}, ${plural(s.sectionItems, 'item')}), ` +
    `${plural(s.therapists, 'therapist')}, ${plural(s.postalAreas, 'postal area')}, ` +
    `${plural(s.seedComments, 'seed comment')}.\n`
  );
}

export interface CheckIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const USAGE = 'usage: mhn-content-api check DIR\n';

/**
 * The `check` command: `argv` is what follows `check` on the command line. Resolves to
 * the exit code: 0 fine, 1 problems found, 2 a usage mistake.
 */
export async function runCheck(argv: readonly string[], io: CheckIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(
      `${USAGE}Checks a content folder (see content/README.md) and prints every problem as file:line: message.\n`,
    );
    return 0;
  }
  if (argv.length !== 1 || argv[0] === undefined || argv[0].startsWith('-')) {
    io.stderr.write(USAGE);
    return 2;
  }
  const dir = argv[0];
  const { problems, summary, warnings } = await checkContent(dir);
  if (problems.length > 0 || !summary) {
    io.stderr.write(formatProblems(problems, dir));
    return 1;
  }
  io.stdout.write(formatSummary(dir, summary));
  io.stderr.write(formatWarnings(warnings, dir));
  return 0;
}
