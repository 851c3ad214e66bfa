/**
 * Settles every round the engine quoted: it learns round expiries from the published surfaces,
 * waits `settleDelayMs` past each expiry (so venue prices stamped ≤ expiry have arrived), computes
 * the method-1 price from the recorded venue prices, signs the 98-byte settlement with the
 * settlement key and publishes the record through the store ('settlement' event, GET route).
 * A round without enough venue prices gets no settlement and refunds on-chain after its grace.
 */
import type { Logger } from 'pino';
import type { MarketSymbol } from '../feeds/types.js';
import type { IndexSnapshot } from '../aggregator/types.js';
import { ASSET_IDS, SYMBOL_ASSET } from '../market/types.js';
import type { StoreEvent, SurfaceStore } from '../cache/types.js';
import type { Ed25519Signer } from '../signer/sign.js';
import type { SettlementRule } from '../client/settlement-record.js';
import bs58 from 'bs58';
import { PriceHistory } from './price-history.js';
import { buildUnsignedSettlementRecord, signSettlementRecord } from './build-record.js';
import { SettlementConflictError, SettlementLedger, settlementRoundKey } from './settlement-ledger.js';

export interface SettlerOptions {
  readonly store: SurfaceStore;
  readonly signer: Ed25519Signer;
  /** Every message the settlement key signed, one per round (default: in memory only). */
  readonly ledger?: SettlementLedger;
  readonly logger: Logger;
  readonly cluster: number;
  readonly programId: Uint8Array;
  readonly rule: SettlementRule;
  /** Wait this long after expiry before computing (ms). Default 1500. */
  readonly settleDelayMs?: number;
  /** Give up on a round this long after expiry if the store kept failing (ms). Default 60000. */
  readonly giveUpAfterMs?: number;
  readonly checkIntervalMs?: number;
  /** Mark every settlement SIMULATED (sim/replay feeds). Surfaces marked simulated also set it. */
  readonly simulated: boolean;
  readonly now?: () => number;
}

export interface SettlerHealth {
  readonly pending: number;
  readonly settled: number;
  readonly unsettled: number;
  /** Rounds whose settlement was refused because a different one was already signed. */
  readonly refused: number;
  readonly lastError: string | null;
}

const key = (symbol: MarketSymbol, expiryTs: number): string => `${symbol}:${expiryTs}`;

export class Settler {
  private readonly log: Logger;
  private readonly history: PriceHistory;
  private readonly now: () => number;
  private readonly delayMs: number;
  private readonly giveUpMs: number;
  private readonly intervalMs: number;
  private readonly pending = new Map<string, { symbol: MarketSymbol; expiryTs: number; simulated: boolean }>();
  private readonly done = new Set<string>();
  private settledCount = 0;
  private unsettledCount = 0;
  private refusedCount = 0;
  private ledger: SettlementLedger | null;
  private lastError: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private running = false;

  constructor(private readonly opts: SettlerOptions) {
    this.log = opts.logger.child({ module: 'settlement.settler' });
    this.now = opts.now ?? Date.now;
    this.delayMs = opts.settleDelayMs ?? 1_500;
    this.giveUpMs = opts.giveUpAfterMs ?? 60_000;
    this.intervalMs = opts.checkIntervalMs ?? 250;
    this.history = new PriceHistory(Math.max(opts.rule.windowMs * 4, 120_000));
    this.ledger = opts.ledger ?? null;
  }

  async start(): Promise<void> {
    if (this.timer) return;
    this.ledger ??= await SettlementLedger.open(null);
    this.unsubscribe = this.opts.store.subscribe((e) => this.onStoreEvent(e));
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Feed every index snapshot here (the aggregator's listener). */
  observe(snapshot: IndexSnapshot): void {
    this.history.observeSnapshot(snapshot);
  }

  /** Direct venue observation (tests, replay). */
  observePrice(symbol: MarketSymbol, venue: string, mid: bigint, exchangeTs: number): void {
    this.history.observe(symbol, venue, mid, exchangeTs);
  }

  /** Settle `expiryTs` of `symbol` once it is due (also learnt automatically from surfaces). */
  track(symbol: MarketSymbol, expiryTs: number, simulated = false): void {
    const k = key(symbol, expiryTs);
    if (this.done.has(k)) return;
    const cur = this.pending.get(k);
    this.pending.set(k, { symbol, expiryTs, simulated: simulated || (cur?.simulated ?? false) });
  }

  health(): SettlerHealth {
    return { pending: this.pending.size, settled: this.settledCount, unsettled: this.unsettledCount, refused: this.refusedCount, lastError: this.lastError };
  }

  private onStoreEvent(e: StoreEvent): void {
    if (e.type !== 'surface') return;
    for (const r of e.surface.rounds) this.track(e.symbol, r.expiryTs, e.surface.simulated);
  }

  /** Process every due round once. Exposed for tests; the timer calls it. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const now = this.now();
      for (const [k, p] of [...this.pending]) {
        if (now < p.expiryTs * 1000 + this.delayMs) continue;
        const finished = await this.settleOne(p.symbol, p.expiryTs, p.simulated || this.opts.simulated, now);
        if (finished || now > p.expiryTs * 1000 + this.giveUpMs) {
          this.pending.delete(k);
          this.markDone(k);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private markDone(k: string): void {
    this.done.add(k);
    if (this.done.size > 10_000) {
      const first = this.done.values().next().value;
      if (first !== undefined) this.done.delete(first);
    }
  }

  private async settleOne(symbol: MarketSymbol, expiryTs: number, simulated: boolean, now: number): Promise<boolean> {
    try {
      if (await this.opts.store.getSettlement(symbol, expiryTs)) return true;
      const asset = ASSET_IDS[SYMBOL_ASSET[symbol]];
      const ledger = this.ledger ?? (this.ledger = await SettlementLedger.open(null));
      const round = settlementRoundKey({ programId: bs58.encode(this.opts.programId), cluster: this.opts.cluster, asset, expiryTs });
      // A round whose message was already signed (a publish that failed, a restart) publishes that
      // same message again: the settlement key never signs a second one for a round.
      let unsigned = ledger.get(round);
      if (unsigned === null) {
        const windowStart = expiryTs * 1000 - this.opts.rule.windowMs;
        const built = await buildUnsignedSettlementRecord({
          symbol,
          asset,
          cluster: this.opts.cluster,
          programId: this.opts.programId,
          expiryTs,
          observations: this.history.between(symbol, windowStart, expiryTs * 1000),
          rule: this.opts.rule,
          publishedAtMs: Math.max(now, expiryTs * 1000),
          simulated,
        });
        if (!built.ok) {
          this.unsettledCount++;
          this.log.warn({ symbol, expiryTs, providers: built.providers }, `no settlement: ${built.reason}; the round will refund`);
          return true;
        }
        await ledger.reserve(built.record);
        unsigned = built.record;
      }
      const record = signSettlementRecord(unsigned, this.opts.signer);
      await this.opts.store.publishSettlement({ ...record, symbol });
      this.settledCount++;
      this.log.info({ symbol, expiryTs, price: record.price, sources: record.sourceCount }, 'settlement published');
      return true;
    } catch (err) {
      if (err instanceof SettlementConflictError) {
        this.refusedCount++;
        this.log.error({ err, symbol, expiryTs }, 'settlement refused: a different one was already signed for this round');
        return true;
      }
      this.lastError = err instanceof Error ? err.message : String(err);
      this.log.error({ err, symbol, expiryTs }, 'settlement failed; will retry');
      return false;
    }
  }
}
