/**
 * Realized volatility of one symbol's index: an EWMA of squared log returns sampled on a fixed
 * grid (`sampleIntervalMs`), annualised, clamped to [floor, cap]. Until `warmupSamples` returns
 * have been seen the asset's default volatility is used.
 *
 * `lambda` is the decay per `lambdaIntervalMs` and is rescaled to the sampling interval
 * (lambda_sample = lambda ^ (sampleIntervalMs / lambdaIntervalMs)), so changing the sampling rate
 * does not change the memory of the estimator. With the defaults (0.94 per 10 s, 1 s samples)
 * the effective window 1 / (1 - lambda_sample) is about 160 samples.
 *
 * Sampling: the latest price seen at or after each grid step is the sample; a return that spans k
 * sampling intervals (sparse ticks) contributes r^2 / k. Halted or priceless snapshots are ignored
 * and break the chain (no return is taken across a halt). A gap longer than `resetAfterGapMs`
 * resets the estimator to its default and it warms up again.
 */
import { EngineError } from '../lib/errors.js';
import { SECONDS_PER_YEAR } from './probability.js';
import type { Asset } from './types.js';

export interface AssetVolatility {
  /** Annualised, e.g. 0.5 = 50%. */
  readonly defaultVol: number;
  readonly floor: number;
  readonly cap: number;
}

export interface VolatilityOptions {
  readonly sampleIntervalMs: number;
  readonly lambda: number;
  readonly lambdaIntervalMs: number;
  readonly warmupSamples: number;
  readonly resetAfterGapMs: number;
  readonly perAsset: Readonly<Record<Asset, AssetVolatility>>;
}

export const DEFAULT_VOLATILITY: VolatilityOptions = {
  sampleIntervalMs: 1000,
  lambda: 0.94,
  lambdaIntervalMs: 10_000,
  warmupSamples: 60,
  resetAfterGapMs: 60_000,
  perAsset: {
    BTC: { defaultVol: 0.5, floor: 0.2, cap: 2.0 },
    ETH: { defaultVol: 0.65, floor: 0.25, cap: 2.5 },
    SOL: { defaultVol: 0.85, floor: 0.3, cap: 3.0 },
  },
};

function fail(message: string): never {
  throw new EngineError('EXEC_ERR_MARKET_CONFIG', `volatility: ${message}`);
}

export function validateVolatility(o: VolatilityOptions): VolatilityOptions {
  if (!Number.isFinite(o.sampleIntervalMs) || o.sampleIntervalMs < 10) fail(`sampleIntervalMs must be >= 10, got ${o.sampleIntervalMs}`);
  if (!(o.lambda > 0 && o.lambda < 1)) fail(`lambda must be in (0, 1), got ${o.lambda}`);
  if (!Number.isFinite(o.lambdaIntervalMs) || o.lambdaIntervalMs <= 0) fail(`lambdaIntervalMs must be > 0, got ${o.lambdaIntervalMs}`);
  if (!Number.isSafeInteger(o.warmupSamples) || o.warmupSamples < 1) fail(`warmupSamples must be a positive integer, got ${o.warmupSamples}`);
  if (!(o.resetAfterGapMs >= o.sampleIntervalMs)) fail(`resetAfterGapMs must be >= sampleIntervalMs, got ${o.resetAfterGapMs}`);
  for (const [asset, a] of Object.entries(o.perAsset)) {
    if (!(a.floor > 0 && a.floor <= a.cap && Number.isFinite(a.cap))) fail(`${asset}: need 0 < floor <= cap, got ${a.floor}..${a.cap}`);
    if (!(a.defaultVol >= a.floor && a.defaultVol <= a.cap)) fail(`${asset}: default ${a.defaultVol} outside [${a.floor}, ${a.cap}]`);
  }
  return o;
}

export class VolatilityEstimator {
  private readonly lambdaSample: number;
  private readonly samplesPerYear: number;
  private variance = 0; // per sampling interval
  private samples = 0;
  private lastTs: number | null = null;
  private lastLogPrice = 0;

  constructor(
    private readonly options: Pick<VolatilityOptions, 'sampleIntervalMs' | 'lambda' | 'lambdaIntervalMs' | 'warmupSamples' | 'resetAfterGapMs'>,
    private readonly asset: AssetVolatility,
  ) {
    this.lambdaSample = Math.pow(options.lambda, options.sampleIntervalMs / options.lambdaIntervalMs);
    this.samplesPerYear = (SECONDS_PER_YEAR * 1000) / options.sampleIntervalMs;
  }

  /** Feed one index observation. `price` null means halted: the chain of returns is broken. */
  observe(price: bigint | null, ts: number): void {
    if (price === null || price <= 0n) {
      this.lastTs = null;
      return;
    }
    if (this.lastTs === null) {
      this.rebase(price, ts);
      return;
    }
    const elapsed = ts - this.lastTs;
    if (elapsed < this.options.sampleIntervalMs) return;
    if (elapsed > this.options.resetAfterGapMs) {
      this.reset();
      this.rebase(price, ts);
      return;
    }
    const intervals = Math.floor(elapsed / this.options.sampleIntervalMs);
    const logPrice = Math.log(Number(price));
    const r = logPrice - this.lastLogPrice;
    const sq = (r * r) / intervals;
    this.variance = this.samples === 0 ? sq : this.lambdaSample * this.variance + (1 - this.lambdaSample) * sq;
    this.samples += 1;
    this.lastLogPrice = logPrice;
    this.lastTs += intervals * this.options.sampleIntervalMs;
  }

  /** Annualised volatility used for pricing: default until warmed up, then EWMA within [floor, cap]. */
  current(): number {
    if (this.samples < this.options.warmupSamples) return this.asset.defaultVol;
    const annual = Math.sqrt(this.variance * this.samplesPerYear);
    return Math.min(this.asset.cap, Math.max(this.asset.floor, annual));
  }

  get warmedUp(): boolean {
    return this.samples >= this.options.warmupSamples;
  }

  get sampleCount(): number {
    return this.samples;
  }

  reset(): void {
    this.variance = 0;
    this.samples = 0;
    this.lastTs = null;
  }

  private rebase(price: bigint, ts: number): void {
    this.lastTs = ts;
    this.lastLogPrice = Math.log(Number(price));
  }
}
