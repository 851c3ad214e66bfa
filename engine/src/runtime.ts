/**
 * The engine's component graph, built from a Config: store → feed (+ recorder) → Aggregator →
 * QuoteEngine → store → API. main.ts owns the process (config, logger, key, signals) and calls
 * this; the e2e test and the benchmark build the same graph. `stopSteps` are in the STYLE.md 3.7
 * shutdown order: API (WS clients get 1001) → feed → recorder → aggregator → quote engine → store.
 */
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { buildApi, type ApiApp } from './api/app.js';
import type { FanoutInfo } from './api/routes/ws/stream-hub.js';
import { MemoryStore } from './cache/memory-store.js';
import { RedisStore } from './cache/redis-store.js';
import type { SurfaceStore } from './cache/types.js';
import { createFeed, type FeedSpec } from './feeds/registry.js';
import { createLiveFeed } from './feeds/live.js';
import { TickRecorder } from './feeds/recorder.js';
import type { FeedAdapter, MarketSymbol } from './feeds/types.js';
import { Aggregator } from './aggregator/aggregator.js';
import { QuoteEngine } from './market/quote-engine.js';
import { quoteEngineSettingsFromFlat, type QuoteEngineSettings } from './market/quote-engine-options.js';
import type { Ed25519Signer } from './signer/sign.js';
import { createSettlementRuntime, type SettlementRuntime } from './settlement/settlement-runtime.js';
import { createChainRuntime, type ChainRuntime } from './chain/chain-runtime.js';
import { EngineMetrics } from './metrics/engine-metrics.js';
import { ENGINE_VERSION } from './lib/version.js';

export interface RuntimeOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly signer: Ed25519Signer;
  readonly signerBase58: string;
  /** Defaults to a MemoryStore. The runtime stops whatever store it is given. */
  readonly store?: SurfaceStore;
  /** Replaces the feed chosen by `config.feeds` (benchmarks drive their own ticks). */
  readonly feed?: FeedAdapter;
  /** Quote engine settings that override the config (benchmarks, tests). */
  readonly market?: Partial<QuoteEngineSettings>;
  readonly onFanout?: (info: FanoutInfo) => void;
  /** False (EXEC_ROLE=engine): the API is built but never readied, bound or closed. Default true. */
  readonly serveApi?: boolean;
}

export interface StopStep {
  readonly name: string;
  run(): Promise<void>;
}

export interface Runtime {
  readonly api: ApiApp;
  readonly store: SurfaceStore;
  readonly feed: FeedAdapter;
  readonly aggregator: Aggregator;
  readonly quoteEngine: QuoteEngine;
  readonly recorder: TickRecorder | null;
  readonly settlement: SettlementRuntime;
  readonly chain: ChainRuntime;
  /** This process's metrics (GET /metrics), or null with EXEC_METRICS=false. */
  readonly metrics: EngineMetrics | null;
  /** Start every component, then listen. Resolves with the bound address, e.g. http://127.0.0.1:8080. */
  start(): Promise<string>;
  readonly stopSteps: readonly StopStep[];
  /** Run every stop step in order (tests; main.ts registers the steps with Shutdown instead). */
  stop(): Promise<void>;
}

export function feedSpecOf(config: Config): FeedSpec {
  switch (config.feeds.kind) {
    case 'live':
      return { kind: 'live', venues: config.venues };
    case 'sim':
      return { kind: 'sim' };
    case 'replay':
      return { kind: 'replay', path: config.feeds.file };
  }
}

/** The quote engine settings of a config: every EXEC_* market variable, validated once. */
export function quoteEngineSettingsOf(config: Config): QuoteEngineSettings {
  return quoteEngineSettingsFromFlat(config.market);
}

