/**
 * `SurfaceStore` on Redis, in one of two modes:
 *
 * - `writer` (roles `engine` and `all`): every published surface is kept in memory, handed to local
 *   subscribers at once, and written to Redis in ONE round trip (MULTI: SET markets:<S>, SET quote:<id>
 *   PX … per quote, XADD to the symbol's stream, EXEC). While Redis is away the engine keeps running
 *   from memory; on reconnect it rewrites the latest surface of every symbol and every settlement that
 *   could not be written.
 * - `reader` (role `gateway`): a blocking XREAD loop (RedisStreamReader) turns stream entries into
 *   `StoreEvent`s whose `payload` is the exact string stored in Redis, de-duplicated by (src, seq), and
 *   serves reads from the last surfaces received, falling back to Redis for older quotes.
 *
 * Why Streams rather than pub/sub: a gateway that joins late or reconnects takes the newest stream
 * entry (a full snapshot) and reads on from its id, so it gets a snapshot then every update with no gap
 * and the engine's own seqs; pub/sub would need a separate snapshot read racing the channel.
 *
 * Health and `store-status` events follow the connection; every transition is logged once.
 *
 * Failover: a writer writes only while it holds the writer lease (writer-lease.ts); every write is a
 * Lua script that checks the lease (fenced-writes.ts), so Redis refuses a deposed writer. A standby
 * writer (a second engine on the same prefix) publishes nothing, and on takeover continues every
 * symbol's seq above the highest one written (`onWriterChange` lets the quote engine raise its seqs).
 * A reader refuses stream entries whose fencing token is below one it already saw for the symbol.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { MARKET_SYMBOLS, type MarketSymbol } from '../feeds/types.js';
import type { MarketSurface, TakerQuoteJson } from '../market/types.js';
import { callListeners } from '../lib/call-listeners.js';
import { EngineError } from '../lib/errors.js';
import { createRedisKeys, type RedisKeys } from './keys.js';
import { LocalSurfaces } from './local-surfaces.js';
import { createRedisClient, waitForReady } from './redis-client.js';
import { RedisStreamReader, type SettlementEntry, type SurfaceEntry } from './redis-stream-reader.js';
import { LeasedWriter, type WriterChangeListener, type WriterStatus } from './leased-writer.js';

export type { WriterChangeListener, WriterStatus } from './leased-writer.js';
import { RateLimitedLog } from '../lib/rate-limited-log.js';
import { surfaceEvent, type SettlementJson, type StoreEvent, type StoreHealth, type StoreListener, type SurfaceStore } from './types.js';

export type RedisStoreMode = 'writer' | 'reader';

export interface RedisStoreOptions {
  readonly url: string;
  readonly mode: RedisStoreMode;
  readonly logger: Logger;
  /** Key namespace, e.g. `exec:` or a per-test prefix. Default none. */
  readonly keyPrefix?: string;
  readonly symbols?: readonly MarketSymbol[];
  /** quote:<id> lives until validUntilMs + this margin. Default 10 s. */
  readonly quoteTtlMarginMs?: number;
  /** settlement:<S>:<expiry> TTL. Default 7 days. */
  readonly settlementTtlMs?: number;
  /** Approximate length cap of each surface stream (XADD MAXLEN ~). Default 100. */
  readonly surfaceStreamMaxLen?: number;
  /** Approximate length cap of the settlement stream. Default 10 000. */
  readonly settlementStreamMaxLen?: number;
  /** Reconnect backoff cap. Default 2 s. */
  readonly maxBackoffMs?: number;
  /** How long start() waits for a first connection before carrying on degraded. Default 2 s. */
  readonly startTimeoutMs?: number;
  /** XREAD BLOCK timeout of the reader loop. Default 5 s. */
  readonly blockMs?: number;
  /** Writer lease TTL (takeover bound = ttl + renew interval). Default 3 s (EXEC_WRITER_LEASE_TTL_MS). */
  readonly leaseTtlMs?: number;
  /** Writer lease renewal / standby acquisition interval. Default 1 s (EXEC_WRITER_LEASE_RENEW_MS). */
  readonly leaseRenewMs?: number;
  readonly now?: () => number;
}

const DEFAULTS = {
  quoteTtlMarginMs: 10_000,
  settlementTtlMs: 7 * 24 * 3_600_000,
  surfaceStreamMaxLen: 100,
  settlementStreamMaxLen: 10_000,
  maxBackoffMs: 2_000,
  startTimeoutMs: 2_000,
  blockMs: 5_000,
  leaseTtlMs: 3_000,
  leaseRenewMs: 1_000,
} as const;

const MAX_LOCAL_SETTLEMENTS = 4_096;

