/**
 * Quote format v2 in binary /v1/stream frames (layouts 3 and 4): a snapshot decodes to exactly the
 * surface a JSON client holds, one root and signature per round; deltas rebuild the next surface
 * exactly (a kept ladder costs a few bytes, a re-signed one its root, signature and new ids); a
 * `strikes` view carries the multiproof, and every decoded round verifies once per ladder.
 */
import { describe, expect, it } from 'vitest';
import { makeLadderSurface, deriveLadderSurface } from '../../../helpers/ladder-surface.js';
import { makeSurface } from '../../../helpers/market-surface.js';
import { signer } from '../harness.js';
import type { LadderLeafJson, MarketSurface } from '../../../../engine/src/market/types.js';
import { encodeDeltaFrame, encodeSurfaceFrame } from '../../../../engine/src/api/stream/binary-frame.js';
import { buildDeltaFrame } from '../../../../engine/src/api/delta-frame.js';
import { filterSurface } from '../../../../engine/src/api/stream/surface-view.js';
import { decodeStreamFrame, type BinaryDeltaFrame } from '../../../../engine/src/client/stream/decode-frame.js';
import { applyBinaryDelta } from '../../../../engine/src/client/stream/apply-binary-delta.js';
import { applyDelta, type SurfaceDelta, type SurfaceJson } from '../../../../engine/src/client/surface-delta.js';
import { quoteBytes } from '../../../../engine/src/client/quote-json.js';
import { QuoteVerifier } from '../../../../engine/src/client/verify/quote-verifier.js';
import { QUOTES_LADDER, QUOTES_LADDER_DELTA } from '../../../../engine/src/client/stream/layout.js';
import { clientErrorCode as codeOf } from '../../../helpers/client-error.js';

const NOW = 1_795_000_000_000;
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function snapshotOf(s: MarketSurface): SurfaceJson {
  const f = decodeStreamFrame(encodeSurfaceFrame(s, 'snapshot', 1, quoteBytes));
  if (f.type === 'delta') throw new Error('snapshot expected');
  return f.surface;
}

async function expectVerified(s: SurfaceJson): Promise<void> {
  const verifier = await QuoteVerifier.create();
  for (const verdicts of await verifier.verifySurface(s, { expectedSigner: s.rounds.find((r) => r.ladder)?.ladder?.signer })) {
    for (const v of verdicts) if (!v.ok) throw v.error;
  }
}

