/**
 * docs/asyncapi.yaml is what scripts/asyncapi.ts renders from the stream's zod schemas, and it is
 * valid AsyncAPI 3.0: checked against the official JSON Schema of the specification
 * (@asyncapi/specs, with ajv), plus the reference rules that schema cannot express.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { ASYNCAPI_PATH, renderAsyncApi } from '../../scripts/asyncapi.js';

const require = createRequire(import.meta.url);
const SPEC_SCHEMA = require('@asyncapi/specs/schemas/3.0.0-without-$id.json') as object;

function specValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  return ajv.compile(SPEC_SCHEMA);
}

type Doc = {
  channels: Record<string, { messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { channel: { $ref: string }; messages: Array<{ $ref: string }>; reply?: { messages: Array<{ $ref: string }> } }>;
  components: { messages: Record<string, { payload: { $ref?: string } }>; schemas: Record<string, unknown> };
};

/** Every local $ref of the document resolves (the JSON Schema of the spec does not follow them). */
function unresolvedRefs(doc: unknown): string[] {
  const text = JSON.stringify(doc);
  const out: string[] = [];
  for (const [, ref] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
    let node: unknown = doc;
    for (const part of (ref as string).split('/')) node = node === undefined ? undefined : (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) out.push(`#/${ref}`);
  }
  return [...new Set(out)];
}

describe('docs/asyncapi.yaml', () => {
  const text = readFileSync(ASYNCAPI_PATH, 'utf8');
  const doc = parse(text) as Doc;

  it('is what scripts/asyncapi.ts renders from the stream schemas (run `npx tsx scripts/asyncapi.ts`)', () => {
    expect(text).toBe(renderAsyncApi());
  });

  it('is a valid AsyncAPI 3.0.0 document whose references all resolve', () => {
    const validate = specValidator();
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
    expect(unresolvedRefs(doc)).toEqual([]);
  });

  it('describes every client operation and every server message, JSON and binary', () => {
    const messages = Object.keys(doc.channels.stream?.messages ?? {});
    expect(messages.sort()).toEqual(
      ['ack', 'binaryDelta', 'binarySnapshot', 'binaryUpdate', 'delta', 'error', 'heartbeat', 'settlement', 'snapshot', 'status', 'store-status', 'subscribe', 'unsubscribe', 'update'].sort(),
    );
    const operated = new Set(Object.values(doc.operations).flatMap((o) => [...o.messages, ...(o.reply?.messages ?? [])].map((m) => m.$ref.split('/').pop())));
    expect([...operated].sort()).toEqual(messages.sort());
  });

  it('the checks can fail: a document with AsyncAPI 2 terms, or a dangling reference, is refused', () => {
    const validate = specValidator();
    const v2 = structuredClone(doc) as unknown as { operations: Record<string, { action: string }> };
    (v2.operations.receiveSubscribe as { action: string }).action = 'publish';
    expect(validate(v2)).toBe(false);
    const dangling = structuredClone(doc);
    (dangling.components.messages.ack as { payload: { $ref: string } }).payload = { $ref: '#/components/schemas/NoSuchSchema' };
    expect(unresolvedRefs(dangling)).toEqual(['#/components/schemas/NoSuchSchema']);
  });
});
