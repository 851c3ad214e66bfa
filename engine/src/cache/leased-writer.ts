/**
 * The writer side of a RedisStore under the writer lease (docs/redis.md "Failover"): the lease
 * (writer-lease.ts), the fenced writes (fenced-writes.ts), the seq floors a takeover continues
 * above, what is pending (settlements, surfaces not yet written under this lease) and the rewrite
 * after a reconnect or a takeover. The store keeps the local copy and the events; this class decides
 * whether and what goes to Redis.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { MarketSymbol } from '../feeds/types.js';
import type { MarketSurface } from '../market/types.js';
import { RateLimitedLog } from '../lib/rate-limited-log.js';
import { FencedWrites } from './fenced-writes.js';
import type { RedisKeys } from './keys.js';
import type { LatestSurface } from './local-surfaces.js';
import type { SettlementJson } from './types.js';
import { WriterLease, type LeaseStatus } from './writer-lease.js';
import { indexRound } from './taker-quotes.js';

/** Writer health: the lease and what was held back because of it. */
export interface WriterStatus extends LeaseStatus {
  /** Surfaces not published because this engine is standby (or below the takeover seq floor). */
  readonly standbySkipped: number;
  /** Writes Redis refused because another writer holds the lease. */
  readonly refusedWrites: number;
}

/** Told when this store becomes the writer: the seq each symbol must continue above. */
export type WriterChangeListener = (seqFloors: Partial<Record<MarketSymbol, number>>) => void;

export interface LeasedWriterOptions {
  readonly client: Redis;
  readonly keys: RedisKeys;
  readonly src: string;
  readonly logger: Logger;
  readonly now: () => number;
  readonly cfg: {
    readonly quoteTtlMarginMs: number;
    readonly settlementTtlMs: number;
    readonly surfaceStreamMaxLen: number;
    readonly settlementStreamMaxLen: number;
    readonly leaseTtlMs: number;
    readonly leaseRenewMs: number;
  };
  /** The latest surface of every symbol this process published (the store's local copy). */
  readonly latest: () => readonly LatestSurface[];
  /** Writes the oracle info; part of every rewrite. */
  readonly writeOracleInfo: () => Promise<void>;
}

export class LeasedWriter {
  private readonly log: Logger;
  private readonly limitedLog: RateLimitedLog;
  private readonly lease: WriterLease;
  private readonly fenced: FencedWrites;
  private readonly listeners = new Set<WriterChangeListener>();
  private readonly pendingSettlements = new Map<string, SettlementJson>();
  /** Per symbol, the quote ids the last successful surface write stored (see writeSurface). */
  private readonly writtenQuoteIds = new Map<MarketSymbol, Set<string>>();
  /** Per symbol, "<token>:<seq>" of the last surface written (or being written) successfully. */
  private readonly writtenUnder = new Map<MarketSymbol, string>();
  /** Per symbol, the highest seq any writer wrote (tracked while standby, so a Redis restart cannot lower it). */
  private readonly seqFloor = new Map<MarketSymbol, number>();
  /** The floors fixed at the last takeover: surfaces at or below them are not published. */
  private readonly seqFloorAtTakeover = new Map<MarketSymbol, number>();
  private standbySkipped = 0;
  private refusedWrites = 0;

  constructor(private readonly opts: LeasedWriterOptions) {
    this.log = opts.logger;
    this.limitedLog = new RateLimitedLog(this.log, 10_000, opts.now);
    this.fenced = new FencedWrites(opts.client, opts.keys, opts.src, opts.cfg);
    this.lease = new WriterLease({
      client: opts.client,
      keys: opts.keys,
      holder: opts.src,
      ttlMs: opts.cfg.leaseTtlMs,
      renewMs: opts.cfg.leaseRenewMs,
      logger: this.log,
      now: opts.now,
      onAcquired: () => this.onLeaseAcquired(),
      onStandby: () => this.trackStoredSeqs(),
    });
  }

  start(): Promise<void> {
    return this.lease.start();
  }

  stop(): Promise<void> {
    return this.lease.stop();
  }

  /** The client is ready again: renew (or win) the lease first, then rewrite what Redis may lack. */
  onReconnect(): void {
    void this.lease.tick().then(() => this.rewriteAll());
  }

