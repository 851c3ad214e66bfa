/**
 * The configuration schema (zod 4). Keys are the environment variable names, so every validation
 * issue names the variable to fix; `ConfigSchema` turns the flat variables into the nested `Config`.
 * Only `load.ts` reads `process.env`; it hands the variables (and the argv flags) to this schema.
 */
import bs58 from 'bs58';
import { z } from 'zod';
import { LIVE_VENUES, MARKET_SYMBOLS, isMarketSymbol, type LiveVenue, type MarketSymbol } from '../feeds/types.js';
import { SIM_FEED_DEFAULTS } from '../feeds/sim/sim-feed.js';
import { REPLAY_FEED_DEFAULTS } from '../feeds/replay/replay-feed.js';
import { AGGREGATOR_DEFAULTS } from '../aggregator/aggregator.js';
import { CLUSTERS } from '../market/types.js';
import { DEFAULT_QUOTE_ENGINE_SETTINGS as QE } from '../market/quote-engine-options.js';
import { DEFAULT_PRICING } from '../market/pricing.js';
import { buildScheduleOptions } from '../market/schedule.js';
import { parseDecimal, PRICE_DECIMALS } from '../lib/fixed-point.js';
import { DEFAULT_PROGRAM_ID } from './defaults.js';

const U64_MAX = (1n << 64n) - 1n;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function int(def: number, min: number, max: number) {
  return z.coerce.number<string>().int().min(min).max(max).default(def);
}

const FeedsVar = z
  .string()
  .regex(/^(live|sim|replay:.+)$/, 'must be "live", "sim" or "replay:<file>"')
  .transform((v): FeedsConfig => (v.startsWith('replay:') ? { kind: 'replay', file: v.slice('replay:'.length) } : { kind: v as 'live' | 'sim' }));

