/**
 * The configuration schema (zod 4). Keys are the environment variable names, so every validation
 * issue names the variable to fix; `ConfigSchema` turns the flat variables into the nested `Config`.
 * Only `load.ts` reads `process.env`; it hands the variables (and the argv flags) to this schema.
 */
import { z } from 'zod';
import { LIVE_VENUES, MARKET_SYMBOLS, type LiveVenue } from '../feeds/types.js';
import { SIM_FEED_DEFAULTS } from '../feeds/sim/sim-feed.js';
import { REPLAY_FEED_DEFAULTS } from '../feeds/replay/replay-feed.js';
import { AGGREGATOR_DEFAULTS } from '../aggregator/aggregator.js';
import { CLUSTERS, type Asset } from '../market/types.js';
import { DEFAULT_QUOTE_ENGINE_SETTINGS as QE, QUOTE_FORMATS } from '../market/quote-engine-options.js';
import { DEFAULT_PRICING } from '../market/pricing.js';
import { defaultCloseOffsetSec } from '../market/schedule.js';
import { DEFAULT_VOLATILITY as VOL } from '../market/volatility.js';
import { DEFAULT_DECAY, MAX_DECAY_MICROS_PER_SEC, MAX_DECAY_SCALE_BPS } from '../market/decay.js';
import { MAX_LADDER_LEAVES } from '../client/ladder.js';
import { DEFAULT_PROGRAM_ID } from './defaults.js';
import { LIMIT_VARS, limitsOf, refineLimits } from './limits.js';
import {
  BoolVar,
  ExpiriesVar,
  FeedsVar,
  PathVar,
  ProgramIdVar,
  SecondsListVar,
  SimFaultsVar,
  StreamWorkersVar,
  SymbolsVar,
  U64Var,
  UrlVar,
  UsdtVar,
  VenuesVar,
  decimal,
  int,
  volVar,
  type FeedsConfig,
} from './vars.js';

export type { FeedsConfig } from './vars.js';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ASSETS: readonly Asset[] = ['BTC', 'ETH', 'SOL'];
const PROB_ONE = 1_000_000;

