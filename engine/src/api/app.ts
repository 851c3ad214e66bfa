/**
 * `build(deps)` assembles the Fastify instance (HTTP routes + the /v1/stream WebSocket) and returns
 * it without listening. On close: WebSocket clients get 1001 in `preClose`, then the frame cache
 * unsubscribes from the store. The store itself belongs to main.ts, which stops it.
 */
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import websocket from '@fastify/websocket';
import type { Logger } from 'pino';
import type { FeedHealth, MarketSymbol } from '../feeds/types.js';
import type { SurfaceStore } from '../cache/types.js';
import { EngineError } from '../lib/errors.js';
import { ProcessStatsSampler } from '../lib/process-stats.js';
import { errorBody } from './schemas/http.js';
import { SurfaceFrames } from './surface-frames.js';
import { StreamHub, type FanoutInfo, type StreamLimits } from './routes/ws/stream-hub.js';
import { registerStreamHttpRoute, registerStreamRoute, routeUpgradesToWorkers } from './routes/ws/stream.js';
import { StreamWorkerPool } from './stream-workers/pool.js';
import { registerHealthRoute } from './routes/http/health.js';
import { registerOracleRoute, type OracleInfo } from './routes/http/oracle.js';
import { registerMarketRoutes } from './routes/http/markets.js';
import { registerQuoteRoute } from './routes/http/quotes.js';
import { registerSettlementRoute } from './routes/http/settlements.js';
import { registerQuoteTransactionRoute } from './routes/http/quote-transaction.js';
import type { ChainView } from '../chain/chain-view.js';
import type { ChainInfo } from '../chain/chain-access.js';
import { registerFaucetRoute, type FaucetFn } from './routes/http/faucet.js';
import { createExecTradeProgram } from '../client/program.js';
import { PublicKey } from '@solana/web3.js';
import { registerFeedsRoute } from './routes/http/feeds.js';
import { registerTerminalRoutes } from './routes/http/terminal.js';
import { registerHistoryRoute } from './routes/http/history.js';
import { IndexHistory } from './index-history.js';
import type { TerminalAsset } from './terminal/assets.js';
import { OPEN_HTTP_LIMITS, chainOriginsOf, registerSecurity, txRouteRateLimit, type HttpLimits } from './security.js';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { contractSerializer, registerOpenApi, registerOpenApiRoute, type ResponseContract } from './openapi.js';
import { validationFailure } from './schemas/errors.js';
import { ENGINE_VERSION } from '../lib/version.js';
import type { EngineMetrics } from '../metrics/engine-metrics.js';
import { registerMetricsRoute } from './routes/http/metrics.js';

export interface ApiDeps {
  readonly logger: Logger;
  readonly store: SurfaceStore;
  readonly symbols: readonly MarketSymbol[];
  readonly oracle: OracleInfo;
  readonly ws: StreamLimits;
  readonly feedHealth?: () => readonly FeedHealth[];
  readonly now?: () => number;
  /** Called after every update fan-out (benchmarks, metrics). */
  readonly onFanout?: (info: FanoutInfo) => void;
  /** Chain access for POST /v1/quotes/:id/transaction; absent/null (no EXEC_RPC_URL) → that route answers 503. */
  readonly chain?: ChainView | null;
  /** What GET /v1/oracle publishes about the chain (rpcUrl, collateral mint, status). */
  readonly chainInfo?: () => ChainInfo;
  /** Demo only: registers POST /v1/faucet, which uses the function once the demo chain is ready. */
  readonly faucet?: () => FaucetFn | null;
  /** Per-IP HTTP rate limits and CORS (EXEC_HTTP_*, EXEC_CORS_ORIGINS). Default: OPEN_HTTP_LIMITS. */
  readonly http?: HttpLimits;
  /** Stream worker processes serving /v1/stream (EXEC_STREAM_WORKERS); 0 or absent: this process serves it. */
  readonly streamWorkers?: number;
  /** The built terminal served at `/`; default: app/dist as it is on disk (null: `/` explains how to build it). */
  readonly terminal?: ReadonlyMap<string, TerminalAsset> | null;
  /** A response that does not match its declared schema: `report` (log; the default) or `throw` (tests). */
  readonly responseContract?: ResponseContract;
  /** This process's metrics: GET /metrics is served and the API observes into them. Absent: no /metrics. */
  readonly metrics?: EngineMetrics;
}

