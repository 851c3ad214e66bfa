/**
 * The QuoteEngine turns index snapshots into signed market surfaces.
 *
 * Per symbol it regenerates when the index moved by more than `moveThresholdBps` since the last
 * published surface, when `maxIntervalMs` passed, or when a round closes/rolls over; never more
 * often than `minIntervalMs` (a burst inside the floor schedules one regeneration at the floor's end
 * from the latest snapshot). Halts (aggregator halt, simulated prices outside demo mode, stale index)
 * publish one surface with status 'halted' and empty quote lists and sign nothing; the first good
 * snapshot afterwards regenerates immediately. `seq` increases by exactly 1 per published surface.
 */
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
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
import {
  ASSET_IDS,
  CLUSTER_IDS,
  SYMBOL_ASSET,
  type Asset,
  type ClusterName,
  type IndexJson,
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
}

export interface SymbolEngineHealth {
  readonly symbol: MarketSymbol;
  readonly seq: number;
  readonly status: 'open' | 'halted' | 'waiting';
  readonly haltReason: string | null;
  readonly lastPublishedMs: number | null;
  readonly volatility: number;
  readonly volatilityWarmedUp: boolean;
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
  private idPool: Buffer = Buffer.alloc(0);
  private idOffset = 0;

  constructor(private readonly options: QuoteEngineOptions) {
    this.settings = resolveQuoteEngineSettings(options);
    this.log = options.logger.child({ module: 'market.quote-engine' });
    this.now = options.now ?? (() => Date.now());
    this.programId = decodeProgramId(options.programId);
    this.clusterId = CLUSTER_IDS[options.cluster];
    if (options.epoch < 0n || options.epoch >= 1n << 64n) {
      throw new EngineError('EXEC_ERR_MARKET_CONFIG', `quote engine: epoch must be a u64, got ${options.epoch}`);
    }
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
    }));
  }

  /** Why quotes for this snapshot must not be signed now, or null when they may. */
  private refusal(snap: IndexSnapshot, now: number): string | null {
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
    const reason = this.refusal(snap, now);
    const rolled = now >= state.nextTransitionMs;
    if (reason !== null) {
      state.pendingAtMs = null;
      if (!state.halted || rolled || state.lastPublishedMs === null) {
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

  private moved(state: SymbolState, price: bigint): boolean {
    const last = state.lastPublishedPrice;
    if (last === null) return true;
    const diff = price > last ? price - last : last - price;
    return diff * 10_000n > BigInt(this.settings.moveThresholdBps) * last;
  }

  /** One timer per symbol, at the earliest of: coalesced regeneration, max interval, round close. */
  private arm(state: SymbolState, now: number): void {
    if (!this.running || state.lastPublishedMs === null) return;
    let at = state.nextTransitionMs;
    if (state.pendingAtMs !== null && state.pendingAtMs < at) at = state.pendingAtMs;
    if (!state.halted && state.lastPublishedMs + this.settings.maxIntervalMs < at) at = state.lastPublishedMs + this.settings.maxIntervalMs;
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

  private publish(state: SymbolState, snap: IndexSnapshot, now: number, haltReason: string | null): void {
    let surface: MarketSurface;
    try {
      surface = this.buildSurface(state, snap, now, haltReason);
    } catch (err) {
      this.log.error({ err, symbol: state.symbol }, 'surface generation failed');
      return;
    }
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

  private buildSurface(state: SymbolState, snap: IndexSnapshot, now: number, haltReason: string | null): MarketSurface {
    const sigma = state.vol.current();
    const volatility = String(Math.round(sigma * 1_000_000));
    const rounds = activeRounds(this.settings.schedule, now);
    const { spacing, strikesPerSide } = this.settings.ladder;
    const strikes = haltReason === null && snap.price !== null ? buildLadder(snap.price, spacing[state.asset], strikesPerSide) : [];
    const out: RoundSurface[] = new Array<RoundSurface>(rounds.length);
    for (let i = 0; i < rounds.length; i++) {
      const round = rounds[i] as Round;
      out[i] = {
        durationSec: round.durationSec,
        startTs: round.startTs,
        expiryTs: round.expiryTs,
        tradingCloseTs: round.tradingCloseTs,
        volatility,
        quotes: haltReason === null ? this.quotesFor(state, snap, round, strikes, sigma, now) : [],
      };
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
  ): SignedQuoteJson[] {
    const closeMs = round.tradingCloseTs * 1000;
    if (closeMs <= now) return [];
    const price = snap.price as bigint;
    const tSec = (round.expiryTs * 1000 - now) / 1000;
    const validUntilMs = BigInt(Math.min(now + this.settings.quoteTtlMs, closeMs));
    const flags = this.options.simulated || snap.simulated ? FLAG_SIMULATED : 0;
    const quotes = new Array<SignedQuoteJson>(strikes.length);
    for (let i = 0; i < strikes.length; i++) {
      const strike = strikes[i] as bigint;
      const { upPrice, downPrice } = priceBinary(probabilityAbove(price, strike, sigma, tSec), this.settings.pricing);
      const fields: QuoteFields = {
        cluster: this.clusterId,
        asset: ASSET_IDS[state.asset],
        flags,
        programId: this.programId,
        quoteId: this.nextQuoteId(),
        epoch: this.options.epoch,
        expiryTs: BigInt(round.expiryTs),
        strike,
        upPrice,
        downPrice,
        maxSize: this.settings.maxSizeAtoms[state.asset],
        validUntilMs,
        generatedAtMs: BigInt(now),
        refPrice: price,
        refTsMs: BigInt(snap.sourceTs as number),
      };
      quotes[i] = signQuote(fields, this.options.signer, state.symbol);
    }
    return quotes;
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

function decodeProgramId(text: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = bs58.decode(text);
  } catch (err) {
    throw new EngineError('EXEC_ERR_MARKET_CONFIG', `quote engine: program id is not base58: ${text}`, { cause: err });
  }
  if (bytes.length !== 32) throw new EngineError('EXEC_ERR_MARKET_CONFIG', `quote engine: program id must be 32 bytes, got ${bytes.length}`);
  return bytes;
}

function indexJson(snap: IndexSnapshot): IndexJson {
  return {
    price: snap.price === null ? null : snap.price.toString(),
    ts: snap.ts,
    sourceTs: snap.sourceTs,
    providers: snap.providers,
    confidence: snap.confidence === null ? null : snap.confidence.toString(),
    sources: snap.sources.map((s) => ({
      venue: s.venue,
      mid: s.mid === null ? null : s.mid.toString(),
      exchangeTs: s.exchangeTs,
      receivedTs: s.receivedTs,
      status: s.status,
    })),
  };
}
