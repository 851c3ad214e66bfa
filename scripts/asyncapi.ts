/**
 * docs/asyncapi.yaml (AsyncAPI 3.0) for /v1/stream, generated from the zod schemas the stream
 * validates and builds its messages with (engine/src/api/schemas/stream.ts) plus the binary frame
 * headers of docs/stream-format.md. `npx tsx scripts/asyncapi.ts` rewrites it; tests/docs/asyncapi.test.ts
 * fails while the committed file differs, or when it is not valid AsyncAPI 3.0.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { z } from 'zod';
import { ENGINE_VERSION } from '../engine/src/lib/version.js';
import { IndexSchema, LadderLeafSchema, LadderSchema, MarketSurfaceSchema, MarketSymbolSchema, RoundSchema, SignedQuoteSchema } from '../engine/src/api/schemas/market.js';
import { SettlementRecordSchema } from '../engine/src/api/schemas/trading.js';
import { SERVER_MESSAGES, SubscribeRequest, UnsubscribeRequest } from '../engine/src/api/schemas/stream.js';
import { FRAME_DELTA, FRAME_SNAPSHOT, FRAME_UPDATE, STREAM_MAGIC_0, STREAM_MAGIC_1, STREAM_VERSION } from '../engine/src/client/stream/layout.js';

export const ASYNCAPI_PATH = fileURLToPath(new URL('../docs/asyncapi.yaml', import.meta.url));

const DESCRIPTION = `The live market stream of the exec-trade engine: signed quote surfaces per symbol, settlements, status and heartbeats.

Connect a WebSocket to \`/v1/stream\` and send JSON text requests (\`subscribe\`, \`unsubscribe\`). Every server message is a JSON text frame with a \`type\`, except surface frames of a connection that subscribed with \`"format":"binary"\`: those (\`snapshot\`, \`update\`, \`delta\`) are binary frames in the layout of docs/stream-format.md. Each symbol's \`seq\` increases by exactly 1 per published surface: a gap, or a delta whose \`baseSeq\` is not the seq you hold, means resubscribe (the SDK's \`SurfaceStream\` does).

Every quote carries its signed bytes: verify it against the \`signer\` of GET /v1/oracle before trading on it (\`QuoteVerifier\`, \`verifySignedQuote\` in the SDK).

Closes: 1001 server shutting down; 1008 too many subscriptions (\`EXEC_WS_MAX_SUBSCRIPTIONS\`), connections from one IP (\`EXEC_WS_MAX_CONNECTIONS_PER_IP\`) or messages per second (\`EXEC_WS_MAX_MESSAGES_PER_SEC\`), each after an \`error\` message; 1009 a client frame over \`EXEC_WS_MAX_FRAME_BYTES\`; 4001 slow consumer (more than \`EXEC_WS_MAX_BUFFERED_BYTES\` unsent); a client that misses a whole ping interval is dropped. Error codes: docs/errors.md. The HTTP API: GET /v1/openapi.json.`;

/** Named schemas, referenced as #/components/schemas/<id>. */
function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  const named: Record<string, z.ZodType> = {
    MarketSymbol: MarketSymbolSchema,
    SignedQuote: SignedQuoteSchema,
    LadderLeaf: LadderLeafSchema,
    Ladder: LadderSchema,
    Index: IndexSchema,
    Round: RoundSchema,
    MarketSurface: MarketSurfaceSchema,
    SettlementRecord: SettlementRecordSchema,
    SubscribeRequest,
    UnsubscribeRequest,
    ...Object.fromEntries(Object.entries(SERVER_MESSAGES).map(([type, schema]) => [`${pascal(type)}Message`, schema])),
  };
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-7', io: 'input', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Record<string, unknown>> };
  // AsyncAPI's schema object is JSON Schema draft 7 without a per-schema $schema / $id.
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$schema' && k !== '$id'))]));
}

const pascal = (s: string): string => s.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

function examplesOf(schema: z.ZodType): Array<{ payload: unknown }> | undefined {
  const examples = (z.globalRegistry.get(schema) as { examples?: unknown[] } | undefined)?.examples;
  return examples?.map((payload) => ({ payload }));
}

function jsonMessage(name: string, schemaId: string, schema: z.ZodType, title: string): Record<string, unknown> {
  const description = (z.globalRegistry.get(schema) as { description?: string } | undefined)?.description;
  const examples = examplesOf(schema);
  return { name, title, contentType: 'application/json', ...(description ? { description } : {}), payload: { $ref: `#/components/schemas/${schemaId}` }, ...(examples ? { examples } : {}) };
}

