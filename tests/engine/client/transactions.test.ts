import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { Keypair, PublicKey, SYSVAR_INSTRUCTIONS_PUBKEY, TransactionInstruction, VersionedTransaction } from '@solana/web3.js';
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { signQuote } from '../../../engine/src/signer/signed-quote.js';
import { encodeSettlement, QUOTE_LEN } from '../../../engine/src/client/quote-message.js';
import {
  ED25519_PROGRAM_ID,
  EXEC_TRADE_PROGRAM_ID,
  InvalidArgumentError,
  PACKET_DATA_SIZE,
  QuoteExpiredError,
  QuoteSignerMismatchError,
  QuoteSizeError,
  QuoteTargetError,
  buildSettleRoundTx,
  buildTakeQuoteIx,
  buildTakeQuoteTx,
  configPda,
  createExecTradeProgram,
  eventAuthorityPda,
  exposurePda,
  houseVaultPda,
  parseCanonicalEd25519Data,
  positionPda,
  quoteFillPda,
  roundPda,
  roundVaultPda,
  type SignedQuote,
} from '../../../engine/src/client/index.js';
import { createTestContext, expectOk, sendIxs } from '../../helpers/svm.js';
import { decodeIx } from '../../helpers/ix.js';

const program = createExecTradeProgram();
const oracle = createSigner(randomBytes(32));
const ORACLE = bs58.encode(oracle.publicKey);
const NOW = 1_800_000_000_000;
const mint = Keypair.generate().publicKey;
const trader = Keypair.generate().publicKey;
const blockhash = bs58.encode(randomBytes(32));

function quote(over: { programId?: Uint8Array; validUntilMs?: bigint; maxSize?: bigint } = {}): SignedQuote {
  return signQuote(
    {
      cluster: 1,
      asset: 1,
      flags: 0,
      programId: over.programId ?? EXEC_TRADE_PROGRAM_ID.toBytes(),
      quoteId: randomBytes(16),
      epoch: 3n,
      expiryTs: 1_800_000_060n,
      strike: 97_300_000_000n,
      upPrice: 523_417n,
      downPrice: 496_583n,
      maxSize: over.maxSize ?? 250_000_000n,
      validUntilMs: over.validUntilMs ?? BigInt(NOW + 3_000),
      generatedAtMs: BigInt(NOW),
      refPrice: 97_312_345_678n,
      refTsMs: BigInt(NOW - 5),
    },
    oracle,
    'BTCUSDT',
  );
}

const base = { program, oracleAuthority: ORACLE, trader, collateralMint: mint, recentBlockhash: blockhash, nowMs: NOW };

function instructionsOf(tx: VersionedTransaction): TransactionInstruction[] {
  const keys = tx.message.staticAccountKeys;
  return tx.message.compiledInstructions.map(
    (ci) =>
      new TransactionInstruction({
        programId: keys[ci.programIdIndex]!,
        keys: ci.accountKeyIndexes.map((i) => ({ pubkey: keys[i]!, isSigner: tx.message.isAccountSigner(i), isWritable: tx.message.isAccountWritable(i) })),
        data: Buffer.from(ci.data),
      }),
  );
}

