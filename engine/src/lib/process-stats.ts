/**
 * Process figures for /v1/health (and a metrics module later): resident memory, heap, and the event
 * loop delay percentiles of the last completed window (`windowMs`, default 10 s; perf_hooks
 * histogram), so frequent health reads do not shrink the window. `start()` enables the histogram and
 * the window timer; `stop()` clears both.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface EventLoopDelay {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly windowMs: number;
}

export interface ProcessStats {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Event loop delay of the last completed window; null until one completed. */
  readonly eventLoopDelayP99Ms: number | null;
  readonly eventLoopDelay: EventLoopDelay | null;
}

export class ProcessStatsSampler {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private timer: NodeJS.Timeout | null = null;
  private last: EventLoopDelay | null = null;

  constructor(private readonly windowMs = 10_000) {}

  start(): void {
    if (this.timer !== null) return;
    this.histogram.enable();
    this.timer = setInterval(() => this.rotate(), this.windowMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.histogram.disable();
  }

  read(): ProcessStats {
    const mem = process.memoryUsage();
    return { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, eventLoopDelayP99Ms: this.last?.p99Ms ?? null, eventLoopDelay: this.last };
  }

  private rotate(): void {
    const h = this.histogram;
    const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
    if (h.count > 0) this.last = { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max), windowMs: this.windowMs };
    h.reset();
  }
}
