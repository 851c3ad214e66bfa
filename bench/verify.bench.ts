/**
 * Quote verification speed, in one run: raw node:crypto `verify` (key imported once, bytes in hand)
 * as the reference, against the SDK verifying full quotes (signature and every JSON field against
 * the signed bytes) on each backend, for quotes parsed from JSON and for quotes decoded from binary
 * frames (which carry their bytes). Goal: the SDK at ≥ 50 % of raw node:crypto.
 * Also settlement records, which the SDK recomputes and verifies.
 */
import { createPublicKey, verify } from 'node:crypto';
import bs58 from 'bs58';
import nacl from 'tweetnacl';
import { createSigner } from '../engine/src/signer/sign.js';
import { makeSurface } from '../tests/helpers/market-surface.js';
import type { SignedQuoteJson } from '../engine/src/market/types.js';
import { QuoteVerifier } from '../engine/src/client/verify/quote-verifier.js';
import { verifySignedQuote } from '../engine/src/client/verify-quote.js';
import { quoteBytes } from '../engine/src/client/quote-json.js';
import { encodeSurfaceFrame } from '../engine/src/api/stream/binary-frame.js';
import { decodeStreamFrame } from '../engine/src/client/stream/decode-frame.js';
import { createEd25519Verifier } from '../engine/src/client/verify/ed25519-verifier.js';
import { verifySettlementRecord } from '../engine/src/client/settlement-record.js';
import { buildSettlementRecord } from '../engine/src/settlement/build-record.js';
import { DEFAULT_PROGRAM_ID } from '../engine/src/config/defaults.js';
import { v1 } from '../tests/helpers/market-surface.js';

const SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const signer = createSigner(new Uint8Array(32).fill(21));
const SIGNER = bs58.encode(signer.publicKey);

async function rate(n: number, fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(100, n); i++) await fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (n / (performance.now() - t0)) * 1000;
}

export default async function bench(log: (line: string) => void): Promise<void> {
  const surfaces = Array.from({ length: 25 }, (_, i) => makeSurface({ symbol: 'BTCUSDT', seq: i + 1, signer, validForMs: 600_000 }));
  const rendered = surfaces.flatMap((s) => s.rounds.flatMap((r) => r.quotes));
  const parsed = JSON.parse(JSON.stringify(rendered)) as SignedQuoteJson[];
  const decoded = surfaces.flatMap((s) => {
    const f = decodeStreamFrame(encodeSurfaceFrame(s, 'snapshot', 0, quoteBytes));
    return f.type === 'delta' ? [] : f.surface.rounds.flatMap((r) => r.quotes);
  });
  const bytes = parsed.map((q) => ({ m: Buffer.from(q.message, 'base64'), s: Buffer.from(bs58.decode(q.signature)) }));
  const key = createPublicKey({ key: Buffer.concat([SPKI, signer.publicKey]), format: 'der', type: 'spki' });
  const n = parsed.length;
  const rows: Array<[string, number]> = [];
  const raw = await rate(n, (i) => verify(null, (bytes[i] as { m: Buffer }).m, key, (bytes[i] as { s: Buffer }).s));
  rows.push(['raw node:crypto verify (reference)', raw]);
  for (const backend of ['node:crypto', 'webcrypto'] as const) {
    const v = await QuoteVerifier.create({ backend });
    rows.push([`SDK QuoteVerifier, ${backend}, JSON quotes`, await rate(n, (i) => v.verify(parsed[i] as SignedQuoteJson, { expectedSigner: SIGNER }))]);
    rows.push([`SDK QuoteVerifier, ${backend}, binary-decoded quotes`, await rate(n, (i) => v.verify(decoded[i] as SignedQuoteJson, { expectedSigner: SIGNER }))]);
  }
  const web = await QuoteVerifier.create({ backend: 'webcrypto' });
  const t0 = performance.now();
  const verdicts = await web.verifyAll(decoded.map(v1), { expectedSigner: SIGNER });
  rows.push([`SDK verifyAll, webcrypto, ${decoded.length} in parallel`, (decoded.length / (performance.now() - t0)) * 1000]);
  if (!verdicts.every((v) => v.ok)) throw new Error('a benchmark quote failed to verify');
  rows.push(['SDK verifySignedQuote (sync default), JSON quotes', await rate(n, (i) => verifySignedQuote(parsed[i] as SignedQuoteJson, { expectedSigner: SIGNER }))]);
  const naclRate = await rate(200, (i) => nacl.sign.detached.verify((bytes[i] as { m: Buffer }).m, (bytes[i] as { s: Buffer }).s, signer.publicKey));
  rows.push(['tweetnacl verify (the old SDK default)', naclRate]);
  for (const [label, perSec] of rows) {
    log(`${label.padEnd(52)} ${Math.round(perSec).toLocaleString('en-US').padStart(8)} /s  ${((100 * perSec) / raw).toFixed(0).padStart(4)} % of raw node:crypto`);
  }

  const settlementSigner = createSigner(new Uint8Array(32).fill(23));
  const built = await buildSettlementRecord({
    symbol: 'BTCUSDT',
    asset: 1,
    expiryTs: 1_795_000_020,
    cluster: 1,
    programId: bs58.decode(DEFAULT_PROGRAM_ID),
    rule: { windowMs: 5_000, minProviders: 2 },
    observations: [
      { venue: 'binance', mid: 97_000_000_000n, exchangeTs: 1_795_000_019_000 },
      { venue: 'kraken', mid: 97_010_000_000n, exchangeTs: 1_795_000_019_500 },
    ],
    publishedAtMs: 1_795_000_021_000,
    simulated: true,
    signer: settlementSigner,
  });
  if (!built.ok) throw new Error(`settlement record not built: ${built.reason}`);
  const record = built.record;
  const settlementKey = bs58.encode(settlementSigner.publicKey);
  const ed = await createEd25519Verifier();
  const sRate = await rate(2_000, () => verifySettlementRecord(record, settlementKey, ed));
  log(`${'SDK verifySettlementRecord (recompute + verify)'.padEnd(52)} ${Math.round(sRate).toLocaleString('en-US').padStart(8)} /s  (${ed.backend})`);
}