/** The variables, keyed by name. Unset and empty variables take the default. */
export const EnvSchema = z
  .object({
    EXEC_HOST: z.string().min(1).default('127.0.0.1'),
    EXEC_PORT: int(8080, 0, 65_535),
    EXEC_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    EXEC_FEEDS: FeedsVar.default({ kind: 'live' }),
    EXEC_SYMBOLS: SymbolsVar.default([...MARKET_SYMBOLS]),
    EXEC_ORACLE_KEYPAIR: PathVar.optional(),
    EXEC_DATA_DIR: PathVar.default('.data'),
    EXEC_CLUSTER: z.enum(CLUSTERS).default('devnet'),
    EXEC_PROGRAM_ID: ProgramIdVar.default(DEFAULT_PROGRAM_ID),
    EXEC_QUOTE_EPOCH: U64Var.default(1n),
    EXEC_QUOTE_RETENTION_MS: int(60_000, 0, 3_600_000),
    EXEC_WS_MAX_SUBSCRIPTIONS: int(MARKET_SYMBOLS.length, 1, 1_000),
    EXEC_WS_MAX_FRAME_BYTES: int(4_096, 64, 1_048_576),
    EXEC_WS_HEARTBEAT_MS: int(5_000, 100, 600_000),
    EXEC_WS_MAX_BUFFERED_BYTES: int(4_194_304, 1_024, 1_073_741_824),
    EXEC_WS_RAW_WRITES: BoolVar.default(true),
    EXEC_STREAM_WORKERS: StreamWorkersVar.prefault('auto'),
    EXEC_METRICS: BoolVar.default(true),
    // abuse limits, security headers, writer lease (limits.ts)
    ...LIMIT_VARS,
    // roles and Redis (docs/redis.md)
    EXEC_ROLE: z.enum(['all', 'engine', 'gateway']).default('all'),
    EXEC_REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL').optional(),
    EXEC_REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]*$/, 'may only hold A-Z a-z 0-9 _ . : -').default(''),
    // feeds
    EXEC_VENUES: VenuesVar.default([...LIVE_VENUES]),
    EXEC_BINANCE_WS_URL: UrlVar.optional(),
    EXEC_COINBASE_WS_URL: UrlVar.optional(),
    EXEC_KRAKEN_WS_URL: UrlVar.optional(),
    EXEC_BYBIT_WS_URL: UrlVar.optional(),
    EXEC_SIM_SEED: int(SIM_FEED_DEFAULTS.seed, 0, 2 ** 31 - 1),
    EXEC_SIM_TICK_HZ: int(SIM_FEED_DEFAULTS.tickHz, 1, 1_000),
    EXEC_SIM_FAULTS: SimFaultsVar.default({}),
    EXEC_REPLAY_SPEED: decimal(REPLAY_FEED_DEFAULTS.speed, z.number().min(0).max(1_000)),
    EXEC_REPLAY_LOOP: BoolVar.default(REPLAY_FEED_DEFAULTS.loop),
    // aggregator
    EXEC_AGG_MIN_PROVIDERS: int(AGGREGATOR_DEFAULTS.minProviders, 1, LIVE_VENUES.length),
    EXEC_AGG_OUTLIER_BPS: int(AGGREGATOR_DEFAULTS.outlierBps, 1, 10_000),
    EXEC_AGG_MAX_EXCHANGE_AGE_MS: int(AGGREGATOR_DEFAULTS.maxExchangeAgeMs, 1, 600_000),
    EXEC_AGG_MAX_RECEIVE_AGE_MS: int(AGGREGATOR_DEFAULTS.maxReceiveAgeMs, 1, 600_000),
    EXEC_AGG_MAX_FUTURE_SKEW_MS: int(AGGREGATOR_DEFAULTS.maxFutureSkewMs, 0, 600_000),
    EXEC_AGG_EVALUATE_MS: int(AGGREGATOR_DEFAULTS.evaluateIntervalMs, 0, 60_000),
    // market: rounds, ladder, pricing, risk
    EXEC_EXPIRIES: ExpiriesVar.default(QE.schedule.rounds.map((r) => r.durationSec)),
    EXEC_STRIKES_PER_SIDE: int(QE.ladder.strikesPerSide, 0, 100),
    EXEC_STRIKE_SPACING_BTC: UsdtVar.default(QE.ladder.spacing.BTC),
    EXEC_STRIKE_SPACING_ETH: UsdtVar.default(QE.ladder.spacing.ETH),
    EXEC_STRIKE_SPACING_SOL: UsdtVar.default(QE.ladder.spacing.SOL),
    EXEC_SPREAD_BPS: int(Number(DEFAULT_PRICING.spreadMicros / 100n), 0, 9_999),
    EXEC_QUOTE_TTL_MS: int(QE.quoteTtlMs, 1, 600_000),
    EXEC_MAX_INDEX_AGE_MS: int(QE.maxIndexAgeMs, 1, 600_000),
    EXEC_MOVE_THRESHOLD_BPS: int(QE.moveThresholdBps, 0, 10_000),
    EXEC_MIN_INTERVAL_MS: int(QE.minIntervalMs, 0, 60_000),
    EXEC_MAX_INTERVAL_MS: int(QE.maxIntervalMs, 1, 600_000),
    EXEC_MAX_SIZE_BTC: U64Var.default(QE.maxSizeAtoms.BTC),
    EXEC_MAX_SIZE_ETH: U64Var.default(QE.maxSizeAtoms.ETH),
    EXEC_MAX_SIZE_SOL: U64Var.default(QE.maxSizeAtoms.SOL),
    // market: close offsets, price clamp, volatility
    EXEC_TRADING_CLOSE_SEC: SecondsListVar.optional(),
    EXEC_MIN_PRICE_MICROS: int(Number(DEFAULT_PRICING.minPriceMicros), 1, PROB_ONE),
    EXEC_MAX_PRICE_MICROS: int(Number(DEFAULT_PRICING.maxPriceMicros), 1, PROB_ONE),
    EXEC_PRICE_TICK_MICROS: int(1_000, 1, 100_000),
    EXEC_QUOTE_REUSE_MIN_TTL_FRACTION: decimal(QE.quoteReuseMinTtlFraction, z.number().min(0).max(1)),
    EXEC_STARTUP_WARMUP_MS: int(QE.startupWarmupMs, 0, 600_000),
    // quote format v2: one signature per round ladder, prices that decay with quote age (docs/quote-format.md)
    EXEC_QUOTE_FORMAT: z.enum(QUOTE_FORMATS).default(QE.quoteFormat),
    EXEC_DECAY_SCALE_BPS: int(DEFAULT_DECAY.scaleBps, 0, MAX_DECAY_SCALE_BPS),
    EXEC_DECAY_MAX_MICROS_PER_SEC: int(DEFAULT_DECAY.maxMicrosPerSec, 0, MAX_DECAY_MICROS_PER_SEC),
    EXEC_VOL_SAMPLE_MS: int(VOL.sampleIntervalMs, 10, 3_600_000),
    EXEC_VOL_LAMBDA: decimal(VOL.lambda, z.number().gt(0).lt(1)),
    EXEC_VOL_LAMBDA_INTERVAL_MS: int(VOL.lambdaIntervalMs, 1, 86_400_000),
    EXEC_VOL_WARMUP_SAMPLES: int(VOL.warmupSamples, 1, 1_000_000),
    EXEC_VOL_RESET_GAP_MS: int(VOL.resetAfterGapMs, 10, 86_400_000),
    EXEC_VOL_DEFAULT_BTC: volVar(VOL.perAsset.BTC.defaultVol),
    EXEC_VOL_FLOOR_BTC: volVar(VOL.perAsset.BTC.floor),
    EXEC_VOL_CAP_BTC: volVar(VOL.perAsset.BTC.cap),
    EXEC_VOL_DEFAULT_ETH: volVar(VOL.perAsset.ETH.defaultVol),
    EXEC_VOL_FLOOR_ETH: volVar(VOL.perAsset.ETH.floor),
    EXEC_VOL_CAP_ETH: volVar(VOL.perAsset.ETH.cap),
    EXEC_VOL_DEFAULT_SOL: volVar(VOL.perAsset.SOL.defaultVol),
    EXEC_VOL_FLOOR_SOL: volVar(VOL.perAsset.SOL.floor),
    EXEC_VOL_CAP_SOL: volVar(VOL.perAsset.SOL.cap),
    EXEC_RPC_URL: z.string().regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL').optional(),
    EXEC_COLLATERAL_MINT: ProgramIdVar.optional(),
    EXEC_SETTLEMENT_KEYPAIR: PathVar.optional(),
    EXEC_SETTLEMENT_WINDOW_MS: int(5_000, 100, 600_000),
    EXEC_SETTLEMENT_MIN_PROVIDERS: int(2, 1, 16),
    EXEC_SETTLEMENT_DELAY_MS: int(1_500, 0, 600_000),
    EXEC_KEEPER_KEYPAIR: PathVar.optional(),
    EXEC_KEEPER_PREOPEN: z.enum(['0', '1']).default('1'),
    EXEC_LOCAL_CHAIN: z.enum(['auto', 'on', 'off']).default('auto'),
    EXEC_LOCAL_CHAIN_PORT: int(8899, 0, 65_534),
    EXEC_FAUCET_LAMPORTS: int(2_000_000_000, 0, 100_000_000_000),
    EXEC_FAUCET_COLLATERAL_ATOMS: U64Var.default(1_000_000_000n),
    EXEC_CHAIN_CLOCK_MAX_SKEW_SEC: int(5, 1, 3_600),
    EXEC_CHAIN_CLOCK_CHECK_MS: int(2_000, 100, 600_000),
  })
  // Runs even when some variables failed to parse, so every problem is listed at once; each check
  // only looks at variables that parsed.
  .superRefine(
    (v, ctx) => {
      const failed = new Set(ctx.issues.map((i) => String(i.path?.[0])));
      const check: CrossCheck = {
        v,
        valid: (...names) => names.every((n) => !failed.has(n)),
        issue: (path, message) => ctx.addIssue({ code: 'custom', path: [path], message }),
      };
      refineGeneral(check);
      refineLimits(v, check.valid, check.issue);
      refineMarket(check);
    },
    { when: () => true },
  );

