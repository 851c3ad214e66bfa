/**
 * Verifying quote format v2 in the SDK: a round's root signature is checked once and each leaf
 * against it; whatever was altered (a JSON field, a leaf's bytes, its index, the signature, the
 * signer, a leaf from another ladder, the multiproof of a partial view) is refused with a typed
 * error, on every ed25519 backend; a standalone quote (as GET /v1/quotes/:id serves it) is checked
 * with its own proof.
 */
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { createSigner } from '../../../../engine/src/signer/sign.js';
import { signLadder } from '../../../../engine/src/signer/signed-ladder.js';
import { takerQuotesOf } from '../../../../engine/src/cache/taker-quotes.js';
import { filterSurface } from '../../../../engine/src/api/stream/surface-view.js';
import { QuoteVerifier } from '../../../../engine/src/client/verify/quote-verifier.js';
import { verifyLadderQuoteJson, verifyLadderRound, type RoundQuoteVerdict } from '../../../../engine/src/client/verify/ladder-verify.js';
import { verifyLadderQuote } from '../../../../engine/src/client/ladder-quote.js';
import { ladderQuoteFromJson, type LadderQuoteJson } from '../../../../engine/src/client/ladder-json.js';
import { encodeLadderLeaf, decodeLadderLeaf, type LadderLeafFields } from '../../../../engine/src/client/ladder.js';
import { DEFAULT_PROGRAM_ID } from '../../../../engine/src/config/defaults.js';
import type { LadderLeafJson, MarketSurface, RoundSurface } from '../../../../engine/src/market/types.js';
import { makeSurface } from '../../../helpers/market-surface.js';
import { SurfaceStream } from '../../../../engine/src/client/stream/surface-stream.js';
import { encodeSurfaceFrame } from '../../../../engine/src/api/stream/binary-frame.js';
import { quoteBytes } from '../../../../engine/src/client/quote-json.js';

const oracle = createSigner(new Uint8Array(32).fill(41));
const other = createSigner(new Uint8Array(32).fill(42));
const ORACLE = bs58.encode(oracle.publicKey);
const NOW = 1_800_000_000_000;

function ladderRound(n = 11, signer = oracle, decay = 3_000n): RoundSurface {
  const leaves: LadderLeafFields[] = Array.from({ length: n }, (_, i) => ({
    quoteId: Uint8Array.from(randomBytes(16)),
    strike: 97_000_000_000n + BigInt(i - (n >> 1)) * 100_000_000n,
    upPrice: 900_000n - BigInt(i) * 70_000n,
    downPrice: 120_000n + BigInt(i) * 70_000n,
    maxSize: 1_000_000_000n,
    refPrice: 97_012_345_678n,
    refTsMs: BigInt(NOW - 30),
    decayMicrosPerSec: decay,
  }));
  const head = { cluster: 1, asset: 1, flags: 1, programId: bs58.decode(DEFAULT_PROGRAM_ID), epoch: 3n, expiryTs: BigInt(NOW / 1000 + 60), generatedAtMs: BigInt(NOW), validUntilMs: BigInt(NOW + 3_000) };
  const signed = signLadder(head, leaves, signer, 'BTCUSDT');
  return { durationSec: 60, startTs: NOW / 1000, expiryTs: NOW / 1000 + 60, tradingCloseTs: NOW / 1000 + 50, volatility: '500000', quotes: signed.quotes, ladder: signed.ladder };
}

