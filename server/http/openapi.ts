/**
 * Route schemas from the contract's one description of itself, docs/openapi.yaml
 * (OpenAPI 3.1, JSON Schema 2020-12): for each operation, the path and query
 * parameters, the headers and the JSON request body become the Fastify schema that
 * validates every request before a handler runs. The components are registered once
 * with an Ajv 2020 instance, which is also Fastify's validator compiler.
 */
import { readFileSync } from 'node:fs';
import type { FastifySchema } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

/** The id the components are registered under; `#/components/…` refs point into it. */
const DOCUMENT_ID = 'mhn-content-api-openapi.json';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
  $ref?: string;
}

export interface OpenApi {
  /** The Fastify schema of an operation, e.g. `('GET', '/articles/{slug}')`; {} when not described. */
  schemaOf(method: string, path: string): FastifySchema;
  /** Whether the document describes the operation. */
  has(method: string, path: string): boolean;
  /**
   * The validator compiler to hand to `app.setValidatorCompiler`: query strings, path
   * parameters and headers are text, coerced to the schema's types; a JSON body is
   * validated as sent (a number is not a title).
   */
  compile(schema: Json, httpPart: string | undefined): (data: unknown) => boolean;
}

export function loadOpenApi(file: string): OpenApi {
  const document = parse(readFileSync(file, 'utf8')) as Json;
  const components = rewriteRefs((document.components ?? {}) as Json);
  const addFormats = addFormatsModule as unknown as (instance: Ajv2020) => void;
  const makeAjv = (coerce: boolean) => {
    const ajv = new Ajv2020({
      allErrors: true,
      coerceTypes: coerce ? 'array' : false,
      useDefaults: true,
      strict: false,
    });
    addFormats(ajv);
    ajv.addSchema({ $id: DOCUMENT_ID, components }, DOCUMENT_ID);
    return ajv;
  };
  const textAjv = makeAjv(true);
  const bodyAjv = makeAjv(false);

  const paths = (document.paths ?? {}) as Record<string, Json>;
  const resolve = <T>(value: T & { $ref?: string }): T => {
    if (!value.$ref) return value;
    const pointer = value.$ref.replace(/^#\//, '').split('/');
    let target: unknown = document;
    for (const segment of pointer) target = (target as Json)?.[segment.replace(/~1/g, '/')];
    if (!target) throw new Error(`docs/openapi.yaml: unresolved ${value.$ref}`);
    return resolve(target as T & { $ref?: string });
  };

  const operationOf = (method: string, path: string) =>
    paths[path]?.[method.toLowerCase()] as Json | undefined;

  return {
    has: (method, path) => operationOf(method, path) !== undefined,
    schemaOf(method, path) {
      const operation = operationOf(method, path);
      if (!operation) return {};
      const parameters = [
        ...((paths[path]?.parameters ?? []) as Parameter[]),
        ...((operation.parameters ?? []) as Parameter[]),
      ].map((p) => resolve(p));
      const schema: FastifySchema = {};
      const group = (where: Parameter['in'], lowerCase = false) => {
        const list = parameters.filter((p) => p.in === where);
        if (list.length === 0) return undefined;
        const name = (p: Parameter) => (lowerCase ? p.name.toLowerCase() : p.name);
        return {
          type: 'object',
          properties: Object.fromEntries(list.map((p) => [name(p), rewriteRefs(p.schema ?? {})])),
          required: list.filter((p) => p.required).map(name),
        };
      };
      const params = group('path');
      const querystring = group('query');
      const headers = group('header', true);
      if (params) schema.params = params;
      if (querystring) schema.querystring = querystring;
      if (headers) schema.headers = headers;
      const body = operation.requestBody
        ? resolve(operation.requestBody as Json & { $ref?: string })
        : undefined;
      const json = (body?.content as Json | undefined)?.['application/json'] as Json | undefined;
      if (json?.schema) schema.body = rewriteRefs(json.schema as Json);
      return schema;
    },
    compile(schema, httpPart) {
      return (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);
    },
  };
}

/** Points `#/components/…` references at the registered document. */
function rewriteRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(rewriteRefs) as T;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/')
        ? `${DOCUMENT_ID}${inner}`
        : rewriteRefs(inner),
    ]),
  ) as T;
}
