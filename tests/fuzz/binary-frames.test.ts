/**
 * The SDK's binary stream decoder (decodeStreamFrame) and delta application (applyBinaryDelta) on
 * hostile bytes: random buffers, and real frames (docs/stream-format.md's golden snapshot and delta,
 * and a quote format v2 ladder snapshot and delta: layouts 3 and 4, encoded by the engine) with bytes flipped, overwritten, cut or spliced. Only the typed
 * EXEC_ERR_STREAM_FRAME may escape the decoder, and only it or EXEC_ERR_DELTA_BASE may escape
 * applying a decoded delta to the golden base; whatever decodes is well-typed.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { GOLDEN_BASE, GOLDEN_NEXT, GOLDEN_TS } from '../fixtures/golden/stream-frames.js';
import { encodeDeltaFrame, encodeSurfaceFrame } from '../../engine/src/api/stream/binary-frame.js';
import { decodeStreamFrame, type BinaryFrame } from '../../engine/src/client/stream/decode-frame.js';
import { applyBinaryDelta } from '../../engine/src/client/stream/apply-binary-delta.js';
import { quoteBytes } from '../../engine/src/client/quote-json.js';
import { createSigner } from '../../engine/src/signer/sign.js';
import { deriveLadderSurface, makeLadderSurface } from '../helpers/ladder-surface.js';
import { fuzzTarget, onlyTypedErrors } from './fuzz.js';

const snapshot = encodeSurfaceFrame(GOLDEN_BASE, 'snapshot', GOLDEN_TS, quoteBytes);
const delta = encodeDeltaFrame(GOLDEN_BASE, GOLDEN_NEXT, GOLDEN_TS + 1000, quoteBytes);
const ladderSigner = createSigner(new Uint8Array(32).fill(17));
const LADDER_BASE = makeLadderSurface({ symbol: 'ETHUSDT', seq: 41, signer: ladderSigner, nowMs: Math.floor(GOLDEN_TS), strikes: 5, rounds: 2 });
// round 0 keeps its ladder (KEEP runs), round 1 is re-signed with one leaf re-priced (PATCHes)
const LADDER_NEXT = deriveLadderSurface(LADDER_BASE, 42, ladderSigner, (r) => r === 0, (r, i) => (i === 2 ? { upPrice: 400_000n } : {}));
const ladderSnapshot = encodeSurfaceFrame(LADDER_BASE, 'snapshot', GOLDEN_TS, quoteBytes);
const ladderDelta = encodeDeltaFrame(LADDER_BASE, LADDER_NEXT, GOLDEN_TS + 50, quoteBytes);
const surfaceOf = (bytes: Uint8Array) => {
  const frame = decodeStreamFrame(bytes);
  if (frame.type === 'delta') throw new Error('snapshot decoded as a delta');
  return frame.surface;
};
const bases = [surfaceOf(snapshot), surfaceOf(ladderSnapshot)];
const REAL = [snapshot, delta, ladderSnapshot, ladderDelta];
{
  // the unaltered ladder delta applies to its base, so mutations of it reach the layout 4 decoder
  const f = decodeStreamFrame(ladderDelta);
  if (f.type !== 'delta' || applyBinaryDelta(bases[1]!, f).seq !== 42) throw new Error('the ladder delta does not apply to its base');
}

/** A real frame with up to 8 bytes overwritten. */
const flipped = fc
  .tuple(fc.constantFrom(snapshot, delta), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }))
  .map(([frame, edits]) => {
    const out = Uint8Array.from(frame);
    for (const [at, value] of edits) out[at % out.length] = value;
    return out;
  });
/** A real frame cut short, or with random bytes spliced in or appended. */
const cutOrSpliced = fc
  .tuple(fc.constantFrom(snapshot, delta), fc.nat(), fc.uint8Array({ maxLength: 64 }))
  .map(([frame, at, extra]) => {
    const cut = at % (frame.length + 1);
    return Uint8Array.from([...frame.subarray(0, cut), ...extra, ...(extra.length % 2 === 0 ? frame.subarray(cut) : [])]);
  });
/** Random bytes behind a valid magic and version, so the fuzzer gets past the first checks. */
const validHead = fc.uint8Array({ minLength: 0, maxLength: 600 }).map((tail) => Uint8Array.from([...snapshot.subarray(0, 4), ...tail]));

const hostileFrames = fc.oneof(flipped, flipped, cutOrSpliced, validHead, fc.uint8Array({ maxLength: 300 }));

/** Regressions found by this target (none yet): add shrunk counterexamples here as hex. */
const REGRESSIONS: Uint8Array[] = [...REAL, snapshot.subarray(0, 72), delta.subarray(0, delta.length - 1), ladderDelta.subarray(0, ladderDelta.length - 1)];

function checkDecoded(frame: BinaryFrame): void {
  if (frame.type !== 'delta') {
    for (const quote of frame.surface.rounds.flatMap((r) => r.quotes)) expect(typeof quote.quoteId).toBe('string');
    return;
  }
  for (const base of bases) {
    const next = onlyTypedErrors(['EXEC_ERR_STREAM_FRAME', 'EXEC_ERR_DELTA_BASE'], () => applyBinaryDelta(base, frame));
    if (next === undefined) continue;
    expect(next.seq).toBe(frame.seq);
    for (const quote of next.rounds.flatMap((r) => r.quotes)) expect(typeof quote.quoteId).toBe('string');
  }
}

fuzzTarget('binary stream frames', hostileFrames, (bytes) => {
  const frame = onlyTypedErrors(['EXEC_ERR_STREAM_FRAME'], () => decodeStreamFrame(bytes));
  if (frame !== undefined) checkDecoded(frame);
}, REGRESSIONS);