export class RedisStore implements SurfaceStore {
  readonly keys: RedisKeys;
  /** Identifies this writer process in stream entries, so readers notice an engine restart. */
  readonly src = randomBytes(8).toString('hex');
  private readonly log: Logger;
  private readonly cfg: Required<Omit<RedisStoreOptions, 'keyPrefix' | 'symbols' | 'now' | 'logger'>>;
  private readonly symbols: readonly MarketSymbol[];
  private readonly now: () => number;
  private readonly local: LocalSurfaces;
  private readonly listeners = new Set<StoreListener>();
  private readonly client: Redis;
  private readonly sub: Redis | undefined;
  private readonly reader: RedisStreamReader | undefined;
  private oracleInfo: string | undefined;
  /** Writer mode: the lease, fenced writes and everything pending (leased-writer.ts). */
  private readonly writer: LeasedWriter | undefined;
  /** Per symbol, the highest fencing token a reader saw. */
  private readonly readerTokens = new Map<MarketSymbol, number>();
  private readonly limitedLog: RateLimitedLog;
  private staleTokenEntries = 0;
  private readonly lifecycle = new AbortController();
  private started = false;
  /** Health transitions are reported from the end of start() on, not while connecting. */
  private startDone = false;
  private stopped = false;
  private healthy = false;
  private statusKnown = false;
  private detail = 'not started';

  constructor(options: RedisStoreOptions) {
    this.keys = createRedisKeys(options.keyPrefix ?? '');
    this.symbols = options.symbols ?? MARKET_SYMBOLS;
    this.now = options.now ?? Date.now;
    this.log = options.logger.child({ module: 'cache.redis', storeMode: options.mode });
    this.cfg = {
      url: options.url,
      mode: options.mode,
      quoteTtlMarginMs: options.quoteTtlMarginMs ?? DEFAULTS.quoteTtlMarginMs,
      settlementTtlMs: options.settlementTtlMs ?? DEFAULTS.settlementTtlMs,
      surfaceStreamMaxLen: options.surfaceStreamMaxLen ?? DEFAULTS.surfaceStreamMaxLen,
      settlementStreamMaxLen: options.settlementStreamMaxLen ?? DEFAULTS.settlementStreamMaxLen,
      maxBackoffMs: options.maxBackoffMs ?? DEFAULTS.maxBackoffMs,
      startTimeoutMs: options.startTimeoutMs ?? DEFAULTS.startTimeoutMs,
      blockMs: options.blockMs ?? DEFAULTS.blockMs,
      leaseTtlMs: options.leaseTtlMs ?? DEFAULTS.leaseTtlMs,
      leaseRenewMs: options.leaseRenewMs ?? DEFAULTS.leaseRenewMs,
    };
    this.limitedLog = new RateLimitedLog(this.log, 10_000, this.now);
    this.local = new LocalSurfaces(this.cfg.quoteTtlMarginMs, MAX_LOCAL_SETTLEMENTS);
    const connect = { url: this.cfg.url, maxBackoffMs: this.cfg.maxBackoffMs, connectTimeoutMs: 5_000, logger: this.log };
    this.client = createRedisClient({ ...connect, connectionName: `exec-${options.mode}` });
    this.client.on('ready', () => this.onClientReady());
    this.client.on('close', () => this.refreshHealth());
    if (options.mode === 'writer') {
      this.writer = new LeasedWriter({
        client: this.client,
        keys: this.keys,
        src: this.src,
        logger: this.log,
        now: this.now,
        cfg: this.cfg,
        latest: () => this.local.latestAll(),
        writeOracleInfo: () => this.writeOracleInfo(),
      });
    }
    if (options.mode === 'reader') {
      this.sub = createRedisClient({ ...connect, connectionName: 'exec-reader-stream' });
      this.sub.on('close', () => this.reader?.invalidate());
      this.reader = new RedisStreamReader({
        client: this.sub,
        keys: this.keys,
        symbols: this.symbols,
        blockMs: this.cfg.blockMs,
        retryDelayMs: Math.min(250, this.cfg.maxBackoffMs),
        logger: this.log,
        onSurface: (entry) => this.onStreamSurface(entry),
        onSettlement: (entry) => this.onStreamSettlement(entry),
        onSyncChange: () => this.refreshHealth(),
      });
    }
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.detail = 'connecting';
    const connections = [this.client, ...(this.sub === undefined ? [] : [this.sub])];
    for (const c of connections) c.connect().catch(() => undefined);
    const ready = await Promise.all(connections.map((c) => waitForReady(c, this.lifecycle.signal, this.cfg.startTimeoutMs)));
    this.reader?.start();
    await this.writer?.start();
    if (this.reader !== undefined && ready.every(Boolean)) {
      await this.waitSynced(this.cfg.startTimeoutMs);
    }
    this.startDone = true;
    this.refreshHealth();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.lifecycle.abort();
    await this.writer?.stop();
    this.sub?.disconnect();
    await this.reader?.stop();
    if (this.client.status === 'ready') await this.client.quit().catch(() => undefined);
    this.client.disconnect();
    this.listeners.clear();
  }

