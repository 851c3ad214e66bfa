/** A feed the benchmarks push ticks into by hand, and the tick that moves each symbol's index. */
import { LIVE_VENUES, type FeedAdapter, type MarketSymbol, type Tick, type TickListener } from '../../engine/src/feeds/types.js';

const BASE: Record<MarketSymbol, number> = { BTCUSDT: 97_000, ETHUSDT: 3_400, SOLUSDT: 150 };
const STEP: Record<MarketSymbol, number> = { BTCUSDT: 0.5, ETHUSDT: 0.05, SOLUSDT: 0.001 };

export class PushFeed implements FeedAdapter {
  readonly name = 'bench';
  readonly simulated = true;
  private readonly listeners: TickListener[] = [];
  private level = 0;
  onTick(listener: TickListener): void {
    this.listeners.push(listener);
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  health() {
    return [];
  }
  push(tick: Tick): void {
    for (const l of this.listeners) l(tick);
  }
  /**
   * A tick from venue `venueIndex` (mod 4) a little above the last one, so the median, and so the
   * surface, moves on every tick once every venue quoted.
   */
  tick(symbol: MarketSymbol, venueIndex: number): Tick {
    this.level++;
    const price = (BASE[symbol] + this.level * STEP[symbol]).toFixed(6);
    const t = Date.now();
    return { venue: LIVE_VENUES[venueIndex % 4] ?? 'binance', symbol, bid: price, ask: price, last: price, exchangeTs: t, receivedTs: t, simulated: true };
  }
}
