import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { EngineError } from '../../lib/errors.js';
import { callListeners } from '../../lib/call-listeners.js';
import { RateLimitedLog } from '../../lib/rate-limited-log.js';
import type { FeedAdapter, FeedHealth, MarketSymbol, SymbolHealth, Tick, TickListener } from '../types.js';
import { readLines } from './line-reader.js';
import { decodeTickLine } from './tick-line.js';

export interface ReplayFeedOptions {
  readonly logger: Logger;
  /** NDJSON file of normalized ticks (see tick-line.ts; written by TickRecorder). */
  readonly path: string;
  /** 1 = real time (the recorded receivedTs gaps), 2 = twice as fast, 0 = as fast as possible. */
  readonly speed?: number;
  /** Start again from the first line at the end of the file. */
  readonly loop?: boolean;
  /**
   * Re-stamp ticks to the current clock so a replayed file is not stale. The relative spacing of
   * receivedTs (divided by speed) and each tick's own receivedTs - exchangeTs lag are kept.
   */
  readonly rebase?: boolean;
  /** Clock used for re-stamping (default Date.now). Pacing uses the monotonic clock. */
  readonly now?: () => number;
  /** At most one warning per this many ms about malformed lines. */
  readonly warnIntervalMs?: number;
}

export const REPLAY_FEED_DEFAULTS = {
  speed: 1,
  loop: false,
  rebase: true,
  warnIntervalMs: 5_000,
} as const;

/** Ticks emitted back to back at speed 0 before yielding to the event loop. */
const YIELD_EVERY = 500;
/** How many lines create() reads looking for the first valid tick (to learn `simulated`). */
const PEEK_LINES = 1_000;

/**
 * Plays back a tick recording. Malformed lines are counted (health().parseErrors) and skipped with a
 * rate-limited warning. Each tick keeps the `simulated` flag it was recorded with.
 */
export class ReplayFeed implements FeedAdapter {
  readonly name = 'replay';

  private readonly log: Logger;
  private readonly warnings: RateLimitedLog;
  private readonly listeners: TickListener[] = [];
  private readonly opts: Required<Omit<ReplayFeedOptions, 'logger'>>;
  private readonly symbolHealth = new Map<MarketSymbol, { messages: number; lastMessageTs: number }>();
  private firstTickSimulated: boolean;
  private sawSimulated = false;
  private running = false;
  private stopping = false;
  private playback: Promise<void> | null = null;
  private sleepTimer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private messages = 0;
  private parseErrors = 0;
  private lastMessageTs: number | null = null;
  private lagMs: number | null = null;

  private constructor(options: ReplayFeedOptions, firstTickSimulated: boolean) {
    this.log = options.logger.child({ module: 'feeds.replay' });
    this.opts = {
      path: options.path,
      speed: options.speed ?? REPLAY_FEED_DEFAULTS.speed,
      loop: options.loop ?? REPLAY_FEED_DEFAULTS.loop,
      rebase: options.rebase ?? REPLAY_FEED_DEFAULTS.rebase,
      now: options.now ?? Date.now,
      warnIntervalMs: options.warnIntervalMs ?? REPLAY_FEED_DEFAULTS.warnIntervalMs,
    };
    this.warnings = new RateLimitedLog(this.log, this.opts.warnIntervalMs);
    this.firstTickSimulated = firstTickSimulated;
  }

  /** Checks the file and reads ahead to the first valid tick; throws EXEC_ERR_REPLAY_FILE if unreadable. */
  static async create(options: ReplayFeedOptions): Promise<ReplayFeed> {
    const speed = options.speed ?? REPLAY_FEED_DEFAULTS.speed;
    if (!Number.isFinite(speed) || speed < 0) {
      throw new EngineError('EXEC_ERR_FEED_OPTIONS', `replay speed must be >= 0, got ${speed}`);
    }
    let firstSimulated = false;
    try {
      const st = await stat(options.path);
      if (!st.isFile()) throw new Error('not a regular file');
      let n = 0;
      for await (const line of readLines(options.path)) {
        const tick = decodeTickLine(line);
        if (tick !== null) {
          firstSimulated = tick.simulated;
          break;
        }
        n += 1;
        if (n >= PEEK_LINES) break;
      }
    } catch (err) {
      throw new EngineError('EXEC_ERR_REPLAY_FILE', `cannot read replay file ${options.path}`, { cause: err });
    }
    return new ReplayFeed(options, firstSimulated);
  }

