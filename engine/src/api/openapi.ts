/**
 * The HTTP contract: routes declare zod schemas for their params, bodies and every response
 * (schemas/*), Fastify validates requests with exactly those schemas (fastify-type-provider-zod's
 * validator), and @fastify/swagger renders them, through the same provider's zod → JSON Schema
 * transform, into the OpenAPI 3.1 document served at GET /v1/openapi.json. The document therefore
 * cannot describe a request the routes would validate differently.
 *
 * Responses are checked against their declared schema too (`contractSerializer`): a mismatch is
 * reported (logged, counted in /metrics; thrown in tests that ask for it) but the body is still
 * sent exactly as the handler built it, never stripped or replaced by a 500.
 */
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from './schemas/errors.js';

export const OPENAPI_PATH = '/v1/openapi.json';

/** What happens when a response does not match its declared schema. */
export type ResponseContract = 'report' | 'throw';

export interface ResponseViolation {
  readonly method: string;
  readonly url: string;
  readonly status: number | string;
  readonly issues: string;
}

export class ResponseContractError extends Error {
  constructor(readonly violation: ResponseViolation) {
    super(`${violation.method} ${violation.url} ${violation.status}: response does not match its schema: ${violation.issues}`);
    this.name = 'ResponseContractError';
  }
}

/** Serializes with JSON.stringify after checking the body against the route's zod response schema. */
export function contractSerializer(mode: ResponseContract, report: (v: ResponseViolation) => void): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url, httpStatus }) => {
    if (!(schema instanceof z.ZodType)) return (data) => JSON.stringify(data);
    return (data) => {
      const result = schema.safeParse(data);
      if (!result.success) {
        const violation = { method, url, status: httpStatus ?? 'default', issues: z.prettifyError(result.error).slice(0, 2_000) };
        if (mode === 'throw') throw new ResponseContractError(violation);
        report(violation);
      }
      return JSON.stringify(data);
    };
  };
}

export interface OpenApiOptions {
  readonly version: string;
}

const TAGS = [
  { name: 'status', description: 'Health, feeds, the oracle and this document' },
  { name: 'markets', description: 'Live surfaces and signed quotes' },
  { name: 'trading', description: 'Transactions that take quotes; the demo faucet' },
  { name: 'settlement', description: 'Signed settlement records' },
  { name: 'stream', description: 'The WebSocket stream (its messages: docs/asyncapi.yaml)' },
  { name: 'terminal', description: 'The web market terminal' },
  { name: 'operations', description: 'Prometheus metrics' },
];

/** Sets the zod validator and the response contract on `app` and registers the document generator; call before any route. */
export function registerOpenApi(app: FastifyInstance, opts: OpenApiOptions, serializer: FastifySerializerCompiler<unknown>): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializer);
  void app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'exec-trade engine API',
        version: opts.version,
        description: [
          'Signed quotes for short-duration crypto prediction markets on Solana, and the transactions that take them.',
          'Errors are `{"error":{"code":"EXEC_ERR_…","message":"…"}}`; every code is listed with its status under each operation and explained in docs/errors.md.',
          'Integers that are money or may exceed 2^53 are decimal strings. In demo and replay modes every response carries `X-Exec-Mode: SIMULATED`.',
          'Per-IP rate limits answer 429 with `Retry-After`. The WebSocket stream at /v1/stream is described by docs/asyncapi.yaml (AsyncAPI 3).',
        ].join('\n\n'),
      },
      tags: TAGS,
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => describeResponses(withoutUnusedSchemas(jsonSchemaTransformObject(document))),
  });
}

type Document = ReturnType<typeof jsonSchemaTransformObject>;
interface WithComponents {
  readonly paths?: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
  readonly components?: { readonly schemas?: Record<string, { description?: string }> };
}
interface ResponseObject {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
}

/** A response whose schema is a named component gets that component's description (instead of "Default Response"). */
function describeResponses(document: Document): Document {
  const doc = document as WithComponents;
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const response of Object.values(operation.responses ?? {})) {
        const ref = response.content?.['application/json']?.schema?.$ref;
        const described = ref === undefined ? undefined : doc.components?.schemas?.[ref.split('/').pop() as string]?.description;
        if (response.description === 'Default Response' && described !== undefined) response.description = described;
      }
    }
  }
  return document;
}

/**
 * The zod registry renders every named schema twice (an input and an output variant); keep only
 * the component schemas the operations reference, directly or through other components.
 */
function withoutUnusedSchemas(document: Document): Document {
  const doc = document as WithComponents;
  const schemas = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    const refs = JSON.stringify(node).matchAll(/"#\/components\/schemas\/([^"]+)"/g);
    for (const [, name] of refs) {
      if (name === undefined || used.has(name)) continue;
      used.add(name);
      visit(schemas[name]);
    }
  };
  visit(doc.paths);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...document, components: { ...doc.components, schemas: kept } } as Document;
}

/** GET /v1/openapi.json: the document, rendered once on first request. */
export function registerOpenApiRoute(app: FastifyInstance): void {
  let document: string | null = null;
  app.get(
    OPENAPI_PATH,
    {
      schema: {
        tags: ['status'],
        summary: 'This OpenAPI 3.1 document',
        response: { 200: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }).describe('OpenAPI 3.1 document'), ...errorResponses([]) },
      },
    },
    async (_req, reply) => {
      document ??= JSON.stringify(app.swagger());
      return reply.type('application/json; charset=utf-8').send(document);
    },
  );
}
