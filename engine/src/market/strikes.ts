/**
 * Strike ladders around the index, in bigint price micro-units. The centre is the index rounded to
 * the nearest multiple of the asset's spacing; an exact tie (index = centre ± spacing/2) rounds UP
 * (towards +infinity). `strikesPerSide` strikes are laid on each side of the centre; any strike that
 * would be <= 0 is left out, so a very small index gives a shorter ladder, never a non-positive strike.
 */
import { EngineError } from '../lib/errors.js';
import type { Asset } from './types.js';

export interface LadderOptions {
  /** Distance between strikes per asset, price micro-units. */
  readonly spacing: Readonly<Record<Asset, bigint>>;
  readonly strikesPerSide: number;
}

export const DEFAULT_LADDER: LadderOptions = {
  spacing: { BTC: 100_000_000n, ETH: 10_000_000n, SOL: 1_000_000n },
  strikesPerSide: 5,
};

export function validateLadder(options: LadderOptions): LadderOptions {
  for (const [asset, spacing] of Object.entries(options.spacing)) {
    if (spacing <= 0n) throw new EngineError('EXEC_ERR_MARKET_CONFIG', `ladder: spacing for ${asset} must be > 0, got ${spacing}`);
  }
  if (!Number.isSafeInteger(options.strikesPerSide) || options.strikesPerSide < 0 || options.strikesPerSide > 100) {
    throw new EngineError('EXEC_ERR_MARKET_CONFIG', `ladder: strikesPerSide must be an integer in [0, 100], got ${options.strikesPerSide}`);
  }
  return options;
}

/** Nearest multiple of `spacing`; ties round up. `price` must be > 0. */
export function ladderCentre(price: bigint, spacing: bigint): bigint {
  if (price <= 0n) throw new EngineError('EXEC_ERR_MARKET_PRICE', `ladder: index price must be > 0, got ${price}`);
  if (spacing <= 0n) throw new EngineError('EXEC_ERR_MARKET_CONFIG', `ladder: spacing must be > 0, got ${spacing}`);
  return ((2n * price + spacing) / (2n * spacing)) * spacing;
}

/** Ascending strikes centred on the rounded index; strikes <= 0 are omitted. */
export function buildLadder(price: bigint, spacing: bigint, strikesPerSide: number): bigint[] {
  const centre = ladderCentre(price, spacing);
  const out: bigint[] = [];
  for (let i = -strikesPerSide; i <= strikesPerSide; i++) {
    const strike = centre + BigInt(i) * spacing;
    if (strike > 0n) out.push(strike);
  }
  return out;
}
