/**
 * Recent venue prices per symbol, kept for settlement: every (venue, mid, exchangeTs) the
 * aggregator saw, for `retentionMs` of exchange time. Fed from index snapshots (each lists every
 * venue's latest mid and its exchange timestamp).
 */
import type { IndexSnapshot } from '../aggregator/types.js';
import type { MarketSymbol } from '../feeds/types.js';
import type { VenuePrice } from '../client/settlement-record.js';

export class PriceHistory {
  private readonly bySymbol = new Map<MarketSymbol, Map<string, VenuePrice[]>>();

  constructor(private readonly retentionMs: number) {}

  observe(symbol: MarketSymbol, venue: string, mid: bigint, exchangeTs: number): void {
    if (mid <= 0n || !Number.isFinite(exchangeTs)) return;
    let venues = this.bySymbol.get(symbol);
    if (!venues) this.bySymbol.set(symbol, (venues = new Map()));
    let list = venues.get(venue);
    if (!list) venues.set(venue, (list = []));
    const last = list[list.length - 1];
    if (last && last.exchangeTs === exchangeTs && last.mid === mid) return;
    if (last && exchangeTs < last.exchangeTs) {
      // Out-of-order observation: insert in place so the list stays sorted by exchangeTs.
      const at = list.findIndex((p) => p.exchangeTs > exchangeTs);
      list.splice(at, 0, { venue, mid, exchangeTs });
    } else {
      list.push({ venue, mid, exchangeTs });
    }
    const cutoff = exchangeTs - this.retentionMs;
    let drop = 0;
    while (drop < list.length - 1 && list[drop]!.exchangeTs < cutoff) drop++;
    if (drop > 0) list.splice(0, drop);
  }

  observeSnapshot(snapshot: IndexSnapshot): void {
    for (const s of snapshot.sources) {
      if (s.mid !== null && s.status !== 'invalid') this.observe(snapshot.symbol, s.venue, s.mid, s.exchangeTs);
    }
  }

  /** Every kept observation of `symbol` with fromMs ≤ exchangeTs ≤ toMs. */
  between(symbol: MarketSymbol, fromMs: number, toMs: number): VenuePrice[] {
    const out: VenuePrice[] = [];
    for (const list of this.bySymbol.get(symbol)?.values() ?? []) {
      for (const p of list) if (p.exchangeTs >= fromMs && p.exchangeTs <= toMs) out.push(p);
    }
    return out;
  }
}
