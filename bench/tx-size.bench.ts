/**
 * Serialized size of the trader's take_quote transaction in each shape, against the 1,232-byte
 * packet limit, and how long the SDK takes to build one (verify quote + derive PDAs + compile v0).
 */
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { Keypair } from '@solana/web3.js';
import { createSigner } from '../engine/src/signer/sign.js';
import { signQuote } from '../engine/src/signer/signed-quote.js';
import { EXEC_TRADE_PROGRAM_ID, PACKET_DATA_SIZE, buildTakeQuoteTx, createExecTradeProgram } from '../engine/src/client/index.js';

export default async function run(log: (line: string) => void): Promise<void> {
  const program = createExecTradeProgram();
  const oracle = createSigner(randomBytes(32));
  const now = Date.now();
  const quote = () =>
    signQuote(
      {
        cluster: 1, asset: 1, flags: 0, programId: EXEC_TRADE_PROGRAM_ID.toBytes(), quoteId: randomBytes(16), epoch: 1n,
        expiryTs: BigInt(Math.floor(now / 1000) + 60), strike: 97_300_000_000n, upPrice: 523_417n, downPrice: 496_583n,
        maxSize: 1_000_000_000n, validUntilMs: BigInt(now + 60_000), generatedAtMs: BigInt(now), refPrice: 97_312_345_678n, refTsMs: BigInt(now),
      },
      oracle,
      'BTCUSDT',
    );
  const base = { program, oracleAuthority: bs58.encode(oracle.publicKey), trader: Keypair.generate().publicKey, collateralMint: Keypair.generate().publicKey, recentBlockhash: bs58.encode(randomBytes(32)), nowMs: now, side: 'up' as const, size: 100_000_000n };
  for (const openRound of [false, true]) {
    for (const cb of [false, true]) {
      const built = await buildTakeQuoteTx({ ...base, quote: quote(), openRound, ...(cb ? { compute: { computeUnitLimit: 300_000, computeUnitPriceMicroLamports: 5_000 } } : {}) });
      log(`take_quote tx  open_round=${openRound ? 'yes' : 'no '}  compute_budget=${cb ? 'yes' : 'no '}  ${built.serializedSize} bytes  (${PACKET_DATA_SIZE - built.serializedSize} spare of ${PACKET_DATA_SIZE})`);
    }
  }
  // A quote parsed from JSON, as a client receives it, never taken before (fresh quote-fill and position addresses).
  const warmup = 100;
  const n = 1_000;
  const quotes = Array.from({ length: warmup + n }, () => JSON.parse(JSON.stringify(quote())) as ReturnType<typeof quote>);
  const times: number[] = [];
  for (const [i, q] of quotes.entries()) {
    const t0 = process.hrtime.bigint();
    await buildTakeQuoteTx({ ...base, quote: q, openRound: false });
    if (i >= warmup) times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  const meanUs = times.reduce((a, b) => a + b, 0) / n;
  times.sort((a, b) => a - b);
  const at = (p: number): string => (times[Math.min(n - 1, Math.floor((p / 100) * n))] as number).toFixed(0);
  log(`buildTakeQuoteTx (verify + PDAs + instructions + v0 compile, ${n} fresh quotes after ${warmup} warm-up): mean ${meanUs.toFixed(0)} µs, p50 ${at(50)} µs, p99 ${at(99)} µs (goal mean ≤ 1,000 µs)`);
}
