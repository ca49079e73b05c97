// npm test step: docs/openapi.yaml is a valid OpenAPI 3.1 document (checked against the
// official schema by @seriousme/openapi-schema-validator, every $ref resolved), every
// schema in it compiles in a strict JSON Schema 2020-12 validator (Ajv), and every
// example matches the schema it illustrates.
import { Validator } from '@seriousme/openapi-schema-validator';
import {
  createOpenApiAjv,
  deref,
  operations,
  pointer,
  readOpenApi,
  OPENAPI_FILE,
} from './openapi.mjs';

const problems = [];
const validator = new Validator();
const result = await validator.validate(OPENAPI_FILE);
if (!result.valid) {
  problems.push(`not a valid OpenAPI document:\n${JSON.stringify(result.errors, null, 2)}`);
} else if (validator.version !== '3.1') {
  problems.push(`expected OpenAPI 3.1, found ${validator.version}`);
} else {
  try {
    validator.resolveRefs();
  } catch (error) {
    problems.push(`unresolvable $ref: ${error instanceof Error ? error.message : error}`);
  }
}

const document = readOpenApi();
const ajv = createOpenApiAjv(document);

/**
 * @param {string} ref
 * @param {unknown} value
 * @param {string} what
 */
function check(ref, value, what) {
  let validate;
  try {
    validate = ajv.compile({ $ref: ref });
  } catch (error) {
    problems.push(
      `${what}: the schema does not compile: ${error instanceof Error ? error.message : error}`,
    );
    return;
  }
  if (!validate(value)) problems.push(`${what}: ${ajv.errorsText(validate.errors)}`);
}

for (const [name, schema] of Object.entries(document.components.schemas)) {
  const ref = pointer('components', 'schemas', name);
  try {
    ajv.compile({ $ref: ref });
  } catch (error) {
    problems.push(
      `schema ${name} does not compile: ${error instanceof Error ? error.message : error}`,
    );
    continue;
  }
  for (const [i, example] of (schema.examples ?? []).entries()) {
    check(ref, example, `schema ${name} example ${i}`);
  }
}

/**
 * @param {any} media a media type object
 * @param {Array<string | number>} at its path in the document
 * @param {string} what
 */
function checkMedia(media, at, what) {
  if (!media?.schema) return;
  for (const [name, example] of Object.entries(media.examples ?? {})) {
    check(
      pointer(...at, 'schema'),
      deref(document, example, []).node.value,
      `${what} example "${name}"`,
    );
  }
}

let examples = 0;
for (const { method, path, operation, id, at } of operations(document)) {
  const what = `${method.toUpperCase()} ${path} (${id ?? 'no operationId'})`;
  if (!id) problems.push(`${what}: no operationId`);
  for (const [i, raw] of (operation.parameters ?? []).entries()) {
    const { node: parameter, at: pAt } = deref(document, raw, [...at, 'parameters', i]);
    const values = [
      ...('example' in parameter ? [parameter.example] : []),
      ...Object.values(parameter.examples ?? {}).map((e) => /** @type {any} */ (e).value),
    ];
    for (const value of values)
      check(pointer(...pAt, 'schema'), value, `${what} parameter ${parameter.name} example`);
  }
  const body = operation.requestBody?.content?.['application/json'];
  if (body) {
    checkMedia(body, [...at, 'requestBody', 'content', 'application/json'], `${what} request`);
    examples += Object.keys(body.examples ?? {}).length;
  }
  for (const [status, raw] of Object.entries(operation.responses)) {
    const { node: response, at: rAt } = deref(document, raw, [...at, 'responses', status]);
    const media = response.content?.['application/json'];
    if (media) {
      if (!media.examples || Object.keys(media.examples).length === 0) {
        problems.push(`${what} ${status}: no example`);
      }
      examples += Object.keys(media.examples ?? {}).length;
      checkMedia(media, [...rAt, 'content', 'application/json'], `${what} ${status}`);
    }
  }
}

if (problems.length) {
  console.error(`${OPENAPI_FILE}:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `docs/openapi.yaml: valid OpenAPI ${validator.version}, ${operations(document).length} operations, ` +
    `${Object.keys(document.components.schemas).length} schemas, ${examples} operation examples checked.`,
);