type EnvOut = z.output<typeof EnvSchema>;
type EnvName = keyof EnvOut;

interface CrossCheck {
  readonly v: EnvOut;
  /** True when every named variable parsed (its value in `v` can be trusted). */
  valid(...names: EnvName[]): boolean;
  issue(path: EnvName, message: string): void;
}

function refineGeneral({ v, valid, issue }: CrossCheck): void {
  if (valid('EXEC_ROLE', 'EXEC_REDIS_URL') && v.EXEC_ROLE !== 'all' && v.EXEC_REDIS_URL === undefined) {
    issue('EXEC_REDIS_URL', `is required when EXEC_ROLE=${v.EXEC_ROLE}`);
  }
  if (valid('EXEC_MIN_INTERVAL_MS', 'EXEC_MAX_INTERVAL_MS') && v.EXEC_MIN_INTERVAL_MS > v.EXEC_MAX_INTERVAL_MS) {
    issue('EXEC_MIN_INTERVAL_MS', `must not exceed EXEC_MAX_INTERVAL_MS (${v.EXEC_MAX_INTERVAL_MS})`);
  }
  for (const asset of ASSETS) {
    if (valid(`EXEC_MAX_SIZE_${asset}`) && v[`EXEC_MAX_SIZE_${asset}`] === 0n) issue(`EXEC_MAX_SIZE_${asset}`, 'must be > 0');
  }
  if (valid('EXEC_LOCAL_CHAIN', 'EXEC_ROLE', 'EXEC_RPC_URL') && v.EXEC_LOCAL_CHAIN === 'on') {
    if (v.EXEC_ROLE !== 'all') issue('EXEC_LOCAL_CHAIN', `=on needs EXEC_ROLE=all (the local chain lives in the one process), got ${v.EXEC_ROLE}`);
    if (v.EXEC_RPC_URL !== undefined) issue('EXEC_LOCAL_CHAIN', '=on starts its own chain: unset EXEC_RPC_URL, or set EXEC_LOCAL_CHAIN=off to use that RPC');
  }
}

