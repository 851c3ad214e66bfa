/**
 * solana-bankrun 0.4.0 where its behaviour is sound: SPL token setup through the real token
 * program, Clock control with setClock, and the take_quote transaction shape.
 *
 * Bankrun is NEVER used for signature-failure tests: it runs on solana-banks 1.18, where the
 * ed25519 precompile was verified in the sigverify stage, outside execution, so a transaction with a
 * forged precompile signature SUCCEEDS here (kevinheavey/solana-bankrun#27). The last test below
 * documents that gap on purpose; tests/program/ed25519-precompile.test.ts (LiteSVM) is the
 * evidence that signatures are checked.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Clock, start, type ProgramTestContext } from 'solana-bankrun';
import { ComputeBudgetProgram, Keypair, PublicKey, SystemProgram, Transaction, TransactionInstruction } from '@solana/web3.js';
import {
  AccountLayout,
  MINT_SIZE,
  TOKEN_PROGRAM_ID,
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeMint2Instruction,
  createMintToInstruction,
  createTransferCheckedInstruction,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import { createSigner } from '../../engine/src/signer/sign.js';
import { encodeQuote } from '../../engine/src/client/quote-message.js';
import { buildEd25519Ix } from '../../engine/src/client/ed25519.js';
import { EXEC_TRADE_PROGRAM_ID } from '../../engine/src/client/constants.js';

// Program logs go to stderr at DEBUG level otherwise.
process.env.RUST_LOG ??= 'error';

let ctx: ProgramTestContext;

async function processIxs(ixs: TransactionInstruction[], signers: Keypair[] = []): Promise<string | null> {
  const tx = new Transaction();
  tx.recentBlockhash = (await ctx.banksClient.getLatestBlockhash())?.[0] ?? ctx.lastBlockhash;
  tx.feePayer = ctx.payer.publicKey;
  tx.add(...ixs);
  tx.sign(ctx.payer, ...signers);
  const res = await ctx.banksClient.tryProcessTransaction(tx);
  return res.result;
}

async function balance(account: PublicKey): Promise<bigint> {
  const acc = await ctx.banksClient.getAccount(account);
  if (!acc) throw new Error('missing token account');
  return AccountLayout.decode(Buffer.from(acc.data)).amount;
}

const oracle = createSigner(randomBytes(32));
const quoteMessage = (): Uint8Array =>
  encodeQuote({
    cluster: 0,
    asset: 2,
    flags: 0,
    programId: EXEC_TRADE_PROGRAM_ID.toBytes(),
    quoteId: Uint8Array.from(randomBytes(16)),
    epoch: 0n,
    expiryTs: 1_800_000_060n,
    strike: 3_500_000_000n,
    upPrice: 400_000n,
    downPrice: 610_000n,
    maxSize: 10_000_000n,
    validUntilMs: 1_800_000_005_000n,
    generatedAtMs: 1_800_000_000_000n,
    refPrice: 3_490_000_000n,
    refTsMs: 1_800_000_000_000n,
  });

describe('bankrun (solana-bankrun 0.4.0): token setup, clock, transaction shape', () => {
  let mint: PublicKey;
  let traderAta: PublicKey;
  let vaultAta: PublicKey;
  const trader = Keypair.generate();

  beforeAll(async () => {
    ctx = await start([], []);
    const mintKp = Keypair.generate();
    mint = mintKp.publicKey;
    const rent = await ctx.banksClient.getRent();
    const err = await processIxs(
      [
        SystemProgram.createAccount({ fromPubkey: ctx.payer.publicKey, newAccountPubkey: mint, lamports: Number(rent.minimumBalance(BigInt(MINT_SIZE))), space: MINT_SIZE, programId: TOKEN_PROGRAM_ID }),
        createInitializeMint2Instruction(mint, 6, ctx.payer.publicKey, null),
        SystemProgram.transfer({ fromPubkey: ctx.payer.publicKey, toPubkey: trader.publicKey, lamports: 1_000_000_000 }),
      ],
      [mintKp],
    );
    expect(err).toBeNull();
    traderAta = getAssociatedTokenAddressSync(mint, trader.publicKey);
  });

  it('creates ATAs and mints through the real token program', async () => {
    const vaultOwner = Keypair.generate().publicKey;
    vaultAta = getAssociatedTokenAddressSync(mint, vaultOwner);
    expect(await ctx.banksClient.getAccount(vaultAta)).toBeNull();
    const err = await processIxs([
      createAssociatedTokenAccountIdempotentInstruction(ctx.payer.publicKey, traderAta, trader.publicKey, mint),
      createAssociatedTokenAccountIdempotentInstruction(ctx.payer.publicKey, vaultAta, vaultOwner, mint),
      createMintToInstruction(mint, traderAta, ctx.payer.publicKey, 500_000_000n),
    ]);
    expect(err).toBeNull();
    expect(await balance(traderAta)).toBe(500_000_000n);
    expect(await balance(vaultAta)).toBe(0n);
  });

  it('moves the clock with setClock and reads it back', async () => {
    const before = await ctx.banksClient.getClock();
    ctx.setClock(new Clock(before.slot, before.epochStartTimestamp, before.epoch, before.leaderScheduleEpoch, 1_800_000_061n));
    const after = await ctx.banksClient.getClock();
    expect(after.unixTimestamp).toBe(1_800_000_061n);
    expect(after.unixTimestamp).not.toBe(before.unixTimestamp);
  });

  it('processes the take_quote shape [compute budget, Ed25519 quote, stake transfer]', async () => {
    const msg = quoteMessage();
    const before = await balance(traderAta);
    const tx = new Transaction();
    tx.recentBlockhash = ctx.lastBlockhash;
    tx.feePayer = trader.publicKey;
    tx.add(
      ComputeBudgetProgram.setComputeUnitLimit({ units: 150_000 }),
      buildEd25519Ix(oracle.publicKey, msg, oracle.sign(msg)),
      createTransferCheckedInstruction(traderAta, mint, vaultAta, trader.publicKey, 4_000_000n, 6),
    );
    tx.sign(trader);
    const res = await ctx.banksClient.tryProcessTransaction(tx);
    expect(res.result).toBeNull();
    expect(await balance(traderAta)).toBe(before - 4_000_000n);
    expect(await balance(vaultAta)).toBe(4_000_000n);
  });

  it('KNOWN GAP: a forged Ed25519 signature PASSES on bankrun (never use bankrun for signature tests)', async () => {
    const msg = quoteMessage();
    const forged = oracle.sign(msg);
    forged[5] = forged[5]! ^ 0x01;
    const result = await processIxs([ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 7 }), buildEd25519Ix(oracle.publicKey, msg, forged)]);
    // LiteSVM rejects this exact instruction with InstructionError(0, Custom(2)); bankrun does not.
    expect(result).toBeNull();
  });
});
