/**
 * The settlement keeper: for every settlement the engine publishes it submits `settle_round`,
 * checking the round account first (missing → nobody traded, nothing to do; not Open → already
 * settled or refunding, done) and treating the program's RoundAlreadySettled / RoundRefunding as done,
 * so a round is never settled twice. Retryable failures (by code: RpcError.retryable) back off
 * exponentially up to a cap; program rejections are final. It also pre-opens the next rounds.
 */
import type { Logger } from 'pino';
import type { SettlementJson, SurfaceStore, StoreEvent } from '../cache/types.js';
import type { MarketSymbol } from '../feeds/types.js';
import { ASSET_IDS, SYMBOL_ASSET } from '../market/types.js';
import { ProgramError, RpcError } from '../client/errors.js';
import type { SignedSettlement } from '../client/transactions.js';
import type { KeeperChain } from './keeper-chain.js';
import { verifySettlementSignature } from '../client/settlement-signature.js';
import { verifySignature } from '../signer/sign.js';

export interface KeeperOptions {
  readonly store: SurfaceStore;
  readonly chain: KeeperChain;
  readonly logger: Logger;
  /**
   * base58 settlement authority; a record whose signature does not verify under it (whatever its
   * signer field says) is refused, logged and counted, and never submitted.
   */
  readonly settlementAuthority: string;
  readonly symbols: readonly MarketSymbol[];
  /** Round durations to pre-open (seconds); empty disables pre-opening. */
  readonly preOpenDurationsSec: readonly number[];
  /** How many upcoming expiries per duration to keep open. Default 2. */
  readonly preOpenAhead?: number;
  /**
   * Catch-up at start: settlements already in the store for expiries of these durations within the
   * last `lookbackSec` are queued too, so a keeper restart (or an engine restart on Redis) does not
   * leave rounds to run into their refund grace. Default: no catch-up.
   */
  readonly backfill?: { readonly durationsSec: readonly number[]; readonly lookbackSec: number };
  readonly intervalMs?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  readonly maxAttempts?: number;
  readonly now?: () => number;
}

export type JobOutcome = 'settled' | 'already-settled' | 'refunding' | 'no-round' | 'retry' | 'failed';

/** What the keeper did since it started, for /metrics. */
export interface KeeperStats {
  /** settle_round attempts by outcome ('retry': a retryable failure, tried again later). */
  readonly settle: Readonly<Record<JobOutcome, number>>;
  readonly preOpened: number;
  readonly preOpenFailures: number;
  /** Settlement records refused (not signed by the settlement authority, or for another round). */
  readonly refusedRecords: number;
  /** Settlements queued and not finished. */
  readonly pending: number;
}

interface Job {
  readonly symbol: MarketSymbol;
  readonly asset: number;
  readonly expiryTs: number;
  readonly settlement: SignedSettlement;
  attempts: number;
  nextAtMs: number;
}

/** Program errors that mean "someone already finished this round". */
const DONE_ERRORS: Readonly<Record<string, JobOutcome>> = { RoundAlreadySettled: 'already-settled', RoundRefunding: 'refunding', SettlementTooLate: 'refunding' };

/** The signed part of a stored settlement record, or null when it is not one. */
function signedSettlementOf(record: SettlementJson): SignedSettlement | null {
  const { message, signature, signer } = record as { message?: unknown; signature?: unknown; signer?: unknown };
  return typeof message === 'string' && typeof signature === 'string' && typeof signer === 'string' ? { message, signature, signer } : null;
}

export class SettlementKeeper {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly jobs = new Map<string, Job>();
  private readonly finished = new Map<string, JobOutcome>();
  private readonly opened = new Set<string>();
  /** Pre-open failures wait this long before the next attempt (no log spam when e.g. the config is missing). */
  private readonly openRetryAtMs = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private running = false;
  private refused = 0;
  private readonly outcomes: Record<JobOutcome, number> = { settled: 0, 'already-settled': 0, refunding: 0, 'no-round': 0, retry: 0, failed: 0 };
  private preOpened = 0;
  private preOpenFailures = 0;

  constructor(private readonly opts: KeeperOptions) {
    this.log = opts.logger.child({ module: 'settlement.keeper' });
    this.now = opts.now ?? Date.now;
  }

