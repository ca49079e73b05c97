/**
 * Helpers for the content folder tests: the compiled module (npx tsc -p server/tsconfig.json)
 * and small content folders written to a temporary directory.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export * from '../../server/build/server/content/index.js';

/** A minimal valid folder: a site, one topic, one article. */
export const MINIMAL = {
  'site.yaml': 'name: Test Site\nurl: https://example.org/\n',
  'topics/calm.yaml': [
    'title: Calm',
    'url: https://example.org/topics/calm/',
    'sections:',
    '  - id: basic',
    '    title: Basic Information',
    '    items:',
    '      - article: breathing',
    '',
  ].join('\n'),
  'articles/breathing.md': [
    '---',
    'title: Breathing',
    'url: https://example.org/articles/breathing/',
    'topic: calm',
    'published: 2020-01-02',
    '---',
    '',
    'Breathe **slowly**.',
    '',
  ].join('\n'),
};

/**
 * Writes `files` (relative path -> text) into a new temporary folder.
 *
 * @param {Record<string, string>} files
 * @returns {Promise<{ dir: string, write(file: string, text: string): Promise<void>, remove(): Promise<void> }>}
 */
export async function contentFolder(files) {
  const dir = await mkdtemp(path.join(tmpdir(), 'mhn-content-'));
  /** @param {string} file @param {string} text */
  const write = async (file, text) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  };
  for (const [file, text] of Object.entries(files)) await write(file, text);
  return { dir, write, remove: () => rm(dir, { recursive: true, force: true }) };
}
