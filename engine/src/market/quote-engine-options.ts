/**
 * Settings of the QuoteEngine with their defaults. engine/src/config maps the EXEC_* variables onto
 * these (see .env.example); everything here is validated once by `resolveQuoteEngineSettings`.
 */
import { EngineError } from '../lib/errors.js';
import { DEFAULT_LADDER, validateLadder, type LadderOptions } from './strikes.js';
import { DEFAULT_PRICING, spreadFromBps, validatePricing, type PricingOptions } from './pricing.js';
import { DEFAULT_SCHEDULE, buildScheduleOptions, validateSchedule, type ScheduleOptions } from './schedule.js';
import { DEFAULT_VOLATILITY, validateVolatility, type AssetVolatility, type VolatilityOptions } from './volatility.js';
import { DEFAULT_DECAY, validateDecay, type DecayOptions } from './decay.js';
import { MAX_LADDER_LEAVES } from '../client/ladder.js';
import type { Asset } from './types.js';

/** What the engine signs: v1, one signature per quote; v2, one signature per round ladder (docs/quote-format.md). */
export const QUOTE_FORMATS = ['v1', 'v2'] as const;
export type QuoteFormat = (typeof QUOTE_FORMATS)[number];

export interface QuoteEngineSettings {
  readonly schedule: ScheduleOptions;
  readonly ladder: LadderOptions;
  readonly pricing: PricingOptions;
  readonly volatility: VolatilityOptions;
  /** Per-quote total fill size, collateral atoms of payout (USDC: 1e-6). */
  readonly maxSizeAtoms: Readonly<Record<Asset, bigint>>;
  /** A quote is valid for min(now + quoteTtlMs, tradingClose). */
  readonly quoteTtlMs: number;
  /** Refuse to sign when now - index.sourceTs exceeds this. */
  readonly maxIndexAgeMs: number;
  /** Regenerate when the index moved by more than this since the last published surface. */
  readonly moveThresholdBps: number;
  /** Never publish two surfaces of one symbol closer than this; bursts are coalesced. */
  readonly minIntervalMs: number;
  /** Regenerate at least this often even if the index did not move. */
  readonly maxIntervalMs: number;
  /**
   * A regeneration keeps a strike's already-signed quote when its signed terms are unchanged and it
   * still has at least this fraction of a fresh quote's validity left. 0 signs every quote anew.
   */
  readonly quoteReuseMinTtlFraction: number;
  /**
   * Before a symbol has ever been open, an index halted for lack of providers while some venue
   * already delivers a price (venues still connecting) is not published as a halted surface until
   * this long after the symbol's first snapshot. 0 publishes such halts at once.
   */
  readonly startupWarmupMs: number;
  /** v1: every quote signed alone; v2: each round's ladder signed once, its leaves priced with decay. */
  readonly quoteFormat: QuoteFormat;
  /** v2 only: the decay rate of each leaf (decay.ts). */
  readonly decay: DecayOptions;
}

export const DEFAULT_QUOTE_ENGINE_SETTINGS: QuoteEngineSettings = {
  schedule: DEFAULT_SCHEDULE,
  ladder: DEFAULT_LADDER,
  pricing: DEFAULT_PRICING,
  volatility: DEFAULT_VOLATILITY,
  maxSizeAtoms: { BTC: 1_000_000_000n, ETH: 500_000_000n, SOL: 250_000_000n },
  quoteTtlMs: 3000,
  maxIndexAgeMs: 5000,
  moveThresholdBps: 2,
  minIntervalMs: 50,
  maxIntervalMs: 1000,
  quoteReuseMinTtlFraction: 0.5,
  startupWarmupMs: 2000,
  quoteFormat: 'v1',
  decay: DEFAULT_DECAY,
};

