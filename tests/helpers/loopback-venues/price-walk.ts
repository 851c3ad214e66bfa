/**
 * One price path per symbol shared by every loopback venue, so the venues agree as real ones do
 * (each quotes within a fraction of a basis point of the others, never an outlier). Deterministic
 * for a seed; prices are decimal strings with the symbol's precision.
 */
import type { LiveVenue, MarketSymbol } from '../../../engine/src/feeds/types.js';

const START: Readonly<Record<MarketSymbol, { price: number; decimals: number }>> = {
  BTCUSDT: { price: 97_000, decimals: 2 },
  ETHUSDT: { price: 3_400, decimals: 2 },
  SOLUSDT: { price: 240, decimals: 3 },
};
const VENUE_OFFSET_BPS: Readonly<Record<LiveVenue, number>> = { binance: 0, coinbase: 0.2, kraken: -0.2, bybit: 0.1 };

export class PriceWalk {
  private readonly mids = new Map<MarketSymbol, number>();
  private state: number;

  constructor(seed = 1) {
    this.state = seed >>> 0 || 1;
    for (const [s, v] of Object.entries(START)) this.mids.set(s as MarketSymbol, v.price);
  }

  /** Move every symbol by up to ±1 bp (call at the tick rate). */
  step(): void {
    for (const [s, mid] of this.mids) this.mids.set(s, mid * (1 + (this.random() - 0.5) * 2e-4));
  }

  book(symbol: MarketSymbol, venue: LiveVenue): { bid: string; ask: string } {
    const { decimals } = START[symbol];
    const mid = (this.mids.get(symbol) ?? START[symbol].price) * (1 + VENUE_OFFSET_BPS[venue] / 10_000);
    const half = 10 ** -decimals;
    return { bid: (mid - half).toFixed(decimals), ask: (mid + half).toFixed(decimals) };
  }

  private random(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 2 ** 32;
  }
}
