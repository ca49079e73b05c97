// npm run build: the npm build (lib/, ES modules + .d.ts), the script-tag bundle
// (dist/), and custom-elements.json; prints the bundle's size.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureAll } from './sizes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

rmSync(join(root, 'lib'), { recursive: true, force: true });
rmSync(join(root, 'dist'), { recursive: true, force: true });

run(bin('tsc'), ['-p', 'tsconfig.build.json']);
// The Content API service (server/), compiled with the shared contract it imports.
rmSync(join(root, 'server', 'build'), { recursive: true, force: true });
run(bin('tsc'), ['-p', join('server', 'tsconfig.json')]);
// tsc writes plain files: the command (the package's bin) must stay executable, as npm made
// it when it linked the bin, so `npx mhn-content-api` works after every build.
chmodSync(join(root, 'server', 'build', 'server', 'cli.js'), 0o755);
run(bin('rollup'), ['-c', '--silent']);
execFileSync(process.execPath, [join(root, 'scripts', 'manifest.mjs')], {
  cwd: root,
  stdio: 'inherit',
});

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const budgets = JSON.parse(readFileSync(join(root, 'size-budgets.json'), 'utf8'));
console.log('\nentry point (with its static imports)      raw       gzip      budget (gzip)');
for (const [file, size] of Object.entries(measureAll(root))) {
  const budget = budgets[file];
  const flag = budget === undefined ? '  no budget!' : size.gzip > budget ? '  OVER BUDGET' : '';
  console.log(
    `${file.padEnd(42)} ${kb(size.raw).padStart(9)} ${kb(size.gzip).padStart(9)} ${(budget === undefined ? '-' : kb(budget)).padStart(9)}${flag}`,
  );
}
