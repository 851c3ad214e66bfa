import type { Logger } from 'pino';
import { EngineError } from '../../lib/errors.js';
import { PRICE_SCALE, parseDecimal } from '../../lib/fixed-point.js';
import {
  LIVE_VENUES,
  MARKET_SYMBOLS,
  type FeedAdapter,
  type FeedHealth,
  type LiveVenue,
  type MarketSymbol,
  type Tick,
  type TickListener,
} from '../types.js';
import { callListeners } from '../../lib/call-listeners.js';
import { RateLimitedLog } from '../../lib/rate-limited-log.js';
import { Prng } from './prng.js';
import { SIM_START_PRICES, SIM_VENUE_PROFILES, SIM_VOLATILITY_PPM, type SimVenueProfile } from './venue-profiles.js';
import { ceilToStep, floorToStep, formatVenuePrice, isqrt, priceStep } from './venue-price.js';

/** A fault injected into one simulated venue, for tests and demos. */
export interface SimVenueFault {
  /** The venue sends nothing (as if its socket hung) while set. */
  readonly silent?: boolean;
  /** Every price of the venue is moved by this many basis points (signed) from the common path. */
  readonly deviationBps?: number;
  /** Restrict the fault to these symbols; all symbols when absent. */
  readonly symbols?: readonly MarketSymbol[];
}

export interface SimFeedOptions {
  readonly logger: Logger;
  readonly symbols?: readonly MarketSymbol[];
  readonly venues?: readonly LiveVenue[];
  /** PRNG seed; the same seed gives the same price paths. */
  readonly seed?: number;
  /** Ticks per second per venue per symbol. */
  readonly tickHz?: number;
  /** Starting prices as decimal strings (defaults: BTC 97000, ETH 3400, SOL 150). */
  readonly startPrices?: Partial<Record<MarketSymbol, string>>;
  /** Volatility of the common path, ppm of price per √second (default BTC 100, ETH 130, SOL 180). */
  readonly volatilityPpm?: Partial<Record<MarketSymbol, number>>;
  /** Standard deviation of each venue's per-tick noise around the common path, ppm (default 20). */
  readonly venueNoisePpm?: number;
  /** Clock for receivedTs/exchangeTs (default Date.now). */
  readonly now?: () => number;
  /** When true, start() sets no timer: the caller drives the feed with step(). */
  readonly manual?: boolean;
  readonly faults?: Partial<Record<LiveVenue, SimVenueFault>>;
}

export const SIM_FEED_DEFAULTS = {
  seed: 1,
  tickHz: 10,
  venueNoisePpm: 20,
} as const;

interface VenueState {
  readonly venue: LiveVenue;
  readonly profile: SimVenueProfile;
  /** Mean-reverting noise around the common path, ppm, one per symbol index. */
  readonly offsetPpm: number[];
  readonly symbolMessages: number[];
  readonly symbolLastTs: (number | null)[];
  messages: number;
  lastMessageTs: number | null;
  lagMs: number | null;
  fault: SimVenueFault | null;
}

interface SymbolState {
  readonly symbol: MarketSymbol;
  readonly prng: Prng;
  readonly volPpm: bigint;
  /** The common "true" price every venue quotes around, micro-units. */
  path: bigint;
}

const PPM = 1_000_000n;
const Q16 = 65_536n;
/** Divisor for one path step: ppm * Q16 * (√s scaled by 1e6). */
const STEP_DENOM = PPM * Q16 * 1_000_000n;

/**
 * Simulated venues: a seeded random walk per symbol, with each venue quoting around it with its own
 * noise, spread, precision and timestamp lag. Every tick says `simulated: true`.
 */
export class SimFeed implements FeedAdapter {
  readonly name = 'sim';
  readonly simulated = true;

