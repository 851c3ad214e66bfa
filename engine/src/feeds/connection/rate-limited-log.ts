import type { Logger } from 'pino';

/**
 * Logs at most one line per key per interval and reports how many were suppressed, so a venue that
 * sends garbage at 1000 msg/s cannot flood the log.
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
    this.lastAt.set(key, t);
    this.suppressed.delete(key);
    this.logger.warn({ ...fields, suppressed }, msg);
  }
}
