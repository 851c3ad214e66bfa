/**
 * The QuoteEngine turns index snapshots into signed market surfaces.
 *
 * Per symbol it regenerates when the index moved by more than `moveThresholdBps` since the last
 * published surface, when `maxIntervalMs` passed, or when a round closes/rolls over; never more
 * often than `minIntervalMs` (a burst inside the floor schedules one regeneration at the floor's end
 * from the latest snapshot). Halts (aggregator halt, simulated prices outside demo mode, stale index)
 * publish one surface with status 'halted' and empty quote lists and sign nothing; the first good
 * snapshot afterwards regenerates immediately. `seq` increases by exactly 1 per published surface.
 *
 * A regeneration keeps a strike's already-signed quote when its signed terms did not change and it
 * still has `quoteReuseMinTtlFraction` of a fresh quote's validity left (quote-engine-cache.ts);
 * nothing is reused across a halt, an epoch change or a trading close. At start-up, an index halted
 * only because the other venues have not delivered yet is held back for `startupWarmupMs` instead of
 * publishing a halted surface that the next tick resumes.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { MARKET_SYMBOLS, type MarketSymbol } from '../feeds/types.js';
import type { IndexSnapshot } from '../aggregator/types.js';
import { FLAG_SIMULATED, type QuoteFields } from '../signer/quote-message.js';
import { signQuote } from '../signer/signed-quote.js';
import type { Ed25519Signer } from '../signer/sign.js';
import { EngineError } from '../lib/errors.js';
import { probabilityAbove } from './probability.js';
import { priceBinary } from './pricing.js';
import { activeRounds, nextTransitionMs, type Round } from './schedule.js';
import { buildLadder } from './strikes.js';
import { VolatilityEstimator } from './volatility.js';
import { resolveQuoteEngineSettings, type QuoteEngineSettings } from './quote-engine-options.js';
import { decodeProgramId, indexJson } from './quote-engine-format.js';
import { EMPTY_QUOTE_CACHE, LadderCacheBuilder, QuoteCacheBuilder, quoteCacheKey, type CachedLadder, type QuoteCacheMap, type QuoteTerms } from './quote-engine-cache.js';
import { ladderRound } from './quote-engine-ladder.js';
import type { SignedLadder } from '../signer/signed-ladder.js';
import {
  ASSET_IDS,
  CLUSTER_IDS,
  SYMBOL_ASSET,
  type Asset,
  type ClusterName,
  type MarketSurface,
  type RoundSurface,
  type SignedQuoteJson,
} from './types.js';

export interface QuoteEngineOptions extends Partial<QuoteEngineSettings> {
  readonly signer: Ed25519Signer;
  /** Receives every surface in seq order (the SurfaceStore's publishSurface). Rejections are logged. */
  readonly publish: (surface: MarketSurface) => void | Promise<void>;
  readonly logger: Logger;
  readonly cluster: ClusterName;
  /** base58 program id the quotes are for. */
  readonly programId: string;
  readonly epoch: bigint;
  /** Demo mode: sign simulated prices, flag every quote SIMULATED. */
  readonly simulated: boolean;
  readonly symbols?: readonly MarketSymbol[];
  /** Last seq already published per symbol (e.g. read back from the store); the next is +1. */
  readonly initialSeq?: Partial<Record<MarketSymbol, number>>;
  readonly now?: () => number;
  /** Told how long each surface took to build and sign (metrics). */
  readonly onRegenerated?: (symbol: MarketSymbol, seconds: number) => void;
}

export interface SymbolEngineHealth {
  readonly symbol: MarketSymbol;
  readonly seq: number;
  readonly status: 'open' | 'halted' | 'waiting';
  readonly haltReason: string | null;
  readonly lastPublishedMs: number | null;
  readonly volatility: number;
  readonly volatilityWarmedUp: boolean;
  /**
   * Quotes signed, and quotes carried over unchanged from the previous surface, since construction
   * (v2: leaves of ladders signed anew / kept).
   */
  readonly quotesSigned: number;
  readonly quotesReused: number;
  /** ed25519 signatures made since construction: one per quote in v1, one per ladder in v2. */
  readonly signatures: number;
}

