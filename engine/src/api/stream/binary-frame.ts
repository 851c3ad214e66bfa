/**
 * Server side of the binary /v1/stream format (docs/stream-format.md; constants and the decoder
 * live in client/stream/): `snapshot`/`update` frames carry every quote as its 128 signed bytes and
 * 64-byte signature, `delta` frames carry KEEP/PATCH ops against the previous surface. Built once
 * per published surface and view, then written to every subscriber of that view.
 */
import type { MarketSurface, RoundSurface, SignedQuoteJson } from '../../market/types.js';
import { ASSET_IDS } from '../../client/ids.js';
import { sameBytes, type QuoteBytes } from '../../client/quote-json.js';
import { EngineError } from '../../lib/errors.js';
import {
  FRAME_DELTA,
  FRAME_SNAPSHOT,
  FRAME_UPDATE,
  INDEX_HAS_CONFIDENCE,
  INDEX_HAS_PRICE,
  INDEX_HAS_SOURCE_TS,
  QUOTES_LADDER,
  QUOTES_LADDER_DELTA,
  QUOTES_V1,
  QUOTES_V1_DELTA,
  SOURCE_HAS_MID,
  SOURCE_STATUS_IDS,
  STREAM_MAGIC_0,
  STREAM_MAGIC_1,
  STREAM_VERSION,
  SURFACE_HALTED,
  SURFACE_HAS_HALT_REASON,
  SURFACE_SIMULATED,
  type SourceStatusName,
} from '../../client/stream/layout.js';
import { ByteWriter } from './byte-writer.js';
import { writeDeltaOps } from './binary-delta.js';
import { ladderDeltaWriter, writeLadderSection } from './binary-ladder.js';
import { ladderBytes } from '../../client/ladder-json.js';

/** The bytes of a quote (client/quote-json `quoteBytes`, or a cache in front of it). */
export type QuoteBytesOf = (quote: SignedQuoteJson) => QuoteBytes;

const NO_SIGNER = new Uint8Array(32);

function fail(message: string): never {
  throw new EngineError('EXEC_ERR_STREAM_ENCODE', message);
}

/** The one key every quote of these rounds is signed by (zeros when there are none). */
function signerOf(rounds: readonly RoundSurface[], bytesOf: QuoteBytesOf): Uint8Array {
  let signer: Uint8Array | null = null;
  const see = (key: Uint8Array, symbol: string): void => {
    if (signer === null) signer = key;
    else if (signer !== key && !sameBytes(signer, key)) fail(`surface ${symbol} holds quotes of two signers`);
  };
  for (const round of rounds) {
    if (round.ladder !== undefined) {
      if (round.quotes.length > 0) see(ladderBytes(round.ladder).signer, round.quotes[0]?.symbol ?? '');
      continue;
    }
    for (const q of round.quotes as readonly SignedQuoteJson[]) see(bytesOf(q).signer, q.symbol);
  }
  return signer ?? NO_SIGNER;
}

function writeHead(w: ByteWriter, type: number, surface: MarketSurface, baseSeq: number, ts: number, signer: Uint8Array): void {
  w.u8(STREAM_MAGIC_0);
  w.u8(STREAM_MAGIC_1);
  w.u8(STREAM_VERSION);
  w.u8(type);
  w.u8(ASSET_IDS[surface.asset]);
  let flags = 0;
  if (surface.simulated) flags |= SURFACE_SIMULATED;
  if (surface.status === 'halted') flags |= SURFACE_HALTED;
  if (surface.haltReason !== null) flags |= SURFACE_HAS_HALT_REASON;
  w.u8(flags);
  w.u16(0);
  w.u64(BigInt(surface.seq));
  w.u64(BigInt(baseSeq));
  w.f64(ts);
  w.f64(surface.generatedAtMs);
  w.bytes(signer);
  if (surface.haltReason !== null) w.text(surface.haltReason, 2, 'haltReason');
  const index = surface.index;
  let indexFlags = 0;
  if (index.price !== null) indexFlags |= INDEX_HAS_PRICE;
  if (index.sourceTs !== null) indexFlags |= INDEX_HAS_SOURCE_TS;
  if (index.confidence !== null) indexFlags |= INDEX_HAS_CONFIDENCE;
  w.u8(indexFlags);
  w.f64(index.ts);
  if (!Number.isInteger(index.providers) || index.providers < 0 || index.providers > 0xff) fail(`index providers ${index.providers}`);
  w.u8(index.providers);
  if (index.price !== null) w.decimal(index.price, 'index price');
  if (index.sourceTs !== null) w.f64(index.sourceTs);
  if (index.confidence !== null) w.decimal(index.confidence, 'index confidence');
  if (index.sources.length > 0xff) fail(`${index.sources.length} index sources`);
  w.u8(index.sources.length);
  for (const s of index.sources) {
    w.text(s.venue, 1, 'venue');
    const status = SOURCE_STATUS_IDS[s.status as SourceStatusName];
    if (status === undefined) fail(`source status ${s.status}`);
    w.u8(status | (s.mid === null ? 0 : SOURCE_HAS_MID));
    if (s.mid !== null) w.decimal(s.mid, 'source mid');
    w.f64(s.exchangeTs);
    w.f64(s.receivedTs);
  }
  if (surface.rounds.length > 0xff) fail(`${surface.rounds.length} rounds`);
  w.u8(surface.rounds.length);
}