/** The process's metrics registry, or null when EXEC_METRICS is false. */
export function createMetrics(config: Config, logger: Logger): EngineMetrics | null {
  if (!config.metrics.enabled) return null;
  const log = logger.child({ module: 'metrics' });
  return new EngineMetrics({
    role: config.role,
    version: ENGINE_VERSION,
    simulated: config.simulated,
    onSourceError: (source, err) => log.warn({ source, err }, 'metrics source failed; left out of this scrape'),
  });
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const symbols: readonly MarketSymbol[] = config.symbols;
  const store = options.store ?? new MemoryStore({ logger, quoteRetentionMs: config.store.quoteRetentionMs });
  const metrics = createMetrics(config, logger);

  const feed =
    options.feed ??
    (await createFeed(feedSpecOf(config), {
      logger,
      symbols,
      sim: { seed: config.sim.seed, tickHz: config.sim.tickHz, venues: config.venues, faults: config.sim.faults },
      replay: { speed: config.replay.speed, loop: config.replay.loop },
      liveFactory: (venues, deps) => createLiveFeed(venues, { ...deps, urls: config.venueUrls }),
    }));
  const recorder = config.recordFile === null ? null : await TickRecorder.create({ logger, path: config.recordFile });
  recorder?.attach(feed);

  const aggregator = new Aggregator({ logger, symbols, ...config.aggregator, allowSimulated: config.simulated });
  aggregator.attach(feed);

  const initialSeq: Partial<Record<MarketSymbol, number>> = {};
  for (const symbol of symbols) {
    const existing = await store.getSurface(symbol);
    if (existing) initialSeq[symbol] = existing.seq;
  }
  const quoteEngine = new QuoteEngine({
    ...quoteEngineSettingsOf(config),
    ...options.market,
    signer: options.signer,
    publish: (surface) => store.publishSurface(surface),
    logger,
    cluster: config.cluster,
    programId: config.programId,
    epoch: config.quoteEpoch,
    simulated: config.simulated,
    symbols,
    initialSeq,
    ...(metrics ? { onRegenerated: (symbol: MarketSymbol, seconds: number) => metrics.observeRegeneration(symbol, seconds) } : {}),
  });
  aggregator.onSnapshot((snapshot) => quoteEngine.onIndex(snapshot));
  // a standby engine that takes over continues every symbol's seq above the last one written
  if (store instanceof RedisStore) store.onWriterChange((floors) => quoteEngine.raiseSeqFloors(floors));
  const settlement = await createSettlementRuntime({ config, logger, store });
  aggregator.onSnapshot((snapshot) => settlement.settler.observe(snapshot));
  const chain = await createChainRuntime({
    config,
    logger,
    store,
    oracleAuthority: options.signerBase58,
    settlementAuthority: settlement.settlementAuthority,
    quoting: quoteEngine,
  });

  const api = buildApi({
    logger,
    store,
    symbols,
    oracle: {
      signer: options.signerBase58,
      settlementSigner: settlement.settlementAuthority,
      programId: config.programId,
      cluster: config.cluster,
      epoch: config.quoteEpoch,
      simulated: config.simulated,
      quoteFormat: config.market.quoteFormat,
    },
    ws: config.ws,
    http: config.http,
    streamWorkers: config.streamWorkers,
    feedHealth: () => feed.health(),
    chain: chain.access,
    chainInfo: () => chain.access.info(),
    ...(chain.demoChainEnabled ? { faucet: () => chain.faucet() } : {}),
    ...(options.onFanout ? { onFanout: options.onFanout } : {}),
    ...(metrics ? { metrics } : {}),
  });
  metrics?.addSources({
    feeds: () => feed.health(),
    index: () =>
      symbols.flatMap((symbol) => {
        const snap = aggregator.latest(symbol);
        return snap === null ? [] : [{ symbol, open: snap.status === 'open', sourceTs: snap.sourceTs, providers: snap.providers }];
      }),
    quotes: () => quoteEngine.health(),
    store: () => store.health(),
    keeper: () => chain.keeperStats(),
    ...(store instanceof RedisStore ? { redisPing: () => store.pingSeconds() } : {}),
  });

  const serveApi = options.serveApi ?? true;
  const stopSteps: StopStep[] = [
    ...(serveApi ? [{ name: 'api', run: () => api.app.close() }] : []),
    { name: 'feed', run: () => feed.stop() },
    ...(recorder ? [{ name: 'recorder', run: () => recorder.stop() }] : []),
    { name: 'aggregator', run: () => aggregator.stop() },
    { name: 'quote-engine', run: () => quoteEngine.stop() },
    { name: 'chain', run: () => chain.stop() },
    { name: 'settlement', run: () => settlement.stop() },
    { name: 'store', run: () => store.stop() },
  ];

  return {
    api,
    store,
    feed,
    aggregator,
    quoteEngine,
    recorder,
    settlement,
    chain,
    metrics,
    stopSteps,
    async start() {
      await store.start();
      if (serveApi) await api.app.ready();
      await quoteEngine.start();
      await settlement.start();
      await chain.start();
      await aggregator.start();
      await recorder?.start();
      await feed.start();
      return serveApi ? api.app.listen({ host: config.server.host, port: config.server.port }) : '';
    },
    async stop() {
      for (const step of stopSteps) await step.run();
    },
  };
}
