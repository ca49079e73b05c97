/**
 * Where the service's own files are, whatever the working directory: the repository (or
 * installed package) root, the sample content folder and the browser files the demo serves.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder that holds `server/`, `content/`, `demo/` and `dist/`. */
export const projectRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  // Compiled to server/build/server/paths.js.
  '..',
  '..',
  '..',
);

/** The sample content folder shipped in the repository. */
export const sampleContentDir = path.join(projectRoot, 'content');

/** The contract's HTTP description, which the route schemas are read from. */
export const openApiFile = path.join(projectRoot, 'docs', 'openapi.yaml');

/** The SQLite file `serve` uses by default: outside every folder the demo serves. */
export const defaultDbPath = path.join(projectRoot, 'data', 'comments.sqlite');
