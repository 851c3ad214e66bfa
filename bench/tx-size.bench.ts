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
  const n = 500;
  const quotes = Array.from({ length: n }, quote);
  const t0 = process.hrtime.bigint();
  for (const q of quotes) await buildTakeQuoteTx({ ...base, quote: q, openRound: false });
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  log(`buildTakeQuoteTx: ${us.toFixed(0)} µs per transaction (mean of ${n})`);
}