  private readonly log: Logger;
  private readonly warnings: RateLimitedLog;
  private readonly listeners: TickListener[] = [];
  private readonly symbols: SymbolState[];
  private readonly venues: VenueState[];
  private readonly now: () => number;
  private readonly stepMs: number;
  private readonly venueNoisePpm: number;
  private readonly manual: boolean;
  private readonly sqrtCache = new Map<number, bigint>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(options: SimFeedOptions) {
    this.log = options.logger.child({ module: 'feeds.sim' });
    this.now = options.now ?? Date.now;
    this.warnings = new RateLimitedLog(this.log, 5_000);
    this.manual = options.manual ?? false;
    const tickHz = options.tickHz ?? SIM_FEED_DEFAULTS.tickHz;
    if (!Number.isFinite(tickHz) || tickHz <= 0 || tickHz > 1000) {
      throw new EngineError('EXEC_ERR_FEED_OPTIONS', `sim tickHz must be in (0, 1000], got ${tickHz}`);
    }
    this.stepMs = 1000 / tickHz;
    this.venueNoisePpm = options.venueNoisePpm ?? SIM_FEED_DEFAULTS.venueNoisePpm;
    const seed = options.seed ?? SIM_FEED_DEFAULTS.seed;
    const symbols = options.symbols ?? MARKET_SYMBOLS;
    this.symbols = symbols.map((symbol) => {
      const text = options.startPrices?.[symbol] ?? SIM_START_PRICES[symbol];
      const path = parseDecimal(text);
      if (path === null || path <= 0n) {
        throw new EngineError('EXEC_ERR_FEED_OPTIONS', `sim start price for ${symbol} must be a positive decimal, got "${text}"`);
      }
      const vol = options.volatilityPpm?.[symbol] ?? SIM_VOLATILITY_PPM[symbol];
      if (!Number.isInteger(vol) || vol < 0) {
        throw new EngineError('EXEC_ERR_FEED_OPTIONS', `sim volatilityPpm for ${symbol} must be a non-negative integer`);
      }
      return { symbol, prng: Prng.derive(seed, MARKET_SYMBOLS.indexOf(symbol)), volPpm: BigInt(vol), path };
    });
    this.venues = (options.venues ?? LIVE_VENUES).map((venue) => ({
      venue,
      profile: SIM_VENUE_PROFILES[venue],
      offsetPpm: symbols.map(() => 0),
      symbolMessages: symbols.map(() => 0),
      symbolLastTs: symbols.map(() => null),
      messages: 0,
      lastMessageTs: null,
      lagMs: null,
      fault: options.faults?.[venue] ?? null,
    }));
  }

