/**
 * Outgoing control messages (subscribe, ping) through a sliding-window rate limit: at most
 * `maxPerWindow` sends in any `windowMs`. Binance disconnects above 5 incoming messages/s (pings,
 * pongs and JSON control messages all count), Coinbase allows 8/s per IP, so every venue sends
 * through one of these. Messages beyond the window wait in FIFO order; `clear()` drops them and
 * cancels the timer (on disconnect and stop).
 */
export interface ControlRate {
  readonly maxPerWindow: number;
  readonly windowMs: number;
}

export class ControlQueue {
  private readonly pending: string[] = [];
  private readonly sentAt: number[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly rate: ControlRate,
    private readonly send: (payload: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

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
      while (this.sentAt.length > 0 && t - (this.sentAt[0] ?? 0) >= this.rate.windowMs) this.sentAt.shift();
      if (this.sentAt.length >= this.rate.maxPerWindow) {
        const waitMs = this.rate.windowMs - (t - (this.sentAt[0] ?? t)) + 1;
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
