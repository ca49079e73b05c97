// Type tests: small consumer projects under test/types/ compiled against the built
// package (lib/, reached through the package's own name and `exports`), with
// `skipLibCheck: false`. Lines that must compile do; `@ts-expect-error` /
// `@vue-expect-error` lines must fail (an unused one is an error), so a typing that gets
// too loose fails here as surely as one that gets wrong.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

if (!existsSync(join(root, 'lib', 'index.d.ts'))) {
  console.error('No lib/: run `npm run build` first.');
  process.exit(1);
}

const projects = [
  ['plain TypeScript, main entry', 'tsc', 'test/types/plain'],
  ["plain TypeScript, one element's define.js", 'tsc', 'test/types/per-widget'],
  ['React 19 TSX (raw tags and mhn-widgets/react)', 'tsc', 'test/types/react'],
  ['Vue 3 SFC (vue-tsc)', 'vue-tsc', 'test/types/vue'],
];

let failed = 0;
for (const [name, tool, project] of projects) {
  const { status } = spawnSync(bin(tool), ['-p', project], { cwd: root, stdio: 'inherit' });
  console.log(`${status === 0 ? 'ok  ' : 'FAIL'}  ${name} (${tool} -p ${project})`);
  if (status !== 0) failed++;
}
console.log(
  `${projects.length - failed} of ${projects.length} type-test projects compiled as expected.`,
);
process.exit(failed ? 1 : 0);
