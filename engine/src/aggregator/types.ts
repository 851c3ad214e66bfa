import type { MarketSymbol, VenueName } from '../feeds/types.js';

/** Why a venue does or does not count towards the index at a given instant. */
export type SourceStatus = 'ok' | 'stale' | 'outlier' | 'invalid';

export interface SourceSnapshot {
  readonly venue: VenueName;
  /** Mid in price micro-units (1e-6 USDT); null when the venue gave no usable price. */
  readonly mid: bigint | null;
  readonly exchangeTs: number;
  readonly receivedTs: number;
  readonly status: SourceStatus;
}

export type MarketStatus = 'open' | 'halted';

/**
 * The aggregated price of one symbol at one instant.
 * `confidence` is the largest absolute distance, in price micro-units, between the index and the
 * mid of any venue that was used: every contributing venue lies within index ± confidence.
 */
export interface IndexSnapshot {
  readonly symbol: MarketSymbol;
  /** Median mid of fresh, non-outlier venues, in price micro-units. Null while halted. */
  readonly price: bigint | null;
  /** Wall-clock ms at which this snapshot was computed. */
  readonly ts: number;
  /** Oldest exchange timestamp among the venues used (ms): the age the index really has. */
  readonly sourceTs: number | null;
  readonly providers: number;
  readonly sources: readonly SourceSnapshot[];
  readonly confidence: bigint | null;
  readonly status: MarketStatus;
  /** Human-readable reason when halted, e.g. "1 fresh provider, 2 required". */
  readonly haltReason: string | null;
  /** True when any contributing tick was simulated. */
  readonly simulated: boolean;
}

export type IndexListener = (snapshot: IndexSnapshot) => void;
