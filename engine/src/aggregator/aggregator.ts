import type { Logger } from 'pino';
import { EngineError } from '../lib/errors.js';
import { parseDecimal } from '../lib/fixed-point.js';
import { callListeners } from '../lib/call-listeners.js';
import { RateLimitedLog } from '../lib/rate-limited-log.js';
import { LIVE_VENUES, MARKET_SYMBOLS, type FeedAdapter, type MarketSymbol, type Tick } from '../feeds/types.js';
import { computeIndexPrice } from './index-price.js';
import { markOutliers } from './outliers.js';
import { STALENESS_DEFAULTS } from './staleness.js';
import type { IndexListener, IndexSnapshot, SourceSnapshot, SourceStatus } from './types.js';
import { VenueState } from './venue-state.js';

export interface AggregatorOptions {
  readonly logger: Logger;
  /** Symbols to aggregate; ticks for others are ignored. Periodic evaluation covers all of them. */
  readonly symbols?: readonly MarketSymbol[];
  readonly maxExchangeAgeMs?: number;
  readonly maxReceiveAgeMs?: number;
  readonly maxFutureSkewMs?: number;
  /** A venue further than this from the median of the other fresh venues is an outlier. */
  readonly outlierBps?: number;
  /** Fewer usable venues than this halts the symbol. */
  readonly minProviders?: number;
  /** Accept ticks flagged simulated (sim/demo only). When false they are rejected as 'invalid'. */
  readonly allowSimulated?: boolean;
  /** Re-evaluate every symbol this often even without ticks, so silence halts (0 disables). */
  readonly evaluateIntervalMs?: number;
  readonly now?: () => number;
  /** At most one warning per this many ms for each kind of rejected tick. */
  readonly warnIntervalMs?: number;
}

export const AGGREGATOR_DEFAULTS = {
  ...STALENESS_DEFAULTS,
  outlierBps: 50,
  minProviders: 2,
  allowSimulated: false,
  evaluateIntervalMs: 250,
  warnIntervalMs: 5_000,
} as const;

export interface AggregatorStats {
  readonly ticks: number;
  /** Simulated ticks refused because allowSimulated is false. */
  readonly rejectedSimulated: number;
  /** Ticks with no usable price (zero, negative, crossed without last, unparseable) or bad timestamps. */
  readonly invalidTicks: number;
  /** Ticks for symbols or venues this aggregator does not handle. */
  readonly ignoredTicks: number;
}

interface SymbolState {
  readonly symbol: MarketSymbol;
  /** One slot per venue, indexed like LIVE_VENUES; null until the venue sends a tick. */
  readonly slots: (VenueState | null)[];
  latest: IndexSnapshot | null;
  /** Has been open at least once (for logging: "open" the first time, "resumed" after). */
  opened: boolean;
}

const VENUE_INDEX = new Map<string, number>(LIVE_VENUES.map((v, i) => [v, i]));

/**
 * Turns ticks into one index price per symbol: latest book and latest trade per venue → venue mid
 * (book when fresh, else trade when fresh; venue-state.ts) → staleness → outliers → median (see
 * index-price.ts, staleness.ts, outliers.ts). Publishes an IndexSnapshot after every tick of a
 * symbol and every `evaluateIntervalMs` for all symbols.
 */
