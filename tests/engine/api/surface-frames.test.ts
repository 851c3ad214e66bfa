import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../engine/src/cache/redis-store.js';
import type { MarketSymbol } from '../../../engine/src/feeds/types.js';
import type { MarketSurface } from '../../../engine/src/market/types.js';
import { startRedisServer, type RedisServerHandle } from '../../helpers/redis-server.js';
import { startGateway } from '../cache/fixtures/gateway.js';
import { buildSignedSurface, testSigner } from '../cache/fixtures/signed-surface.js';
import { connectStreamClient, type StreamClient } from '../cache/fixtures/stream-client.js';
import { SurfaceFollower } from './surface-follower.js';

const SYMBOLS: readonly MarketSymbol[] = ['BTCUSDT', 'ETHUSDT'];
const signer = testSigner('surface-frames oracle');
const logger = pino({ level: 'silent' });
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function writer(redis: RedisServerHandle, prefix: string): Promise<RedisStore> {
  const store = new RedisStore({ url: redis.url, mode: 'writer', logger, keyPrefix: prefix, maxBackoffMs: 100 });
  await store.start();
  cleanup.push(() => store.stop());
  return store;
}

async function publish(store: RedisStore, symbol: MarketSymbol, seqs: readonly number[]): Promise<void> {
  for (const seq of seqs) {
    const surface = buildSignedSurface({ signer, symbol, seq, nowMs: Date.now(), strikesPerSide: 2, validForMs: 30_000 });
    await store.publishSurface(surface);
  }
}

async function marketSeq(port: number, symbol: MarketSymbol): Promise<number | null> {
  const res = await fetch(`http://127.0.0.1:${port}/v1/markets/${symbol}`);
  return res.status === 200 ? ((await res.json()) as MarketSurface).seq : null;
}

describe('SurfaceFrames: the engine restarts on an emptied Redis', () => {
  it.each([
    ['FLUSHALL while the gateway keeps its connection', 'flush'],
    ['redis-server restarted empty (the gateway reconnects and resyncs)', 'restart'],
  ] as const)('%s: clients get a fresh snapshot and keep receiving', async (_name, loss) => {
    // Given an engine store that published seqs 1..5, and a gateway with a subscribed WebSocket client
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const prefix = `sf${randomBytes(3).toString('hex')}:`;
    const first = await writer(redis, prefix);
    await publish(first, 'BTCUSDT', [1, 2, 3, 4, 5]);
    await publish(first, 'ETHUSDT', [1, 2]);
    const gw = await startGateway({ url: redis.url, keyPrefix: prefix, symbols: SYMBOLS, logger, signer: bs58.encode(signer.publicKey) });
    cleanup.push(() => gw.close());
    const client: StreamClient = await connectStreamClient(gw.port, SYMBOLS);
    cleanup.push(() => client.close());
    const deltaClient = await SurfaceFollower.open(`ws://127.0.0.1:${gw.port}/v1/stream`, 'delta');
    cleanup.push(async () => deltaClient.close());
    deltaClient.subscribe(['BTCUSDT']);
    await until(() => client.lastSeq('BTCUSDT') === 5, 5_000, 'client at seq 5');
    await deltaClient.waitFor('BTCUSDT', 5);

    // When Redis loses its data and the engine restarts: a new writer whose seqs start again at 1
    await first.stop();
    if (loss === 'flush') {
      const admin = new Redis(redis.url, { lazyConnect: true });
      await admin.connect();
      await admin.flushall();
      admin.disconnect();
    } else {
      await redis.restart();
      await until(async () => (await gw.health()).status === 200, 10_000, 'gateway reconnected');
    }
    const second = await writer(redis, prefix);
    expect(await second.readStoredSeqs()).toEqual({});
    expect(second.src).not.toBe(first.src);
    await publish(second, 'BTCUSDT', [1, 2, 3]);

    // Then the client gets the new writer's seq 1 as a snapshot, then every update after it
    await until(() => client.lastSeq('BTCUSDT') === 3, 8_000, 'client follows the restarted engine');
    const btc = client.frames.filter((f) => f.symbol === 'BTCUSDT');
    expect(btc.map((f) => `${f.type}:${f.seq}`)).toEqual([
      'snapshot:5',
      'snapshot:1',
      'update:2',
      'update:3',
    ]);
    expect(btc.at(-1)?.surface?.seq).toBe(3);
    // and a delta-mode client gets the reset as a snapshot too, never a delta against the old writer's surface
    await until(() => deltaClient.held.get('BTCUSDT')?.seq === 3, 5_000, 'delta client follows the restarted engine');
    expect(deltaClient.log).toEqual(['snapshot:BTCUSDT:5', 'snapshot:BTCUSDT:1', 'delta:BTCUSDT:2', 'delta:BTCUSDT:3']);
    expect(deltaClient.held.get('BTCUSDT')).toEqual(btc.at(-1)?.surface);
    expect(deltaClient.resubscribes).toBe(0);
    // and HTTP serves the new writer's surface too
    expect(await marketSeq(gw.port, 'BTCUSDT')).toBe(3);
    // and a symbol the new writer has not published yet keeps its last surface until it does
    expect(await marketSeq(gw.port, 'ETHUSDT')).toBe(2);
    await publish(second, 'ETHUSDT', [1]);
    await until(() => client.lastSeq('ETHUSDT') === 1, 8_000, 'ETH follows the restarted engine');
    expect(client.frames.filter((f) => f.symbol === 'ETHUSDT').map((f) => `${f.type}:${f.seq}`)).toEqual(['snapshot:2', 'snapshot:1']);
    // and a client that subscribes now starts from the new writer's latest surface
    const late = await connectStreamClient(gw.port, ['BTCUSDT']);
    cleanup.push(() => late.close());
    await until(() => late.lastSeq('BTCUSDT') === 3, 5_000, 'late client snapshot');
    expect(client.closed()).toBe(false);
  });

  it('the same writer replaying an older seq is still dropped', async () => {
    // Given a gateway that follows one writer up to seq 3
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const prefix = `sf${randomBytes(3).toString('hex')}:`;
    const engine = await writer(redis, prefix);
    const gw = await startGateway({ url: redis.url, keyPrefix: prefix, symbols: SYMBOLS, logger, signer: bs58.encode(signer.publicKey) });
    cleanup.push(() => gw.close());
    const client = await connectStreamClient(gw.port, ['BTCUSDT']);
    cleanup.push(() => client.close());
    await publish(engine, 'BTCUSDT', [1, 2, 3]);
    await until(() => client.lastSeq('BTCUSDT') === 3, 5_000, 'client at seq 3');

    // When an entry of the same writer with an old seq appears in the stream (a duplicate rewrite)
    const admin = new Redis(redis.url, { lazyConnect: true });
    await admin.connect();
    const stale = buildSignedSurface({ signer, symbol: 'BTCUSDT', seq: 2, nowMs: Date.now(), strikesPerSide: 2, validForMs: 30_000 });
    await admin.xadd(engine.keys.surfaceStream('BTCUSDT'), '*', 'seq', '2', 'src', engine.src, 'payload', JSON.stringify(stale));
    admin.disconnect();
    await publish(engine, 'BTCUSDT', [4]);
    await until(() => client.lastSeq('BTCUSDT') === 4, 5_000, 'client at seq 4');

    // Then the client never saw it: no reset for an unchanged writer
    expect(client.frames.map((f) => `${f.type}:${f.seq}`)).toEqual(['snapshot:null', 'update:1', 'update:2', 'update:3', 'update:4']);
  });
});
