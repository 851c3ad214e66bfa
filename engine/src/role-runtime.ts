/**
 * Process roles (EXEC_ROLE), composed on top of runtime.ts:
 *
 * - `all` (default): feeds + aggregator + quote engine + API in one process. The store is a writer
 *   RedisStore when EXEC_REDIS_URL is set (so gateways can fan out from it), else a MemoryStore.
 * - `engine`: feeds, pricing and signing, writing every surface to Redis. No client API: only a tiny
 *   GET /v1/health listener on EXEC_HOST:EXEC_PORT.
 * - `gateway`: the HTTP/WebSocket API served from Redis through a reader RedisStore. No feed, no
 *   quote engine, and no keypair is ever loaded or created: the public oracle info comes from Redis,
 *   where the engine wrote it.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config, FeedsConfig } from './config/index.js';
import { buildApi } from './api/app.js';
import { QUOTE_FORMATS } from './market/quote-engine-options.js';
import type { OracleInfo } from './api/routes/http/oracle.js';
import { RedisStore } from './cache/redis-store.js';
import { EngineError } from './lib/errors.js';
import { CLUSTERS } from './market/types.js';
import type { LoadedKeypair } from './signer/keys.js';
import { createMetrics, createRuntime, type StopStep } from './runtime.js';
import { registerBareMetricsRoute } from './api/routes/http/metrics.js';
import { RpcChainView } from './chain/chain-view.js';
import { PublicKey } from '@solana/web3.js';

/** What a role really runs, for the start-up log line. */
export interface RoleRuns {
  /** The price source: the configured feed (engine, all), or none (a gateway has no feed). */
  readonly feeds: FeedsConfig['kind'] | 'none';
  /** `full`: the HTTP/WebSocket client API; `health`: only GET /v1/health (EXEC_ROLE=engine). */
  readonly api: 'full' | 'health';
  /** Whether this process holds the oracle key and signs quotes. */
  readonly signs: boolean;
}

export interface RoleRuntime {
  readonly role: Config['role'];
  /** base58 oracle key this process signs with (engine, all) or serves (gateway). */
  readonly oraclePublicKey: string;
  readonly runs: RoleRuns;
  /** The oracle this process signs as (engine, all) or serves from Redis (gateway: the engine's, not its own config). */
  readonly oracle: OracleInfo;
  /** Start every component, then listen. Resolves with the bound address. */
  start(): Promise<string>;
  readonly stopSteps: readonly StopStep[];
  /** Rolling restart of the stream workers (no-op without them): main.ts runs it on SIGUSR2. */
  restartStreamWorkers(): Promise<void>;
}

export interface RoleRuntimeOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Loads the oracle key. Never called for the gateway role. */
  readonly loadKey: () => Promise<LoadedKeypair>;
  /** How long a gateway waits for the engine to publish its oracle info. Default 60 s. */
  readonly oracleWaitMs?: number;
}

const OracleInfoJson = z.object({
  signer: z.string().min(32),
  settlementSigner: z.string().min(32),
  programId: z.string().min(32),
  cluster: z.enum(CLUSTERS),
  epoch: z.string().regex(/^\d{1,20}$/),
  simulated: z.boolean(),
  quoteFormat: z.enum(QUOTE_FORMATS).optional(),
});

export async function createRoleRuntime(options: RoleRuntimeOptions): Promise<RoleRuntime> {
  return options.config.role === 'gateway' ? createGateway(options) : createEngine(options);
}

function redisStore(config: Config, logger: Logger, mode: 'writer' | 'reader', url: string): RedisStore {
  return new RedisStore({
    url,
    mode,
    logger,
    keyPrefix: config.redis.keyPrefix,
    symbols: config.symbols,
    quoteTtlMarginMs: config.store.quoteRetentionMs,
    leaseTtlMs: config.writerLease.ttlMs,
    leaseRenewMs: config.writerLease.renewMs,
  });
}