describe('binary frames, quote format v2', () => {
  it('a snapshot carries one root and signature per round and decodes to the JSON surface', async () => {
    const s = makeLadderSurface({ symbol: 'BTCUSDT', seq: 7, signer, nowMs: NOW });
    const frame = encodeSurfaceFrame(s, 'snapshot', 5, quoteBytes);
    const decoded = snapshotOf(s);
    expect(decoded).toEqual(json(s));
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(s));
    const quotes = 44;
    // 4 × (106 root + 64 signature) + 44 × 60 leaves + heads
    expect(frame.length).toBeLessThan(4 * 170 + quotes * 60 + 400);
    expect(frame.length / quotes).toBeLessThan(140);
    const v1 = encodeSurfaceFrame(makeSurface({ symbol: 'BTCUSDT', seq: 7, signer, nowMs: NOW }), 'snapshot', 5, quoteBytes);
    expect(frame.length).toBeLessThan(v1.length / 2);
    await expectVerified(decoded);
  });

  it('deltas rebuild every following surface exactly: kept ladders cost a few bytes, re-signed ones their root and ids', async () => {
    const s1 = makeLadderSurface({ symbol: 'SOLUSDT', seq: 1, signer, nowMs: NOW });
    const s2 = deriveLadderSurface(s1, 2, signer, (r) => r !== 0);
    const s3 = deriveLadderSurface(s2, 3, signer, () => false, (r, i) => (i === 5 ? { upPrice: 555_000n, decayMicrosPerSec: 77n } : {}));
    const s4 = deriveLadderSurface(s3, 4, signer, () => true);
    const s5 = { ...deriveLadderSurface(s4, 5, signer, () => true), status: 'halted' as const, haltReason: 'index stale', rounds: s4.rounds.map(({ ladder: _l, ...r }) => ({ ...r, quotes: [] })) };
    const s6 = makeLadderSurface({ symbol: 'SOLUSDT', seq: 6, signer, nowMs: NOW + 200 });
    let held = snapshotOf(s1);
    let base = s1;
    const sizes: number[] = [];
    for (const next of [s2, s3, s4, s5, s6]) {
      const frame = encodeDeltaFrame(base, next, 9, quoteBytes);
      sizes.push(frame.length);
      const decoded = decodeStreamFrame(frame) as BinaryDeltaFrame;
      expect(decoded.rounds.every((r) => r.quoteCount === 0 || r.layout === 'ladder')).toBe(true);
      held = applyBinaryDelta(json(held), decoded);
      expect(held).toEqual(json(next));
      if (next.status === 'open') await expectVerified(held);
      base = next;
    }
    const [oneResigned, allResigned, noneResigned] = sizes as [number, number, number];
    // one round of 11 re-signed (root 106 + signature 64 + 11 × (op 4 + id 16)) against none
    expect(oneResigned - noneResigned).toBeLessThan(170 + 11 * 25 + 20);
    expect(allResigned).toBeGreaterThan(oneResigned);
    // the whole surface re-signed, per quote, all overhead included; a v1 delta re-signing every quote costs ≥ 87
    expect(allResigned / 44).toBeLessThan(50);
  });

  it('a strikes view sends the multiproof; its deltas follow the money within one ladder', async () => {
    const s1 = makeLadderSurface({ symbol: 'BTCUSDT', seq: 1, signer, nowMs: NOW });
    const view = (s: MarketSurface): MarketSurface => filterSurface(s, { rounds: null, strikes: 2 });
    const v1 = view(s1);
    const held1 = snapshotOf(v1);
    expect(held1).toEqual(json(v1));
    expect(held1.rounds[0]!.ladder!.nodes!.length).toBeGreaterThan(0);
    await expectVerified(held1);
    // the index moves one strike up: the same ladders, another slice of each
    const moved = { ...s1, seq: 2, index: { ...s1.index, price: (BigInt(s1.index.price!) + 100_000_000n).toString() } };
    const v2 = view(moved);
    expect((v2.rounds[0]!.quotes[0] as LadderLeafJson).index).toBe((v1.rounds[0]!.quotes[0] as LadderLeafJson).index + 1);
    const frame = encodeDeltaFrame(v1, v2, 3, quoteBytes);
    const held2 = applyBinaryDelta(json(held1), decodeStreamFrame(frame) as BinaryDeltaFrame);
    expect(held2).toEqual(json(v2));
    await expectVerified(held2);
    // nothing re-sent but one leaf per round: same-ladder reference, 4 kept, 1 patched
    expect(frame.length).toBeLessThan(200 + 4 * (43 + 12 + 70 + 5 * 32));
  });

  it('JSON deltas carry one ladder per round and rebuild the surface too', () => {
    const s1 = makeLadderSurface({ symbol: 'ETHUSDT', seq: 1, signer, nowMs: NOW });
    const s2 = deriveLadderSurface(s1, 2, signer, (r) => r !== 1);
    const delta = JSON.parse(buildDeltaFrame(s1, s2, 5).toString()) as SurfaceDelta;
    expect(delta.quotes).toHaveLength(11);
    expect(delta.rounds.map((r) => r.ladder?.root)).toEqual(s2.rounds.map((r) => r.ladder?.root));
    expect(applyDelta(json(s1), delta)).toEqual(json(s2));
  });

  it('refuses malformed ladder sections, and an old layout-only decoder would refuse them by tag', () => {
    const s = makeLadderSurface({ symbol: 'BTCUSDT', seq: 1, signer, nowMs: NOW, rounds: 1, strikes: 3 });
    const frame = encodeSurfaceFrame(s, 'snapshot', 5, quoteBytes);
    // header 72, index 35 (price, sourceTs, confidence, no source), round count 1, round meta 36
    const layoutAt = 72 + 35 + 1 + 36;
    expect(frame[layoutAt]).toBe(QUOTES_LADDER);
    const patched = (at: number, v: number): Buffer => {
      const c = Buffer.from(frame);
      c[at] = v;
      return c;
    };
    const section = layoutAt + 7;
    const withNode = Buffer.concat([patched(frame.length - 1, 1), Buffer.alloc(32)]);
    withNode.writeUInt32LE(withNode.readUInt32LE(layoutAt + 3) + 32, layoutAt + 3);
    expect(() => decodeStreamFrame(withNode)).toThrow(/nodes sent for a round that holds its whole ladder/);
    const cases: Array<[string, Buffer]> = [
      ['unknown layout', patched(layoutAt, 5)],
      ['delta layout in a snapshot', patched(layoutAt, QUOTES_LADDER_DELTA)],
      ['root magic', patched(section, 0)],
      ['leaves outside the ladder', patched(section + 170, 1)],
      ['nodes for a whole ladder', withNode],
      ['an ETH ladder in a BTC frame', patched(section + 6, 2)],
      ['truncated', frame.subarray(0, frame.length - 1)],
    ];
    for (const [name, bytes] of cases) expect(codeOf(() => decodeStreamFrame(bytes)), name).toBe('EXEC_ERR_STREAM_FRAME');
  });

  it('a delta naming a base round without a ladder, or a v1 base quote as a leaf, does not apply (resubscribe)', () => {
    const s1 = makeLadderSurface({ symbol: 'BTCUSDT', seq: 1, signer, nowMs: NOW, rounds: 2 });
    const s2 = deriveLadderSurface(s1, 2, signer, () => true);
    const frame = decodeStreamFrame(encodeDeltaFrame(s1, s2, 5, quoteBytes)) as BinaryDeltaFrame;
    const heldV1 = { ...makeSurface({ symbol: 'BTCUSDT', seq: 1, signer, nowMs: NOW, rounds: 2 }) };
    expect(codeOf(() => applyBinaryDelta(json(heldV1), frame))).toBe('EXEC_ERR_DELTA_BASE');
  });
});
