import type { LiveVenue, MarketSymbol } from '../types.js';

/**
 * How each simulated venue looks: quote precision per symbol (the decimals the real venue prints for
 * that pair), typical half-spread, how far its exchange timestamp trails our receive time, and a
 * constant basis (Coinbase and Kraken quote USD, the index is USDT).
 */
export interface SimVenueProfile {
  /** Decimal places of prices for each symbol (at most 6, the engine's price precision). */
  readonly decimals: Readonly<Record<MarketSymbol, number>>;
  /** Half the bid/ask spread in parts per million of the price; at least one price step is used. */
  readonly halfSpreadPpm: number;
  /** exchangeTs = receivedTs - lag, with lag uniform in [lagMinMs, lagMaxMs]. */
  readonly lagMinMs: number;
  readonly lagMaxMs: number;
  /** Constant offset from the common path, parts per million. */
  readonly basisPpm: number;
}

export const SIM_VENUE_PROFILES: Readonly<Record<LiveVenue, SimVenueProfile>> = {
  binance: { decimals: { BTCUSDT: 2, ETHUSDT: 2, SOLUSDT: 2 }, halfSpreadPpm: 1, lagMinMs: 3, lagMaxMs: 25, basisPpm: 0 },
  coinbase: { decimals: { BTCUSDT: 2, ETHUSDT: 2, SOLUSDT: 2 }, halfSpreadPpm: 3, lagMinMs: 15, lagMaxMs: 80, basisPpm: -20 },
  kraken: { decimals: { BTCUSDT: 1, ETHUSDT: 2, SOLUSDT: 2 }, halfSpreadPpm: 5, lagMinMs: 25, lagMaxMs: 120, basisPpm: -15 },
  bybit: { decimals: { BTCUSDT: 2, ETHUSDT: 2, SOLUSDT: 3 }, halfSpreadPpm: 1, lagMinMs: 5, lagMaxMs: 40, basisPpm: 5 },
};

/** Default starting prices (decimal strings, USDT). */
export const SIM_START_PRICES: Readonly<Record<MarketSymbol, string>> = {
  BTCUSDT: '97000',
  ETHUSDT: '3400',
  SOLUSDT: '150',
};

/**
 * Default volatility of the common path, in parts per million of the price per square root of a
 * second: 100 ppm = 1 bp/√s, about 60% annualised, which is where BTC usually trades.
 */
export const SIM_VOLATILITY_PPM: Readonly<Record<MarketSymbol, number>> = {
  BTCUSDT: 100,
  ETHUSDT: 130,
  SOLUSDT: 180,
};