/** Cross-variable checks of the close offsets, the price clamp and the volatility settings. */
function refineMarket({ v, valid, issue }: CrossCheck): void {
  const close = v.EXEC_TRADING_CLOSE_SEC;
  if (valid('EXEC_TRADING_CLOSE_SEC', 'EXEC_EXPIRIES') && close !== undefined) {
    if (close.length !== v.EXEC_EXPIRIES.length) {
      issue('EXEC_TRADING_CLOSE_SEC', `has ${close.length} values for ${v.EXEC_EXPIRIES.length} EXEC_EXPIRIES entries; give one per entry, in the same order`);
    } else {
      close.forEach((offset, i) => {
        const duration = v.EXEC_EXPIRIES[i] ?? 0;
        if (offset >= duration) issue('EXEC_TRADING_CLOSE_SEC', `${offset} s must be below its round's duration (${duration} s)`);
      });
    }
  }
  if (valid('EXEC_MIN_PRICE_MICROS', 'EXEC_MAX_PRICE_MICROS')) {
    if (v.EXEC_MIN_PRICE_MICROS > v.EXEC_MAX_PRICE_MICROS) {
      issue('EXEC_MIN_PRICE_MICROS', `must not exceed EXEC_MAX_PRICE_MICROS (${v.EXEC_MAX_PRICE_MICROS})`);
    } else if (v.EXEC_MIN_PRICE_MICROS + v.EXEC_MAX_PRICE_MICROS < PROB_ONE) {
      issue('EXEC_MIN_PRICE_MICROS', `plus EXEC_MAX_PRICE_MICROS must be >= ${PROB_ONE} (UP + DOWN >= 1 after clamping)`);
    }
  }
  if (valid('EXEC_MIN_PRICE_MICROS', 'EXEC_MAX_PRICE_MICROS', 'EXEC_PRICE_TICK_MICROS')) {
    const tick = v.EXEC_PRICE_TICK_MICROS;
    if (v.EXEC_MIN_PRICE_MICROS % tick !== 0 || v.EXEC_MAX_PRICE_MICROS % tick !== 0) {
      issue('EXEC_PRICE_TICK_MICROS', `must divide EXEC_MIN_PRICE_MICROS (${v.EXEC_MIN_PRICE_MICROS}) and EXEC_MAX_PRICE_MICROS (${v.EXEC_MAX_PRICE_MICROS})`);
    }
  }
  if (valid('EXEC_QUOTE_FORMAT', 'EXEC_STRIKES_PER_SIDE') && v.EXEC_QUOTE_FORMAT === 'v2' && 2 * v.EXEC_STRIKES_PER_SIDE + 1 > MAX_LADDER_LEAVES) {
    issue('EXEC_STRIKES_PER_SIDE', `must be at most ${Math.floor((MAX_LADDER_LEAVES - 1) / 2)} with EXEC_QUOTE_FORMAT=v2: a round's ladder is signed as one tree of at most ${MAX_LADDER_LEAVES} strikes`);
  }
  if (valid('EXEC_VOL_RESET_GAP_MS', 'EXEC_VOL_SAMPLE_MS') && v.EXEC_VOL_RESET_GAP_MS < v.EXEC_VOL_SAMPLE_MS) {
    issue('EXEC_VOL_RESET_GAP_MS', `must be >= EXEC_VOL_SAMPLE_MS (${v.EXEC_VOL_SAMPLE_MS})`);
  }
  for (const asset of ASSETS) {
    const names = [`EXEC_VOL_DEFAULT_${asset}`, `EXEC_VOL_FLOOR_${asset}`, `EXEC_VOL_CAP_${asset}`] as const;
    if (!valid(...names)) continue;
    const [def, floor, cap] = names.map((n) => v[n]) as [number, number, number];
    if (floor > cap) issue(names[1], `must not exceed ${names[2]} (${cap})`);
    else if (def < floor || def > cap) issue(names[0], `must lie within [${names[1]}, ${names[2]}] = [${floor}, ${cap}]`);
  }
}

