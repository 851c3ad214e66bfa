/**
 * When a venue's latest tick no longer counts. Two clocks are checked because they fail differently:
 * the exchange timestamp catches a venue that keeps sending old data (a lagging matching engine or
 * a replayed buffer), the receive timestamp catches a socket that went quiet. A timestamp far in
 * the future means the venue's clock (or our mapping of it) is wrong, so that tick is not trusted
 * either.
 */

export interface StalenessOptions {
  /** Stale when now - exchangeTs exceeds this (ms). */
  readonly maxExchangeAgeMs: number;
  /** Stale when now - receivedTs exceeds this (ms). */
  readonly maxReceiveAgeMs: number;
  /** Stale when exchangeTs is more than this far ahead of now (ms). */
  readonly maxFutureSkewMs: number;
}

export const STALENESS_DEFAULTS: StalenessOptions = {
  maxExchangeAgeMs: 2_000,
  maxReceiveAgeMs: 2_000,
  maxFutureSkewMs: 1_000,
};

export type StaleReason = 'exchange-age' | 'receive-age' | 'future-skew';

/** Why the tick is stale at `now`, or null when it is fresh. */
export function staleReason(exchangeTs: number, receivedTs: number, now: number, options: StalenessOptions): StaleReason | null {
  const exchangeAge = now - exchangeTs;
  if (exchangeAge > options.maxExchangeAgeMs) return 'exchange-age';
  if (-exchangeAge > options.maxFutureSkewMs) return 'future-skew';
  if (now - receivedTs > options.maxReceiveAgeMs) return 'receive-age';
  return null;
}
