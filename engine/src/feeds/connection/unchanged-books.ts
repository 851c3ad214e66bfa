import { parseDecimal } from '../../lib/fixed-point.js';
import type { MarketSymbol, Tick } from '../types.js';

interface RememberedBook {
  tick: Tick;
  /** Receive time of the last real update of this book. */
  updatedTs: number;
}

/**
 * The books a venue connection may restate while they do not change (feeds/README.md "Quiet books").
 *
 * Holds, per symbol, the last two-sided book tick delivered on the CURRENT connection. The owner
 * forgets a symbol (or all of them) whenever it can no longer vouch that it saw every update since:
 * a sequence gap, a message it could not parse, a refused subscription, a disconnect. A restatement
 * repeats the remembered prices stamped with the time the venue proved nothing changed, and only
 * for books whose last real update is at most `maxUnchangedMs` old, so a subscription that died
 * silently while the connection stayed up cannot be restated forever.
 */
export class UnchangedBooks {
  private readonly books = new Map<MarketSymbol, RememberedBook>();

  /**
   * Take a real tick. A trade (no bid, no ask) changes nothing. A book tick replaces the remembered
   * book when it is two-sided and not crossed (0 < bid <= ask); any other book tick (one side
   * missing or zero, crossed) means the venue's book is not one we can restate, so it is forgotten.
   */
  note(tick: Tick): void {
    if (tick.bid === null && tick.ask === null) return;
    const bid = tick.bid === null ? null : parseDecimal(tick.bid);
    const ask = tick.ask === null ? null : parseDecimal(tick.ask);
    if (bid === null || ask === null || bid <= 0n || bid > ask) {
      this.books.delete(tick.symbol);
      return;
    }
    const known = this.books.get(tick.symbol);
    if (known === undefined) this.books.set(tick.symbol, { tick, updatedTs: tick.receivedTs });
    else {
      known.tick = tick;
      known.updatedTs = tick.receivedTs;
    }
  }

  /** Stop restating one symbol, or every symbol without an argument. */
  forget(symbol?: MarketSymbol): void {
    if (symbol === undefined) this.books.clear();
    else this.books.delete(symbol);
  }

  /**
   * The remembered books restated as received at `ts`, skipping those not updated for too long. The
   * exchange time keeps the offset the real tick had (`exchangeTs - receivedTs`), so a venue whose
   * data arrived late, or stamped in the future, is not made to look fresh by a restatement.
   */
  restate(ts: number, maxUnchangedMs: number): Tick[] {
    const out: Tick[] = [];
    for (const { tick, updatedTs } of this.books.values()) {
      if (ts - updatedTs > maxUnchangedMs || ts < updatedTs) continue;
      out.push({ ...tick, exchangeTs: ts + (tick.exchangeTs - tick.receivedTs), receivedTs: ts });
    }
    return out;
  }

  get size(): number {
    return this.books.size;
  }
}
