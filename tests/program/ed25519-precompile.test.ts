/**
 * The real Ed25519 precompile (LiteSVM 1.5, `new LiteSVM()` with precompiles and sigverify) against
 * quotes signed by the engine signer and wrapped by the client's buildEd25519Ix. Failures must carry
 * the precompile's specific code: InstructionError(i, Custom(n)), n = 2 InvalidSignature,
 * 3 InvalidDataOffsets. Every transaction has a fresh fee payer, so "already processed" can never
 * make a test pass or fail for the wrong reason.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ComputeBudgetProgram, Keypair, TransactionInstruction } from '@solana/web3.js';
import { createTransferCheckedInstruction } from '@solana/spl-token';
import { createSigner } from '../../engine/src/signer/sign.js';
import { QUOTE_LEN, SETTLEMENT_LEN, encodeQuote, encodeSettlement, type QuoteFields } from '../../engine/src/client/quote-message.js';
import { buildEd25519Ix, parseCanonicalEd25519Data } from '../../engine/src/client/ed25519.js';
import { ED25519_PROGRAM_ID, EXEC_TRADE_PROGRAM_ID } from '../../engine/src/client/constants.js';
import { Ed25519LayoutError } from '../../engine/src/client/errors.js';
import { createAta, createMint, createTestContext, expectOk, fund, mintTo, sendIxs, tokenBalance, type TxOutcome } from '../helpers/svm.js';

const INVALID_SIGNATURE = 2;
const INVALID_DATA_OFFSETS = 3;

const oracle = createSigner(randomBytes(32));
const other = createSigner(randomBytes(32));

function quote(overrides: Partial<QuoteFields> = {}): Uint8Array {
  return encodeQuote({
    cluster: 0,
    asset: 1,
    flags: 0,
    programId: EXEC_TRADE_PROGRAM_ID.toBytes(),
    quoteId: Uint8Array.from(randomBytes(16)),
    epoch: 1n,
    expiryTs: 1_800_000_300n,
    strike: 97_300_000_000n,
    upPrice: 523_417n,
    downPrice: 496_583n,
    maxSize: 250_000_000n,
    validUntilMs: 1_800_000_003_500n,
    generatedAtMs: 1_800_000_000_500n,
    refPrice: 97_312_345_678n,
    refTsMs: 1_800_000_000_420n,
    ...overrides,
  });
}

const ctx = createTestContext();

function send(ixs: TransactionInstruction[]): TxOutcome {
  const payer = Keypair.generate();
  fund(ctx.svm, payer.publicKey);
  return sendIxs(ctx.svm, payer, ixs);
}

function expectPrecompileError(outcome: TxOutcome, index: number, code: number): void {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect({ index: outcome.index, custom: outcome.custom }).toEqual({ index, custom: code });
}

function withData(ix: TransactionInstruction, mutate: (d: Buffer) => void): TransactionInstruction {
  const data = Buffer.from(ix.data);
  mutate(data);
  return new TransactionInstruction({ programId: ix.programId, keys: ix.keys, data });
}

describe('Ed25519 precompile on LiteSVM with client-built instructions', () => {
  it('accepts a quote signed by the engine signer', () => {
    const msg = quote();
    const outcome = send([buildEd25519Ix(oracle.publicKey, msg, oracle.sign(msg))]);
    expectOk(outcome);
  });

  it('accepts a settlement signed by the engine signer', () => {
    const msg = encodeSettlement({
      cluster: 0,
      asset: 3,
      flags: 0,
      programId: EXEC_TRADE_PROGRAM_ID.toBytes(),
      expiryTs: 1_800_000_300n,
      price: 151_000_000n,
      publishedAtMs: 1_800_000_301_000n,
      method: 1,
      sourceCount: 3,
      sourcesHash: Uint8Array.from(randomBytes(32)),
    });
    expect(msg.length).toBe(SETTLEMENT_LEN);
    expectOk(send([buildEd25519Ix(oracle.publicKey, msg, oracle.sign(msg))]));
  });

  it('accepts every golden quote vector, and the client builds exactly the golden instruction data', () => {
    const text = readFileSync(new URL('../fixtures/golden/vectors.txt', import.meta.url), 'utf8');
    const sections = text.split(/^\[/m).filter((s) => s.startsWith('quote ') || s.startsWith('settlement '));
    expect(sections.length).toBeGreaterThanOrEqual(3);
    for (const s of sections) {
      const get = (k: string): Buffer => Buffer.from(new RegExp(`^${k} = ([0-9a-f]+)$`, 'm').exec(s)?.[1] ?? '', 'hex');
      const ix = buildEd25519Ix(get('signer'), get('message'), get('signature'));
      expect(Buffer.from(ix.data).toString('hex')).toBe(get('ed25519_ix_data').toString('hex'));
      expectOk(send([ix]));
    }
  });

  it('works behind a compute-budget instruction (relative, not absolute, position)', () => {
    const msg = quote();
    expectOk(send([ComputeBudgetProgram.setComputeUnitLimit({ units: 200_000 }), buildEd25519Ix(oracle.publicKey, msg, oracle.sign(msg))]));
  });

  it('rejects a forged signature with Custom(2)', () => {
    const msg = quote();
    const sig = oracle.sign(msg);
    sig[10] = sig[10]! ^ 0x01;
    expectPrecompileError(send([buildEd25519Ix(oracle.publicKey, msg, sig)]), 0, INVALID_SIGNATURE);
  });

  it('rejects a tampered message byte with Custom(2)', () => {
    const msg = quote();
    const sig = oracle.sign(msg);
    const tampered = msg.slice();
    tampered[88] = tampered[88]! ^ 0xff; // max_size
    expectPrecompileError(send([buildEd25519Ix(oracle.publicKey, tampered, sig)]), 0, INVALID_SIGNATURE);
    // The same tamper applied to the built instruction's message region.
    const ix = withData(buildEd25519Ix(oracle.publicKey, msg, sig), (d) => {
      d[112 + 80] = d[112 + 80]! ^ 0x01; // up_price
    });
    expectPrecompileError(send([ix]), 0, INVALID_SIGNATURE);
  });

  it("rejects another signer's key with Custom(2)", () => {
    const msg = quote();
    expectPrecompileError(send([buildEd25519Ix(other.publicKey, msg, oracle.sign(msg))]), 0, INVALID_SIGNATURE);
  });

  it('rejects offsets aimed at instruction 1 whose data differs with Custom(2)', () => {
    const msg = quote();
    const sig = oracle.sign(msg);
    // Instruction 1: a valid Ed25519 instruction over a different (also oracle-signed) message.
    const otherMsg = quote({ upPrice: 1n, downPrice: 999_999n });
    const ix1 = buildEd25519Ix(oracle.publicKey, otherMsg, oracle.sign(otherMsg));
    // Instruction 0 carries key + signature of `msg` but reads its message from instruction 1.
    const ix0 = withData(buildEd25519Ix(oracle.publicKey, msg, sig), (d) => d.writeUInt16LE(1, 14));
    expectPrecompileError(send([ix0, ix1]), 0, INVALID_SIGNATURE);
  });

  it('rejects an instruction index past the end of the transaction with Custom(3)', () => {
    const msg = quote();
    const ix = withData(buildEd25519Ix(oracle.publicKey, msg, oracle.sign(msg)), (d) => d.writeUInt16LE(7, 4));
    expectPrecompileError(send([ix]), 0, INVALID_DATA_OFFSETS);
  });

  it('a redirected message that matches PASSES the precompile: why the program and client pin 0xFFFF', () => {
    const msg = quote();
    const sig = oracle.sign(msg);
    const honest = buildEd25519Ix(oracle.publicKey, msg, sig);
    // Instruction 0 verifies key, signature and message read from instruction 1 (same bytes).
    const redirected = withData(honest, (d) => {
      d.writeUInt16LE(1, 4);
      d.writeUInt16LE(1, 8);
      d.writeUInt16LE(1, 14);
      d.fill(0, 16); // its own payload is now junk
    });
    expectOk(send([redirected, honest]));
    // The precompile is satisfied, so only the layout pin protects the consumer.
    expect(() => parseCanonicalEd25519Data(Uint8Array.from(redirected.data), QUOTE_LEN)).toThrow(Ed25519LayoutError);
    expect(parseCanonicalEd25519Data(Uint8Array.from(honest.data), QUOTE_LEN).message).toEqual(msg);
  });

  it('the client refuses to build a non-canonical instruction', () => {
    const msg = quote();
    expect(() => buildEd25519Ix(oracle.publicKey.slice(0, 31), msg, oracle.sign(msg))).toThrow(Ed25519LayoutError);
    expect(() => buildEd25519Ix(oracle.publicKey, msg, oracle.sign(msg).slice(1))).toThrow(Ed25519LayoutError);
    expect(buildEd25519Ix(oracle.publicKey, msg, oracle.sign(msg)).programId.equals(ED25519_PROGRAM_ID)).toBe(true);
  });
});

describe('SPL token escrow setup on LiteSVM (real token program)', () => {
  it('creates a mint and ATAs, mints, and moves collateral beside a verified quote', () => {
    // Given a 6-decimal collateral mint, a trader and a vault owner, each with an ATA
    const payer = Keypair.generate();
    fund(ctx.svm, payer.publicKey);
    const mint = createMint(ctx.svm, payer, 6);
    const trader = Keypair.generate();
    fund(ctx.svm, trader.publicKey);
    const vaultOwner = Keypair.generate().publicKey;
    const traderAta = createAta(ctx.svm, payer, mint, trader.publicKey);
    const vaultAta = createAta(ctx.svm, payer, mint, vaultOwner);
    mintTo(ctx.svm, payer, mint, traderAta, 1_000_000_000n);
    expect(tokenBalance(ctx.svm, traderAta)).toBe(1_000_000_000n);
    expect(tokenBalance(ctx.svm, vaultAta)).toBe(0n);

    // When the trader sends [compute budget, Ed25519 quote ix, transfer_checked stake] (the take_quote shape)
    const msg = quote();
    const stake = 130_855_000n;
    const outcome = sendIxs(ctx.svm, trader, [
      ComputeBudgetProgram.setComputeUnitLimit({ units: 100_000 }),
      buildEd25519Ix(oracle.publicKey, msg, oracle.sign(msg)),
      createTransferCheckedInstruction(traderAta, mint, vaultAta, trader.publicKey, stake, 6),
    ]);

    // Then it lands and the balances moved by exactly the stake
    expectOk(outcome);
    expect(tokenBalance(ctx.svm, traderAta)).toBe(1_000_000_000n - stake);
    expect(tokenBalance(ctx.svm, vaultAta)).toBe(stake);

    // And with a forged quote signature nothing moves (the whole transaction fails)
    const bad = oracle.sign(msg);
    bad[0] = bad[0]! ^ 0x80;
    const failed = sendIxs(ctx.svm, trader, [
      ComputeBudgetProgram.setComputeUnitLimit({ units: 100_001 }),
      buildEd25519Ix(oracle.publicKey, msg, bad),
      createTransferCheckedInstruction(traderAta, mint, vaultAta, trader.publicKey, stake, 6),
    ]);
    expectPrecompileError(failed, 1, INVALID_SIGNATURE);
    expect(tokenBalance(ctx.svm, vaultAta)).toBe(stake);
  });
});
