/**
 * Signing throughput (node:crypto vs tweetnacl, one core) and the time to regenerate and sign one
 * asset's whole surface (4 rounds x 11 strikes = 44 signed quotes) through the real QuoteEngine.
 */
import { performance } from 'node:perf_hooks';
import bs58 from 'bs58';
import nacl from 'tweetnacl';
import pino from 'pino';
import { createSigner } from '../engine/src/signer/sign.js';
import { encodeQuote, type QuoteFields } from '../engine/src/signer/quote-message.js';
import { signQuote } from '../engine/src/signer/signed-quote.js';
import { QuoteEngine } from '../engine/src/market/quote-engine.js';
import type { IndexSnapshot } from '../engine/src/aggregator/types.js';
import type { MarketSurface } from '../engine/src/market/types.js';

const SEED = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
/** A typical BTC quote (also the v1 baseline of quote-format.bench.ts). */
export const FIELDS: QuoteFields = {
  cluster: 1,
  asset: 1,
  flags: 0,
  programId: Uint8Array.from({ length: 32 }, (_, i) => i),
  quoteId: Uint8Array.from({ length: 16 }, (_, i) => i),
  epoch: 1n,
  expiryTs: 1_795_000_200n,
  strike: 97_300_000_000n,
  upPrice: 523_417n,
  downPrice: 496_583n,
  maxSize: 1_000_000_000n,
  validUntilMs: 1_795_000_003_500n,
  generatedAtMs: 1_795_000_000_500n,
  refPrice: 97_312_345_678n,
  refTsMs: 1_795_000_000_420n,
};

function rate(label: string, iterations: number, fn: () => void, log: (l: string) => void): number {
  for (let i = 0; i < Math.min(200, iterations); i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const ms = performance.now() - t0;
  const perSec = (iterations / ms) * 1000;
  log(`${label.padEnd(44)} ${Math.round(perSec).toLocaleString('en-US').padStart(9)} /s   (${((ms * 1000) / iterations).toFixed(1)} us each)`);
  return perSec;
}

const pct = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export default async function signingBench(log: (line: string) => void): Promise<void> {
  const message = encodeQuote(FIELDS);
  const signer = createSigner(SEED);
  const naclKey = nacl.sign.keyPair.fromSeed(SEED);

  const nodeRate = rate('ed25519 sign, node:crypto (128-byte quote)', 20_000, () => signer.sign(message), log);
  const naclRate = rate('ed25519 sign, tweetnacl (128-byte quote)', 300, () => nacl.sign.detached(message, naclKey.secretKey), log);
  log(`node:crypto / tweetnacl speed-up: ${(nodeRate / naclRate).toFixed(0)}x; target >= 20,000/s for node:crypto: ${nodeRate >= 20_000 ? 'met' : 'NOT met'}`);
  rate('signQuote (encode + sign + decode + JSON)', 20_000, () => signQuote(FIELDS, signer, 'BTCUSDT'), log);
  const sig = signer.sign(message);
  rate('verify, tweetnacl (client SDK)', 300, () => nacl.sign.detached.verify(message, sig, naclKey.publicKey), log);

  let now = 1_767_225_601_000;
  let quotes = 0;
  const engine = new QuoteEngine({
    signer,
    publish: (s: MarketSurface) => {
      quotes = s.rounds.reduce((n, r) => n + r.quotes.length, 0);
    },
    logger: pino({ level: 'silent' }),
    cluster: 'devnet',
    programId: bs58.encode(FIELDS.programId),
    epoch: 1n,
    simulated: false,
    symbols: ['BTCUSDT'],
    minIntervalMs: 0,
    moveThresholdBps: 0,
    maxIntervalMs: 3_600_000,
    now: () => now,
  });
  await engine.start();
  const snapshot = (price: bigint): IndexSnapshot => ({
    symbol: 'BTCUSDT',
    price,
    ts: now,
    sourceTs: now - 30,
    providers: 4,
    sources: [],
    confidence: 5_000_000n,
    status: 'open',
    haltReason: null,
    simulated: false,
  });
  const runs = 2_000;
  const times: number[] = [];
  for (let i = 0; i < runs + 100; i++) {
    now += 1;
    const snap = snapshot(97_312_345_678n + BigInt(i % 2) * 50_000_000n);
    const t0 = performance.now();
    engine.onIndex(snap);
    const dt = performance.now() - t0;
    if (i >= 100) times.push(dt);
  }
  await engine.stop();
  times.sort((a, b) => a - b);
  log(
    `surface regenerate + sign (${quotes} quotes, ${runs} runs): p50 ${pct(times, 50).toFixed(2)} ms, p99 ${pct(times, 99).toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(2)} ms`,
  );
}