const SymbolsVar = z.string().transform((v, ctx): MarketSymbol[] => {
  const items = v.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const unknown = items.filter((s) => !isMarketSymbol(s));
  if (items.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one symbol' });
  if (unknown.length > 0) {
    ctx.addIssue({ code: 'custom', message: `unknown symbol(s) ${unknown.join(', ')}; allowed: ${MARKET_SYMBOLS.join(', ')}` });
  }
  if (new Set(items).size !== items.length) ctx.addIssue({ code: 'custom', message: 'lists a symbol twice' });
  return items.filter(isMarketSymbol);
});

const ProgramIdVar = z.string().refine((v) => {
  try {
    return bs58.decode(v).length === 32;
  } catch {
    return false;
  }
}, 'must be a base58 public key (32 bytes)');

const U64Var = z
  .string()
  .regex(/^\d{1,20}$/, 'must be an unsigned integer')
  .transform((v, ctx) => {
    const n = BigInt(v);
    if (n > U64_MAX) ctx.addIssue({ code: 'custom', message: 'must fit in a u64' });
    return n;
  });

const PathVar = z.string().min(1);

const BoolVar = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const VenuesVar = z.string().transform((v, ctx): LiveVenue[] => {
  const items = v.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const unknown = items.filter((s) => !(LIVE_VENUES as readonly string[]).includes(s));
  if (items.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one venue' });
  if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown venue(s) ${unknown.join(', ')}; allowed: ${LIVE_VENUES.join(', ')}` });
  if (new Set(items).size !== items.length) ctx.addIssue({ code: 'custom', message: 'lists a venue twice' });
  return items as LiveVenue[];
});

const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };
/** Round durations such as `1m,5m,15m,1h` (units s, m, h) → seconds, ascending and distinct. */
const ExpiriesVar = z.string().transform((v, ctx): number[] => {
  const out: number[] = [];
  for (const item of v.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const m = /^(\d{1,5})([smh])$/.exec(item);
    const sec = m ? Number(m[1]) * (DURATION_UNITS[m[2] ?? 's'] ?? 1) : 0;
    if (sec <= 0) ctx.addIssue({ code: 'custom', message: `"${item}" is not a duration like 30s, 5m or 1h` });
    else out.push(sec);
  }
  if (out.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one expiry' });
  if (new Set(out).size !== out.length) ctx.addIssue({ code: 'custom', message: 'lists an expiry twice' });
  out.sort((a, b) => a - b);
  if (out.length > 0 && new Set(out).size === out.length) {
    try {
      buildScheduleOptions(out);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
});

/** A positive USDT amount as a decimal string → price micro-units. */
const UsdtVar = z.string().transform((v, ctx): bigint => {
  const n = parseDecimal(v, PRICE_DECIMALS);
  if (n === null || n <= 0n) ctx.addIssue({ code: 'custom', message: 'must be a positive decimal amount' });
  return n ?? 0n;
});

const UrlVar = z.string().regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// URL');

export type FeedsConfig = { readonly kind: 'live' } | { readonly kind: 'sim' } | { readonly kind: 'replay'; readonly file: string };

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
    EXEC_REPLAY_SPEED: int(REPLAY_FEED_DEFAULTS.speed, 0, 1_000),
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
    EXEC_RPC_URL: z.string().regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL').optional(),
    EXEC_COLLATERAL_MINT: ProgramIdVar.optional(),
    EXEC_SETTLEMENT_KEYPAIR: PathVar.optional(),
    EXEC_SETTLEMENT_WINDOW_MS: int(5_000, 100, 600_000),
    EXEC_SETTLEMENT_MIN_PROVIDERS: int(2, 1, 16),
    EXEC_SETTLEMENT_DELAY_MS: int(1_500, 0, 600_000),
    EXEC_KEEPER_KEYPAIR: PathVar.optional(),
    EXEC_KEEPER_PREOPEN: z.enum(['0', '1']).default('1'),
  })
  .superRefine((v, ctx) => {
    if (v.EXEC_ROLE !== 'all' && v.EXEC_REDIS_URL === undefined) {
      ctx.addIssue({ code: 'custom', path: ['EXEC_REDIS_URL'], message: `is required when EXEC_ROLE=${v.EXEC_ROLE}` });
    }
    if (v.EXEC_MIN_INTERVAL_MS > v.EXEC_MAX_INTERVAL_MS) {
      ctx.addIssue({ code: 'custom', path: ['EXEC_MIN_INTERVAL_MS'], message: `must not exceed EXEC_MAX_INTERVAL_MS (${v.EXEC_MAX_INTERVAL_MS})` });
    }
    for (const asset of ['BTC', 'ETH', 'SOL'] as const) {
      if (v[`EXEC_MAX_SIZE_${asset}`] === 0n) ctx.addIssue({ code: 'custom', path: [`EXEC_MAX_SIZE_${asset}`], message: 'must be > 0' });
    }
  });


/** Flags from argv: `--demo` and `--record <file>`. */
export const ArgsSchema = z.object({
  demo: z.boolean(),
  record: PathVar.nullable(),
});

export type EnvVars = z.input<typeof EnvSchema>;
export type ArgsInput = z.input<typeof ArgsSchema>;

/** Build the nested, final configuration from parsed variables and flags. */
export function toConfig(env: z.output<typeof EnvSchema>, args: z.output<typeof ArgsSchema>) {
  const feeds: FeedsConfig = args.demo ? { kind: 'sim' } : env.EXEC_FEEDS;
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
    cluster: env.EXEC_CLUSTER,
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
    },
    venues: env.EXEC_VENUES,
    venueUrls: {
      ...(env.EXEC_BINANCE_WS_URL ? { binance: env.EXEC_BINANCE_WS_URL } : {}),
      ...(env.EXEC_COINBASE_WS_URL ? { coinbase: env.EXEC_COINBASE_WS_URL } : {}),
      ...(env.EXEC_KRAKEN_WS_URL ? { kraken: env.EXEC_KRAKEN_WS_URL } : {}),
      ...(env.EXEC_BYBIT_WS_URL ? { bybit: env.EXEC_BYBIT_WS_URL } : {}),
    } as Partial<Record<LiveVenue, string>>,
    sim: { seed: env.EXEC_SIM_SEED, tickHz: env.EXEC_SIM_TICK_HZ },
    replay: { speed: env.EXEC_REPLAY_SPEED, loop: env.EXEC_REPLAY_LOOP },
    aggregator: {
      minProviders: env.EXEC_AGG_MIN_PROVIDERS,
      outlierBps: env.EXEC_AGG_OUTLIER_BPS,
      maxExchangeAgeMs: env.EXEC_AGG_MAX_EXCHANGE_AGE_MS,
      maxReceiveAgeMs: env.EXEC_AGG_MAX_RECEIVE_AGE_MS,
      maxFutureSkewMs: env.EXEC_AGG_MAX_FUTURE_SKEW_MS,
      evaluateIntervalMs: env.EXEC_AGG_EVALUATE_MS,
    },
    market: {
      expiriesSec: env.EXEC_EXPIRIES,
      strikesPerSide: env.EXEC_STRIKES_PER_SIDE,
      strikeSpacing: { BTC: env.EXEC_STRIKE_SPACING_BTC, ETH: env.EXEC_STRIKE_SPACING_ETH, SOL: env.EXEC_STRIKE_SPACING_SOL },
      spreadBps: env.EXEC_SPREAD_BPS,
      quoteTtlMs: env.EXEC_QUOTE_TTL_MS,
      maxIndexAgeMs: env.EXEC_MAX_INDEX_AGE_MS,
      moveThresholdBps: env.EXEC_MOVE_THRESHOLD_BPS,
      minIntervalMs: env.EXEC_MIN_INTERVAL_MS,
      maxIntervalMs: env.EXEC_MAX_INTERVAL_MS,
      maxSizeAtoms: { BTC: env.EXEC_MAX_SIZE_BTC, ETH: env.EXEC_MAX_SIZE_ETH, SOL: env.EXEC_MAX_SIZE_SOL },
    },
    chain: { rpcUrl: env.EXEC_RPC_URL ?? null, collateralMint: env.EXEC_COLLATERAL_MINT ?? null },
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