  async publishSurface(surface: MarketSurface): Promise<void> {
    this.assertWriter();
    if (this.writer !== undefined && !this.writer.mayPublish(surface.symbol, surface.seq)) return;
    const previous = this.local.getLatest(surface.symbol);
    if (previous !== undefined && surface.seq <= previous.surface.seq) {
      throw new EngineError(
        'EXEC_ERR_STORE_SEQ',
        `${surface.symbol}: seq ${surface.seq} is not after the stored seq ${previous.surface.seq}`,
      );
    }
    // Subscribers (the stream) get the surface before it is serialized for Redis.
    const event = surfaceEvent(surface, this.src);
    this.local.setSurface({ surface, get payload() { return event.payload; }, src: this.src }, this.now());
    this.emit(event);
    this.writer?.published(surface.symbol, surface.seq);
    await this.writer?.writeSurface(surface, event.payload, true);
  }

  async getSurface(symbol: MarketSymbol): Promise<MarketSurface | undefined> {
    const hit = this.local.getLatest(symbol);
    if (hit !== undefined) return hit.surface;
    const raw = await this.tryGet(this.keys.market(symbol));
    return raw === undefined ? undefined : (JSON.parse(raw) as MarketSurface);
  }

  async getQuote(quoteId: string): Promise<TakerQuoteJson | undefined> {
    const hit = this.local.getQuote(quoteId, this.now());
    if (hit !== undefined) return hit;
    const raw = await this.tryGet(this.keys.quote(quoteId));
    return raw === undefined ? undefined : (JSON.parse(raw) as TakerQuoteJson);
  }

  async publishSettlement(settlement: SettlementJson): Promise<void> {
    this.assertWriter();
    this.local.setSettlement(settlement);
    this.emit({ type: 'settlement', symbol: settlement.symbol, settlement });
    await this.writer?.writeSettlement(settlement, JSON.stringify(settlement));
  }

  async getSettlement(symbol: MarketSymbol, expiryTs: number): Promise<SettlementJson | undefined> {
    const hit = this.local.getSettlement(symbol, expiryTs);
    if (hit !== undefined) return hit;
    const raw = await this.tryGet(this.keys.settlement(symbol, expiryTs));
    return raw === undefined ? undefined : (JSON.parse(raw) as SettlementJson);
  }

  /**
   * The last seq stored in Redis per symbol (from markets:<S>), so a restarted engine continues the
   * sequence every gateway already holds (QuoteEngine `initialSeq`). Empty when Redis is unreachable.
   */
  async readStoredSeqs(): Promise<Partial<Record<MarketSymbol, number>>> {
    const out: Partial<Record<MarketSymbol, number>> = {};
    for (const symbol of this.symbols) {
      const raw = await this.tryGet(this.keys.market(symbol));
      if (raw === undefined) continue;
      const seq = (JSON.parse(raw) as { seq?: unknown }).seq;
      if (typeof seq === 'number' && Number.isSafeInteger(seq)) out[symbol] = seq;
    }
    return out;
  }

  /** Writer: stores the public oracle info (JSON) for gateways; rewritten after every reconnect. */
  async publishOracleInfo(json: string): Promise<void> {
    this.assertWriter();
    this.oracleInfo = json;
    await this.writeOracleInfo();
  }

  /** The oracle info the engine published, if Redis is reachable and holds it. */
  async getOracleInfo(): Promise<string | undefined> {
    return this.oracleInfo ?? (await this.tryGet(this.keys.oracle()));
  }

  /** Writer: called each time this store becomes the writer (after a takeover), with the seq floors. */
  onWriterChange(listener: WriterChangeListener): () => void {
    return this.writer?.onWriterChange(listener) ?? (() => undefined);
  }

  /** Writer: lease state and what it held back; undefined for a reader. */
  writerStatus(): WriterStatus | undefined {
    return this.writer?.status();
  }