  /** True when the recording holds simulated ticks (first valid tick, or any tick played so far). */
  get simulated(): boolean {
    return this.firstTickSimulated || this.sawSimulated;
  }

  onTick(listener: TickListener): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.log.info({ path: this.opts.path, speed: this.opts.speed, loop: this.opts.loop, rebase: this.opts.rebase }, 'replay started');
    this.playback = this.run().catch((err: unknown) => {
      this.log.error({ err, path: this.opts.path }, 'replay failed');
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.sleepTimer !== null) clearTimeout(this.sleepTimer);
    this.sleepTimer = null;
    this.wake?.();
    this.wake = null;
    await this.playback;
    this.playback = null;
    this.running = false;
  }

  /** Resolves when playback has ended (end of file without loop, or stop()). */
  async done(): Promise<void> {
    await this.playback;
  }

  health(): FeedHealth[] {
    const symbols: SymbolHealth[] = [];
    for (const [symbol, h] of this.symbolHealth) {
      symbols.push({ symbol, lastMessageTs: h.lastMessageTs, messages: h.messages, silent: false });
    }
    return [
      {
        venue: 'replay',
        connected: this.running,
        lastMessageTs: this.lastMessageTs,
        lagMs: this.lagMs,
        reconnects: 0,
        messages: this.messages,
        parseErrors: this.parseErrors,
        gaps: 0,
        symbols,
      },
    ];
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopping) {
        const emitted = await this.playOnce();
        if (!this.opts.loop || this.stopping) break;
        if (emitted === 0) {
          this.log.warn({ path: this.opts.path }, 'replay file has no valid ticks; not looping');
          break;
        }
      }
    } finally {
      this.running = false;
      if (!this.stopping) this.log.info({ path: this.opts.path, messages: this.messages, parseErrors: this.parseErrors }, 'replay finished');
    }
  }

  /** One pass over the file; returns the number of ticks emitted. */
  private async playOnce(): Promise<number> {
    const { speed, rebase, now } = this.opts;
    const startMono = performance.now();
    const startNow = now();
    let firstTs: number | null = null;
    let emitted = 0;
    let lineNo = 0;
    for await (const line of readLines(this.opts.path)) {
      lineNo += 1;
      if (this.stopping) break;
      if (line.trim() === '') continue;
      const tick = decodeTickLine(line);
      if (tick === null) {
        this.parseErrors += 1;
        this.warnings.warn('bad-line', { path: this.opts.path, line: lineNo, parseErrors: this.parseErrors }, 'replay: skipped malformed line');
        continue;
      }
      firstTs ??= tick.receivedTs;
      let stamp: number;
      if (speed > 0) {
        const offsetMs = Math.max(0, tick.receivedTs - firstTs) / speed;
        const waitMs = startMono + offsetMs - performance.now();
        if (waitMs >= 1) await this.sleep(waitMs);
        if (this.stopping) break;
        stamp = startNow + Math.round(offsetMs);
      } else {
        if (emitted % YIELD_EVERY === YIELD_EVERY - 1) await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.stopping) break;
        stamp = now();
      }
      const out: Tick = rebase ? { ...tick, receivedTs: stamp, exchangeTs: stamp - (tick.receivedTs - tick.exchangeTs) } : tick;
      emitted += 1;
      this.record(out);
      this.emit(out);
    }
    return emitted;
  }

  private record(tick: Tick): void {
    this.messages += 1;
    this.lastMessageTs = tick.receivedTs;
    this.lagMs = tick.receivedTs - tick.exchangeTs;
    if (tick.simulated) this.sawSimulated = true;
    const h = this.symbolHealth.get(tick.symbol);
    if (h) {
      h.messages += 1;
      h.lastMessageTs = tick.receivedTs;
    } else {
      this.symbolHealth.set(tick.symbol, { messages: 1, lastMessageTs: tick.receivedTs });
    }
  }

  private emit(tick: Tick): void {
    callListeners(this.listeners, tick, this.onListenerError);
  }

  private readonly onListenerError = (err: unknown): void => {
    this.warnings.warn('listener', { err }, 'tick listener threw');
  };

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.sleepTimer = setTimeout(() => {
        this.sleepTimer = null;
        this.wake = null;
        resolve();
      }, ms);
    });
  }
}
