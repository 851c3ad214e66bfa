import type { Tick, VenueName } from '../feeds/types.js';
import { staleReason, type StalenessOptions } from './staleness.js';
import type { SourceStatus } from './types.js';

/** The latest observation of one kind (book or trade) from one venue, updated in place. */
interface Observation {
  seen: boolean;
  /** Price micro-units; null when the tick was unusable (bad prices, bad times, rejected simulated). */
  mid: bigint | null;
  exchangeTs: number;
  receivedTs: number;
  simulated: boolean;
}

/** Which observation stands for the venue at the last `resolve()`. */
export type VenueBasis = 'book' | 'trade';

function emptyObservation(): Observation {
  return { seen: false, mid: null, exchangeTs: 0, receivedTs: 0, simulated: false };
}

function isFresh(o: Observation, now: number, options: StalenessOptions): boolean {
  return staleReason(o.exchangeTs, o.receivedTs, now, options) === null;
}

/**
 * One venue's view of one symbol. The latest book and the latest trade are kept apart, because a
 * trade tick carries no bid/ask and must not replace the book:
 *
 *  - a tick with a bid or an ask is a **book** observation (its mid is the book mid, or its `last`
 *    when the book side is unusable, e.g. crossed);
 *  - a tick with neither is a **trade** observation (its mid is `last`).
 *
 * At evaluation time the venue's mid is the book mid when the book is fresh and usable, else the
 * last trade when that is fresh and usable, else the venue does not count: `invalid` when its most
 * recent observation had no usable price, `stale` otherwise. Every field is mutated in place, so
 * ingesting and resolving allocate nothing.
 */
export class VenueState {
  private readonly book: Observation = emptyObservation();
  private readonly trade: Observation = emptyObservation();
  /** Results of the last resolve(). */
  status: SourceStatus = 'stale';
  basis: VenueBasis = 'book';
  mid: bigint | null = null;
  exchangeTs = 0;
  receivedTs = 0;
  simulated = false;

  constructor(readonly venue: VenueName) {}

  /** Store `tick` as the latest book or trade; `mid` is its usable price or null. */
  record(tick: Tick, mid: bigint | null): void {
    const o = tick.bid !== null || tick.ask !== null ? this.book : this.trade;
    o.seen = true;
    o.mid = mid;
    o.exchangeTs = tick.exchangeTs;
    o.receivedTs = tick.receivedTs;
    o.simulated = tick.simulated;
  }

  /** Pick the observation that stands for the venue at `now` and set status/mid/timestamps. */
  resolve(now: number, options: StalenessOptions): void {
    const { book, trade } = this;
    if (book.seen && book.mid !== null && isFresh(book, now, options)) {
      this.use(book, 'book', 'ok');
    } else if (trade.seen && trade.mid !== null && isFresh(trade, now, options)) {
      this.use(trade, 'trade', 'ok');
    } else {
      // Nothing usable: report the most recent observation (the book on a tie).
      const latestIsTrade = trade.seen && (!book.seen || trade.receivedTs > book.receivedTs);
      const o = latestIsTrade ? trade : book;
      this.use(o, latestIsTrade ? 'trade' : 'book', o.mid === null ? 'invalid' : 'stale');
    }
  }

  private use(o: Observation, basis: VenueBasis, status: SourceStatus): void {
    this.basis = basis;
    this.status = status;
    this.mid = o.mid;
    this.exchangeTs = o.exchangeTs;
    this.receivedTs = o.receivedTs;
    this.simulated = o.simulated;
  }
}