/** Durations ascending, each with its close offset (EXEC_TRADING_CLOSE_SEC by position, else the default). */
function roundsOf(env: EnvOut): { expiriesSec: number[]; closeOffsetsSec: number[] } {
  const pairs = env.EXEC_EXPIRIES.map((durationSec, i) => ({
    durationSec,
    closeSec: env.EXEC_TRADING_CLOSE_SEC?.[i] ?? defaultCloseOffsetSec(durationSec),
  }));
  pairs.sort((a, b) => a.durationSec - b.durationSec);
  return { expiriesSec: pairs.map((p) => p.durationSec), closeOffsetsSec: pairs.map((p) => p.closeSec) };
}

function volatilityOf(env: EnvOut) {
  const perAsset = (asset: Asset) => ({
    defaultVol: env[`EXEC_VOL_DEFAULT_${asset}`],
    floor: env[`EXEC_VOL_FLOOR_${asset}`],
    cap: env[`EXEC_VOL_CAP_${asset}`],
  });
  return {
    sampleIntervalMs: env.EXEC_VOL_SAMPLE_MS,
    lambda: env.EXEC_VOL_LAMBDA,
    lambdaIntervalMs: env.EXEC_VOL_LAMBDA_INTERVAL_MS,
    warmupSamples: env.EXEC_VOL_WARMUP_SAMPLES,
    resetAfterGapMs: env.EXEC_VOL_RESET_GAP_MS,
    perAsset: { BTC: perAsset('BTC'), ETH: perAsset('ETH'), SOL: perAsset('SOL') },
  };
}


/** Flags from argv: `--demo` and `--record <file>`. */
export const ArgsSchema = z.object({
  demo: z.boolean(),
  record: PathVar.nullable(),
});