const codes = (vs: RoundQuoteVerdict[]): Array<string | null> => vs.map((v) => (v.ok ? null : v.error.code));
const withQuote = (round: RoundSurface, i: number, q: object): RoundSurface => ({ ...round, quotes: round.quotes.map((x, k) => (k === i ? (q as LadderLeafJson) : x)) });
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('ladder round verification', () => {
  it('a signed ladder verifies on every backend, parsed from JSON or as rendered, with every field and the decay rate', async () => {
    const round = ladderRound();
    for (const backend of ['node:crypto', 'webcrypto', 'tweetnacl'] as const) {
      const verifier = await QuoteVerifier.create({ backend });
      for (const r of [round, json(round)]) {
        const verdicts = await verifier.verifyRound(r, { expectedSigner: ORACLE, nowMs: NOW });
        expect(codes(verdicts)).toEqual(Array(11).fill(null));
        const v = verdicts[3]!;
        if (!v.ok) throw v.error;
        expect(v.decayMicrosPerSec).toBe(3_000n);
        expect(v.fields.strike).toBe(BigInt((round.quotes[3] as LadderLeafJson).strike));
      }
    }
  });

  it('a JSON field that differs from the signed leaf or root fails that quote only', async () => {
    const round = json(ladderRound());
    const verifier = await QuoteVerifier.create();
    const tampered = [
      { ...(round.quotes[2] as LadderLeafJson), upPrice: '1' },
      { ...(round.quotes[2] as LadderLeafJson), validUntilMs: NOW + 60_000 },
      { ...(round.quotes[2] as LadderLeafJson), simulated: false },
      { ...(round.quotes[2] as LadderLeafJson), decayMicrosPerSec: '0' },
    ];
    for (const q of tampered) {
      const vs = await verifier.verifyRound(withQuote(round, 2, q), { expectedSigner: ORACLE });
      expect(codes(vs).filter((c) => c !== null)).toHaveLength(1);
      expect(vs[2]!.ok).toBe(false);
    }
    expect(codes(await verifier.verifyRound(withQuote(round, 2, tampered[0]!)))[2]).toBe('EXEC_ERR_QUOTE_FIELD_MISMATCH');
  });

  it('altered leaf bytes, a moved leaf or a leaf of another ladder fail the whole round (the root does not rebuild)', async () => {
    const round = json(ladderRound());
    const foreign = json(ladderRound());
    const q2 = round.quotes[2] as LadderLeafJson;
    const fields = decodeLadderLeaf(Buffer.from(q2.leaf, 'base64'));
    const cheaper = Buffer.from(encodeLadderLeaf({ ...fields, upPrice: fields.upPrice - 1n })).toString('base64');
    const verifier = await QuoteVerifier.create();
    for (const r of [
      withQuote(round, 2, { ...q2, leaf: cheaper }),
      withQuote(round, 2, foreign.quotes[2]!),
      { ...round, quotes: [round.quotes[1]!, round.quotes[0]!, ...round.quotes.slice(2)].map((q, i) => ({ ...q, index: i })) },
      { ...round, quotes: round.quotes.slice(0, 10) },
    ]) {
      expect(codes(await verifier.verifyRound(r))).toEqual(Array(r.quotes.length).fill('EXEC_ERR_QUOTE_PROOF'));
    }
  });

  it('a bad signature, another signer or a root of another ladder fail every quote of the round', async () => {
    const round = json(ladderRound());
    const verifier = await QuoteVerifier.create();
    const sig = bs58.decode(round.ladder!.signature);
    sig[0] = sig[0]! ^ 1;
    expect(codes(await verifier.verifyRound({ ...round, ladder: { ...round.ladder!, signature: bs58.encode(sig) } }))).toEqual(Array(11).fill('EXEC_ERR_QUOTE_BAD_SIGNATURE'));
    const byOther = json(ladderRound(11, other));
    expect(codes(await verifier.verifyRound(byOther, { expectedSigner: ORACLE }))).toEqual(Array(11).fill('EXEC_ERR_QUOTE_SIGNER_MISMATCH'));
    // the other key's ladder relabelled as the oracle's: its signature does not verify under the oracle key
    expect(codes(await verifier.verifyRound({ ...byOther, ladder: { ...byOther.ladder!, signer: ORACLE } }, { expectedSigner: ORACLE }))).toEqual(Array(11).fill('EXEC_ERR_QUOTE_BAD_SIGNATURE'));
    expect(codes(await verifier.verifyRound({ ...round, ladder: json(ladderRound()).ladder! }))).toEqual(Array(11).fill('EXEC_ERR_QUOTE_PROOF'));
    expect(codes(await verifier.verifyRound(round, { nowMs: NOW + 3_001 }))).toEqual(Array(11).fill('EXEC_ERR_QUOTE_EXPIRED'));
  });

  it('a partial view (strikes filter) verifies with its multiproof and fails without it or with a wrong one', async () => {
    const round = ladderRound(11);
    const surface = { symbol: 'BTCUSDT', asset: 'BTC', seq: 1, status: 'open', haltReason: null, simulated: true, generatedAtMs: NOW, index: { price: '97000000000', ts: NOW, sourceTs: NOW, providers: 3, confidence: null, sources: [] }, rounds: [round] } as MarketSurface;
    const part = json(filterSurface(surface, { rounds: null, strikes: 2 }).rounds[0]!);
    expect(part.quotes.map((q) => (q as LadderLeafJson).index)).toEqual([3, 4, 5, 6, 7]);
    expect(part.ladder!.nodes!.length).toBeGreaterThan(0);
    const verifier = await QuoteVerifier.create();
    expect(codes(await verifier.verifyRound(part, { expectedSigner: ORACLE }))).toEqual(Array(5).fill(null));
    const { nodes: _dropped, ...bare } = part.ladder!;
    expect(codes(await verifier.verifyRound({ ...part, ladder: bare }))).toEqual(Array(5).fill('EXEC_ERR_QUOTE_PROOF'));
    expect(codes(await verifier.verifyRound({ ...part, ladder: { ...part.ladder!, nodes: [...part.ladder!.nodes!].reverse() } }))).toEqual(Array(5).fill('EXEC_ERR_QUOTE_PROOF'));
    expect(verifyLadderRound(part).every((v) => v.ok)).toBe(true);
  });

  it('a v1 quote in a ladder round, or a leaf in a round without a ladder, is refused', async () => {
    const round = json(ladderRound(3));
    const verifier = await QuoteVerifier.create();
    const { ladder: _l, ...noLadder } = round;
    expect(codes(await verifier.verifyRound(noLadder))).toEqual(Array(3).fill('EXEC_ERR_QUOTE_FORMAT'));
    const v1 = makeSurface({ symbol: 'BTCUSDT', seq: 1, signer: oracle, rounds: 1, strikes: 1 }).rounds[0]!.quotes[0]!;
    expect(codes(await verifier.verifyRound(withQuote(round, 1, v1)))).toEqual(Array(3).fill('EXEC_ERR_QUOTE_FORMAT'));
  });
});