export class Aggregator {
  private readonly log: Logger;
  private readonly opts: Required<Omit<AggregatorOptions, 'logger' | 'symbols'>>;
  private readonly outlierBps: bigint;
  private readonly states = new Map<MarketSymbol, SymbolState>();
  private readonly listeners = new Set<IndexListener>();
  private readonly warnings: RateLimitedLog;
  // Scratch buffers reused by every evaluation (the hot path allocates only the snapshot itself).
  private readonly freshMids: bigint[] = [];
  private readonly freshSlot: number[] = [];
  private readonly outlierFlags: boolean[] = [];
  private readonly status: SourceStatus[] = [];
  private readonly usedMids: bigint[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private ticks = 0;
  private rejectedSimulated = 0;
  private invalidTicks = 0;
  private ignoredTicks = 0;

  constructor(options: AggregatorOptions) {
    this.log = options.logger.child({ module: 'aggregator' });
    this.opts = {
      maxExchangeAgeMs: options.maxExchangeAgeMs ?? AGGREGATOR_DEFAULTS.maxExchangeAgeMs,
      maxReceiveAgeMs: options.maxReceiveAgeMs ?? AGGREGATOR_DEFAULTS.maxReceiveAgeMs,
      maxFutureSkewMs: options.maxFutureSkewMs ?? AGGREGATOR_DEFAULTS.maxFutureSkewMs,
      outlierBps: options.outlierBps ?? AGGREGATOR_DEFAULTS.outlierBps,
      minProviders: options.minProviders ?? AGGREGATOR_DEFAULTS.minProviders,
      allowSimulated: options.allowSimulated ?? AGGREGATOR_DEFAULTS.allowSimulated,
      evaluateIntervalMs: options.evaluateIntervalMs ?? AGGREGATOR_DEFAULTS.evaluateIntervalMs,
      now: options.now ?? Date.now,
      warnIntervalMs: options.warnIntervalMs ?? AGGREGATOR_DEFAULTS.warnIntervalMs,
    };
    for (const key of ['maxExchangeAgeMs', 'maxReceiveAgeMs', 'maxFutureSkewMs', 'outlierBps', 'evaluateIntervalMs'] as const) {
      const v = this.opts[key];
      if (!Number.isInteger(v) || v < 0) throw new EngineError('EXEC_ERR_FEED_OPTIONS', `aggregator ${key} must be a non-negative integer, got ${v}`);
    }
    if (!Number.isInteger(this.opts.minProviders) || this.opts.minProviders < 1) {
      throw new EngineError('EXEC_ERR_FEED_OPTIONS', `aggregator minProviders must be an integer >= 1, got ${this.opts.minProviders}`);
    }
    this.outlierBps = BigInt(this.opts.outlierBps);
    for (const symbol of options.symbols ?? MARKET_SYMBOLS) {
      this.states.set(symbol, { symbol, slots: LIVE_VENUES.map(() => null), latest: null, opened: false });
    }
    this.warnings = new RateLimitedLog(this.log, this.opts.warnIntervalMs, this.opts.now);
  }

  /** Feed every tick of `feed` into this aggregator. */
  attach(feed: FeedAdapter): void {
    feed.onTick((tick) => this.ingest(tick));
  }

  /** Subscribe to snapshots; returns the unsubscribe function. */
  onSnapshot(listener: IndexListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.opts.evaluateIntervalMs > 0) {
      this.timer = setInterval(() => this.evaluateAll(), this.opts.evaluateIntervalMs);
    }
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.running = false;
  }

  /** The last snapshot published for a symbol, or null before the first. */
  latest(symbol: MarketSymbol): IndexSnapshot | null {
    return this.states.get(symbol)?.latest ?? null;
  }

  stats(): AggregatorStats {
    return { ticks: this.ticks, rejectedSimulated: this.rejectedSimulated, invalidTicks: this.invalidTicks, ignoredTicks: this.ignoredTicks };
  }

  /** Take one tick (ignored unless started) and publish the symbol's new snapshot. */
  ingest(tick: Tick): void {
    if (!this.running) return;
    const state = this.states.get(tick.symbol);
    const vi = VENUE_INDEX.get(tick.venue);
    if (state === undefined || vi === undefined) {
      this.ignoredTicks += 1;
      return;
    }
    this.ticks += 1;
    let mid: bigint | null = null;
    if (tick.simulated && !this.opts.allowSimulated) {
      this.rejectedSimulated += 1;
      this.warnings.warn('simulated', { venue: tick.venue, symbol: tick.symbol, rejected: this.rejectedSimulated }, 'rejected simulated tick (allowSimulated is false)');
    } else {
      mid = Number.isFinite(tick.exchangeTs) && Number.isFinite(tick.receivedTs) ? midOf(tick) : null;
      if (mid === null) {
        this.invalidTicks += 1;
        this.warnings.warn('invalid', { venue: tick.venue, symbol: tick.symbol, bid: tick.bid, ask: tick.ask, last: tick.last }, 'tick has no usable price');
      }
    }
    let slot = state.slots[vi];
    if (!slot) {
      slot = new VenueState(tick.venue);
      state.slots[vi] = slot;
    }
    slot.record(tick, mid);
    this.publish(state, this.opts.now());
  }

  /** Re-evaluate and publish every symbol at the current time (what the periodic timer does). */
  evaluateAll(): void {
    const now = this.opts.now();
    for (const state of this.states.values()) this.publish(state, now);
  }

