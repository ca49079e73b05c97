// The OpenAPI document (docs/openapi.yaml) as data, and an Ajv 2020 instance that knows
// its schemas: the lint script and the server tests both validate through this, so
// they read the document exactly as a 2020-12 validator (and the Fastify service) does.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

const addFormats = /** @type {any} */ (addFormatsModule);

export const OPENAPI_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'docs',
  'openapi.yaml',
);

/** The id the document is registered under: refs are `openapi#/components/schemas/Site`. */
export const DOCUMENT_ID = 'openapi';

/** The Object keys of an OpenAPI document that are not JSON Schema keywords. */
const OPENAPI_ROOT_KEYS = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'paths',
  'webhooks',
  'components',
  'security',
  'tags',
  'externalDocs',
];

/** @returns {any} */
export function readOpenApi(file = OPENAPI_FILE) {
  return parse(readFileSync(file, 'utf8'));
}

/**
 * An Ajv 2020 (strict) that has the whole document under DOCUMENT_ID, so that any
 * JSON pointer into it can be compiled: `ajv.compile({ $ref: 'openapi#/…' })`.
 *
 * @param {any} document
 */
export function createOpenApiAjv(document) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(OPENAPI_ROOT_KEYS);
  ajv.addSchema(document, DOCUMENT_ID);
  return ajv;
}

/** The JSON pointer of a path in the document, escaped. */
export function pointer(/** @type {Array<string | number>} */ ...parts) {
  return `${DOCUMENT_ID}#/${parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

/**
 * Follows a local `$ref` (`#/components/…`) to the object it names, with its own
 * pointer; anything else is returned as it is.
 *
 * @param {any} document
 * @param {any} node
 * @param {Array<string | number>} at the node's path in the document
 * @returns {{ node: any, at: Array<string | number> }}
 */
export function deref(document, node, at) {
  let current = { node, at };
  while (
    current.node &&
    typeof current.node.$ref === 'string' &&
    Object.keys(current.node).length === 1
  ) {
    const parts = current.node.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
    current = { node: parts.reduce((o, p) => o?.[p], document), at: parts };
    if (current.node === undefined) throw new Error(`Unresolved $ref ${node.$ref}`);
  }
  return current;
}

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Every operation: its method, path, operationId and the document path of the operation.
 *
 * @param {any} document
 */
export function operations(document) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      method,
      path,
      operation: item[method],
      id: /** @type {string} */ (item[method].operationId),
      at: ['paths', path, method],
    })),
  );
}