function binaryMessage(name: string, type: number, json: string): Record<string, unknown> {
  return {
    name,
    title: `${json} (binary)`,
    contentType: 'application/octet-stream',
    description: `The \`${json}\` of a connection subscribed with \`"format":"binary"\`, as one binary frame: a 72-byte header (magic "XS", version ${STREAM_VERSION}, type ${type}, asset, flags, seq, baseSeq, ts, generatedAtMs, signer), the index, then each round with its quotes as their 128 signed bytes and 64-byte signatures${type === FRAME_DELTA ? ', or ops against the base surface (KEEP runs, PATCHed fields)' : ''}. Byte layout: docs/stream-format.md. Decode with decodeStreamFrame / SurfaceStream from the SDK.`,
    payload: { type: 'string', format: 'binary', description: `starts with 58 53 0${STREAM_VERSION} 0${type}` },
    'x-frame-header': { magic: [STREAM_MAGIC_0, STREAM_MAGIC_1], version: STREAM_VERSION, type },
  };
}

export function asyncApiDocument(): Record<string, unknown> {
  const messages: Record<string, Record<string, unknown>> = {
    subscribe: jsonMessage('subscribe', 'SubscribeRequest', SubscribeRequest, 'Subscribe'),
    unsubscribe: jsonMessage('unsubscribe', 'UnsubscribeRequest', UnsubscribeRequest, 'Unsubscribe'),
  };
  for (const [type, schema] of Object.entries(SERVER_MESSAGES)) messages[type] = jsonMessage(type, `${pascal(type)}Message`, schema, pascal(type));
  messages.binarySnapshot = binaryMessage('binarySnapshot', FRAME_SNAPSHOT, 'snapshot');
  messages.binaryUpdate = binaryMessage('binaryUpdate', FRAME_UPDATE, 'update');
  messages.binaryDelta = binaryMessage('binaryDelta', FRAME_DELTA, 'delta');

  const ref = (name: string): { $ref: string } => ({ $ref: `#/channels/stream/messages/${name}` });
  const channel = { $ref: '#/channels/stream' };
  return {
    asyncapi: '3.0.0',
    info: { title: 'exec-trade stream', version: ENGINE_VERSION, description: DESCRIPTION },
    defaultContentType: 'application/json',
    servers: {
      engine: { host: '127.0.0.1:8080', protocol: 'ws', description: 'An engine or gateway (EXEC_HOST:EXEC_PORT); `npm run demo` listens here.' },
    },
    channels: {
      stream: {
        address: '/v1/stream',
        title: 'Live surfaces',
        description: 'One WebSocket per client; every message below travels on it.',
        servers: [{ $ref: '#/servers/engine' }],
        messages: Object.fromEntries(Object.keys(messages).map((name) => [name, { $ref: `#/components/messages/${name}` }])),
        bindings: { ws: { method: 'GET', bindingVersion: '0.1.0' } },
      },
    },
    operations: {
      receiveSubscribe: {
        action: 'receive',
        channel,
        summary: 'A client subscribes to symbols',
        messages: [ref('subscribe')],
        reply: { channel, messages: [ref('ack'), ref('snapshot'), ref('binarySnapshot'), ref('error')] },
      },
      receiveUnsubscribe: { action: 'receive', channel, summary: 'A client unsubscribes', messages: [ref('unsubscribe')], reply: { channel, messages: [ref('ack'), ref('error')] } },
      sendSurfaces: {
        action: 'send',
        channel,
        summary: 'Each published surface of a subscribed symbol, in the connection’s format and update mode',
        messages: [ref('snapshot'), ref('update'), ref('delta'), ref('status'), ref('binarySnapshot'), ref('binaryUpdate'), ref('binaryDelta')],
      },
      sendSettlements: { action: 'send', channel, summary: 'A round of a subscribed symbol settled', messages: [ref('settlement')] },
      sendHeartbeats: { action: 'send', channel, summary: 'The latest seqs, every heartbeat interval', messages: [ref('heartbeat')] },
      sendStoreStatus: { action: 'send', channel, summary: 'The store went away or came back', messages: [ref('store-status')] },
      sendErrors: { action: 'send', channel, summary: 'A request was refused, or the connection is about to close', messages: [ref('error')] },
    },
    components: { messages, schemas: componentSchemas() },
  };
}

export function renderAsyncApi(): string {
  const header = '# Generated by `npx tsx scripts/asyncapi.ts` from engine/src/api/schemas/stream.ts: edit those, not this file.\n';
  return header + stringify(asyncApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const next = renderAsyncApi();
  if (process.argv.includes('--check')) {
    const same = readFileSync(ASYNCAPI_PATH, 'utf8') === next;
    process.stdout.write(same ? 'docs/asyncapi.yaml is up to date\n' : 'docs/asyncapi.yaml is stale: run npx tsx scripts/asyncapi.ts\n');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(ASYNCAPI_PATH, next);
  process.stdout.write('docs/asyncapi.yaml written\n');
}
