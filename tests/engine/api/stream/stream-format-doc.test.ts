/**
 * docs/stream-format.md's golden frames: the decoder turns them into the fixture surfaces, and the
 * encoders produce exactly those bytes from the fixture. Also the decoder's refusals.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_BASE, GOLDEN_NEXT, GOLDEN_TS } from '../../../fixtures/golden/stream-frames.js';
import { encodeDeltaFrame, encodeSurfaceFrame } from '../../../../engine/src/api/stream/binary-frame.js';
import { decodeStreamFrame, type BinaryDeltaFrame } from '../../../../engine/src/client/stream/decode-frame.js';
import { applyBinaryDelta } from '../../../../engine/src/client/stream/apply-binary-delta.js';
import { quoteBytes } from '../../../../engine/src/client/quote-json.js';
import { verifySignedQuote } from '../../../../engine/src/client/verify-quote.js';
import { clientErrorCode as codeOf } from '../../../helpers/client-error.js';
import type { SurfaceJson } from '../../../../engine/src/client/surface-delta.js';
import type { SignedQuote } from '../../../../engine/src/client/verify-quote.js';
import { v1 } from '../../../helpers/market-surface.js';

const doc = readFileSync(new URL('../../../../docs/stream-format.md', import.meta.url), 'utf8');

function golden(name: string): Buffer {
  const m = new RegExp(`<!-- golden:${name} -->\\n\`\`\`\\n([0-9a-f \\n]+)\`\`\``).exec(doc);
  if (m === null) throw new Error(`no golden:${name} block in docs/stream-format.md`);
  return Buffer.from((m[1] as string).replace(/\s+/g, ''), 'hex');
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');


describe('docs/stream-format.md golden frames', () => {
  it('the snapshot decodes to the fixture surface, and the encoder writes exactly these bytes', () => {
    const bytes = golden('snapshot');
    expect(bytes).toHaveLength(784);
    const frame = decodeStreamFrame(bytes);
    expect(frame).toEqual({ type: 'snapshot', symbol: 'BTCUSDT', seq: 41, ts: GOLDEN_TS, surface: GOLDEN_BASE });
    expect(hex(encodeSurfaceFrame(GOLDEN_BASE, 'snapshot', GOLDEN_TS, quoteBytes))).toBe(hex(bytes));
  });

  it('the delta applied to the snapshot is the fixture seq 42, every quote verifies, and the encoder writes exactly these bytes', () => {
    const bytes = golden('delta');
    expect(bytes).toHaveLength(494);
    const frame = decodeStreamFrame(bytes) as BinaryDeltaFrame;
    expect(frame).toMatchObject({ type: 'delta', symbol: 'BTCUSDT', seq: 42, baseSeq: 41, ts: GOLDEN_TS + 1000 });
    expect(frame.rounds[0]?.ops.map((op) => op.op)).toEqual(['patch', 'patch', 'keep']);
    const base = decodeStreamFrame(golden('snapshot'));
    if (base.type === 'delta') throw new Error('snapshot expected');
    const next = applyBinaryDelta(base.surface, frame);
    expect(next).toEqual(GOLDEN_NEXT);
    for (const q of next.rounds.flatMap((r) => r.quotes)) expect(() => verifySignedQuote(v1(q))).not.toThrow();
    expect(hex(encodeDeltaFrame(GOLDEN_BASE, GOLDEN_NEXT, GOLDEN_TS + 1000, quoteBytes))).toBe(hex(bytes));
  });
});

describe('binary frame decoder refusals', () => {
  const snapshot = golden('snapshot');
  const delta = golden('delta');
  const patched = (b: Buffer, at: number, value: number): Buffer => {
    const c = Buffer.from(b);
    c[at] = value;
    return c;
  };

  it('bad magic, version, type, asset, flags, truncation and trailing bytes are EXEC_ERR_STREAM_FRAME', () => {
    const cases: Array<[string, Buffer]> = [
      ['magic', patched(snapshot, 0, 0x7b)],
      ['version', patched(snapshot, 2, 2)],
      ['type', patched(snapshot, 3, 9)],
      ['asset', patched(snapshot, 4, 7)],
      ['flags', patched(snapshot, 5, 0x80)],
      ['truncated header', snapshot.subarray(0, 40)],
      ['truncated quote', snapshot.subarray(0, snapshot.length - 1)],
      ['trailing byte', Buffer.concat([snapshot, Buffer.from([0])])],
      ['layout 3 (a ladder) over v1 bytes', patched(snapshot, 165 + 36, 3)],
      ['unknown layout 5', patched(snapshot, 165 + 36, 5)],
      ['delta layout in a snapshot', patched(snapshot, 165 + 36, 2)],
      ['an ETH quote in a BTCUSDT frame', patched(snapshot, 165 + 43 + 6, 2)],
      ['unknown delta op', patched(delta, 165 + 43, 9)],
    ];
    for (const [name, bytes] of cases) expect(codeOf(() => decodeStreamFrame(bytes)), name).toBe('EXEC_ERR_STREAM_FRAME');
  });

  it('a delta against another seq, or naming a base quote the base lacks, is EXEC_ERR_DELTA_BASE', () => {
    const base = decodeStreamFrame(snapshot);
    if (base.type === 'delta') throw new Error('snapshot expected');
    const frame = decodeStreamFrame(delta) as BinaryDeltaFrame;
    expect(codeOf(() => applyBinaryDelta({ ...base.surface, seq: 40 }, frame))).toBe('EXEC_ERR_DELTA_BASE');
    const short: SurfaceJson<SignedQuote> = { ...base.surface, rounds: [{ ...(base.surface.rounds[0] as SurfaceJson<SignedQuote>['rounds'][number]), quotes: [] }] };
    expect(codeOf(() => applyBinaryDelta(short, frame))).toBe('EXEC_ERR_DELTA_BASE');
  });
});