  private publish(state: SymbolState, now: number): void {
    const snapshot = this.evaluate(state, now);
    const previous = state.latest;
    state.latest = snapshot;
    if (snapshot.status === 'halted' && previous?.status !== 'halted') {
      if (previous === null) this.log.info({ symbol: state.symbol, reason: snapshot.haltReason }, 'index waiting for providers');
      else this.log.warn({ symbol: state.symbol, reason: snapshot.haltReason }, 'index halted');
    } else if (snapshot.status === 'open' && previous?.status !== 'open') {
      this.log.info({ symbol: state.symbol, providers: snapshot.providers }, state.opened ? 'index resumed' : 'index open');
      state.opened = true;
    }
    callListeners(this.listeners, snapshot, this.onListenerError);
  }

  private readonly onListenerError = (err: unknown, snapshot: IndexSnapshot): void => {
    this.warnings.warn('listener', { err, symbol: snapshot.symbol }, 'index listener threw');
  };

  private evaluate(state: SymbolState, now: number): IndexSnapshot {
    const { slots } = state;
    let fresh = 0;
    for (let i = 0; i < slots.length; i += 1) {
      const slot = slots[i];
      if (!slot) continue;
      slot.resolve(now, this.opts);
      this.status[i] = slot.status;
      if (slot.status === 'ok') {
        this.freshMids[fresh] = slot.mid!;
        this.freshSlot[fresh] = i;
        fresh += 1;
      }
    }
    markOutliers(this.freshMids, fresh, this.outlierBps, this.outlierFlags);
    let used = 0;
    let sourceTs = Number.POSITIVE_INFINITY;
    let simulated = false;
    for (let k = 0; k < fresh; k += 1) {
      const i = this.freshSlot[k]!;
      if (this.outlierFlags[k]) {
        this.status[i] = 'outlier';
        continue;
      }
      const slot = slots[i]!;
      this.usedMids[used] = this.freshMids[k]!;
      used += 1;
      if (slot.exchangeTs < sourceTs) sourceTs = slot.exchangeTs;
      if (slot.simulated) simulated = true;
    }
    const sources: SourceSnapshot[] = [];
    for (let i = 0; i < slots.length; i += 1) {
      const slot = slots[i];
      if (!slot) continue;
      sources.push({ venue: slot.venue, mid: slot.mid, exchangeTs: slot.exchangeTs, receivedTs: slot.receivedTs, status: this.status[i]! });
    }
    if (used < this.opts.minProviders) {
      return {
        symbol: state.symbol,
        price: null,
        ts: now,
        sourceTs: null,
        providers: used,
        sources,
        confidence: null,
        status: 'halted',
        haltReason: this.haltReason(sources, used),
        simulated,
      };
    }
    const index = computeIndexPrice(this.usedMids, used);
    return {
      symbol: state.symbol,
      price: index.price,
      ts: now,
      sourceTs,
      providers: used,
      sources,
      confidence: index.confidence,
      status: 'open',
      haltReason: null,
      simulated,
    };
  }

  /** e.g. "1 fresh provider (bybit), 2 required; stale: kraken; outlier: coinbase". */
  private haltReason(sources: readonly SourceSnapshot[], used: number): string {
    const named = (status: SourceStatus): string => sources.filter((s) => s.status === status).map((s) => s.venue).join(', ');
    const ok = named('ok');
    let reason = `${used} fresh provider${used === 1 ? '' : 's'}${ok ? ` (${ok})` : ''}, ${this.opts.minProviders} required`;
    if (sources.length === 0) return `${reason}; no ticks received`;
    for (const status of ['stale', 'outlier', 'invalid'] as const) {
      const list = named(status);
      if (list) reason += `; ${status}: ${list}`;
    }
    return reason;
  }
}

/** (bid+ask)/2 rounded half up when 0 < bid <= ask, else a positive last, else null. */
function midOf(tick: Tick): bigint | null {
  const bid = tick.bid === null ? null : parseDecimal(tick.bid);
  const ask = tick.ask === null ? null : parseDecimal(tick.ask);
  if (bid !== null && ask !== null && bid > 0n && bid <= ask) return (bid + ask + 1n) / 2n;
  const last = tick.last === null ? null : parseDecimal(tick.last);
  return last !== null && last > 0n ? last : null;
}
