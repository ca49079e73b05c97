// npm test: every check the project has, in order, in one command —
// lint and format, type-check, the OpenAPI document, the committed custom-elements.json,
// the build, the package's typings as consumers see them (test/types), the Content API
// service's tests (Node; on SQLite, then on PostgreSQL; test/server/openapi.test.js checks
// it against the OpenAPI document), the widgets' tests (real Chromium) and the end-to-end
// tests (the demo from `npm start`, the built bundle).
// Every step runs even when an earlier one failed (except those that need the build),
// and a summary lists what failed.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const bin = (name) => join(root, 'node_modules', '.bin', name);

const steps = [
  { name: 'lint (eslint)', cmd: bin('eslint'), args: ['.'] },
  {
    name: 'format (prettier --check)',
    cmd: bin('prettier'),
    args: ['--check', '.', '--log-level', 'warn'],
  },
  { name: 'type-check (src)', cmd: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.json'] },
  { name: 'type-check (tests)', cmd: bin('tsc'), args: ['--noEmit', '-p', 'test/tsconfig.json'] },
  {
    name: 'OpenAPI document is valid (docs/openapi.yaml)',
    cmd: node,
    args: ['scripts/openapi-lint.mjs'],
  },
  { name: 'custom-elements.json is current', cmd: node, args: ['scripts/manifest.mjs', '--check'] },
  { name: 'build', cmd: node, args: ['scripts/build.mjs'], required: true },
  {
    name: 'type tests (consumer projects: TS, React TSX, Vue SFC)',
    cmd: node,
    args: ['scripts/type-tests.mjs'],
  },
  {
    name: 'Content API service tests, SQLite (node --test)',
    cmd: node,
    args: ['--test', '--test-reporter=spec', 'test/server/'],
  },
  {
    name: 'Content API service tests, PostgreSQL (node --test)',
    cmd: node,
    args: ['--test', '--test-reporter=spec', 'test/server/'],
    env: { MHN_TEST_STORE: 'postgres' },
  },
  { name: 'browser available', cmd: node, args: ['scripts/ensure-browser.mjs'], required: true },
  { name: 'widget tests (web-test-runner, Chromium)', cmd: bin('web-test-runner'), args: [] },
  {
    name: 'end-to-end tests (node --test, Chromium)',
    cmd: node,
    args: ['--test', '--test-reporter=spec', 'test/e2e/'],
  },
];

const results = [];
for (const step of steps) {
  console.log(`\n━━ ${step.name}`);
  const started = Date.now();
  const { status, error } = spawnSync(step.cmd, step.args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0', ...step.env },
  });
  const ok = status === 0 && !error;
  if (error) console.error(error.message);
  results.push({ name: step.name, ok, seconds: (Date.now() - started) / 1000 });
  if (!ok && step.required) {
    console.error(`\n${step.name} failed: the remaining steps need it.`);
    break;
  }
}

console.log('\n━━ summary');
for (const r of results)
  console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}  (${r.seconds.toFixed(1)} s)`);
const failed = results.filter((r) => !r.ok).length + (steps.length - results.length);
console.log(
  failed ? `\n${failed} of ${steps.length} steps failed.` : `\nAll ${steps.length} steps passed.`,
);
process.exit(failed ? 1 : 0);