  /** Reader: stream entries refused because their fencing token was below one already seen. */
  get staleWriterEntries(): number {
    return this.staleTokenEntries;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Round trip of a PING, in seconds; null while disconnected, on an error, or past `timeoutMs` (/metrics). */
  async pingSeconds(timeoutMs = 1_000): Promise<number | null> {
    if (this.client.status !== 'ready') return null;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    try {
      const answered = await Promise.race([this.client.ping().then(() => true), late]);
      return answered === null ? null : (performance.now() - started) / 1000;
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  health(): StoreHealth {
    const writer = this.writerStatus();
    const w = writer === undefined ? {} : { writer };
    if (this.healthy) return { backend: 'redis', healthy: true, detail: this.detail, ...w };
    return { backend: 'redis', healthy: false, detail: this.detail, servingFromMemory: this.cfg.mode === 'writer', ...w };
  }

  private async writeOracleInfo(): Promise<void> {
    if (this.oracleInfo === undefined || this.client.status !== 'ready') return;
    try {
      await this.client.set(this.keys.oracle(), this.oracleInfo);
    } catch (err) {
      this.log.debug({ err }, 'oracle info write failed; retried on reconnect');
    }
  }

  private onClientReady(): void {
    // the lease is renewed (or won again) first; rewriteAll runs only while it is held
    this.writer?.onReconnect();
    this.refreshHealth();
  }

  private onStreamSurface(entry: SurfaceEntry): void {
    if (!this.freshToken(entry)) return;
    const current = this.local.getLatest(entry.symbol);
    if (current !== undefined && current.src === entry.src && entry.seq <= current.surface.seq) return;
    let surface: MarketSurface;
    try {
      surface = JSON.parse(entry.payload) as MarketSurface;
    } catch (err) {
      this.log.warn({ err, symbol: entry.symbol, id: entry.id }, 'unparseable surface in stream skipped');
      return;
    }
    this.local.setSurface({ surface, payload: entry.payload, src: entry.src }, this.now());
    this.emit({ type: 'surface', symbol: entry.symbol, seq: entry.seq, surface, payload: entry.payload, writer: entry.src });
  }

  /** Reader: an entry fenced with a token below one already seen for its symbol is a deposed writer's. */
  private freshToken(entry: SurfaceEntry): boolean {
    if (entry.token === undefined) return true;
    const seen = this.readerTokens.get(entry.symbol) ?? 0;
    if (entry.token >= seen) {
      this.readerTokens.set(entry.symbol, entry.token);
      return true;
    }
    this.staleTokenEntries += 1;
    this.limitedLog.warn(`stale-token:${entry.symbol}`, { symbol: entry.symbol, token: entry.token, seen, refused: this.staleTokenEntries }, 'stream entry from a deposed writer refused (stale fencing token)');
    return false;
  }

  private onStreamSettlement(entry: SettlementEntry): void {
    let settlement: SettlementJson;
    try {
      settlement = JSON.parse(entry.payload) as SettlementJson;
    } catch (err) {
      this.log.warn({ err, id: entry.id }, 'unparseable settlement in stream skipped');
      return;
    }
    const known = this.local.getSettlement(settlement.symbol, settlement.expiryTs);
    if (known !== undefined && JSON.stringify(known) === entry.payload) return;
    this.local.setSettlement(settlement);
    this.emit({ type: 'settlement', symbol: settlement.symbol, settlement });
  }

  private refreshHealth(): void {
    if (!this.startDone || this.stopped) return;
    const clientUp = this.client.status === 'ready';
    const readerUp = this.reader === undefined || (this.sub?.status === 'ready' && this.reader.isSynced());
    const healthy = clientUp && readerUp;
    if (healthy === this.healthy && this.statusKnown) return;
    this.healthy = healthy;
    this.statusKnown = true;
    const since = new Date(this.now()).toISOString();
    if (healthy) {
      this.detail = this.cfg.mode === 'writer' ? 'redis ready' : 'redis ready; streaming';
      this.log.info({ url: redactUrl(this.cfg.url) }, 'redis store healthy');
    } else {
      this.detail = this.cfg.mode === 'writer'
        ? `redis unavailable since ${since}; serving from memory, rewriting on reconnect`
        : `redis unavailable since ${since}; serving last known surfaces`;
      this.log.warn({ url: redactUrl(this.cfg.url) }, 'redis store degraded');
    }
    this.emit({ type: 'store-status', healthy, detail: this.detail });
  }

  private async waitSynced(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.reader !== undefined && !this.reader.isSynced() && Date.now() < deadline && !this.stopped) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private async tryGet(key: string): Promise<string | undefined> {
    if (this.client.status !== 'ready') return undefined;
    try {
      return (await this.client.get(key)) ?? undefined;
    } catch (err) {
      this.log.debug({ err, key }, 'redis read failed');
      return undefined;
    }
  }

  private assertWriter(): void {
    if (this.cfg.mode !== 'writer') {
      throw new EngineError('EXEC_ERR_STORE_READ_ONLY', 'this store is a gateway (reader) and cannot publish');
    }
  }

  private emit(event: StoreEvent): void {
    callListeners(this.listeners, event, this.onListenerError);
  }

  private readonly onListenerError = (err: unknown, event: StoreEvent): void => {
    this.log.error({ err, type: event.type }, 'store listener threw');
  };
}

/** Hides a password in a redis:// URL for logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