interface SymbolState {
  readonly symbol: MarketSymbol;
  readonly asset: Asset;
  readonly vol: VolatilityEstimator;
  latest: IndexSnapshot | null;
  seq: number;
  lastPublishedMs: number | null;
  lastPublishedPrice: bigint | null;
  nextTransitionMs: number;
  halted: boolean;
  haltReason: string | null;
  pendingAtMs: number | null;
  timer: NodeJS.Timeout | null;
  timerAtMs: number;
  /** Signed quotes of the last published surface, for reuse by the next one. */
  quotes: QuoteCacheMap;
  /** v2: the signed ladder of each round of the last published surface. */
  ladders: ReadonlyMap<string, CachedLadder<SignedLadder>>;
  quotesSigned: number;
  quotesReused: number;
  signatures: number;
  /** When this symbol's first snapshot was evaluated (start of the start-up warm-up). */
  firstSnapshotMs: number | null;
  /** End of the warm-up while a start-up halt is being held back, else null. */
  warmupUntilMs: number | null;
}

const ID_POOL_QUOTES = 512;
const QUOTE_ID_LEN = 16;

export class QuoteEngine {
  readonly settings: QuoteEngineSettings;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly programId: Uint8Array;
  private readonly clusterId: number;
  private readonly states = new Map<MarketSymbol, SymbolState>();
  private running = false;
  /** Set by `setExternalHalt` (chain checks): refuses every symbol while non-null. */
  private externalHalt: string | null = null;
  private idPool: Buffer = Buffer.alloc(0);
  private idOffset = 0;
  private epoch: bigint;

