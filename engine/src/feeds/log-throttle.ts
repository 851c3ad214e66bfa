import type { Logger } from 'pino';

/**
 * Rate-limits one kind of warning: at most one log line per `intervalMs`, carrying how many
 * occurrences were folded into it. Used for per-tick problems (garbage lines, rejected ticks) that
 * would otherwise flood the log at tick rate.
 */
export class LogThrottle {
  private lastLogMs = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly message: string,
    private readonly intervalMs: number = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Record one occurrence; logs at warn level when the interval has elapsed since the last line. */
  warn(fields: Record<string, unknown>): void {
    const t = this.now();
    if (t - this.lastLogMs < this.intervalMs) {
      this.suppressed += 1;
      return;
    }
    this.lastLogMs = t;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    this.logger.warn({ ...fields, suppressed }, this.message);
  }
}
