/**
 * What /v1/stream really sends is what docs/asyncapi.yaml says: real WebSocket clients (JSON full,
 * JSON delta, binary delta, and one that sends every kind of bad request) against the API, every
 * JSON frame validated against the document's payload schema for its `type`, every binary frame's
 * header against its message's `x-frame-header`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { makeSurface } from '../../helpers/market-surface.js';
import { buildSettlementRecord } from '../../../engine/src/settlement/build-record.js';
import { EXEC_TRADE_PROGRAM_ID } from '../../../engine/src/client/index.js';
import { listenStream, settlementSigner, signer, startApi, type Harness } from './harness.js';

interface AsyncApiDoc {
  components: { messages: Record<string, { payload: { $ref?: string }; 'x-frame-header'?: { magic: number[]; version: number; type: number } }>; schemas: Record<string, object> };
}

const doc = parse(readFileSync(new URL('../../../docs/asyncapi.yaml', import.meta.url), 'utf8')) as AsyncApiDoc;
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'asyncapi', components: doc.components }, 'asyncapi');
const validators = new Map<string, ValidateFunction>();
function validatorFor(type: string): ValidateFunction {
  const message = doc.components.messages[type];
  if (message?.payload.$ref === undefined) throw new Error(`docs/asyncapi.yaml has no JSON message "${type}"`);
  let v = validators.get(type);
  if (v === undefined) validators.set(type, (v = ajv.compile({ $ref: `asyncapi${message.payload.$ref}` })));
  return v;
}

interface Received {
  readonly json: Array<Record<string, unknown>>;
  readonly binary: Buffer[];
}

async function client(url: string): Promise<{ ws: WebSocket; got: Received }> {
  const ws = new WebSocket(url);
  const got: Received = { json: [], binary: [] };
  ws.on('message', (data: Buffer, isBinary) => {
    if (isBinary) got.binary.push(Buffer.from(data));
    else got.json.push(JSON.parse(data.toString()) as Record<string, unknown>);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, got };
}

async function until(what: string | (() => string), ok: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('/v1/stream against docs/asyncapi.yaml', () => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    h = await startApi({ ws: { heartbeatMs: 150, maxSubscriptions: 3 } });
    url = await listenStream(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it('every JSON frame matches its message schema and every binary frame its documented header', async () => {
    const now = Date.now();
    await h.store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 1, signer, nowMs: now, rounds: 2, strikes: 5 }));
    const full = await client(url);
    const delta = await client(url);
    const binary = await client(url);
    const bad = await client(url);
    full.ws.send(JSON.stringify({ op: 'subscribe', symbols: ['BTCUSDT', 'ethusdt'] }));
    delta.ws.send(JSON.stringify({ op: 'subscribe', symbols: ['BTCUSDT'], updates: 'delta', rounds: ['1m'], strikes: 1 }));
    binary.ws.send(JSON.stringify({ op: 'subscribe', symbols: ['BTCUSDT'], format: 'binary', updates: 'delta' }));
    for (const raw of ['not json', '{"op":"publish"}', '{"op":"subscribe","symbols":[]}', '{"op":"subscribe","symbols":["DOGEUSDT"]}', '{"op":"subscribe","symbols":["BTCUSDT"],"rounds":["7m"]}']) bad.ws.send(raw);
    bad.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    bad.ws.send(JSON.stringify({ op: 'subscribe', symbols: ['BTCUSDT'] }));
    bad.ws.send(JSON.stringify({ op: 'unsubscribe', symbols: ['BTCUSDT'] }));
    await until('the subscriptions', () => [full, delta, binary].every((c) => c.got.json.some((m) => m.type === 'ack')) && bad.got.json.filter((m) => m.type === 'ack').length === 2);

    // surfaces, a halt, a settlement
    await h.store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 2, signer, nowMs: now + 100, rounds: 2, strikes: 5 }));
    await h.store.publishSurface({ ...makeSurface({ symbol: 'BTCUSDT', seq: 3, signer, nowMs: now + 200, rounds: 2, status: 'halted' }), haltReason: 'index stale' });
    await h.store.publishSurface(makeSurface({ symbol: 'ETHUSDT', seq: 1, signer, nowMs: now + 300, rounds: 1, strikes: 3 }));
    const expiryTs = Math.floor(now / 1000 / 60) * 60;
    const built = await buildSettlementRecord({
      symbol: 'BTCUSDT',
      asset: 1,
      cluster: 1,
      programId: EXEC_TRADE_PROGRAM_ID.toBytes(),
      expiryTs,
      observations: [
        { venue: 'binance', mid: 97_100_000_000n, exchangeTs: expiryTs * 1000 - 100 },
        { venue: 'kraken', mid: 97_120_000_000n, exchangeTs: expiryTs * 1000 - 200 },
      ],
      rule: { windowMs: 5_000, minProviders: 2 },
      publishedAtMs: now,
      simulated: true,
      signer: settlementSigner,
    });
    if (!built.ok) throw new Error(built.reason);
    await h.store.publishSettlement({ ...built.record, symbol: 'BTCUSDT' });
    const types = (c: { got: Received }) => new Set(c.got.json.map((m) => m.type));
    await until(() => `every kind of frame (full: ${[...types(full)]}, delta: ${[...types(delta)]}, binary: ${binary.got.binary.length})`, () => {
      const f = types(full);
      return ['ack', 'snapshot', 'update', 'status', 'settlement', 'heartbeat'].every((t) => f.has(t)) && types(delta).has('delta') && binary.got.binary.length >= 3;
    });

    // Then every JSON frame validates against the document
    const all = [full, delta, binary, bad].flatMap((c) => c.got.json);
    const seen = new Set<string>();
    for (const frame of all) {
      const validate = validatorFor(String(frame.type));
      expect(validate(frame), `${String(frame.type)}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      seen.add(String(frame.type));
    }
    expect([...seen].sort()).toEqual(['ack', 'delta', 'error', 'heartbeat', 'settlement', 'snapshot', 'status', 'update']);
    const codes = new Set(bad.got.json.filter((m) => m.type === 'error').map((m) => m.code));
    expect([...codes].sort()).toEqual(['EXEC_ERR_WS_BAD_JSON', 'EXEC_ERR_WS_BAD_MESSAGE', 'EXEC_ERR_WS_BINARY', 'EXEC_ERR_WS_UNKNOWN_OP', 'EXEC_ERR_WS_UNKNOWN_ROUND', 'EXEC_ERR_WS_UNKNOWN_SYMBOL']);

    // And every binary frame starts with the header its documented message names
    const headers = Object.entries(doc.components.messages).filter(([, m]) => m['x-frame-header'] !== undefined);
    const kinds = new Set<string>();
    for (const frame of binary.got.binary) {
      const match = headers.find(([, m]) => {
        const hd = m['x-frame-header'] as { magic: number[]; version: number; type: number };
        return frame[0] === hd.magic[0] && frame[1] === hd.magic[1] && frame[2] === hd.version && frame[3] === hd.type;
      });
      expect(match, `binary frame ${frame.subarray(0, 4).toString('hex')} matches no documented message`).toBeDefined();
      kinds.add(match?.[0] ?? '');
    }
    expect([...kinds].sort()).toEqual(['binaryDelta', 'binarySnapshot']);
    for (const c of [full, delta, binary, bad]) c.ws.close();
  });

  it('the check can fail: a frame with an undocumented field or a wrong type is refused', () => {
    const validate = validatorFor('heartbeat');
    expect(validate({ type: 'heartbeat', ts: 1, seqs: { BTCUSDT: 3 } })).toBe(true);
    expect(validate({ type: 'heartbeat', ts: 1, seqs: { BTCUSDT: 3 }, extra: true })).toBe(false);
    expect(validate({ type: 'heartbeat', ts: '1', seqs: {} })).toBe(false);
  });
});