  onTick(listener: TickListener): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (!this.manual) {
      this.timer = setInterval(() => this.step(), this.stepMs);
    }
    this.log.info(
      { symbols: this.symbols.map((s) => s.symbol), venues: this.venues.map((v) => v.venue), tickHz: 1000 / this.stepMs },
      'sim feed started (simulated prices)',
    );
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.running = false;
  }

  /** Set (or clear with null) the fault of one venue. */
  setFault(venue: LiveVenue, fault: SimVenueFault | null): void {
    const state = this.venues.find((v) => v.venue === venue);
    if (!state) throw new EngineError('EXEC_ERR_FEED_OPTIONS', `sim venue ${venue} is not configured`);
    state.fault = fault;
    this.log.info({ venue, fault }, 'sim fault changed');
  }

  /** Make one venue go silent (no ticks) until restored. */
  silence(venue: LiveVenue, symbols?: readonly MarketSymbol[]): void {
    this.setFault(venue, symbols ? { silent: true, symbols } : { silent: true });
  }

  /** Make one venue quote `bps` basis points away from the others (an outlier) until restored. */
  deviate(venue: LiveVenue, bps: number, symbols?: readonly MarketSymbol[]): void {
    this.setFault(venue, symbols ? { deviationBps: bps, symbols } : { deviationBps: bps });
  }

  /** Clear the fault of one venue, or of every venue. */
  restore(venue?: LiveVenue): void {
    for (const v of this.venues) {
      if (venue === undefined || v.venue === venue) this.setFault(v.venue, null);
    }
  }

  /** The common path price of a symbol in micro-units (what an honest index should be near). */
  pathPrice(symbol: MarketSymbol): bigint | null {
    return this.symbols.find((s) => s.symbol === symbol)?.path ?? null;
  }

  /**
   * Advance every path by `dtMs` (default one tick interval) and emit one tick per symbol per venue
   * that is not silenced. Random numbers are drawn the same way whatever the faults, so a fault does
   * not change the paths. Returns the number of ticks emitted.
   */
  step(dtMs: number = this.stepMs): number {
    const receivedTs = this.now();
    const sqrtDt = this.sqrtSeconds(dtMs);
    let emitted = 0;
    for (let si = 0; si < this.symbols.length; si += 1) {
      const s = this.symbols[si]!;
      const z = BigInt(s.prng.gaussianQ16());
      s.path += (s.path * s.volPpm * z * sqrtDt) / STEP_DENOM;
      if (s.path < PRICE_SCALE / 100n) s.path = PRICE_SCALE / 100n;
      for (const v of this.venues) {
        const tick = this.venueTick(s, si, v, receivedTs);
        if (tick !== null) {
          emitted += 1;
          this.emit(tick);
        }
      }
    }
    return emitted;
  }

  health(): FeedHealth[] {
    return this.venues.map((v) => ({
      venue: v.venue,
      connected: this.running && !(v.fault?.silent === true && v.fault.symbols === undefined),
      lastMessageTs: v.lastMessageTs,
      lagMs: v.lagMs,
      reconnects: 0,
      messages: v.messages,
      parseErrors: 0,
      gaps: 0,
      symbols: this.symbols.map((s, si) => ({
        symbol: s.symbol,
        lastMessageTs: v.symbolLastTs[si] ?? null,
        messages: v.symbolMessages[si] ?? 0,
        silent: faultApplies(v.fault, s.symbol) && v.fault?.silent === true,
      })),
    }));
  }

  private venueTick(s: SymbolState, si: number, v: VenueState, receivedTs: number): Tick | null {
    const p = v.profile;
    const prev = v.offsetPpm[si] ?? 0;
    const noise = Math.trunc((s.prng.gaussianQ16() * this.venueNoisePpm) / 65_536);
    const offset = Math.trunc((prev * 9) / 10) + noise;
    v.offsetPpm[si] = offset;
    const lag = s.prng.intBetween(p.lagMinMs, p.lagMaxMs);
    const lastAtBid = (s.prng.nextU32() & 1) === 0;

    const fault = faultApplies(v.fault, s.symbol) ? v.fault : null;
    if (fault?.silent === true) return null;
    const ppm = BigInt(p.basisPpm + offset + Math.trunc((fault?.deviationBps ?? 0) * 100));
    const decimals = p.decimals[s.symbol];
    const step = priceStep(decimals);
    const mid = (s.path * (PPM + ppm)) / PPM;
    const spread = (mid * BigInt(p.halfSpreadPpm)) / PPM;
    const half = spread > step ? spread : step;
    let bid = floorToStep(mid - half, step);
    if (bid < step) bid = step;
    let ask = ceilToStep(mid + half, step);
    if (ask <= bid) ask = bid + step;

    v.messages += 1;
    v.lastMessageTs = receivedTs;
    v.lagMs = lag;
    v.symbolMessages[si] = (v.symbolMessages[si] ?? 0) + 1;
    v.symbolLastTs[si] = receivedTs;
    const bidText = formatVenuePrice(bid, decimals);
    const askText = formatVenuePrice(ask, decimals);
    return {
      venue: v.venue,
      symbol: s.symbol,
      bid: bidText,
      ask: askText,
      last: lastAtBid ? bidText : askText,
      exchangeTs: receivedTs - lag,
      receivedTs,
      simulated: true,
    };
  }

  /** √(dtMs / 1000) scaled by 1e6, cached per step length. */
  private sqrtSeconds(dtMs: number): bigint {
    let v = this.sqrtCache.get(dtMs);
    if (v === undefined) {
      v = isqrt(BigInt(Math.round(dtMs * 1000)) * 1_000_000n);
      this.sqrtCache.set(dtMs, v);
    }
    return v;
  }

  private emit(tick: Tick): void {
    callListeners(this.listeners, tick, this.onListenerError);
  }

  private readonly onListenerError = (err: unknown): void => {
    this.warnings.warn('listener', { err }, 'tick listener threw');
  };
}

function faultApplies(fault: SimVenueFault | null, symbol: MarketSymbol): boolean {
  return fault !== null && (fault.symbols === undefined || fault.symbols.includes(symbol));
}