describe('standalone v2 quote (GET /v1/quotes/:id)', () => {
  it('every quote of a round, served with its proof, verifies; the SDK builder takes its bytes', async () => {
    const round = ladderRound(7);
    const served = json(takerQuotesOf(round)) as LadderQuoteJson[];
    const verifier = await QuoteVerifier.create();
    for (const q of served) {
      expect(q.proof.length).toBeGreaterThan(0);
      const v = await verifier.verifyLadderQuote(q, { expectedSigner: ORACLE, nowMs: NOW });
      expect(Buffer.from(v.fields.quoteId).toString('hex')).toBe(q.quoteId);
      expect(verifyLadderQuoteJson(q).decayMicrosPerSec).toBe(3_000n);
      // the lead's byte-level check agrees on the same bytes
      await expect(verifyLadderQuote(ladderQuoteFromJson(q), { expectedSigner: ORACLE })).resolves.toBeDefined();
    }
  });

  it('a wrong proof, index or field is refused', async () => {
    const served = json(takerQuotesOf(ladderRound(7))) as LadderQuoteJson[];
    const q = served[3]!;
    const verifier = await QuoteVerifier.create();
    const code = async (x: LadderQuoteJson): Promise<string> => verifier.verifyLadderQuote(x).then(() => 'ok', (e: { code: string }) => e.code);
    expect(await code({ ...q, index: 4 })).toBe('EXEC_ERR_QUOTE_PROOF');
    expect(await code({ ...q, proof: q.proof.slice(1) })).toBe('EXEC_ERR_QUOTE_PROOF');
    expect(await code({ ...q, proof: served[4]!.proof })).toBe('EXEC_ERR_QUOTE_PROOF');
    expect(await code({ ...q, strike: '1' })).toBe('EXEC_ERR_QUOTE_FIELD_MISMATCH');
    expect(await code({ ...q, leaf: 'not base64!' })).toBe('EXEC_ERR_QUOTE_FORMAT');
    expect(await code(q)).toBe('ok');
  });
});

describe('leaves verified one by one (clients written for v1)', () => {
  it('a leaf SurfaceStream delivered verifies alone against its round, the root checked once per round', async () => {
    const round = ladderRound(11);
    const surface = { symbol: 'BTCUSDT', asset: 'BTC', seq: 1, status: 'open', haltReason: null, simulated: true, generatedAtMs: NOW, index: { price: '97000000000', ts: NOW, sourceTs: NOW, providers: 3, confidence: null, sources: [] }, rounds: [round, ladderRound(5)] } as MarketSurface;
    const stream = new SurfaceStream({ format: 'binary' });
    const [event] = stream.receive(new Uint8Array(encodeSurfaceFrame(surface, 'snapshot', 1, quoteBytes)));
    if (event?.kind !== 'surface') throw new Error('surface expected');
    const verifier = await QuoteVerifier.create({ backend: 'node:crypto' });
    const sync = verifier.ed25519.verifySync!;
    let checks = 0;
    (verifier.ed25519 as { verifySync: typeof sync }).verifySync = (m, s, k) => {
      checks++;
      return sync(m, s, k);
    };
    const quotes = event.surface.rounds.flatMap((r) => r.quotes);
    const verdicts = await verifier.verifyAll(quotes, { expectedSigner: ORACLE, nowMs: NOW });
    expect(verdicts.map((v) => v.ok)).toEqual(Array(16).fill(true));
    expect(checks).toBe(2);
    // a copy of a leaf (here an altered one) belongs to no delivered round: it is refused, never trusted
    const altered = { ...(quotes[3] as LadderLeafJson), upPrice: '1' };
    await expect(verifier.verify(altered)).rejects.toMatchObject({ code: 'EXEC_ERR_QUOTE_FORMAT' });
    // and one that never came through a stream says how to verify it
    await expect(verifier.verify(json(round.quotes[0]!))).rejects.toThrow(/verifyRound/);
  });
});
