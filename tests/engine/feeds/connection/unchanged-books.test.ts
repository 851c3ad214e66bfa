import { describe, expect, it } from 'vitest';
import { UnchangedBooks } from '../../../../engine/src/feeds/connection/unchanged-books.js';
import type { Tick } from '../../../../engine/src/feeds/types.js';

function tick(symbol: Tick['symbol'], bid: string | null, ask: string | null, receivedTs: number, exchangeTs = receivedTs): Tick {
  return { venue: 'kraken', symbol, bid, ask, last: '1', exchangeTs, receivedTs, simulated: false };
}

describe('UnchangedBooks', () => {
  it('remembers only two-sided books, and restates the latest one per symbol as received at the given time', () => {
    const books = new UnchangedBooks();
    books.note(tick('BTCUSDT', '100', '101', 1_000));
    books.note(tick('BTCUSDT', '100.5', '101', 1_100));
    books.note(tick('ETHUSDT', null, '10', 1_100)); // one-sided: not a book we can restate
    books.note({ ...tick('SOLUSDT', null, null, 1_100), last: '2' }); // trade
    expect(books.restate(1_500, 10_000)).toEqual([{ ...tick('BTCUSDT', '100.5', '101', 1_500) }]);
  });

  it('forgets the book when a book tick is one-sided, zero, crossed or unparseable, but not on a trade', () => {
    for (const [bid, ask] of [
      [null, '101'],
      ['100', null],
      ['0', '101'],
      ['102', '101'],
      ['abc', '101'],
    ] as const) {
      const books = new UnchangedBooks();
      books.note(tick('BTCUSDT', '100', '101', 1_000));
      books.note(tick('BTCUSDT', bid, ask, 1_100));
      expect([bid, ask, books.size]).toEqual([bid, ask, 0]);
    }
    const books = new UnchangedBooks();
    books.note(tick('BTCUSDT', '100', '101', 1_000));
    books.note(tick('BTCUSDT', null, null, 1_100));
    books.note(tick('ETHUSDT', '10', '10', 1_100)); // locked (bid == ask) is a valid book
    expect(books.size).toBe(2);
  });

  it('keeps the exchange-time offset of the real tick, so a lagging venue still looks lagging', () => {
    const books = new UnchangedBooks();
    books.note(tick('BTCUSDT', '100', '101', 1_000, 700)); // arrived 300 ms after the venue's time
    books.note(tick('ETHUSDT', '10', '11', 1_000, 1_050)); // venue clock 50 ms ahead
    const out = books.restate(2_000, 10_000);
    expect(out.map((t) => [t.symbol, t.exchangeTs, t.receivedTs])).toEqual([
      ['BTCUSDT', 1_700, 2_000],
      ['ETHUSDT', 2_050, 2_000],
    ]);
  });

  it('does not restate a book whose last real update is older than the cap, or newer than the signal', () => {
    const books = new UnchangedBooks();
    books.note(tick('BTCUSDT', '100', '101', 1_000));
    expect(books.restate(1_600, 600)).toHaveLength(1);
    expect(books.restate(1_601, 600)).toHaveLength(0);
    expect(books.restate(999, 600)).toHaveLength(0);
    // a restatement is not an update: the cap still counts from the real tick
    books.restate(1_500, 600);
    expect(books.restate(1_700, 600)).toHaveLength(0);
  });

  it('forgets one symbol or all of them', () => {
    const books = new UnchangedBooks();
    books.note(tick('BTCUSDT', '100', '101', 1_000));
    books.note(tick('ETHUSDT', '10', '11', 1_000));
    books.forget('BTCUSDT');
    expect(books.restate(1_100, 1_000).map((t) => t.symbol)).toEqual(['ETHUSDT']);
    books.forget();
    expect(books.size).toBe(0);
    expect(books.restate(1_100, 1_000)).toEqual([]);
  });
});