  async start(): Promise<void> {
    if (this.timer) return;
    this.unsubscribe = this.opts.store.subscribe((e) => this.onStoreEvent(e));
    await this.backfill();
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs ?? 1_000);
    this.timer.unref();
  }

  /** Queue every stored settlement of a recent expiry (see KeeperOptions.backfill). */
  private async backfill(): Promise<void> {
    const b = this.opts.backfill;
    if (!b) return;
    const nowSec = Math.floor(this.now() / 1000);
    const expiries = new Set<number>();
    for (const d of b.durationsSec) {
      for (let t = Math.floor(nowSec / d) * d; t > nowSec - b.lookbackSec; t -= d) expiries.add(t);
    }
    let queued = 0;
    for (const symbol of this.opts.symbols) {
      for (const expiryTs of expiries) {
        const record = await this.opts.store.getSettlement(symbol, expiryTs);
        const signed = record ? signedSettlementOf(record) : null;
        if (signed && this.enqueue(symbol, expiryTs, signed)) queued += 1;
      }
    }
    this.log.info({ queued, expiriesChecked: expiries.size, lookbackSec: b.lookbackSec }, 'keeper catch-up: stored settlements queued');
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /**
   * Queue a published settlement record (the store's 'settlement' events arrive here). Returns
   * whether a new job was queued (false: foreign signer, already queued or already finished).
   */
  enqueue(symbol: MarketSymbol, expiryTs: number, settlement: SignedSettlement): boolean {
    const refusal = this.refusalOf(symbol, expiryTs, settlement);
    if (refusal !== null) {
      this.refused += 1;
      this.log.error({ symbol, expiryTs, signer: settlement.signer, reason: refusal, refused: this.refused }, 'refusing a settlement record: never submitted');
      return false;
    }
    const k = `${symbol}:${expiryTs}`;
    if (this.jobs.has(k) || this.finished.has(k)) return false;
    this.jobs.set(k, { symbol, asset: ASSET_IDS[SYMBOL_ASSET[symbol]], expiryTs, settlement, attempts: 0, nextAtMs: 0 });
    return true;
  }

  /** Records refused so far (signature not by the settlement authority, or for another round). */
  get refusedCount(): number {
    return this.refused;
  }

  stats(): KeeperStats {
    return { settle: { ...this.outcomes }, preOpened: this.preOpened, preOpenFailures: this.preOpenFailures, refusedRecords: this.refused, pending: this.jobs.size };
  }

  /**
   * Why a record must not be submitted, or null: its signature must verify under the configured
   * settlement authority (the signer field alone proves nothing) and it must sign this very round.
   */
  private refusalOf(symbol: MarketSymbol, expiryTs: number, settlement: SignedSettlement): string | null {
    try {
      const f = verifySettlementSignature(settlement, this.opts.settlementAuthority, verifySignature);
      if (f.asset !== ASSET_IDS[SYMBOL_ASSET[symbol]] || f.expiryTs !== BigInt(expiryTs)) return `signed for asset ${f.asset} expiry ${f.expiryTs}, not ${symbol}@${expiryTs}`;
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  outcome(symbol: MarketSymbol, expiryTs: number): JobOutcome | 'pending' | undefined {
    const k = `${symbol}:${expiryTs}`;
    return this.finished.get(k) ?? (this.jobs.has(k) ? 'pending' : undefined);
  }

  private onStoreEvent(e: StoreEvent): void {
    if (e.type !== 'settlement') return;
    const signed = signedSettlementOf(e.settlement);
    if (signed) this.enqueue(e.symbol, e.settlement.expiryTs, signed);
  }

  /** One pass: every due settlement job, then pre-opening. The timer calls it; tests call it directly. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const [k, job] of [...this.jobs]) {
        if (this.now() < job.nextAtMs) continue;
        const outcome = await this.runJob(job);
        this.outcomes[outcome] += 1;
        if (outcome === 'retry') continue;
        this.jobs.delete(k);
        this.finished.set(k, outcome);
        if (this.finished.size > 10_000) this.finished.delete(this.finished.keys().next().value!);
      }
      await this.preOpen();
    } finally {
      this.running = false;
    }
  }

  private backoffMs(attempts: number): number {
    const base = this.opts.retryBaseMs ?? 500;
    return Math.min(this.opts.retryMaxMs ?? 15_000, base * 2 ** Math.max(0, attempts - 1));
  }

  private async runJob(job: Job): Promise<JobOutcome> {
    const ctx = { symbol: job.symbol, expiryTs: job.expiryTs, attempt: job.attempts + 1 };
    try {
      const status = await this.opts.chain.roundStatus(job.asset, BigInt(job.expiryTs));
      if (status === null) {
        this.log.debug(ctx, 'round was never opened on-chain; nothing to settle');
        return 'no-round';
      }
      if (status === 'settled') return 'already-settled';
      if (status === 'refunding') return 'refunding';
      const signature = await this.opts.chain.settleRound(job.settlement, this.opts.settlementAuthority);
      this.log.info({ ...ctx, signature }, 'round settled on-chain');
      return 'settled';
    } catch (err) {
      if (err instanceof ProgramError && DONE_ERRORS[err.errorName]) return DONE_ERRORS[err.errorName]!;
      job.attempts += 1;
      const retryable = err instanceof RpcError && err.retryable;
      if (retryable && job.attempts < (this.opts.maxAttempts ?? 8)) {
        job.nextAtMs = this.now() + this.backoffMs(job.attempts);
        this.log.warn({ ...ctx, err, retryInMs: job.nextAtMs - this.now() }, 'settle_round failed; retrying');
        return 'retry';
      }
      this.log.error({ ...ctx, err }, 'settle_round failed for good');
      return 'failed';
    }
  }

  private async preOpen(): Promise<void> {
    const ahead = this.opts.preOpenAhead ?? 2;
    const nowSec = Math.floor(this.now() / 1000);
    for (const symbol of this.opts.symbols) {
      const asset = ASSET_IDS[SYMBOL_ASSET[symbol]];
      for (const d of this.opts.preOpenDurationsSec) {
        for (let k = 1; k <= ahead; k++) {
          const expiryTs = (Math.floor(nowSec / d) + k) * d;
          const key = `${asset}:${expiryTs}`;
          if (this.opened.has(key) || (this.openRetryAtMs.get(key) ?? 0) > this.now()) continue;
          try {
            if ((await this.opts.chain.roundStatus(asset, BigInt(expiryTs))) === null) {
              await this.opts.chain.openRound(asset, BigInt(expiryTs));
              this.preOpened += 1;
              this.log.info({ symbol, expiryTs }, 'round pre-opened');
            }
            this.opened.add(key);
            this.openRetryAtMs.delete(key);
          } catch (err) {
            this.preOpenFailures += 1;
            this.openRetryAtMs.set(key, this.now() + (this.opts.retryMaxMs ?? 15_000));
            this.log.warn({ symbol, expiryTs, err }, 'pre-opening a round failed; will try again');
          }
        }
      }
    }
    if (this.opened.size > 5_000) this.opened.clear();
    if (this.openRetryAtMs.size > 5_000) this.openRetryAtMs.clear();
  }
}
