/**
 * The engine as the stream benchmarks run it: demo config, a PushFeed the benchmark drives, a
 * MemoryStore that notes when each surface reaches it, every tick regenerating (no move threshold,
 * no minimum interval), listening on a free loopback port, without the per-IP abuse limits.
 */
import { pino } from 'pino';
import { loadConfig } from '../../engine/src/config/index.js';
import { createRuntime, type Runtime } from '../../engine/src/runtime.js';
import { MemoryStore } from '../../engine/src/cache/memory-store.js';
import type { MarketSurface } from '../../engine/src/market/types.js';
import { createSigner } from '../../engine/src/signer/sign.js';
import { preciseNowMs } from '../../engine/src/api/surface-frames.js';
import type { FanoutInfo } from '../../engine/src/api/routes/ws/stream-hub.js';
import { MARKET_SYMBOLS } from '../../engine/src/feeds/types.js';
import { PushFeed } from './push-feed.js';

/** A MemoryStore that notes when each surface reaches it (splits quote engine from API time). */
export class TimedStore extends MemoryStore {
  lastPublishAtMs = 0;
  override publishSurface(surface: MarketSurface): Promise<void> {
    this.lastPublishAtMs = preciseNowMs();
    return super.publishSurface(surface);
  }
}

export interface BenchEngine {
  readonly runtime: Runtime;
  readonly feed: PushFeed;
  readonly store: TimedStore;
  /** ws://…/v1/stream */
  readonly streamUrl: string;
  /** Quotes signed so far, all symbols. */
  signed(): number;
}

/** `env` overrides the defaults, which serve the stream in-process (EXEC_STREAM_WORKERS=0, so `onFanout` sees every fan-out). */
export async function startBenchEngine(onFanout: (info: FanoutInfo) => void, env: Record<string, string> = {}): Promise<BenchEngine> {
  const logger = pino({ level: 'silent' });
  const config = loadConfig({
    env: {
      EXEC_PORT: '0',
      EXEC_WS_HEARTBEAT_MS: '60000',
      EXEC_WS_MAX_BUFFERED_BYTES: String(64 * 1024 * 1024),
      EXEC_STREAM_WORKERS: '0',
      EXEC_LOCAL_CHAIN: 'off',
      // every benchmark client connects from 127.0.0.1: the per-IP abuse limits would refuse most of them
      EXEC_WS_MAX_CONNECTIONS_PER_IP: '100000',
      EXEC_HTTP_RATE_LIMIT_MAX: '10000000',
      ...env,
    },
    argv: ['--demo'],
  });
  const feed = new PushFeed();
  const store = new TimedStore({ logger, quoteRetentionMs: 10_000 });
  const runtime = await createRuntime({
    config,
    logger,
    signer: createSigner(new Uint8Array(32).fill(5)),
    signerBase58: 'bench',
    feed,
    store,
    market: { minIntervalMs: 0, moveThresholdBps: 0, maxIntervalMs: 600_000 },
    onFanout,
  });
  const address = await runtime.start();
  // Every venue quotes every symbol once, so the index is open before the measured ticks.
  for (let i = 0; i < 8; i++) for (const symbol of MARKET_SYMBOLS) feed.push(feed.tick(symbol, i));
  return {
    runtime,
    feed,
    store,
    streamUrl: `${address.replace('http', 'ws')}/v1/stream`,
    signed: () => runtime.quoteEngine.health().reduce((n, h) => n + h.quotesSigned, 0),
  };
}
