// Writes custom-elements.json from the JSDoc in src/ with the custom-elements-manifest
// analyzer, and from it docs/api.md and the editors' data: vscode.html-custom-data.json
// (VS Code's `html.customData`) and web-types.json (JetBrains IDEs, referenced by
// package.json's "web-types"), both made by the custom-elements-manifest ecosystem's
// generators. `--check` fails when any committed file is stale (npm test runs it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getVsCodeHtmlCustomData } from 'custom-element-vs-code-integration';
import { getWebTypesData } from 'custom-element-jet-brains-integration';
import { renderApiDocs } from './api-docs.mjs';

/** The widgets' only public methods are Lit's own: the editors list none. */
const EDITOR_OPTIONS = { hideMethodDocs: true };

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
    'vscode.html-custom-data.json': editorData(getVsCodeHtmlCustomData(manifest, EDITOR_OPTIONS)),
    'web-types.json': editorData(getWebTypesData(manifest, EDITOR_OPTIONS)),
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
      console.error(`${stale.join(', ')} stale: run \`npm run build\` and commit.`);
      process.exit(1);
    }
    console.log(`${Object.keys(outputs).join(', ')} are up to date.`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

/** The generators' JSON, formatted like every other JSON file here. */
function editorData(json) {
  return JSON.stringify(JSON.parse(json), null, 2) + '\n';
}
