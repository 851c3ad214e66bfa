/**
 * Outgoing control messages (subscribe, ping) through a sliding-window rate limit: at most
 * `maxPerWindow` sends in any `windowMs`. Binance disconnects above 5 incoming messages/s (pings,
 * pongs and JSON control messages all count), Coinbase allows 8/s per IP, so every venue sends
 * through one of these. Messages beyond the window wait in FIFO order; `clear()` drops them and
 * cancels the timer (on disconnect and stop).
 *
 * The window we keep is `windowMs + guardMs` (default guard: 20 % of the window): the venue counts
 * by arrival time, and network or event-loop jitter can deliver an earlier burst late, bunching
 * more than `maxPerWindow` into one of the venue's windows if we spaced bursts exactly `windowMs`.
 */
export interface ControlRate {
  readonly maxPerWindow: number;
  readonly windowMs: number;
  /** Extra spacing beyond windowMs against arrival jitter; default 20 % of windowMs. */
  readonly guardMs?: number;
}

export class ControlQueue {
  private readonly pending: string[] = [];
  private readonly sentAt: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly spanMs: number;

  constructor(
    private readonly rate: ControlRate,
    private readonly send: (payload: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.spanMs = rate.windowMs + (rate.guardMs ?? Math.ceil(rate.windowMs * 0.2));
  }

  get queued(): number {
    return this.pending.length;
  }

  push(payload: string): void {
    this.pending.push(payload);
    this.drain();
  }

  clear(): void {
    this.pending.length = 0;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private drain(): void {
    if (this.timer !== null) return;
    while (this.pending.length > 0) {
      const t = this.now();
      while (this.sentAt.length > 0 && t - (this.sentAt[0] ?? 0) >= this.spanMs) this.sentAt.shift();
      if (this.sentAt.length >= this.rate.maxPerWindow) {
        const waitMs = this.spanMs - (t - (this.sentAt[0] ?? t)) + 1;
        this.timer = setTimeout(() => {
          this.timer = null;
          this.drain();
        }, Math.max(1, waitMs));
        return;
      }
      const payload = this.pending.shift();
      if (payload === undefined) return;
      this.sentAt.push(t);
      this.send(payload);
    }
  }
}