  onWriterChange(listener: WriterChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  status(): WriterStatus {
    return { ...this.lease.status(), standbySkipped: this.standbySkipped, refusedWrites: this.refusedWrites };
  }

  /** Publish only unless another engine holds the lease, and only above the seq floor of a takeover. */
  mayPublish(symbol: MarketSymbol, seq: number): boolean {
    // Redis unreachable (role unknown): keep serving this process from memory; Redis writes are fenced anyway
    const standby = this.lease.role() === 'standby';
    if (!standby && seq > (this.seqFloorAtTakeover.get(symbol) ?? 0)) return true;
    this.standbySkipped += 1;
    this.limitedLog.warn('standby', { symbol, seq, standbySkipped: this.standbySkipped, standby }, 'surface not published: another engine holds the writer lease, or below the takeover seq floor');
    return false;
  }

  /** A surface was published locally: it is the floor of any later takeover by this process. */
  published(symbol: MarketSymbol, seq: number): void {
    this.seqFloor.set(symbol, seq);
  }

  /** The lease to fence a write with, or null when this process must not write now. */
  private leaseForWrite(): { value: string; token: number } | null {
    if (this.opts.client.status !== 'ready' || !this.lease.isHeld()) return null;
    return { value: this.lease.value(), token: this.lease.currentToken ?? 0 };
  }

  /**
   * One fenced round trip: the surface, its quotes, the stream entry. With `skipWritten`, quotes the
   * previous successful write of this symbol already stored (reused quotes: same id, same bytes,
   * same validUntil, so the same TTL) are not written again; a full rewrite (reconnect) writes all.
   */
  async writeSurface(surface: MarketSurface, payload: string, skipWritten = false): Promise<void> {
    const lease = this.leaseForWrite();
    if (lease === null) return;
    const nowMs = this.opts.now();
    const written = skipWritten ? this.writtenQuoteIds.get(surface.symbol) : undefined;
    const ids = new Set<string>();
    const quotes: { id: string; json: string; ttlMs: number }[] = [];
    for (const round of surface.rounds) {
      for (const quote of indexRound(round)) {
        ids.add(quote.quoteId);
        if (written?.has(quote.quoteId)) continue;
        const ttlMs = quote.validUntilMs - nowMs + this.opts.cfg.quoteTtlMarginMs;
        if (ttlMs > 0) quotes.push({ id: quote.quoteId, json: JSON.stringify(quote.served()), ttlMs });
      }
    }
    // marked before the round trip, so a rewrite meanwhile does not write the same surface twice
    this.writtenUnder.set(surface.symbol, `${lease.token}:${surface.seq}`);
    const ok = await this.runFenced(() => this.fenced.surface(lease, { symbol: surface.symbol, seq: surface.seq, payload, quotes }), { symbol: surface.symbol, seq: surface.seq });
    if (ok) {
      this.writtenQuoteIds.set(surface.symbol, ids);
    } else {
      this.writtenQuoteIds.delete(surface.symbol);
      this.writtenUnder.delete(surface.symbol);
    }
  }

  /** Kept pending until written (or found already stored): a fault never loses a signed settlement. */
  async writeSettlement(settlement: SettlementJson, payload: string): Promise<void> {
    const key = this.opts.keys.settlement(settlement.symbol, settlement.expiryTs);
    this.pendingSettlements.set(key, settlement);
    const lease = this.leaseForWrite();
    if (lease === null) return;
    const context = { symbol: settlement.symbol, expiryTs: settlement.expiryTs };
    if (await this.runFenced(() => this.fenced.settlement(lease, settlement.symbol, settlement.expiryTs, payload), context)) {
      if (this.pendingSettlements.get(key) === settlement) this.pendingSettlements.delete(key);
    }
  }

  /** Runs one fenced write; false when it failed (repaired on reconnect) or Redis refused it (deposed). */
  private async runFenced(write: () => Promise<'written' | 'refused' | 'exists'>, context: Record<string, unknown>): Promise<boolean> {
    try {
      const result = await write();
      if (result !== 'refused') return true;
      this.refusedWrites += 1;
      this.log.error({ ...context, refusedWrites: this.refusedWrites }, 'redis refused a write: another engine holds the writer lease');
      this.lease.refused();
      return false;
    } catch (err) {
      if (this.opts.client.status === 'ready') this.log.error({ err, ...context }, 'redis write failed on a ready connection');
      return false;
    }
  }

  /** Standby: remember the highest seqs written, so a takeover after a Redis restart cannot go below them. */
  private async trackStoredSeqs(): Promise<void> {
    for (const [symbol, seq] of Object.entries(await this.fenced.storedSeqs()) as [MarketSymbol, number][]) {
      this.seqFloor.set(symbol, Math.max(seq, this.seqFloor.get(symbol) ?? 0));
    }
  }

  /** Became the writer: fix the seq floors, tell the quote engine, then rewrite what is pending. */
  private async onLeaseAcquired(): Promise<void> {
    await this.trackStoredSeqs().catch(() => undefined);
    const floors: Partial<Record<MarketSymbol, number>> = Object.fromEntries(this.seqFloor);
    for (const [symbol, seq] of this.seqFloor) this.seqFloorAtTakeover.set(symbol, seq);
    for (const listener of this.listeners) listener(floors);
    setImmediate(() => this.rewriteAll());
  }

  /** Writer (re)connected or took over: the oracle info, the latest surfaces, pending settlements. */
  private rewriteAll(): void {
    if (this.leaseForWrite() === null) return;
    void this.opts.writeOracleInfo();
    const token = this.lease.currentToken ?? 0;
    for (const entry of this.opts.latest()) {
      const { symbol, seq } = entry.surface;
      // already in Redis under this lease (a connection blip, not a lost Redis or a new token)
      if (this.writtenUnder.get(symbol) === `${token}:${seq}`) continue;
      // older than what another writer wrote meanwhile (this engine was deposed): never rewritten
      if (seq < (this.seqFloorAtTakeover.get(symbol) ?? 0)) continue;
      void this.writeSurface(entry.surface, entry.payload);
    }
    for (const settlement of [...this.pendingSettlements.values()]) void this.writeSettlement(settlement, JSON.stringify(settlement));
  }
}
