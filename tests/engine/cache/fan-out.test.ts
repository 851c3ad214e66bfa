import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../engine/src/cache/redis-store.js';
import type { StoreEvent } from '../../../engine/src/cache/types.js';
import { verifySignedQuote } from '../../../engine/src/client/verify-quote.js';
import type { MarketSymbol } from '../../../engine/src/feeds/types.js';
import type { MarketSurface } from '../../../engine/src/market/types.js';
import { startRedisServer, type RedisServerHandle } from '../../helpers/redis-server.js';
import { startGateway, type TestGateway } from './fixtures/gateway.js';
import { buildSignedSurface, testSigner } from './fixtures/signed-surface.js';
import { connectStreamClient, type StreamClient } from './fixtures/stream-client.js';
import { v1Quotes } from '../../helpers/market-surface.js';

const SYMBOLS: readonly MarketSymbol[] = ['BTCUSDT', 'ETHUSDT'];
const signer = testSigner('fan-out oracle');
const signerB58 = bs58.encode(signer.publicKey);
const logger = pino({ level: 'silent' });
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 8_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Rig {
  readonly redis: RedisServerHandle;
  readonly engine: RedisStore;
  readonly prefix: string;
  readonly published: Map<string, MarketSurface>;
  publish(symbol: MarketSymbol): Promise<MarketSurface>;
  gateway(): Promise<TestGateway>;
  client(gw: TestGateway): Promise<StreamClient>;
}

async function rig(): Promise<Rig> {
  const redis = await startRedisServer();
  cleanup.push(() => redis.stop());
  const prefix = `fan${randomBytes(3).toString('hex')}:`;
  const engine = new RedisStore({ url: redis.url, mode: 'writer', logger, keyPrefix: prefix, maxBackoffMs: 100 });
  await engine.start();
  cleanup.push(() => engine.stop());
  const seqs = new Map<MarketSymbol, number>();
  const published = new Map<string, MarketSurface>();
  return {
    redis,
    engine,
    prefix,
    published,
    publish: async (symbol) => {
      const seq = (seqs.get(symbol) ?? 0) + 1;
      seqs.set(symbol, seq);
      const surface = buildSignedSurface({ signer, symbol, seq, nowMs: Date.now(), strikesPerSide: 3, validForMs: 30_000 });
      published.set(`${symbol}:${seq}`, surface);
      await engine.publishSurface(surface);
      return surface;
    },
    gateway: async () => {
      const gw = await startGateway({ url: redis.url, keyPrefix: prefix, symbols: SYMBOLS, logger, signer: signerB58 });
      cleanup.push(() => gw.close());
      return gw;
    },
    client: async (gw) => {
      const c = await connectStreamClient(gw.port, SYMBOLS);
      cleanup.push(() => c.close());
      return c;
    },
  };
}

