import type { Logger } from 'pino';

const MAX_KEYS = 1_000;

/**
 * Logs at most one warn line per key per interval and reports how many were suppressed, so a problem
 * that recurs at tick rate (a venue sending garbage at 1000 msg/s, a rejected tick, a throwing
 * listener) cannot flood the log. Keys are independent: each gets its own interval and count.
 */
export class RateLimitedLog {
  private readonly lastAt = new Map<string, number>();
  private readonly suppressed = new Map<string, number>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  warn(key: string, fields: Record<string, unknown>, msg: string): void {
    const t = this.now();
    const last = this.lastAt.get(key);
    if (last !== undefined && t - last < this.intervalMs) {
      this.suppressed.set(key, (this.suppressed.get(key) ?? 0) + 1);
      return;
    }
    const suppressed = this.suppressed.get(key) ?? 0;
    // keys can carry venue-chosen text (channel names): bound the memory they take
    if (this.lastAt.size >= MAX_KEYS && !this.lastAt.has(key)) {
      this.lastAt.clear();
      this.suppressed.clear();
    }
    this.lastAt.set(key, t);
    this.suppressed.delete(key);
    this.logger.warn({ ...fields, suppressed }, msg);
  }
}
