/**
 * Per-key sequence checks for gap detection. Ids are bigint so 19-digit venue ids compare exactly.
 * `consecutive`: every id must be previous + 1 (Binance trade `t`, Kraken `trade_id`, Coinbase
 * `sequence_num`). `increasing`: ids only have to grow (Binance bookTicker `u`, Bybit book `u`).
 */
export type SequenceMode = 'consecutive' | 'increasing';
export type SequenceVerdict = 'first' | 'ok' | 'gap' | 'stale';

export class SequenceTracker {
  private readonly last = new Map<string, bigint>();

  constructor(private readonly mode: SequenceMode) {}

  /**
   * Check `id` against the last one for `key` and remember it unless stale. `gap`: ids were skipped
   * (consecutive mode only). `stale`: id is not newer than the last one (duplicate or out of order);
   * the caller should drop the message.
   */
  check(key: string, id: bigint): SequenceVerdict {
    const prev = this.last.get(key);
    if (prev === undefined) {
      this.last.set(key, id);
      return 'first';
    }
    if (id <= prev) return 'stale';
    this.last.set(key, id);
    if (this.mode === 'consecutive' && id !== prev + 1n) return 'gap';
    return 'ok';
  }

  /** The last accepted id for `key`, if any. */
  lastOf(key: string): bigint | undefined {
    return this.last.get(key);
  }

  /** Forget one key (a venue restart such as Bybit `u == 1`) or, without a key, everything (reconnect). */
  reset(key?: string): void {
    if (key === undefined) this.last.clear();
    else this.last.delete(key);
  }
}
