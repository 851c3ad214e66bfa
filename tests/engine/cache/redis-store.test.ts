import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore, type RedisStoreOptions } from '../../../engine/src/cache/redis-store.js';
import type { StoreEvent } from '../../../engine/src/cache/types.js';
import { EngineError } from '../../../engine/src/lib/errors.js';
import { startRedisServer, type RedisServerHandle } from '../../helpers/redis-server.js';
import { buildSignedSurface, testSigner } from './fixtures/signed-surface.js';
import { startRoundTripProxy } from './fixtures/round-trip-proxy.js';
import { makeLadderSurface } from '../../helpers/ladder-surface.js';
import { QuoteVerifier } from '../../../engine/src/client/verify/quote-verifier.js';
import type { LadderQuoteJson } from '../../../engine/src/client/ladder-json.js';
import type { LadderLeafJson } from '../../../engine/src/market/types.js';

const signer = testSigner();
let server: RedisServerHandle;
let admin: Redis;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis(server.url, { lazyConnect: true });
  await admin.connect();
});

afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

function capturingLogger(): { logger: Logger; lines: () => Array<{ msg: string; level: number }> } {
  const out: Array<{ msg: string; level: number }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') out.push(JSON.parse(line));
      cb();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines: () => out };
}

async function newStore(overrides: Partial<RedisStoreOptions> = {}): Promise<RedisStore> {
  const store = new RedisStore({
    url: server.url,
    mode: 'writer',
    logger: pino({ level: 'silent' }),
    keyPrefix: `t${randomBytes(4).toString('hex')}:`,
    maxBackoffMs: 100,
    startTimeoutMs: 1_000,
    ...overrides,
  });
  cleanup.push(() => store.stop());
  await store.start();
  return store;
}

async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function commandCalls(): Promise<Record<string, number>> {
  const info = await admin.info('commandstats');
  const calls: Record<string, number> = {};
  for (const m of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) calls[m[1] ?? ''] = Number(m[2]);
  return calls;
}