export type EnvVars = z.input<typeof EnvSchema>;
export type ArgsInput = z.input<typeof ArgsSchema>;

/** Build the nested, final configuration from parsed variables and flags. */
export function toConfig(env: EnvOut, args: z.output<typeof ArgsSchema>) {
  const feeds: FeedsConfig = args.demo ? { kind: 'sim' } : env.EXEC_FEEDS;
  const rounds = roundsOf(env);
  // auto: the all-in-one demo only (a split engine/gateway deployment brings its own RPC); on: any
  // all-in-one engine, e.g. live feeds against a disposable chain (the cross-checks refuse the rest).
  const localChain = env.EXEC_ROLE === 'all' && env.EXEC_RPC_URL === undefined && (env.EXEC_LOCAL_CHAIN === 'on' || (args.demo && env.EXEC_LOCAL_CHAIN === 'auto'));
  return {
    demo: args.demo,
    /** True whenever prices do not come from live exchanges (sim, or replay of anything). */
    simulated: feeds.kind !== 'live',
    server: { host: env.EXEC_HOST, port: env.EXEC_PORT },
    logLevel: env.EXEC_LOG_LEVEL,
    feeds,
    recordFile: args.record,
    symbols: env.EXEC_SYMBOLS,
    oracleKeypairPath: env.EXEC_ORACLE_KEYPAIR ?? null,
    dataDir: env.EXEC_DATA_DIR,
    // The local chain runs a localnet build of the program: quotes must say so.
    cluster: localChain ? ('localnet' as const) : env.EXEC_CLUSTER,
    programId: env.EXEC_PROGRAM_ID,
    quoteEpoch: env.EXEC_QUOTE_EPOCH,
    store: { quoteRetentionMs: env.EXEC_QUOTE_RETENTION_MS },
    role: env.EXEC_ROLE,
    redis: { url: env.EXEC_REDIS_URL ?? null, keyPrefix: env.EXEC_REDIS_KEY_PREFIX },
    ws: {
      maxSubscriptions: env.EXEC_WS_MAX_SUBSCRIPTIONS,
      maxFrameBytes: env.EXEC_WS_MAX_FRAME_BYTES,
      heartbeatMs: env.EXEC_WS_HEARTBEAT_MS,
      maxBufferedBytes: env.EXEC_WS_MAX_BUFFERED_BYTES,
      rawWrites: env.EXEC_WS_RAW_WRITES,
      maxConnectionsPerIp: env.EXEC_WS_MAX_CONNECTIONS_PER_IP,
      maxMessagesPerSec: env.EXEC_WS_MAX_MESSAGES_PER_SEC,
    },
    http: limitsOf(env).http,
    writerLease: limitsOf(env).writerLease,
    /** Stream worker processes serving /v1/stream (0: the API process serves it). */
    streamWorkers: env.EXEC_STREAM_WORKERS,
    /** GET /metrics (Prometheus) on the API, or on the engine role's health listener. */
    metrics: { enabled: env.EXEC_METRICS },
    venues: env.EXEC_VENUES,
    venueUrls: {
      ...(env.EXEC_BINANCE_WS_URL ? { binance: env.EXEC_BINANCE_WS_URL } : {}),
      ...(env.EXEC_COINBASE_WS_URL ? { coinbase: env.EXEC_COINBASE_WS_URL } : {}),
      ...(env.EXEC_KRAKEN_WS_URL ? { kraken: env.EXEC_KRAKEN_WS_URL } : {}),
      ...(env.EXEC_BYBIT_WS_URL ? { bybit: env.EXEC_BYBIT_WS_URL } : {}),
    } as Partial<Record<LiveVenue, string>>,
    sim: { seed: env.EXEC_SIM_SEED, tickHz: env.EXEC_SIM_TICK_HZ, faults: env.EXEC_SIM_FAULTS },
    replay: { speed: env.EXEC_REPLAY_SPEED, loop: env.EXEC_REPLAY_LOOP },
    aggregator: {
      minProviders: env.EXEC_AGG_MIN_PROVIDERS,
      outlierBps: env.EXEC_AGG_OUTLIER_BPS,
      maxExchangeAgeMs: env.EXEC_AGG_MAX_EXCHANGE_AGE_MS,
      maxReceiveAgeMs: env.EXEC_AGG_MAX_RECEIVE_AGE_MS,
      maxFutureSkewMs: env.EXEC_AGG_MAX_FUTURE_SKEW_MS,
      evaluateIntervalMs: env.EXEC_AGG_EVALUATE_MS,
    },
    /** The flat quote engine settings (market/quote-engine-options.ts `FlatQuoteEngineSettings`). */
    market: {
      expiriesSec: rounds.expiriesSec,
      closeOffsetsSec: rounds.closeOffsetsSec,
      strikesPerSide: env.EXEC_STRIKES_PER_SIDE,
      strikeSpacing: { BTC: env.EXEC_STRIKE_SPACING_BTC, ETH: env.EXEC_STRIKE_SPACING_ETH, SOL: env.EXEC_STRIKE_SPACING_SOL },
      spreadBps: env.EXEC_SPREAD_BPS,
      minPriceMicros: BigInt(env.EXEC_MIN_PRICE_MICROS),
      maxPriceMicros: BigInt(env.EXEC_MAX_PRICE_MICROS),
      priceTickMicros: BigInt(env.EXEC_PRICE_TICK_MICROS),
      quoteReuseMinTtlFraction: env.EXEC_QUOTE_REUSE_MIN_TTL_FRACTION,
      startupWarmupMs: env.EXEC_STARTUP_WARMUP_MS,
      quoteFormat: env.EXEC_QUOTE_FORMAT,
      decay: { scaleBps: env.EXEC_DECAY_SCALE_BPS, maxMicrosPerSec: env.EXEC_DECAY_MAX_MICROS_PER_SEC },
      volatility: volatilityOf(env),
      quoteTtlMs: env.EXEC_QUOTE_TTL_MS,
      maxIndexAgeMs: env.EXEC_MAX_INDEX_AGE_MS,
      moveThresholdBps: env.EXEC_MOVE_THRESHOLD_BPS,
      minIntervalMs: env.EXEC_MIN_INTERVAL_MS,
      maxIntervalMs: env.EXEC_MAX_INTERVAL_MS,
      maxSizeAtoms: { BTC: env.EXEC_MAX_SIZE_BTC, ETH: env.EXEC_MAX_SIZE_ETH, SOL: env.EXEC_MAX_SIZE_SOL },
    },
    chain: {
      rpcUrl: env.EXEC_RPC_URL ?? null,
      collateralMint: env.EXEC_COLLATERAL_MINT ?? null,
      clockMaxSkewSec: env.EXEC_CHAIN_CLOCK_MAX_SKEW_SEC,
      clockCheckMs: env.EXEC_CHAIN_CLOCK_CHECK_MS,
    },
    /** The local chain: started by the all-in-one demo without EXEC_RPC_URL (EXEC_LOCAL_CHAIN=auto), or by any all-in-one engine with EXEC_LOCAL_CHAIN=on. */
    localChain: {
      enabled: localChain,
      port: env.EXEC_LOCAL_CHAIN_PORT,
      faucetLamports: env.EXEC_FAUCET_LAMPORTS,
      faucetCollateralAtoms: env.EXEC_FAUCET_COLLATERAL_ATOMS,
    },
    settlement: {
      keypairPath: env.EXEC_SETTLEMENT_KEYPAIR ?? null,
      windowMs: env.EXEC_SETTLEMENT_WINDOW_MS,
      minProviders: env.EXEC_SETTLEMENT_MIN_PROVIDERS,
      delayMs: env.EXEC_SETTLEMENT_DELAY_MS,
    },
    keeper: { keypairPath: env.EXEC_KEEPER_KEYPAIR ?? null, preOpen: env.EXEC_KEEPER_PREOPEN === '1' },
  };
}

type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends bigint | string | number | boolean | null
    ? T
    : { readonly [K in keyof T]: DeepReadonly<T[K]> };

export type Config = DeepReadonly<ReturnType<typeof toConfig>>;