export interface ApiApp {
  readonly app: FastifyInstance;
  /** Serves /v1/stream in this process (idle when stream workers do). */
  readonly hub: StreamHub;
  readonly frames: SurfaceFrames;
  /** One sample per second of each symbol's index and venue mids (GET /v1/markets/:symbol/history). */
  readonly history: IndexHistory;
  /** The stream workers, when EXEC_STREAM_WORKERS ≥ 1. */
  readonly workers: StreamWorkerPool | null;
  /** Every route registered (filled while the app readies): what GET /v1/openapi.json must describe. */
  readonly routes: ReadonlyArray<{ readonly method: string; readonly url: string }>;
}

export function buildApi(deps: ApiDeps): ApiApp {
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ module: 'api' });
  const app = Fastify({
    loggerInstance: log,
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: true,
    // A path the router cannot decode (400) or with a parameter over 100 characters (414) is
    // answered before any route, by default with Fastify's own body: ours instead.
    frameworkErrors: (err, _req, reply) => {
      const status = err.statusCode ?? 400;
      const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path parameter is longer than 100 characters' : 'the path is not valid percent-encoding';
      const body = JSON.stringify(errorBody(status >= 500 ? 'EXEC_ERR_INTERNAL' : 'EXEC_ERR_BAD_REQUEST', message));
      return (reply as FastifyReply).code(status).type('application/json; charset=utf-8').send(body);
    },
  }) as unknown as FastifyInstance;
  const routes: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  registerOpenApi(
    app,
    { version: ENGINE_VERSION },
    contractSerializer(deps.responseContract ?? 'report', (violation) => {
      deps.metrics?.countContractViolation(violation.url);
      log.error({ violation }, 'response does not match its OpenAPI schema');
    }),
  );
  const frames = new SurfaceFrames(deps.store, deps.symbols, log);
  const hub = new StreamHub(frames, deps.ws, log, deps.onFanout);
  const history = new IndexHistory(deps.store, deps.symbols);
  const workerCount = deps.streamWorkers ?? 0;
  const workers =
    workerCount > 0
      ? new StreamWorkerPool({ count: workerCount, init: { symbols: deps.symbols, limits: deps.ws, logLevel: deps.logger.level, simulated: deps.oracle.simulated }, logger: log })
      : null;
  const startedAtMs = now();
  const processStats = new ProcessStatsSampler();
  const streamHealth = () => (workers === null ? { workers: 0, ready: 0, clients: hub.clientCount } : { workers: workerCount, ready: workers.readyCount, clients: workers.clientCount });
  const streamStats = async () => ({ ...(workers === null ? hub.stats() : await workers.currentStreamStats()), ...streamHealth() });
  if (deps.metrics) observeInto(deps.metrics, app, frames, deps.store, streamStats);

  let offSettlements: (() => void) | null = null;
  // After the fan-out's own listener, so timing a surface never delays sending it.
  const observeFrames = (): void => {
    if (deps.metrics) frames.onEntry((entry) => deps.metrics?.observeSurfaceFrame(entry.surface, entry.builtAtMs));
  };
  app.addHook('onReady', async () => {
    await frames.start();
    await history.start();
    processStats.start();
    if (workers !== null) {
      await workers.start(frames, deps.store);
      return observeFrames();
    }
    hub.start();
    observeFrames();
    offSettlements = deps.store.subscribe((e) => {
      if (e.type === 'settlement' && frames.serves(e.symbol)) hub.broadcastSettlement(e.symbol, e.settlement);
    });
  });
  app.addHook('preClose', async () => {
    offSettlements?.();
    hub.stop();
    processStats.stop();
    await workers?.stop();
  });
  app.addHook('onClose', async () => {
    await history.stop();
    await frames.stop();
  });
  if (deps.oracle.simulated) {
    app.addHook('onSend', async (_req, reply) => {
      reply.header('x-exec-mode', 'SIMULATED');
    });
  }

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const failure = validationFailure(err.validationContext, err.validation);
      return reply.code(400).send(errorBody(failure.code, failure.message));
    }
    if (err instanceof EngineError && err.statusCode !== undefined) {
      return reply.code(err.statusCode).send(errorBody(err.code, err.message));
    }
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send(errorBody('EXEC_ERR_BAD_REQUEST', err.message));
    }
    req.log.error({ err, url: req.url }, 'request failed');
    return reply.code(500).send(errorBody('EXEC_ERR_INTERNAL', 'internal error'));
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(errorBody('EXEC_ERR_NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`));
  });

  const http = deps.http ?? OPEN_HTTP_LIMITS;
  // the terminal may talk to the chain the oracle names (its RPC and PubSub origins), nothing else
  const chainInfo = deps.chainInfo;
  const chainOrigins = chainInfo ? (): string[] => chainOriginsOf([chainInfo().rpcUrl, chainInfo().wsUrl]) : undefined;
  registerSecurity(app, http, chainOrigins);
  if (workers === null) void app.register(websocket, { options: { maxPayload: deps.ws.maxFrameBytes, perMessageDeflate: false } });
  else routeUpgradesToWorkers(app, workers);
  void app.register(async (scoped) => {
    if (workers === null) registerStreamRoute(scoped, hub);
    else registerStreamHttpRoute(scoped);
    registerOpenApiRoute(scoped);
    if (deps.metrics) registerMetricsRoute(scoped, deps.metrics);
    registerHealthRoute(scoped, {
      store: deps.store,
      frames,
      simulated: deps.oracle.simulated,
      startedAtMs,
      now,
      streamStats: () => (workers === null ? hub.stats() : workers.currentStreamStats()),
      processStats: () => processStats.read(),
      ...(deps.feedHealth ? { feedHealth: deps.feedHealth } : {}),
      stream: streamHealth,
    });
    registerOracleRoute(scoped, deps.oracle, deps.symbols, deps.chainInfo);
    if (deps.faucet) registerFaucetRoute(scoped, deps.faucet);
    registerMarketRoutes(scoped, frames, deps.oracle.simulated);
    registerHistoryRoute(scoped, history, deps.oracle.simulated, now);
    registerQuoteRoute(scoped, deps.store, now);
    registerSettlementRoute(scoped, deps.store, deps.symbols);
    registerQuoteTransactionRoute(scoped, {
      store: deps.store,
      chain: deps.chain ?? null,
      program: createExecTradeProgram(undefined, new PublicKey(deps.oracle.programId)),
      oracleAuthority: deps.oracle.signer,
      now,
      rateLimit: txRouteRateLimit(http),
    });
    registerTerminalRoutes(scoped, deps.terminal);
    registerFeedsRoute(scoped, { feedHealth: deps.feedHealth ?? (() => []), simulated: deps.oracle.simulated, now });
  });
  return { app, hub, frames, history, workers, routes };
}

/**
 * What the API observes into the metrics besides the surfaces' timing (onReady): HTTP requests by
 * route pattern and status, and (read at scrape time) the stream counters, the store and, until a
 * process with an aggregator says otherwise, the index as the surfaces carry it.
 */
function observeInto(metrics: EngineMetrics, app: FastifyInstance, frames: SurfaceFrames, store: SurfaceStore, stream: () => Promise<StreamSourceLike>): void {
  app.addHook('onResponse', async (req, reply) => {
    metrics.observeHttp(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  metrics.addSources({
    stream,
    store: () => store.health(),
    index: () =>
      frames.servedSymbols.flatMap((symbol) => {
        const index = frames.get(symbol)?.surface.index;
        return index === undefined ? [] : [{ symbol, open: index.price !== null, sourceTs: index.sourceTs, providers: index.providers }];
      }),
  });
}

type StreamSourceLike = Awaited<ReturnType<StreamWorkerPool['currentStreamStats']>> & { readonly workers: number; readonly ready: number };

/** The Fastify instance alone, never listening (STYLE.md 3.1). */
export function build(deps: ApiDeps): FastifyInstance {
  return buildApi(deps).app;
}
