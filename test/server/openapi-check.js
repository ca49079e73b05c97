/**
 * The OpenAPI document's own validator for responses, shared by the tests that drive the
 * service (openapi.test.js for the public API, admin-*.test.js for the admin API):
 * `expectDocumented(res, operationId, status)` checks the status, the documented headers,
 * the content type and the body against docs/openapi.yaml (schemas closed: nothing
 * undocumented may be sent), and records the pair in `covered`.
 */
import assert from 'node:assert/strict';
import {
  createOpenApiAjv,
  deref,
  operations,
  pointer,
  readOpenApi,
} from '../../scripts/openapi.mjs';

export const document = readOpenApi();
const ajv = createOpenApiAjv(closeObjects(structuredClone(document)));
/** @type {Map<string, import('ajv').ValidateFunction>} */
const compiled = new Map();
/** `operationId status` pairs that a response validated against. */
export const covered = new Set();

/**
 * Sets `additionalProperties: false` on every object schema (with `properties`) of
 * components.schemas that does not say otherwise.
 *
 * @param {any} doc
 */
function closeObjects(doc) {
  /** @param {any} node */
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.properties && node.type === 'object' && !('additionalProperties' in node)) {
        node.additionalProperties = false;
      }
      Object.values(node).forEach(walk);
    }
  };
  walk(doc.components.schemas);
  return doc;
}

/** @param {string} ref */
export function validator(ref) {
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    compiled.set(ref, validate);
  }
  return validate;
}

/**
 * @param {string} ref
 * @param {unknown} value
 * @param {string} what
 */
export function assertValid(ref, value, what) {
  const validate = validator(ref);
  assert.ok(
    validate(value),
    `${what} does not match ${ref}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)?.slice(0, 500)}`,
  );
}

/**
 * The documented response of an operation (by operationId) or a shared one
 * (`#/components/responses/Name`, for answers to paths and methods no operation has).
 *
 * @param {string} target
 * @param {number} status
 */
function documentedResponse(target, status) {
  if (target.startsWith('#/components/responses/')) {
    return deref(document, { $ref: target }, []);
  }
  const op = operations(document).find((o) => o.id === target);
  assert.ok(op, `no operation ${target} in the document`);
  const raw = op.operation.responses[String(status)];
  assert.ok(raw, `${target} does not document a ${status} response`);
  return deref(document, raw, [...op.at, 'responses', String(status)]);
}

/**
 * Asserts a response is exactly what the document says for `target` and `status`:
 * the status, every required header (and every documented header's value), the
 * content type and the body. Returns the parsed body (or null).
 *
 * @param {Response} res
 * @param {string} target operationId, or a components.responses ref
 * @param {number} status
 */
export async function expectDocumented(res, target, status) {
  const text = await res.text();
  assert.equal(res.status, status, `${target}: expected ${status}, got ${res.status}: ${text}`);
  const { node: response, at } = documentedResponse(target, status);
  for (const [name, raw] of Object.entries(response.headers ?? {})) {
    const { node: header, at: hAt } = deref(document, raw, [...at, 'headers', name]);
    const value = res.headers.get(name);
    if (value === null) {
      assert.ok(!header.required, `${target} ${status}: the ${name} header is missing`);
      continue;
    }
    assertValid(pointer(...hAt, 'schema'), value, `${target} ${status}: header ${name}`);
  }
  let body = null;
  const media = response.content?.['application/json'];
  if (media) {
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    body = JSON.parse(text);
    assertValid(
      pointer(...at, 'content', 'application/json', 'schema'),
      body,
      `${target} ${status}: body`,
    );
  } else {
    assert.equal(text, '', `${target} ${status}: no body is documented`);
  }
  covered.add(`${target} ${status}`);
  return body;
}

/** Operations of the admin API (tag `admin`), which admin-*.test.js cover. */
export const isAdminOperation = (/** @type {any} */ operation) =>
  (operation.tags ?? []).includes('admin');

/** The admin's settings calls, which admin-settings.test.js covers. */
export const ADMIN_SETTINGS_OPERATIONS = new Set(['adminGetSettings', 'adminUpdateSettings']);
/** The admin's moderator calls, which admin-moderators.test.js covers. */
export const ADMIN_MODERATOR_OPERATIONS = new Set([
  'adminListModerators',
  'adminAddModerator',
  'adminUpdateModerator',
  'adminRemoveModerator',
]);
/** Both: the admin operations that admin-api.test.js leaves to those files. */
export const ADMIN_SITE_OPERATIONS = new Set([
  ...ADMIN_SETTINGS_OPERATIONS,
  ...ADMIN_MODERATOR_OPERATIONS,
]);
