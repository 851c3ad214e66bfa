/**
 * The gateway side of the fan-out: one blocking XREAD loop over every symbol's surface stream and the
 * settlement stream, on a dedicated connection.
 *
 * Gap-free join: a (re)sync takes the newest entry of each surface stream with XREVRANGE (a surface
 * is a full snapshot, so the newest entry IS the snapshot) and then XREADs strictly after that entry's
 * id, so no update can fall between snapshot and stream. Settlements continue from the last id seen
 * when the stream still reaches it, and replay the whole (recreated) stream otherwise. The loop resyncs
 * after every connection loss. Entries are handed over raw; the store de-duplicates by (src, seq).
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { MarketSymbol } from '../feeds/types.js';
import type { RedisKeys } from './keys.js';
import { waitForReady } from './redis-client.js';

export interface SurfaceEntry {
  readonly symbol: MarketSymbol;
  readonly id: string;
  readonly seq: number;
  readonly src: string;
  readonly payload: string;
  /** The writer's fencing token (absent in entries of writers without a lease). */
  readonly token?: number;
}

export interface SettlementEntry {
  readonly id: string;
  readonly src: string;
  readonly payload: string;
}

export interface StreamReaderOptions {
  readonly client: Redis;
  readonly keys: RedisKeys;
  readonly symbols: readonly MarketSymbol[];
  readonly blockMs: number;
  readonly retryDelayMs: number;
  readonly logger: Logger;
  readonly onSurface: (entry: SurfaceEntry) => void;
  readonly onSettlement: (entry: SettlementEntry) => void;
  /** Called whenever `synced` changes. */
  readonly onSyncChange: (synced: boolean) => void;
}

type RawEntry = [id: string, fields: string[]];
type XReadReply = Array<[key: string, entries: RawEntry[]]> | null;

const READ_COUNT = 256;

export class RedisStreamReader {
  private readonly abort = new AbortController();
  private readonly streamSymbol = new Map<string, MarketSymbol>();
  private readonly surfaceIds = new Map<MarketSymbol, string>();
  private settlementId: string | undefined;
  private loop: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private synced = false;

  constructor(private readonly opts: StreamReaderOptions) {
    for (const symbol of opts.symbols) this.streamSymbol.set(opts.keys.surfaceStream(symbol), symbol);
  }

  isSynced(): boolean {
    return this.synced;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Aborts the loop; the owner disconnects the client, which rejects the pending XREAD. */
  async stop(): Promise<void> {
    this.abort.abort();
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    await this.loop;
  }

  /** Marks the reader out of sync (connection lost); the loop resyncs once the client is ready. */
  invalidate(): void {
    this.setSynced(false);
  }

  private async run(): Promise<void> {
    const { client, logger } = this.opts;
    while (!this.abort.signal.aborted) {
      if (client.status !== 'ready') {
        this.setSynced(false);
        await waitForReady(client, this.abort.signal);
        continue;
      }
      try {
        if (!this.synced) {
          await this.resync();
          this.setSynced(true);
        }
        await this.readOnce();
      } catch (err) {
        if (this.abort.signal.aborted) break;
        this.setSynced(false);
        logger.debug({ err }, 'stream read failed; resyncing');
        await this.pause();
      }
    }
  }

  private async resync(): Promise<void> {
    const { client, keys, symbols } = this.opts;
    for (const symbol of symbols) {
      const newest = (await client.xrevrange(keys.surfaceStream(symbol), '+', '-', 'COUNT', 1)) as RawEntry[];
      const entry = newest[0];
      if (entry === undefined) {
        this.surfaceIds.set(symbol, '0-0');
        continue;
      }
      this.surfaceIds.set(symbol, entry[0]);
      this.deliverSurface(symbol, entry);
    }
    const newestSettlement = (await client.xrevrange(keys.settlementStream(), '+', '-', 'COUNT', 1)) as RawEntry[];
    const newestId = newestSettlement[0]?.[0];
    if (this.settlementId === undefined) this.settlementId = newestId ?? '0-0';
    else if (newestId === undefined || compareStreamIds(newestId, this.settlementId) < 0) this.settlementId = '0-0';
  }

  private async readOnce(): Promise<void> {
    const { client, keys, symbols, blockMs } = this.opts;
    const streams: string[] = [];
    const ids: string[] = [];
    for (const symbol of symbols) {
      streams.push(keys.surfaceStream(symbol));
      ids.push(this.surfaceIds.get(symbol) ?? '$');
    }
    streams.push(keys.settlementStream());
    ids.push(this.settlementId ?? '$');
    const reply = (await client.xread('COUNT', READ_COUNT, 'BLOCK', blockMs, 'STREAMS', ...streams, ...ids)) as XReadReply;
    if (reply === null) return;
    for (const [stream, entries] of reply) {
      const symbol = this.streamSymbol.get(stream);
      for (const entry of entries) {
        if (symbol === undefined) {
          this.settlementId = entry[0];
          this.deliverSettlement(entry);
        } else {
          this.surfaceIds.set(symbol, entry[0]);
          this.deliverSurface(symbol, entry);
        }
      }
    }
  }

  private deliverSurface(symbol: MarketSymbol, [id, fields]: RawEntry): void {
    const seq = Number(field(fields, 'seq'));
    const payload = field(fields, 'payload');
    if (!Number.isSafeInteger(seq) || payload === undefined) {
      this.opts.logger.warn({ symbol, id }, 'malformed surface stream entry skipped');
      return;
    }
    const token = Number(field(fields, 'token'));
    this.opts.onSurface({ symbol, id, seq, src: field(fields, 'src') ?? '', payload, ...(Number.isSafeInteger(token) && token > 0 ? { token } : {}) });
  }

  private deliverSettlement([id, fields]: RawEntry): void {
    const payload = field(fields, 'payload');
    if (payload === undefined) {
      this.opts.logger.warn({ id }, 'malformed settlement stream entry skipped');
      return;
    }
    this.opts.onSettlement({ id, src: field(fields, 'src') ?? '', payload });
  }

  private setSynced(synced: boolean): void {
    if (this.synced === synced) return;
    this.synced = synced;
    this.opts.onSyncChange(synced);
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.retryTimer = undefined;
        this.abort.signal.removeEventListener('abort', done);
        resolve();
      };
      this.retryTimer = setTimeout(done, this.opts.retryDelayMs);
      this.abort.signal.addEventListener('abort', done, { once: true });
    });
  }
}

function field(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === name) return fields[i + 1];
  }
  return undefined;
}

/** Orders two stream ids (`<ms>-<seq>`). */
export function compareStreamIds(a: string, b: string): number {
  const [am = '0', as = '0'] = a.split('-');
  const [bm = '0', bs = '0'] = b.split('-');
  const ms = BigInt(am) - BigInt(bm);
  if (ms !== 0n) return ms < 0n ? -1 : 1;
  const s = BigInt(as) - BigInt(bs);
  return s === 0n ? 0 : s < 0n ? -1 : 1;
}
