/**
 * Redis fan-out through gateways that run stream workers: one engine writing to a real
 * redis-server, gateway A with two workers and gateway B (started mid-stream) with one. Every client
 * of every worker holds the engine's surfaces with the same, contiguous seqs, also across retiring
 * a worker of A mid-stream, and every quote it holds verifies.
 */
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RedisStore } from '../../../engine/src/cache/redis-store.js';
import type { MarketSymbol } from '../../../engine/src/feeds/types.js';
import type { MarketSurface } from '../../../engine/src/market/types.js';
import { QuoteVerifier } from '../../../engine/src/client/verify/quote-verifier.js';
import { startRedisServer } from '../../helpers/redis-server.js';
import { startGateway, type TestGateway } from './fixtures/gateway.js';
import { buildSignedSurface, testSigner } from './fixtures/signed-surface.js';
import { StreamProbe } from '../api/stream-probe.js';
import { v1 } from '../../helpers/market-surface.js';

const SYMBOLS: readonly MarketSymbol[] = ['BTCUSDT', 'ETHUSDT'];
const signer = testSigner('fan-out workers oracle');
const logger = pino({ level: 'silent' });
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

describe('Redis fan-out with stream workers', () => {
  it('a joining gateway and a retired worker leave no client with a gap', async () => {
    // Given an engine writing to Redis and gateway A with two stream workers
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const prefix = `fw${randomBytes(3).toString('hex')}:`;
    const engine = new RedisStore({ url: redis.url, mode: 'writer', logger, keyPrefix: prefix, maxBackoffMs: 100 });
    await engine.start();
    cleanup.push(() => engine.stop());
    const gateway = async (streamWorkers: number): Promise<TestGateway> => {
      const gw = await startGateway({ url: redis.url, keyPrefix: prefix, symbols: SYMBOLS, logger, signer: bs58.encode(signer.publicKey), streamWorkers });
      cleanup.push(() => gw.close());
      return gw;
    };
    const client = async (gw: TestGateway, binary: boolean): Promise<StreamProbe> => {
      const p = await StreamProbe.open(`ws://127.0.0.1:${gw.port}/v1/stream`, binary ? { format: 'binary', updates: 'delta' } : {});
      cleanup.push(async () => p.close());
      p.subscribe(SYMBOLS);
      return p;
    };
    const published = new Map<string, MarketSurface>();
    const seqs = new Map<MarketSymbol, number>();
    let running = true;
    const loop = (async () => {
      for (let i = 0; running; i++) {
        const symbol = SYMBOLS[i % 2] as MarketSymbol;
        const seq = (seqs.get(symbol) ?? 0) + 1;
        seqs.set(symbol, seq);
        const surface = buildSignedSurface({ signer, symbol, seq, nowMs: Date.now(), strikesPerSide: 2, validForMs: 30_000 });
        published.set(`${symbol}:${seq}`, surface);
        await engine.publishSurface(surface);
        await new Promise((r) => setTimeout(r, 8));
      }
    })();
    cleanup.push(async () => {
      running = false;
      await loop;
    });
    const a = await gateway(2);
    const onA = await Promise.all([true, false, true, false].map((b) => client(a, b)));
    await onA[0]?.waitFor('BTCUSDT', (seqs.get('BTCUSDT') ?? 0) + 10);

    // When gateway B with one worker joins mid-stream and a worker of A is retired
    const b = await gateway(1);
    const onB = await Promise.all([true, false].map((x) => client(b, x)));
    const [firstA] = a.workers?.workerIds ?? [];
    await a.workers?.retire(firstA as number);
    await new Promise((r) => setTimeout(r, 400));
    running = false;
    await loop;

    // Then every client holds the engine's surfaces from its first frame on, with contiguous seqs
    const verifier = await QuoteVerifier.create();
    for (const c of [...onA, ...onB]) {
      expect(c.ws.readyState).toBe(WebSocket.OPEN);
      expect(c.resubscribes).toBe(0);
      for (const symbol of SYMBOLS) {
        await c.waitFor(symbol, seqs.get(symbol) as number, 8_000);
        const held = [...(c.bySeq.get(symbol)?.entries() ?? [])];
        const order = held.map(([seq]) => seq);
        for (let i = 1; i < order.length; i++) expect(order[i], `${symbol} after ${order[i - 1]}`).toBe((order[i - 1] as number) + 1);
        for (const [seq, surface] of held) expect(surface).toEqual(published.get(`${symbol}:${seq}`));
      }
      const last = c.bySeq.get('ETHUSDT')?.get(seqs.get('ETHUSDT') as number);
      const verdicts = await verifier.verifyAll(last?.rounds.flatMap((r) => r.quotes.map(v1)) ?? [], { expectedSigner: bs58.encode(signer.publicKey) });
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts.every((v) => v.ok)).toBe(true);
    }
    expect(a.workers?.readyCount).toBe(1);
    expect((await a.workers?.stats())?.map((s) => s.clients)).toEqual([onA.length]);
  });
});