describe('buildTakeQuoteTx', () => {
  it('builds [Ed25519(quote), take_quote] with every account derived, the trader as fee payer', async () => {
    const q = quote();
    const built = await buildTakeQuoteTx({ ...base, quote: q, side: 'up', size: 100_000_000n, openRound: false });
    expect(built.stake).toBe(52_341_700n);
    expect(built.houseCollateral).toBe(47_658_300n);
    expect(built.payout).toBe(100_000_000n);
    const tx = built.transaction;
    expect(tx.version).toBe(0);
    expect(tx.message.staticAccountKeys[0]!.equals(trader)).toBe(true);
    const ixs = instructionsOf(tx);
    expect(ixs.map((i) => i.programId.toBase58())).toEqual([ED25519_PROGRAM_ID.toBase58(), EXEC_TRADE_PROGRAM_ID.toBase58()]);
    const payload = parseCanonicalEd25519Data(Uint8Array.from(ixs[0]!.data), QUOTE_LEN);
    expect(Buffer.from(payload.message).toString('base64')).toBe(q.message);
    expect(bs58.encode(payload.publicKey)).toBe(ORACLE);

    const quoteId = Buffer.from(q.quoteId, 'hex');
    const round = roundPda(1, 1_800_000_060n).address;
    expect(ixs[1]!.keys.map((k) => k.pubkey.toBase58())).toEqual(
      [
        trader,
        configPda().address,
        round,
        roundVaultPda(round).address,
        houseVaultPda().address,
        quoteFillPda(quoteId).address,
        positionPda(quoteId, trader).address,
        exposurePda(round, trader).address,
        getAssociatedTokenAddressSync(mint, trader),
        mint,
        SYSVAR_INSTRUCTIONS_PUBKEY,
        TOKEN_PROGRAM_ID,
        new PublicKey('11111111111111111111111111111111'),
        eventAuthorityPda(),
        EXEC_TRADE_PROGRAM_ID,
      ].map((k) => k.toBase58()),
    );
    expect(ixs[1]!.keys[0]).toMatchObject({ isSigner: true, isWritable: true });
    const decoded = decodeIx(Buffer.from(ixs[1]!.data));
    expect(decoded?.name).toBe('takeQuote');
    const args = decoded?.data as { quote_id: number[]; side: number; size: { toString(): string } };
    expect(Buffer.from(args.quote_id).toString('hex')).toBe(q.quoteId);
    expect(args.side).toBe(0);
    expect(args.size.toString()).toBe('100000000');
    expect(built.position.equals(positionPda(quoteId, trader).address)).toBe(true);
  });

  it('its Ed25519 instruction passes the real precompile on LiteSVM', async () => {
    const ctx = createTestContext();
    const built = await buildTakeQuoteTx({ ...base, quote: quote(), side: 'down', size: 10_000n, openRound: false });
    expectOk(sendIxs(ctx.svm, ctx.payer, [instructionsOf(built.transaction)[0]!]));
  });

  it('prepends open_round when asked, keeping Ed25519 immediately before take_quote', async () => {
    const built = await buildTakeQuoteTx({ ...base, quote: quote(), side: 'down', size: 1_000n, openRound: true, compute: { computeUnitLimit: 250_000, computeUnitPriceMicroLamports: 1_000 } });
    const ixs = instructionsOf(built.transaction);
    const names = ixs.map((i) => (i.programId.equals(EXEC_TRADE_PROGRAM_ID) ? decodeIx(Buffer.from(i.data))?.name : i.programId.toBase58().slice(0, 8)));
    expect(names).toEqual(['ComputeB', 'ComputeB', 'openRound', 'Ed25519S', 'takeQuote']);
  });

  it('fits one packet in every shape (with open_round and both compute-budget instructions)', async () => {
    const sizes: Record<string, number> = {};
    for (const openRound of [false, true]) {
      for (const compute of [undefined, { computeUnitLimit: 300_000, computeUnitPriceMicroLamports: 5_000 }]) {
        const built = await buildTakeQuoteTx({ ...base, quote: quote(), side: 'up', size: 5n, openRound, ...(compute ? { compute } : {}) });
        sizes[`openRound=${openRound} computeBudget=${compute !== undefined}`] = built.serializedSize;
        expect(built.serializedSize).toBeLessThanOrEqual(PACKET_DATA_SIZE);
      }
    }
    expect(Math.max(...Object.values(sizes))).toBeLessThanOrEqual(PACKET_DATA_SIZE);
  });

  it('refuses quotes it must not turn into transactions', async () => {
    await expect(buildTakeQuoteTx({ ...base, oracleAuthority: bs58.encode(randomBytes(32)), quote: quote(), side: 'up', size: 1n, openRound: false })).rejects.toBeInstanceOf(QuoteSignerMismatchError);
    await expect(buildTakeQuoteTx({ ...base, quote: quote({ validUntilMs: BigInt(NOW - 1) }), side: 'up', size: 1n, openRound: false })).rejects.toBeInstanceOf(QuoteExpiredError);
    await expect(buildTakeQuoteTx({ ...base, quote: quote({ maxSize: 10n }), side: 'up', size: 11n, openRound: false })).rejects.toBeInstanceOf(QuoteSizeError);
    await expect(buildTakeQuoteTx({ ...base, quote: quote({ programId: randomBytes(32) }), side: 'up', size: 1n, openRound: false })).rejects.toBeInstanceOf(QuoteTargetError);
    await expect(buildTakeQuoteTx({ ...base, quote: quote(), side: 'sideways' as 'up', size: 1n, openRound: false })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(buildTakeQuoteTx({ ...base, quote: quote(), side: 'up', size: 0n, openRound: false })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('take_quote instruction data', () => {
  it('is discriminator(8) ‖ quote_id(16) ‖ side(u8) ‖ size(u64 LE), as the program tests patch it', async () => {
    const p = { trader, quoteId: new Uint8Array(16).fill(3), asset: 2, expiryTs: 1_800_000_060n, collateralMint: mint };
    const a = await buildTakeQuoteIx(program, { ...p, side: 1, size: 123_456_789n });
    const b = await buildTakeQuoteIx(program, { ...p, side: 0, size: 1n });
    b.data.writeUInt8(1, 24);
    b.data.writeBigUInt64LE(123_456_789n, 25);
    expect(a.data.length).toBe(33);
    expect(a.data.subarray(0, 8)).toEqual(Buffer.from([120, 12, 164, 101, 168, 196, 176, 6])); // sha256("global:take_quote")[..8]
    expect(a.data.equals(b.data)).toBe(true);
  });
});

describe('buildSettleRoundTx', () => {
  it('builds [Ed25519(settlement), settle_round] for the round named in the signed message', async () => {
    const settler = createSigner(randomBytes(32));
    const message = encodeSettlement({
      cluster: 1,
      asset: 3,
      flags: 0,
      programId: EXEC_TRADE_PROGRAM_ID.toBytes(),
      expiryTs: 1_800_000_060n,
      price: 187_000_000n,
      publishedAtMs: 1_800_000_061_000n,
      method: 1,
      sourceCount: 3,
      sourcesHash: randomBytes(32),
    });
    const settlement = { message: Buffer.from(message).toString('base64'), signature: bs58.encode(settler.sign(message)), signer: bs58.encode(settler.publicKey) };
    const { transaction, round } = await buildSettleRoundTx({ program, settlement, settlementAuthority: settlement.signer, payer: trader, recentBlockhash: blockhash });
    expect(round.equals(roundPda(3, 1_800_000_060n).address)).toBe(true);
    const ixs = instructionsOf(transaction);
    expect(ixs[0]!.programId.equals(ED25519_PROGRAM_ID)).toBe(true);
    expect(decodeIx(Buffer.from(ixs[1]!.data))?.name).toBe('settleRound');
    expect(ixs[1]!.keys[1]!.pubkey.equals(round)).toBe(true);
    await expect(buildSettleRoundTx({ program, settlement, settlementAuthority: ORACLE, payer: trader, recentBlockhash: blockhash })).rejects.toBeInstanceOf(QuoteTargetError);
    // a record that names the authority as signer but was signed by another key is refused before any transaction exists
    const forger = createSigner(randomBytes(32));
    const forged = { ...settlement, signature: bs58.encode(forger.sign(message)) };
    await expect(buildSettleRoundTx({ program, settlement: forged, settlementAuthority: settlement.signer, payer: trader, recentBlockhash: blockhash })).rejects.toMatchObject({
      code: 'EXEC_ERR_SETTLEMENT_INVALID',
    });
  });
});