describe('RedisStore writer', () => {
  it('writes the surface, every quote with a PX TTL and one stream entry', async () => {
    // Given a writer store and a signed BTC surface of 4 rounds x 11 strikes
    const store = await newStore({ quoteTtlMarginMs: 5_000 });
    const nowMs = Date.now();
    const surface = buildSignedSurface({ signer, symbol: 'BTCUSDT', seq: 1, nowMs, validForMs: 3_000 });
    const quotes = surface.rounds.flatMap((r) => r.quotes);
    expect(quotes).toHaveLength(44);

    // When it is published
    await store.publishSurface(surface);

    // Then markets:<S> holds exactly the payload, with no TTL
    const payload = JSON.stringify(surface);
    expect(await admin.get(store.keys.market('BTCUSDT'))).toBe(payload);
    expect(await admin.pttl(store.keys.market('BTCUSDT'))).toBe(-1);
    // and every quote is stored under quote:<id> and expires at validUntil + margin
    for (const q of quotes) {
      expect(await admin.get(store.keys.quote(q.quoteId))).toBe(JSON.stringify(q));
      const pttl = await admin.pttl(store.keys.quote(q.quoteId));
      const expected = q.validUntilMs + 5_000 - Date.now();
      expect(pttl).toBeGreaterThan(expected - 1_000);
      expect(pttl).toBeLessThanOrEqual(3_000 + 5_000);
    }
    // and the stream has one entry carrying seq, src and the same payload
    const entries = await admin.xrange(store.keys.surfaceStream('BTCUSDT'), '-', '+');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.[1]).toEqual(['seq', '1', 'src', store.src, 'token', String(store.writerStatus()!.token), 'payload', payload]);
    // and reads are served
    expect((await store.getSurface('BTCUSDT'))?.seq).toBe(1);
    expect(await store.getQuote(quotes[7]?.quoteId ?? '')).toEqual(quotes[7]);
    expect(store.health()).toMatchObject({ backend: 'redis', healthy: true, detail: 'redis ready', writer: { role: 'writer', held: true } });
  });

  it('stores a quote format v2 leaf with its root, signature and proof, which a gateway serves verifiable', async () => {
    // Given a writer store and a v2 surface (one signed ladder per round)
    const store = await newStore();
    const surface = makeLadderSurface({ symbol: 'ETHUSDT', seq: 1, signer, nowMs: Date.now(), validForMs: 3_000 });
    await store.publishSurface(surface);
    const round = surface.rounds[1]!;
    const leaf = round.quotes[4] as LadderLeafJson;
    // Then quote:<id> holds the leaf with everything a taker needs
    const stored = JSON.parse((await admin.get(store.keys.quote(leaf.quoteId))) ?? 'null') as LadderQuoteJson;
    expect(stored).toMatchObject({ ...leaf, root: round.ladder!.root, signature: round.ladder!.signature, signer: round.ladder!.signer });
    // and a gateway (reading the engine's stream and Redis) hands out a quote the SDK verifies
    const reader = await newStore({ mode: 'reader', keyPrefix: store.keys.prefix });
    const served = (await reader.getQuote(surface.rounds[3]!.quotes[10]!.quoteId)) as LadderQuoteJson;
    const verifier = await QuoteVerifier.create();
    await expect(verifier.verifyLadderQuote(served, { expectedSigner: round.ladder!.signer })).resolves.toMatchObject({ decayMicrosPerSec: BigInt((surface.rounds[3]!.quotes[10] as LadderLeafJson).decayMicrosPerSec) });
    expect(await store.getQuote(leaf.quoteId)).toEqual(stored);
  });

  it('writes each update in ONE round trip (one fenced Lua script)', async () => {
    // Given a writer store connected through a proxy that counts request batches
    const proxy = await startRoundTripProxy(server.port);
    cleanup.push(() => proxy.close());
    const store = await newStore({ url: `redis://127.0.0.1:${proxy.port}` });
    const before = await commandCalls();
    proxy.reset();

    // When 5 surfaces are published one after the other
    for (let seq = 1; seq <= 5; seq++) {
      await store.publishSurface(buildSignedSurface({ signer, symbol: 'ETHUSDT', seq, nowMs: Date.now() }));
    }

    // Then the client made exactly 5 round trips
    expect(proxy.roundTrips()).toBe(5);
    // and Redis ran 5 scripts, each checking the lease (GET) then 1 + 44 SETs, 1 XADD and the seq HSET
    const after = await commandCalls();
    const delta = (c: string): number => (after[c] ?? 0) - (before[c] ?? 0);
    expect(delta('evalsha') + delta('eval')).toBe(5);
    expect(delta('get')).toBe(5);
    expect(delta('set')).toBe(5 * 45);
    expect(delta('xadd')).toBe(5);
    expect(delta('hset')).toBe(5);
  });

  it('does not write a reused quote again: only quotes new since the last successful write are SET', async () => {
    // Given a published surface
    const store = await newStore();
    const first = buildSignedSurface({ signer, symbol: 'BTCUSDT', seq: 1, nowMs: Date.now(), validForMs: 60_000 });
    await store.publishSurface(first);
    const reused = first.rounds[0]!.quotes[0]!;
    const pttlBefore = await admin.pttl(store.keys.quote(reused.quoteId));
    // When the next surface keeps every quote but one (the engine's quote reuse)
    const fresh = buildSignedSurface({ signer, symbol: 'BTCUSDT', seq: 2, nowMs: Date.now(), validForMs: 60_000 });
    const replaced = fresh.rounds[0]!.quotes[1]!;
    const next = {
      ...first,
      seq: 2,
      rounds: first.rounds.map((r, i) => (i === 0 ? { ...r, quotes: r.quotes.map((q, j) => (j === 1 ? replaced : q)) } : r)),
    };
    const before = await commandCalls();
    await store.publishSurface(next);
    const after = await commandCalls();
    // Then one transaction SET the surface and the one new quote only
    expect((after['set'] ?? 0) - (before['set'] ?? 0)).toBe(2);
    expect(JSON.parse((await admin.get(store.keys.quote(replaced.quoteId))) ?? 'null')).toEqual(replaced);
    // and the reused quote is still stored with the TTL of its first write
    expect(JSON.parse((await admin.get(store.keys.quote(reused.quoteId))) ?? 'null')).toEqual(reused);
    const pttlAfter = await admin.pttl(store.keys.quote(reused.quoteId));
    expect(pttlAfter).toBeGreaterThan(0);
    expect(pttlAfter).toBeLessThanOrEqual(pttlBefore);
  });

  it('skips quotes already past their eviction time and rejects a non-increasing seq', async () => {
    const store = await newStore({ quoteTtlMarginMs: 1_000 });
    const old = buildSignedSurface({ signer, symbol: 'SOLUSDT', seq: 3, nowMs: Date.now() - 60_000 });
    await store.publishSurface(old);
    const id = old.rounds[0]?.quotes[0]?.quoteId ?? '';
    expect(await admin.exists(store.keys.quote(id))).toBe(0);
    expect(await store.getQuote(id)).toBeUndefined();

    const again = buildSignedSurface({ signer, symbol: 'SOLUSDT', seq: 3, nowMs: Date.now() });
    await expect(store.publishSurface(again)).rejects.toMatchObject({ code: 'EXEC_ERR_STORE_SEQ' });
  });

  it('stores settlements with a TTL and a stream entry; a reader finds them in Redis', async () => {
    const store = await newStore({ settlementTtlMs: 60_000 });
    const settlement = { symbol: 'BTCUSDT' as const, expiryTs: 1_795_000_200, price: '97300000000', signature: 'x' };
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    await store.publishSettlement(settlement);

    const key = store.keys.settlement('BTCUSDT', 1_795_000_200);
    expect(await admin.get(key)).toBe(JSON.stringify(settlement));
    expect(await admin.pttl(key)).toBeGreaterThan(55_000);
    expect(await admin.xlen(store.keys.settlementStream())).toBe(1);
    expect(events).toEqual([{ type: 'settlement', symbol: 'BTCUSDT', settlement }]);

    const reader = await newStore({ mode: 'reader', keyPrefix: store.keys.prefix });
    expect(await reader.getSettlement('BTCUSDT', 1_795_000_200)).toEqual(settlement);
    expect(await reader.getSettlement('BTCUSDT', 1)).toBeUndefined();
  });

  it('lets a restarted engine continue the stored seqs and hands the oracle info to gateways', async () => {
    const first = await newStore();
    await first.publishSurface(buildSignedSurface({ signer, symbol: 'ETHUSDT', seq: 41, nowMs: Date.now() }));
    await first.publishOracleInfo('{"signer":"abc"}');
    const restarted = await newStore({ keyPrefix: first.keys.prefix });
    expect(await restarted.readStoredSeqs()).toEqual({ ETHUSDT: 41 });
    const gateway = await newStore({ mode: 'reader', keyPrefix: first.keys.prefix });
    expect(await gateway.getOracleInfo()).toBe('{"signer":"abc"}');
  });

  it('a gateway store refuses to publish', async () => {
    const reader = await newStore({ mode: 'reader' });
    const surface = buildSignedSurface({ signer, symbol: 'BTCUSDT', seq: 1, nowMs: Date.now() });
    const err = await reader.publishSurface(surface).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('EXEC_ERR_STORE_READ_ONLY');
  });

  it('keeps serving from memory while Redis is down and rewrites everything on reconnect', async () => {
    // Given a writer whose Redis is killed mid-stream
    const own = await startRedisServer();
    cleanup.push(() => own.stop());
    const { logger, lines } = capturingLogger();
    const store = await newStore({ url: own.url, logger });
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    await store.publishSurface(buildSignedSurface({ signer, symbol: 'BTCUSDT', seq: 1, nowMs: Date.now() }));
    await own.kill();
    await until(() => !store.health().healthy);

    // When it keeps publishing (surfaces and a settlement) during the outage
    const during = buildSignedSurface({ signer, symbol: 'BTCUSDT', seq: 2, nowMs: Date.now() });
    await store.publishSurface(during);
    await store.publishSurface(buildSignedSurface({ signer, symbol: 'ETHUSDT', seq: 1, nowMs: Date.now() }));
    await store.publishSettlement({ symbol: 'BTCUSDT', expiryTs: 60 });
    await new Promise((r) => setTimeout(r, 400));

    // Then reads, quotes and subscribers are still served from memory
    expect((await store.getSurface('BTCUSDT'))?.seq).toBe(2);
    const q = during.rounds[1]?.quotes[3];
    expect(await store.getQuote(q?.quoteId ?? '')).toEqual(q);
    expect(events.filter((e) => e.type === 'surface').map((e) => (e.type === 'surface' ? e.seq : 0))).toEqual([1, 2, 1]);
    expect(store.health().healthy).toBe(false);
    expect(store.health().detail).toMatch(/serving from memory/);

    // When Redis comes back (empty) on the same port
    await own.restart();
    await until(() => store.health().healthy);
    const check = new Redis(own.url);
    cleanup.push(async () => check.disconnect());

    // Then the latest surface of every symbol and the pending settlement are rewritten
    await until(async () => (await check.exists(store.keys.market('ETHUSDT'))) === 1);
    expect(JSON.parse((await check.get(store.keys.market('BTCUSDT'))) ?? '{}').seq).toBe(2);
    await until(async () => (await check.exists(store.keys.settlement('BTCUSDT', 60))) === 1);
    expect(await check.exists(store.keys.quote(q?.quoteId ?? ''))).toBe(1);
    // and the outage produced exactly one store-status pair and one log line per transition
    const statuses = events.filter((e) => e.type === 'store-status').map((e) => (e.type === 'store-status' ? e.healthy : null));
    expect(statuses).toEqual([false, true]);
    expect(lines().filter((l) => l.msg === 'redis store degraded')).toHaveLength(1);
    expect(lines().filter((l) => l.msg === 'redis store healthy')).toHaveLength(2);
  });

  it('a gateway store gets settlements published while Redis was down, once it is back', async () => {
    // Given an engine and a gateway store on a Redis that will be killed
    const own = await startRedisServer();
    cleanup.push(() => own.stop());
    const prefix = `s${randomBytes(3).toString('hex')}:`;
    const engine = await newStore({ url: own.url, keyPrefix: prefix });
    const gateway = await newStore({ url: own.url, keyPrefix: prefix, mode: 'reader', blockMs: 500 });
    const seen: number[] = [];
    gateway.subscribe((e) => {
      if (e.type === 'settlement') seen.push(e.settlement.expiryTs);
    });
    await engine.publishSettlement({ symbol: 'ETHUSDT', expiryTs: 60 });
    await until(() => seen.length === 1);

    // When a settlement is published during an outage and Redis restarts empty
    await own.kill();
    await until(() => !engine.health().healthy && !gateway.health().healthy);
    await engine.publishSettlement({ symbol: 'ETHUSDT', expiryTs: 120 });
    await own.restart();

    // Then the engine rewrites it and the gateway delivers it exactly once
    await until(() => seen.includes(120), 8_000);
    await until(() => gateway.health().healthy);
    expect(seen).toEqual([60, 120]);
    expect(await gateway.getSettlement('ETHUSDT', 120)).toEqual({ symbol: 'ETHUSDT', expiryTs: 120 });
  });

  it('starts degraded when Redis is unreachable and heals once it appears', async () => {
    const own = await startRedisServer();
    cleanup.push(() => own.stop());
    await own.kill();
    const store = await newStore({ url: own.url, startTimeoutMs: 200 });
    expect(store.health().healthy).toBe(false);
    await store.publishSurface(buildSignedSurface({ signer, symbol: 'SOLUSDT', seq: 9, nowMs: Date.now() }));
    expect((await store.getSurface('SOLUSDT'))?.seq).toBe(9);

    await own.restart();
    await until(() => store.health().healthy);
    const check = new Redis(own.url);
    cleanup.push(async () => check.disconnect());
    await until(async () => (await check.exists(store.keys.market('SOLUSDT'))) === 1);
  });
});
