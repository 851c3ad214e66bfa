/**
 * Every Redis key and stream name the engine and the gateways use, in one place (STYLE.md 3.1).
 * A prefix namespaces a deployment (or a test run) sharing one Redis: `${prefix}markets:BTCUSDT`.
 *
 * | key                               | type   | written by           | TTL                          |
 * | --------------------------------- | ------ | -------------------- | ---------------------------- |
 * | `markets:<SYMBOL>`                | string | engine, every update | none (overwritten)           |
 * | `quote:<quoteId>`                 | string | engine, every update | validUntilMs − now + margin  |
 * | `settlement:<SYMBOL>:<expiryTs>`  | string | engine, per round    | settlementTtlMs              |
 * | `stream:surfaces:<SYMBOL>`        | stream | engine, every update | MAXLEN ~ surfaceStreamMaxLen |
 * | `stream:settlements`              | stream | engine, per round    | MAXLEN ~ settlementStreamMaxLen |
 * | `oracle`                          | string | engine, at start     | none (the public oracle info for gateways) |
 * | `writer:lease`                    | string | the writing engine   | PX lease TTL, renewed: "<token> <holder>" |
 * | `writer:token`                    | string | each lease acquisition | none (INCR: the fencing token) |
 * | `writer:seqs`                     | hash   | every update         | none (symbol → last seq written, any writer) |
 */
import type { MarketSymbol } from '../feeds/types.js';

export interface RedisKeys {
  readonly prefix: string;
  /** The live surface JSON of one symbol (the snapshot). */
  market(symbol: MarketSymbol): string;
  /** One signed quote JSON, expiring shortly after its validUntilMs. */
  quote(quoteId: string): string;
  /** One settlement JSON. */
  settlement(symbol: MarketSymbol, expiryTs: number): string;
  /** Fan-out stream of one symbol's surfaces: fields `seq`, `src`, `payload`. */
  surfaceStream(symbol: MarketSymbol): string;
  /** Fan-out stream of settlements of every symbol: fields `symbol`, `src`, `payload`. */
  settlementStream(): string;
  /** Public oracle info (signer, program, cluster, epoch) so a gateway serves /v1/oracle without a key. */
  oracle(): string;
  /** The writer lease: "<fencing token> <holder id>", PX TTL (cache/writer-lease.ts). */
  writerLease(): string;
  /** Counter the fencing tokens come from (INCR per acquisition). */
  writerToken(): string;
  /** Hash symbol → last seq written, so a new writer continues above it. */
  writerSeqs(): string;
}

const PREFIX_RE = /^[A-Za-z0-9_.:-]*$/;

export function createRedisKeys(prefix = ''): RedisKeys {
  if (!PREFIX_RE.test(prefix)) throw new RangeError(`redis key prefix may only hold [A-Za-z0-9_.:-]: ${prefix}`);
  return {
    prefix,
    market: (symbol) => `${prefix}markets:${symbol}`,
    quote: (quoteId) => `${prefix}quote:${quoteId}`,
    settlement: (symbol, expiryTs) => `${prefix}settlement:${symbol}:${expiryTs}`,
    surfaceStream: (symbol) => `${prefix}stream:surfaces:${symbol}`,
    settlementStream: () => `${prefix}stream:settlements`,
    oracle: () => `${prefix}oracle`,
    writerLease: () => `${prefix}writer:lease`,
    writerToken: () => `${prefix}writer:token`,
    writerSeqs: () => `${prefix}writer:seqs`,
  };
}