export function resolveQuoteEngineSettings(partial: Partial<QuoteEngineSettings> = {}): QuoteEngineSettings {
  const s: QuoteEngineSettings = { ...DEFAULT_QUOTE_ENGINE_SETTINGS, ...partial };
  const bad = (m: string): never => {
    throw new EngineError('EXEC_ERR_MARKET_CONFIG', `quote engine: ${m}`);
  };
  const posInt = (name: string, v: number, min: number): void => {
    if (!Number.isSafeInteger(v) || v < min) bad(`${name} must be an integer >= ${min}, got ${v}`);
  };
  posInt('quoteTtlMs', s.quoteTtlMs, 1);
  posInt('maxIndexAgeMs', s.maxIndexAgeMs, 1);
  posInt('moveThresholdBps', s.moveThresholdBps, 0);
  posInt('minIntervalMs', s.minIntervalMs, 0);
  posInt('maxIntervalMs', s.maxIntervalMs, 1);
  posInt('startupWarmupMs', s.startupWarmupMs, 0);
  const f = s.quoteReuseMinTtlFraction;
  if (!Number.isFinite(f) || f < 0 || f > 1) bad(`quoteReuseMinTtlFraction must be within 0..1, got ${f}`);
  if (s.minIntervalMs > s.maxIntervalMs) bad(`minIntervalMs ${s.minIntervalMs} > maxIntervalMs ${s.maxIntervalMs}`);
  if (!(QUOTE_FORMATS as readonly string[]).includes(s.quoteFormat)) bad(`quoteFormat must be v1 or v2, got ${String(s.quoteFormat)}`);
  const ladderSize = 2 * s.ladder.strikesPerSide + 1;
  if (s.quoteFormat === 'v2' && ladderSize > MAX_LADDER_LEAVES) {
    bad(`quote format v2 signs each round's ladder as one tree of at most ${MAX_LADDER_LEAVES} leaves; ${s.ladder.strikesPerSide} strikes per side make ${ladderSize} (at most ${(MAX_LADDER_LEAVES - 1) / 2 | 0} per side)`);
  }
  for (const [asset, size] of Object.entries(s.maxSizeAtoms)) {
    if (size <= 0n || size >= 1n << 64n) bad(`maxSizeAtoms.${asset} must be a positive u64, got ${size}`);
  }
  return {
    ...s,
    schedule: validateSchedule(s.schedule),
    ladder: validateLadder(s.ladder),
    pricing: validatePricing(s.pricing),
    volatility: validateVolatility(s.volatility),
    decay: validateDecay(s.decay),
  };
}

/** The flat form the configuration produces (engine/src/config `market`); optional parts keep their defaults. */
export interface FlatQuoteEngineSettings {
  readonly expiriesSec: readonly number[];
  /** One per expiry; omitted: 10 s for rounds <= 60 s, 30 s otherwise. */
  readonly closeOffsetsSec?: readonly number[];
  readonly strikesPerSide: number;
  /** Price micro-units per asset. */
  readonly strikeSpacing: Readonly<Record<Asset, bigint>>;
  /** Added to each side, bps of 1.0. */
  readonly spreadBps: number;
  readonly minPriceMicros?: bigint;
  readonly maxPriceMicros?: bigint;
  /** Price grid, probability micro-units (absent: 1, no grid). */
  readonly priceTickMicros?: bigint;
  readonly quoteTtlMs: number;
  readonly maxIndexAgeMs: number;
  readonly moveThresholdBps: number;
  readonly minIntervalMs: number;
  readonly maxIntervalMs: number;
  readonly maxSizeAtoms: Readonly<Record<Asset, bigint>>;
  readonly quoteReuseMinTtlFraction?: number;
  readonly startupWarmupMs?: number;
  readonly quoteFormat?: QuoteFormat;
  readonly decay?: Partial<DecayOptions>;
  readonly volatility?: Partial<Omit<VolatilityOptions, 'perAsset'>> & {
    readonly perAsset?: Partial<Record<Asset, Partial<AssetVolatility>>>;
  };
}

/** Build validated settings from the flat configuration shape. */
export function quoteEngineSettingsFromFlat(flat: FlatQuoteEngineSettings): QuoteEngineSettings {
  const v = flat.volatility ?? {};
  const base = DEFAULT_VOLATILITY.perAsset;
  return resolveQuoteEngineSettings({
    schedule: buildScheduleOptions(flat.expiriesSec, flat.closeOffsetsSec),
    ladder: { spacing: flat.strikeSpacing, strikesPerSide: flat.strikesPerSide },
    pricing: {
      spreadMicros: spreadFromBps(flat.spreadBps),
      minPriceMicros: flat.minPriceMicros ?? DEFAULT_PRICING.minPriceMicros,
      maxPriceMicros: flat.maxPriceMicros ?? DEFAULT_PRICING.maxPriceMicros,
      ...(flat.priceTickMicros !== undefined ? { tickMicros: flat.priceTickMicros } : {}),
    },
    volatility: {
      ...DEFAULT_VOLATILITY,
      ...v,
      perAsset: {
        BTC: { ...base.BTC, ...v.perAsset?.BTC },
        ETH: { ...base.ETH, ...v.perAsset?.ETH },
        SOL: { ...base.SOL, ...v.perAsset?.SOL },
      },
    },
    maxSizeAtoms: flat.maxSizeAtoms,
    quoteTtlMs: flat.quoteTtlMs,
    maxIndexAgeMs: flat.maxIndexAgeMs,
    moveThresholdBps: flat.moveThresholdBps,
    minIntervalMs: flat.minIntervalMs,
    maxIntervalMs: flat.maxIntervalMs,
    quoteReuseMinTtlFraction: flat.quoteReuseMinTtlFraction ?? DEFAULT_QUOTE_ENGINE_SETTINGS.quoteReuseMinTtlFraction,
    startupWarmupMs: flat.startupWarmupMs ?? DEFAULT_QUOTE_ENGINE_SETTINGS.startupWarmupMs,
    quoteFormat: flat.quoteFormat ?? DEFAULT_QUOTE_ENGINE_SETTINGS.quoteFormat,
    decay: { ...DEFAULT_DECAY, ...flat.decay },
  });
}
