// npm run build: the npm build (lib/, ES modules + .d.ts), the script-tag bundle
// (dist/), and custom-elements.json; prints the bundle's size.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

rmSync(join(root, 'lib'), { recursive: true, force: true });
rmSync(join(root, 'dist'), { recursive: true, force: true });

run(bin('tsc'), ['-p', 'tsconfig.build.json']);
run(bin('rollup'), ['-c', '--silent']);
execFileSync(process.execPath, [join(root, 'scripts', 'manifest.mjs')], {
  cwd: root,
  stdio: 'inherit',
});

const bundle = readFileSync(join(root, 'dist', 'mhn-widgets.js'));
console.log(
  `dist/mhn-widgets.js: ${(bundle.length / 1024).toFixed(1)} KB raw, ${(gzipSync(bundle, { level: 9 }).length / 1024).toFixed(1)} KB gzip`,
);
