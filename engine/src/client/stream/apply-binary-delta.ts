/**
 * Rebuilds the surface a binary `delta` frame describes from the surface the client holds (its
 * `baseSeq`). KEEP ops take base quotes as they are; a PATCH op rebuilds the 128 signed bytes field
 * by field (from the base quote, from the quote before it in the frame, or sent) and renders the
 * quote from them, so the result deep-equals what a JSON client holds. A quote format v2 round
 * (layout 4) rebuilds its ladder and leaves the same way (ladder-section.ts). Throws
 * SurfaceDeltaError (EXEC_ERR_DELTA_BASE) when the delta does not apply to `base`: resubscribe for
 * a snapshot.
 */
import { StreamFrameError, SurfaceDeltaError } from '../errors.js';
import { quoteBytes, type QuoteBytes } from '../quote-json.js';
import { QUOTE_MAGIC, QUOTE_VERSION } from '../quote-message.js';
import type { SignedQuote } from '../verify-quote.js';
import type { SurfaceJson, SurfaceRoundJson } from '../surface-delta.js';
import { isLadderLeaf, type SurfaceQuote } from '../ladder-json.js';
import type { BinaryDeltaFrame, DeltaOp } from './decode-frame.js';
import { renderQuote } from './decode-frame.js';
import { applyLadderDelta } from './ladder-section.js';
import { QUOTE_MESSAGE_LEN, V1_FIELDS } from './layout.js';

function rebuildMessage(op: Extract<DeltaOp, { op: 'patch' }>, base: QuoteBytes | null, prev: QuoteBytes | null): Uint8Array {
  const message = new Uint8Array(QUOTE_MESSAGE_LEN);
  message.set(QUOTE_MAGIC, 0);
  message[4] = QUOTE_VERSION;
  let at = 0;
  for (let i = 0; i < V1_FIELDS.length; i++) {
    const { offset, size, name } = V1_FIELDS[i] as (typeof V1_FIELDS)[number];
    const bit = 1 << i;
    let source: Uint8Array;
    let from = offset;
    if (op.fromBase & bit) {
      source = (base as QuoteBytes).message;
    } else if (op.fromPrev & bit) {
      if (prev === null) throw new StreamFrameError(`patch copies ${name} from a previous quote, but it is the first of the frame`);
      source = prev.message;
    } else {
      source = op.fields;
      from = at;
      at += size;
    }
    message.set(source.subarray(from, from + size), offset);
  }
  return message;
}

export function applyBinaryDelta(base: SurfaceJson, delta: BinaryDeltaFrame): SurfaceJson {
  if (delta.symbol !== base.symbol) throw new SurfaceDeltaError(`delta for ${delta.symbol} applied to a ${base.symbol} surface`);
  if (delta.baseSeq !== base.seq) throw new SurfaceDeltaError(`${delta.symbol}: delta seq ${delta.seq} is against seq ${delta.baseSeq}, held seq is ${base.seq}`);
  const baseQuotes: SurfaceQuote[] = [];
  for (const round of base.rounds) for (const q of round.quotes) baseQuotes.push(q);
  const baseQuote = (i: number): SurfaceQuote => {
    const q = baseQuotes[i];
    if (q === undefined) throw new SurfaceDeltaError(`${delta.symbol}: delta seq ${delta.seq} names base quote ${i}, the base holds ${baseQuotes.length}`);
    return q;
  };
  const v1Quote = (i: number): SignedQuote => {
    const q = baseQuote(i);
    if (isLadderLeaf(q)) throw new SurfaceDeltaError(`${delta.symbol}: delta seq ${delta.seq} names base quote ${i} as a v1 quote, it is a ladder leaf`);
    return q;
  };
  const ctx = { symbol: delta.symbol, seq: delta.seq, signer: delta.signer, baseRounds: base.rounds, baseQuote };
  let prev: QuoteBytes | null = null;
  const rounds = delta.rounds.map((round): SurfaceRoundJson => {
    const { durationSec, startTs, expiryTs, tradingCloseTs, volatility } = round;
    if (round.layout === 'ladder') {
      const { ladder, quotes } = applyLadderDelta(round, ctx);
      return { durationSec, startTs, expiryTs, tradingCloseTs, volatility, quotes, ladder };
    }
    const quotes: SignedQuote[] = [];
    for (const op of round.ops) {
      if (op.op === 'keep') {
        for (let i = op.base; i < op.base + op.count; i++) quotes.push(v1Quote(i));
        if (op.count > 0) prev = quoteBytes(v1Quote(op.base + op.count - 1));
        continue;
      }
      if (delta.signer === null) throw new StreamFrameError('patched quote in a frame that names no signer');
      const message = rebuildMessage(op, op.base === null ? null : quoteBytes(v1Quote(op.base)), prev);
      const quote = renderQuote(message, op.signature.slice(), delta.signer, delta.symbol);
      quotes.push(quote);
      prev = quoteBytes(quote);
    }
    return { durationSec, startTs, expiryTs, tradingCloseTs, volatility, quotes };
  });
  return { ...delta.head, rounds };
}