  constructor(private readonly options: QuoteEngineOptions) {
    this.settings = resolveQuoteEngineSettings(options);
    this.log = options.logger.child({ module: 'market.quote-engine' });
    this.now = options.now ?? (() => Date.now());
    this.programId = decodeProgramId(options.programId);
    this.clusterId = CLUSTER_IDS[options.cluster];
    if (options.epoch < 0n || options.epoch >= 1n << 64n) {
      throw new EngineError('EXEC_ERR_MARKET_CONFIG', `quote engine: epoch must be a u64, got ${options.epoch}`);
    }
    this.epoch = options.epoch;
    const vol = this.settings.volatility;
    for (const symbol of options.symbols ?? MARKET_SYMBOLS) {
      const asset = SYMBOL_ASSET[symbol];
      this.states.set(symbol, {
        symbol,
        asset,
        vol: new VolatilityEstimator(vol, vol.perAsset[asset]),
        latest: null,
        seq: options.initialSeq?.[symbol] ?? 0,
        lastPublishedMs: null,
        lastPublishedPrice: null,
        nextTransitionMs: Number.POSITIVE_INFINITY,
        halted: false,
        haltReason: null,
        pendingAtMs: null,
        timer: null,
        timerAtMs: 0,
        quotes: EMPTY_QUOTE_CACHE,
        ladders: new Map(),
        quotesSigned: 0,
        quotesReused: 0,
        signatures: 0,
        firstSnapshotMs: null,
        warmupUntilMs: null,
      });
    }
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const now = this.now();
    for (const state of this.states.values()) this.evaluate(state, now);
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const state of this.states.values()) {
      if (state.timer !== null) clearTimeout(state.timer);
      state.timer = null;
      state.pendingAtMs = null;
    }
  }

  /** The quote epoch quotes are signed under. */
  get quoteEpoch(): bigint {
    return this.epoch;
  }

  /** The epoch quotes are signed under now. */
  currentEpoch(): bigint {
    return this.epoch;
  }

  /**
   * Sign under a higher quote epoch from now on (after `raise_quote_epoch` on chain). Every open
   * symbol regenerates at once, signing every quote anew: no quote of the old epoch is reused.
   */
  setEpoch(epoch: bigint): void {
    if (epoch <= this.epoch || epoch >= 1n << 64n) {
      throw new EngineError('EXEC_ERR_MARKET_CONFIG', `quote engine: new epoch must be a u64 above ${this.epoch}, got ${epoch}`);
    }
    this.epoch = epoch;
    this.log.info({ epoch: epoch.toString() }, 'quote epoch raised');
    if (!this.running) return;
    const now = this.now();
    for (const state of this.states.values()) {
      if (state.latest === null || state.lastPublishedMs === null || state.halted) continue;
      this.publish(state, state.latest, now, this.refusal(state.latest, now));
      this.arm(state, now);
    }
  }

  /**
   * Stop (a reason) or resume (null) signing for every symbol for a cause outside the index: the
   * chain clock drifting from wall time, an on-chain schedule that differs, a paused program.
   * Every symbol publishes a halted surface with that reason, then resumes as usual.
   */
  setExternalHalt(reason: string | null): void {
    if (reason === this.externalHalt) return;
    this.externalHalt = reason;
    if (reason === null) this.log.info('external halt lifted');
    else this.log.warn({ reason }, 'quoting halted by an external condition');
    if (!this.running) return;
    const now = this.now();
    for (const state of this.states.values()) this.evaluate(state, now);
  }

  /** Feed one index snapshot (the aggregator's listener). Unknown symbols are ignored. */
  onIndex(snapshot: IndexSnapshot): void {
    const state = this.states.get(snapshot.symbol);
    if (state === undefined) return;
    state.latest = snapshot;
    state.vol.observe(snapshot.status === 'open' ? snapshot.price : null, snapshot.ts);
    if (this.running) this.evaluate(state, this.now());
  }

  health(): SymbolEngineHealth[] {
    return [...this.states.values()].map((s) => ({
      symbol: s.symbol,
      seq: s.seq,
      status: s.lastPublishedMs === null ? 'waiting' : s.halted ? 'halted' : 'open',
      haltReason: s.haltReason,
      lastPublishedMs: s.lastPublishedMs,
      volatility: s.vol.current(),
      volatilityWarmedUp: s.vol.warmedUp,
      quotesSigned: s.quotesSigned,
      quotesReused: s.quotesReused,
      signatures: s.signatures,
    }));
  }

  /** Why quotes for this snapshot must not be signed now, or null when they may. */
  private refusal(snap: IndexSnapshot, now: number): string | null {
    if (this.externalHalt !== null) return this.externalHalt;
    if (snap.status === 'halted') return snap.haltReason ?? 'index halted';
    if (snap.price === null || snap.price <= 0n) return 'no index price';
    if (snap.simulated && !this.options.simulated) return 'simulated prices refused: engine is not in demo mode';
    if (snap.sourceTs === null) return 'index has no source timestamp';
    const age = now - snap.sourceTs;
    if (age > this.settings.maxIndexAgeMs) return `index stale: ${age} ms old, max ${this.settings.maxIndexAgeMs} ms`;
    return null;
  }

  private evaluate(state: SymbolState, now: number): void {
    const snap = state.latest;
    if (snap === null) return;
    state.firstSnapshotMs ??= now;
    const reason = this.refusal(snap, now);
    const rolled = now >= state.nextTransitionMs;
    if (reason !== null) {
      state.pendingAtMs = null;
      if (this.warmingUp(state, snap, now)) {
        state.warmupUntilMs = (state.firstSnapshotMs as number) + this.settings.startupWarmupMs;
      } else if (!state.halted || rolled || state.lastPublishedMs === null) {
        if (!state.halted) this.log.warn({ symbol: state.symbol, reason }, 'quoting halted');
        this.publish(state, snap, now, reason);
      }
    } else if (state.halted || state.lastPublishedMs === null) {
      if (state.halted) this.log.info({ symbol: state.symbol }, 'quoting resumed');
      this.publish(state, snap, now, null);
    } else {
      const since = now - state.lastPublishedMs;
      const due = state.pendingAtMs !== null || rolled || since >= this.settings.maxIntervalMs || this.moved(state, snap.price as bigint);
      if (due) {
        if (rolled || since >= this.settings.minIntervalMs) this.publish(state, snap, now, null);
        else state.pendingAtMs = state.lastPublishedMs + this.settings.minIntervalMs;
      }
    }
    this.arm(state, now);
  }

  /**
   * True while a start-up halt is held back: nothing was published yet, the warm-up since its first
   * snapshot has not passed, and the index is halted for want of providers while at least one venue
   * already delivers a usable price (the others are still connecting).
   */
  private warmingUp(state: SymbolState, snap: IndexSnapshot, now: number): boolean {
    if (state.lastPublishedMs !== null || this.settings.startupWarmupMs === 0) return false;
    if (now >= (state.firstSnapshotMs as number) + this.settings.startupWarmupMs) return false;
    return snap.status === 'halted' && snap.sources.some((s) => s.status === 'ok' && s.mid !== null);
  }

  private moved(state: SymbolState, price: bigint): boolean {
    const last = state.lastPublishedPrice;
    if (last === null) return true;
    const diff = price > last ? price - last : last - price;
    return diff * 10_000n > BigInt(this.settings.moveThresholdBps) * last;
  }

  /** One timer per symbol, at the earliest of: coalesced regeneration, max interval, round close. */
  private arm(state: SymbolState, now: number): void {
    if (!this.running) return;
    let at: number;
    if (state.lastPublishedMs === null) {
      if (state.warmupUntilMs === null) return;
      at = state.warmupUntilMs;
    } else {
      at = state.nextTransitionMs;
      if (state.pendingAtMs !== null && state.pendingAtMs < at) at = state.pendingAtMs;
      if (!state.halted && state.lastPublishedMs + this.settings.maxIntervalMs < at) at = state.lastPublishedMs + this.settings.maxIntervalMs;
    }
    if (state.timer !== null) {
      if (state.timerAtMs === at) return;
      clearTimeout(state.timer);
    }
    state.timerAtMs = at;
    state.timer = setTimeout(() => {
      state.timer = null;
      if (this.running) this.evaluate(state, this.now());
    }, Math.max(0, at - now));
  }

  /**
   * A new writer took over (cache/redis-store.ts): continue each symbol's seq above `floors`, so
   * clients never see a seq go backwards across the switch. Seqs never decrease here.
   */
  raiseSeqFloors(floors: Partial<Record<MarketSymbol, number>>): void {
    for (const [symbol, floor] of Object.entries(floors) as [MarketSymbol, number][]) {
      const state = this.states.get(symbol);
      if (state !== undefined && floor > state.seq) state.seq = floor;
    }
  }

  private publish(state: SymbolState, snap: IndexSnapshot, now: number, haltReason: string | null): void {
    let surface: MarketSurface;
    const cache = new QuoteCacheBuilder(state.quotes, this.settings.quoteReuseMinTtlFraction);
    const started = this.options.onRegenerated === undefined ? 0 : performance.now();
    const ladders = new LadderCacheBuilder(state.ladders, this.settings.quoteReuseMinTtlFraction);
    try {
      surface = this.buildSurface(state, snap, now, haltReason, cache, ladders);
    } catch (err) {
      this.log.error({ err, symbol: state.symbol }, 'surface generation failed');
      return;
    }
    this.options.onRegenerated?.(state.symbol, (performance.now() - started) / 1000);
    state.quotes = cache.build();
    state.ladders = ladders.build();
    state.quotesSigned += cache.signed + ladders.leavesSigned;
    state.quotesReused += cache.reused + ladders.leavesReused;
    state.signatures += cache.signed + ladders.laddersSigned;
    state.warmupUntilMs = null;
    state.seq = surface.seq;
    state.lastPublishedMs = now;
    state.lastPublishedPrice = haltReason === null ? snap.price : null;
    state.nextTransitionMs = nextTransitionMs(this.settings.schedule, now);
    state.halted = haltReason !== null;
    state.haltReason = haltReason;
    state.pendingAtMs = null;
    try {
      const result = this.options.publish(surface);
      if (result instanceof Promise) {
        result.catch((err: unknown) => this.log.error({ err, symbol: state.symbol, seq: surface.seq }, 'publish failed'));
      }
    } catch (err) {
      this.log.error({ err, symbol: state.symbol, seq: surface.seq }, 'publish failed');
    }
  }

  private buildSurface(
    state: SymbolState,
    snap: IndexSnapshot,
    now: number,
    haltReason: string | null,
    cache: QuoteCacheBuilder,
    ladders: LadderCacheBuilder<SignedLadder>,
  ): MarketSurface {
    const sigma = state.vol.current();
    const volatility = String(Math.round(sigma * 1_000_000));
    const rounds = activeRounds(this.settings.schedule, now);
    const { spacing, strikesPerSide } = this.settings.ladder;
    const strikes = haltReason === null && snap.price !== null ? buildLadder(snap.price, spacing[state.asset], strikesPerSide) : [];
    const out: RoundSurface[] = new Array<RoundSurface>(rounds.length);
    for (let i = 0; i < rounds.length; i++) {
      const round = rounds[i] as Round;
      const meta = { durationSec: round.durationSec, startTs: round.startTs, expiryTs: round.expiryTs, tradingCloseTs: round.tradingCloseTs, volatility };
      if (haltReason !== null) out[i] = { ...meta, quotes: [] };
      else if (this.settings.quoteFormat === 'v1') out[i] = { ...meta, quotes: this.quotesFor(state, snap, round, strikes, sigma, now, cache) };
      else {
        const signed = ladderRound(this.ladderContext(state, snap), snap, round, strikes, sigma, now, ladders);
        out[i] = signed === null ? { ...meta, quotes: [] } : { ...meta, quotes: signed.quotes, ladder: signed.ladder };
      }
    }
    return {
      symbol: state.symbol,
      asset: state.asset,
      seq: state.seq + 1,
      status: haltReason === null ? 'open' : 'halted',
      haltReason,
      simulated: this.options.simulated || snap.simulated,
      generatedAtMs: now,
      index: indexJson(snap),
      rounds: out,
    };
  }

  private quotesFor(
    state: SymbolState,
    snap: IndexSnapshot,
    round: Round,
    strikes: readonly bigint[],
    sigma: number,
    now: number,
    cache: QuoteCacheBuilder,
  ): SignedQuoteJson[] {
    const closeMs = round.tradingCloseTs * 1000;
    if (closeMs <= now) return [];
    const price = snap.price as bigint;
    const tSec = (round.expiryTs * 1000 - now) / 1000;
    const freshValidUntilMs = Math.min(now + this.settings.quoteTtlMs, closeMs);
    const validUntilMs = BigInt(freshValidUntilMs);
    const flags = this.options.simulated || snap.simulated ? FLAG_SIMULATED : 0;
    const maxSize = this.settings.maxSizeAtoms[state.asset];
    const quotes = new Array<SignedQuoteJson>(strikes.length);
    for (let i = 0; i < strikes.length; i++) {
      const strike = strikes[i] as bigint;
      const { upPrice, downPrice } = priceBinary(probabilityAbove(price, strike, sigma, tSec), this.settings.pricing);
      const { durationSec, expiryTs, tradingCloseTs } = round;
      const terms: QuoteTerms = { durationSec, expiryTs, tradingCloseTs, strike, upPrice, downPrice, maxSize, flags, epoch: this.epoch };
      const key = quoteCacheKey(durationSec, expiryTs, strike);
      const kept = cache.find(key, terms, now, freshValidUntilMs);
      if (kept !== undefined) {
        cache.keep(key, terms, kept, false);
        quotes[i] = kept;
        continue;
      }
      const fields: QuoteFields = {
        cluster: this.clusterId,
        asset: ASSET_IDS[state.asset],
        flags,
        programId: this.programId,
        quoteId: this.nextQuoteId(),
        epoch: this.epoch,
        expiryTs: BigInt(round.expiryTs),
        strike,
        upPrice,
        downPrice,
        maxSize,
        validUntilMs,
        generatedAtMs: BigInt(now),
        refPrice: price,
        refTsMs: BigInt(snap.sourceTs as number),
      };
      const quote = signQuote(fields, this.options.signer, state.symbol);
      cache.keep(key, terms, quote, true);
      quotes[i] = quote;
    }
    return quotes;
  }

  private ladderContext(state: SymbolState, snap: IndexSnapshot): Parameters<typeof ladderRound>[0] {
    return {
      symbol: state.symbol,
      assetId: ASSET_IDS[state.asset],
      clusterId: this.clusterId,
      programId: this.programId,
      epoch: this.epoch,
      flags: this.options.simulated || snap.simulated ? FLAG_SIMULATED : 0,
      maxSize: this.settings.maxSizeAtoms[state.asset],
      signer: this.options.signer,
      pricing: this.settings.pricing,
      decay: this.settings.decay,
      quoteTtlMs: this.settings.quoteTtlMs,
      nextQuoteId: () => this.nextQuoteId(),
    };
  }

  private nextQuoteId(): Uint8Array {
    if (this.idOffset + QUOTE_ID_LEN > this.idPool.length) {
      this.idPool = randomBytes(QUOTE_ID_LEN * ID_POOL_QUOTES);
      this.idOffset = 0;
    }
    const id = this.idPool.subarray(this.idOffset, this.idOffset + QUOTE_ID_LEN);
    this.idOffset += QUOTE_ID_LEN;
    return id;
  }
}
