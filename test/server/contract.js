/**
 * The shared contract (src/contract/, TypeScript) for Node tests: bundled in memory with
 * esbuild and imported, so the tests compare the document and the server with the very
 * module the widgets and the service compile — no build needed first.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entry = fileURLToPath(new URL('../../src/contract/index.ts', import.meta.url));

/** @returns {Promise<typeof import('../../src/contract/index.js')>} */
export async function loadContract() {
  const { outputFiles } = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const code = outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}
