// Writes custom-elements.json from the JSDoc in src/ with the custom-elements-manifest
// analyzer, then formats it so that the committed file is stable. `--check` fails when
// the committed manifest is stale (used by npm test).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  const fresh =
    JSON.stringify(JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')), null, 2) +
    '\n';
  const target = join(root, 'custom-elements.json');
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (check) {
    if (current !== fresh) {
      console.error('custom-elements.json is stale: run `npm run build` and commit it.');
      process.exit(1);
    }
    console.log('custom-elements.json is up to date.');
  } else if (current !== fresh) {
    writeFileSync(target, fresh);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