/** Round meta, layout, count and a section-length placeholder; returns where the section starts. */
function writeRoundHead(w: ByteWriter, round: RoundSurface, layout: number): number {
  if (!Number.isInteger(round.durationSec) || round.durationSec < 0 || round.durationSec > 0xffff_ffff) fail(`durationSec ${round.durationSec}`);
  w.u32(round.durationSec);
  w.f64(round.startTs);
  w.f64(round.expiryTs);
  w.f64(round.tradingCloseTs);
  w.decimal(round.volatility, 'volatility');
  w.u8(layout);
  if (round.quotes.length > 0xffff) fail(`${round.quotes.length} quotes in a round`);
  w.u16(round.quotes.length);
  w.u32(0);
  return w.length;
}

function closeSection(w: ByteWriter, start: number): void {
  w.patchU32(start - 4, w.length - start);
}

/** A `snapshot` or `update` frame: the whole surface, each quote as its signed bytes and signature. */
export function encodeSurfaceFrame(surface: MarketSurface, type: 'snapshot' | 'update', ts: number, bytesOf: QuoteBytesOf): Buffer {
  const w = new ByteWriter(1_024 + 200 * surface.rounds.reduce((n, r) => n + r.quotes.length, 0));
  writeHead(w, type === 'snapshot' ? FRAME_SNAPSHOT : FRAME_UPDATE, surface, 0, ts, signerOf(surface.rounds, bytesOf));
  for (const round of surface.rounds) {
    const ladder = round.ladder !== undefined && round.quotes.length > 0;
    const start = writeRoundHead(w, round, ladder ? QUOTES_LADDER : QUOTES_V1);
    if (ladder) writeLadderSection(w, round);
    else {
      for (const q of round.quotes as readonly SignedQuoteJson[]) {
        const b = bytesOf(q);
        w.bytes(b.message);
        w.bytes(b.signature);
      }
    }
    closeSection(w, start);
  }
  return w.finish();
}

/** A `delta` frame: `surface` described against `base` (its seq − 1). */
export function encodeDeltaFrame(base: MarketSurface, surface: MarketSurface, ts: number, bytesOf: QuoteBytesOf): Buffer {
  const w = new ByteWriter(1_024 + 100 * surface.rounds.reduce((n, r) => n + r.quotes.length, 0));
  writeHead(w, FRAME_DELTA, surface, base.seq, ts, signerOf(surface.rounds, bytesOf));
  const ops = writeDeltaOps(base, bytesOf);
  const ladders = surface.rounds.some((r) => r.ladder !== undefined) ? ladderDeltaWriter(base) : null;
  for (const round of surface.rounds) {
    const ladder = ladders !== null && round.ladder !== undefined && round.quotes.length > 0;
    const start = writeRoundHead(w, round, ladder ? QUOTES_LADDER_DELTA : QUOTES_V1_DELTA);
    if (ladder) ladders.round(w, round);
    else ops.round(w, round);
    closeSection(w, start);
  }
  return w.finish();
}