/** A publisher alternating symbols every `everyMs`, until stopped. */
function publishLoop(r: Rig, everyMs: number): { stop: () => Promise<void> } {
  let running = true;
  let i = 0;
  const done = (async () => {
    while (running) {
      await r.publish(SYMBOLS[i++ % SYMBOLS.length] ?? 'BTCUSDT');
      await new Promise((res) => setTimeout(res, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
    },
  };
}

function expectContiguous(seqs: readonly number[]): void {
  for (let i = 1; i < seqs.length; i++) expect(seqs[i], `seq after ${seqs[i - 1]}`).toBe((seqs[i - 1] ?? 0) + 1);
}

describe('Redis fan-out: one engine, two gateways', () => {
  it('delivers identical, verifiable quotes with the same seqs through both gateways', async () => {
    // Given an engine writing to Redis and two gateways with one ws client each
    const r = await rig();
    const [gwA, gwB] = [await r.gateway(), await r.gateway()];
    const [a, b] = [await r.client(gwA), await r.client(gwB)];
    const settlementsSeen: StoreEvent[] = [];
    gwB.store.subscribe((e) => {
      if (e.type === 'settlement') settlementsSeen.push(e);
    });

    // When the engine publishes 10 surfaces per symbol and one settlement
    for (let i = 0; i < 20; i++) await r.publish(SYMBOLS[i % 2] ?? 'BTCUSDT');
    await r.engine.publishSettlement({ symbol: 'ETHUSDT', expiryTs: 1_800_000_000, price: '3456780000' });
    await until(() => a.lastSeq('ETHUSDT') === 10 && b.lastSeq('ETHUSDT') === 10, 8_000, 'both clients at seq 10');

    // Then both clients saw the empty snapshot then seqs 1..10 per symbol, in order
    for (const c of [a, b]) {
      for (const symbol of SYMBOLS) expect(c.seqs(symbol)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
    // and every surface is exactly the one the engine published
    // (order is per symbol: each symbol has its own stream, so symbols may interleave differently)
    const surfaces = (c: StreamClient): MarketSurface[] =>
      SYMBOLS.flatMap((symbol) => c.frames.flatMap((f) => (f.surface && f.symbol === symbol ? [f.surface] : [])));
    expect(surfaces(a)).toEqual(surfaces(b));
    for (const surface of surfaces(a)) expect(surface).toEqual(r.published.get(`${surface.symbol}:${surface.seq}`));
    // and the quotes a client received verify with the SDK (tweetnacl: the latest surface of each symbol)
    for (const surface of surfaces(b).slice(-2)) {
      for (const q of v1Quotes(surface)) {
        expect(() => verifySignedQuote(q, { expectedSigner: signerB58 })).not.toThrow();
      }
    }
    // and a quote taken from a gateway's HTTP API is the engine's signed quote
    const quote = v1Quotes(r.published.get('BTCUSDT:10') ?? { rounds: [] })[2 * 11 + 1];
    const res = await fetch(`http://127.0.0.1:${gwA.port}/v1/quotes/${quote?.quoteId}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ quoteId: quote?.quoteId, signature: quote?.signature });
    // and settlements fan out too
    await until(() => settlementsSeen.length === 1, 5_000, 'settlement at gateway B');
    expect((await gwA.health()).body.store.healthy).toBe(true);
  });

  it('a late-joining gateway gets the snapshot then every update with no gap', async () => {
    // Given an engine already publishing continuously, and one early gateway
    const r = await rig();
    const early = await r.client(await r.gateway());
    const loop = publishLoop(r, 3);
    await until(() => (early.lastSeq('BTCUSDT') ?? 0) >= 15, 8_000, 'early client warmed up');

    // When a second gateway starts mid-stream and a client subscribes to it
    const late = await r.client(await r.gateway());
    await until(() => (late.lastSeq('BTCUSDT') ?? 0) >= (late.seqs('BTCUSDT')[0] ?? 0) + 15, 8_000, 'late client flowing');
    await loop.stop();
    const last = (symbol: MarketSymbol): number => Math.max(...[...r.published.keys()].filter((k) => k.startsWith(symbol)).map((k) => Number(k.split(':')[1])));
    await until(() => SYMBOLS.every((s) => late.lastSeq(s) === last(s) && early.lastSeq(s) === last(s)), 8_000, 'clients caught up');

    // Then the late client's first frame is a snapshot past seq 1, and every later seq is +1
    for (const symbol of SYMBOLS) {
      const frames = late.frames.filter((f) => f.symbol === symbol);
      expect(frames[0]?.type).toBe('snapshot');
      expect(frames[0]?.seq).toBeGreaterThan(1);
      expectContiguous(late.seqs(symbol));
      // and from the snapshot on it saw exactly what the early gateway's client saw
      const early0 = early.seqs(symbol).indexOf(frames[0]?.seq ?? -1);
      expect(early.seqs(symbol).slice(early0)).toEqual(late.seqs(symbol));
    }
  });

  it('survives Redis being SIGKILLed and restarted mid-stream: degraded, then recovered, seqs continue', async () => {
    // Given two gateways with clients and an engine publishing continuously
    const r = await rig();
    const gwA = await r.gateway();
    const gwB = await r.gateway();
    const [a, b] = [await r.client(gwA), await r.client(gwB)];
    const statusA: boolean[] = [];
    gwA.store.subscribe((e) => {
      if (e.type === 'store-status') statusA.push(e.healthy);
    });
    const loop = publishLoop(r, 5);
    await until(() => (a.lastSeq('BTCUSDT') ?? 0) >= 10 && (b.lastSeq('BTCUSDT') ?? 0) >= 10, 8_000, 'stream flowing');

    // When Redis is killed
    await r.redis.kill();
    const beforeKill = a.lastSeq('BTCUSDT') ?? 0;
    // Then the gateways report degraded (store health and /v1/health) and keep their clients
    await until(async () => (await gwA.health()).status === 503 && (await gwB.health()).status === 503, 8_000, 'gateways degraded');
    const degraded = await gwA.health();
    expect(degraded.body.store).toMatchObject({ healthy: false });
    expect(degraded.body.store.detail).toMatch(/redis unavailable/);
    // and the engine keeps publishing and serving from memory
    const seqDuringOutage = (await r.engine.getSurface('BTCUSDT'))?.seq ?? 0;
    await until(async () => ((await r.engine.getSurface('BTCUSDT'))?.seq ?? 0) > seqDuringOutage + 5, 8_000, 'engine publishing in outage');
    expect(r.engine.health().healthy).toBe(false);

    // When Redis comes back (empty) on the same port
    await r.redis.restart();
    // Then both gateways recover without restart and the stream resumes with seqs continuing
    await until(async () => (await gwA.health()).status === 200 && (await gwB.health()).status === 200, 10_000, 'gateways healthy');
    const resumedFrom = (await r.engine.getSurface('BTCUSDT'))?.seq ?? 0;
    await until(() => (a.lastSeq('BTCUSDT') ?? 0) > resumedFrom + 5 && (b.lastSeq('BTCUSDT') ?? 0) > resumedFrom + 5, 10_000, 'stream resumed');
    await loop.stop();
    const final = (await r.engine.getSurface('BTCUSDT'))?.seq ?? 0;
    await until(() => a.lastSeq('BTCUSDT') === final && b.lastSeq('BTCUSDT') === final, 8_000, 'clients at final seq');

    for (const c of [a, b]) {
      const seqs = c.seqs('BTCUSDT');
      expect(seqs.at(-1)).toBeGreaterThan(beforeKill);
      // strictly increasing throughout, contiguous once recovered
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] ?? 0);
      expectContiguous(seqs.slice(seqs.indexOf(resumedFrom + 1)));
      expect(c.closed()).toBe(false);
    }
    expect(a.seqs('BTCUSDT').filter((s) => s > resumedFrom)).toEqual(b.seqs('BTCUSDT').filter((s) => s > resumedFrom));
    expect(statusA).toEqual([false, true]);
    // and the gateways told their WebSocket clients
    expect(a.storeStatus).toEqual([false, true]);
    expect(b.storeStatus).toEqual([false, true]);
    expect(r.engine.health().healthy).toBe(true);
  });
});
