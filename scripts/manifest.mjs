// Writes custom-elements.json from the JSDoc in src/ with the custom-elements-manifest
// analyzer, and docs/api.md from it. `--check` fails when either committed file is
// stale (npm test runs it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderApiDocs } from './api-docs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
// The analyzer writes relative to the project folder, so the scratch folder lives there.
mkdirSync(join(root, '.cache'), { recursive: true });
const out = mkdtempSync(join(root, '.cache', 'cem-'));
try {
  execFileSync(
    join(root, 'node_modules', '.bin', 'cem'),
    [
      'analyze',
      '--config',
      'custom-elements-manifest.config.mjs',
      '--outdir',
      out.slice(root.length + 1),
      '--quiet',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
  // The analyzer lists modules in the order its file reads finish, which varies from run
  // to run; sorted by path, the same source always gives the same file.
  manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const outputs = {
    'custom-elements.json': JSON.stringify(manifest, null, 2) + '\n',
    'docs/api.md': renderApiDocs(manifest),
  };
  const stale = [];
  for (const [file, fresh] of Object.entries(outputs)) {
    const target = join(root, file);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (current === fresh) continue;
    stale.push(file);
    if (!check) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, fresh);
    }
  }
  if (check) {
    if (stale.length) {
      console.error(`${stale.join(' and ')} stale: run \`npm run build\` and commit.`);
      process.exit(1);
    }
    console.log('custom-elements.json and docs/api.md are up to date.');
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