async function createEngine(options: RoleRuntimeOptions): Promise<RoleRuntime> {
  const { config, logger } = options;
  const role = config.role;
  const key = await options.loadKey();
  const url = config.redis.url;
  const redis = url === null ? undefined : redisStore(config, logger, 'writer', url);
  // Started before the runtime reads the stored seqs, so a restarted engine continues them.
  if (redis !== undefined) await redis.start();
  const runtime = await createRuntime({
    config,
    logger,
    signer: key.signer,
    signerBase58: key.publicKeyBase58,
    ...(redis === undefined ? {} : { store: redis }),
    serveApi: role === 'all',
  });
  const oracle: OracleInfo = {
    signer: key.publicKeyBase58,
    settlementSigner: runtime.settlement.settlementAuthority,
    programId: config.programId,
    cluster: config.cluster,
    epoch: config.quoteEpoch,
    simulated: config.simulated,
    quoteFormat: config.market.quoteFormat,
  };
  await redis?.publishOracleInfo(JSON.stringify({ ...oracle, epoch: oracle.epoch.toString() }));
  const common = { role, oraclePublicKey: key.publicKeyBase58, oracle };
  if (role === 'all') {
    return {
      ...common,
      runs: { feeds: config.feeds.kind, api: 'full', signs: true },
      start: () => runtime.start(),
      stopSteps: runtime.stopSteps,
      restartStreamWorkers: async () => runtime.api.workers?.restartAll(),
    };
  }

  const health = Fastify({ loggerInstance: logger.child({ module: 'engine.health' }), disableRequestLogging: true });
  if (runtime.metrics) registerBareMetricsRoute(health as unknown as FastifyInstance, runtime.metrics);
  health.get('/v1/health', async (_req, reply) => {
    // Redis down: the engine keeps pricing and signing from memory and rewrites on reconnect, so
    // it is degraded, not down (restarting it would not help).
    const store = runtime.store.health();
    const serving = store.healthy || store.servingFromMemory === true;
    return reply.code(serving ? 200 : 503).send({
      role,
      status: !serving ? 'down' : store.healthy ? 'ok' : 'degraded',
      simulated: config.simulated,
      store,
      engine: runtime.quoteEngine.health(),
      feeds: runtime.feed.health(),
    });
  });
  return {
    ...common,
    runs: { feeds: config.feeds.kind, api: 'health', signs: true },
    start: async () => {
      await runtime.start();
      return health.listen({ host: config.server.host, port: config.server.port });
    },
    stopSteps: [{ name: 'health', run: () => health.close() }, ...runtime.stopSteps],
    restartStreamWorkers: async () => undefined,
  };
}

async function createGateway(options: RoleRuntimeOptions): Promise<RoleRuntime> {
  const { config, logger } = options;
  const log = logger.child({ module: 'gateway' });
  if (config.redis.url === null) throw new EngineError('EXEC_ERR_CONFIG', 'EXEC_ROLE=gateway needs EXEC_REDIS_URL');
  const store = redisStore(config, logger, 'reader', config.redis.url);
  await store.start();
  const oracle = await waitForOracleInfo(store, options.oracleWaitMs ?? 60_000, log).catch(async (err: unknown) => {
    await store.stop();
    throw err;
  });
  log.info({ oraclePublicKey: oracle.signer, simulated: oracle.simulated }, 'gateway serving the engine oracle from Redis');
  // A gateway builds trade transactions too (POST /v1/quotes/:id/transaction) when it has an RPC.
  const chain = config.chain.rpcUrl === null ? null : new RpcChainView({
    rpcUrl: config.chain.rpcUrl,
    programId: new PublicKey(oracle.programId),
    ...(config.chain.collateralMint === null ? {} : { collateralMint: new PublicKey(config.chain.collateralMint) }),
  });
  const metrics = createMetrics(config, logger);
  const api = buildApi({ logger, store, symbols: config.symbols, oracle, ws: config.ws, http: config.http, streamWorkers: config.streamWorkers, chain, ...(metrics ? { metrics } : {}) });
  metrics?.addSources({ redisPing: () => store.pingSeconds() });
  return {
    role: 'gateway',
    oraclePublicKey: oracle.signer,
    runs: { feeds: 'none', api: 'full', signs: false },
    oracle,
    start: () => api.app.listen({ host: config.server.host, port: config.server.port }),
    stopSteps: [
      { name: 'api', run: () => api.app.close() },
      { name: 'store', run: () => store.stop() },
    ],
    restartStreamWorkers: async () => api.workers?.restartAll(),
  };
}

async function waitForOracleInfo(store: RedisStore, waitMs: number, log: Logger): Promise<OracleInfo> {
  const deadline = Date.now() + waitMs;
  let warned = false;
  for (;;) {
    const raw = await store.getOracleInfo();
    if (raw !== undefined) {
      const parsed = OracleInfoJson.safeParse(JSON.parse(raw));
      if (!parsed.success) throw new EngineError('EXEC_ERR_GATEWAY_ORACLE', `oracle info in Redis is malformed: ${parsed.error.message}`);
      return { ...parsed.data, epoch: BigInt(parsed.data.epoch) };
    }
    if (Date.now() >= deadline) {
      throw new EngineError('EXEC_ERR_GATEWAY_ORACLE', `no oracle info in Redis after ${waitMs} ms: is an engine (EXEC_ROLE=engine) running on the same Redis and key prefix?`);
    }
    if (!warned) log.warn('waiting for an engine to publish its oracle info to Redis');
    warned = true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
