/**
 * The signed byte layouts shared with the on-chain program (docs/quote-format.md). Lives in client/
 * so the SDK stands alone; the server re-exports it from signer/quote-message.ts.
 * Rust twin: programs/exec-trade-rules/src/quote.rs and settlement.rs. Golden vectors:
 * tests/fixtures/golden/vectors.txt, checked by both test suites.
 *
 * All integers little-endian. Fixed sizes; no optional fields. Append-only across versions.
 */
import { QuoteFormatError } from './errors.js';
import { FLAG_SIMULATED, KNOWN_FLAGS, Reader, Writer, checkFlags, checkHeader } from './message-bytes.js';

export const QUOTE_MAGIC = Uint8Array.from([0x45, 0x58, 0x51, 0x54]); // "EXQT"
export const SETTLEMENT_MAGIC = Uint8Array.from([0x45, 0x58, 0x53, 0x54]); // "EXST"
export const QUOTE_VERSION = 1;
export const SETTLEMENT_VERSION = 1;
export const QUOTE_LEN = 128;
export const SETTLEMENT_LEN = 98;

/** Flag bits (byte 7). Unknown bits must be zero. */
export { FLAG_SIMULATED, KNOWN_FLAGS };

export interface QuoteFields {
  readonly cluster: number; // u8, CLUSTER_IDS
  readonly asset: number; // u8, ASSET_IDS
  readonly flags: number; // u8
  readonly programId: Uint8Array; // 32
  readonly quoteId: Uint8Array; // 16
  readonly epoch: bigint; // u64
  readonly expiryTs: bigint; // i64 unix s
  readonly strike: bigint; // u64 price micro-units
  readonly upPrice: bigint; // u32 probability micro-units
  readonly downPrice: bigint; // u32
  readonly maxSize: bigint; // u64 collateral atoms of payout
  readonly validUntilMs: bigint; // i64
  readonly generatedAtMs: bigint; // i64
  readonly refPrice: bigint; // u64 price micro-units
  readonly refTsMs: bigint; // i64
}

export interface SettlementFields {
  readonly cluster: number; // u8
  readonly asset: number; // u8
  readonly flags: number; // u8
  readonly programId: Uint8Array; // 32
  readonly expiryTs: bigint; // i64
  readonly price: bigint; // u64 price micro-units
  readonly publishedAtMs: bigint; // i64
  readonly method: number; // u8
  readonly sourceCount: number; // u8
  readonly sourcesHash: Uint8Array; // 32, sha256 of the canonical sources record
}

export function encodeQuote(q: QuoteFields): Uint8Array {
  checkFlags(q.flags, 'quote');
  if (q.upPrice > 1_000_000n || q.downPrice > 1_000_000n) throw new QuoteFormatError('quote: price above 1.0');
  const w = new Writer(QUOTE_LEN);
  w.raw(QUOTE_MAGIC, 4, 'magic');
  w.u8(QUOTE_VERSION, 'version');
  w.u8(q.cluster, 'cluster');
  w.u8(q.asset, 'asset');
  w.u8(q.flags, 'flags');
  w.raw(q.programId, 32, 'programId');
  w.raw(q.quoteId, 16, 'quoteId');
  w.u64(q.epoch, 'epoch');
  w.i64(q.expiryTs, 'expiryTs');
  w.u64(q.strike, 'strike');
  w.u32(q.upPrice, 'upPrice');
  w.u32(q.downPrice, 'downPrice');
  w.u64(q.maxSize, 'maxSize');
  w.i64(q.validUntilMs, 'validUntilMs');
  w.i64(q.generatedAtMs, 'generatedAtMs');
  w.u64(q.refPrice, 'refPrice');
  w.i64(q.refTsMs, 'refTsMs');
  return w.done();
}

export function decodeQuote(bytes: Uint8Array): QuoteFields {
  checkHeader(bytes, QUOTE_MAGIC, QUOTE_VERSION, QUOTE_LEN, 'quote');
  const r = new Reader(bytes);
  r.raw(5);
  const cluster = r.u8();
  const asset = r.u8();
  const flags = r.u8();
  checkFlags(flags, 'quote');
  const q: QuoteFields = {
    cluster,
    asset,
    flags,
    programId: r.raw(32),
    quoteId: r.raw(16),
    epoch: r.u64(),
    expiryTs: r.i64(),
    strike: r.u64(),
    upPrice: r.u32(),
    downPrice: r.u32(),
    maxSize: r.u64(),
    validUntilMs: r.i64(),
    generatedAtMs: r.i64(),
    refPrice: r.u64(),
    refTsMs: r.i64(),
  };
  // the encoder and the program (QuotePriceAboveOne) refuse these: so does the decoder (found by tests/fuzz)
  if (q.upPrice > 1_000_000n || q.downPrice > 1_000_000n) throw new QuoteFormatError('quote: price above 1.0');
  return q;
}

export function encodeSettlement(s: SettlementFields): Uint8Array {
  checkFlags(s.flags, 'settlement');
  const w = new Writer(SETTLEMENT_LEN);
  w.raw(SETTLEMENT_MAGIC, 4, 'magic');
  w.u8(SETTLEMENT_VERSION, 'version');
  w.u8(s.cluster, 'cluster');
  w.u8(s.asset, 'asset');
  w.u8(s.flags, 'flags');
  w.raw(s.programId, 32, 'programId');
  w.i64(s.expiryTs, 'expiryTs');
  w.u64(s.price, 'price');
  w.i64(s.publishedAtMs, 'publishedAtMs');
  w.u8(s.method, 'method');
  w.u8(s.sourceCount, 'sourceCount');
  w.raw(s.sourcesHash, 32, 'sourcesHash');
  return w.done();
}

export function decodeSettlement(bytes: Uint8Array): SettlementFields {
  checkHeader(bytes, SETTLEMENT_MAGIC, SETTLEMENT_VERSION, SETTLEMENT_LEN, 'settlement');
  const r = new Reader(bytes);
  r.raw(5);
  const cluster = r.u8();
  const asset = r.u8();
  const flags = r.u8();
  checkFlags(flags, 'settlement');
  return {
    cluster,
    asset,
    flags,
    programId: r.raw(32),
    expiryTs: r.i64(),
    price: r.u64(),
    publishedAtMs: r.i64(),
    method: r.u8(),
    sourceCount: r.u8(),
    sourcesHash: r.raw(32),
  };
}
