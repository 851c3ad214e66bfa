/**
 * A deployed exec-trade on LiteSVM for program-level tests: collateral mint, initialized config,
 * funded house vault, oracle and settlement keys, funded traders, and one call per flow built with
 * the client SDK exactly as a real client would. Only usable when target/deploy/exec_trade.so
 * exists (`hasProgram`); suites guard with `describe.skipIf(!hasProgram)`.
 */
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { Keypair, PublicKey, type TransactionInstruction, type VersionedTransaction } from '@solana/web3.js';
import { createSigner, type Ed25519Signer } from '../../engine/src/signer/sign.js';
import { signQuote } from '../../engine/src/signer/signed-quote.js';
import { FLAG_SIMULATED, decodeQuote, encodeSettlement, type QuoteFields } from '../../engine/src/client/quote-message.js';
import {
  ASSET_IDS,
  buildClaimTx,
  buildEd25519Ix,
  buildOpenRoundIx,
  buildTakeQuoteIx,
  buildV0Tx,
  buildCloseQuoteFillTx,
  buildCloseRoundTx,
  buildFundHouseIx,
  buildInitializeConfigIx,
  buildRaiseQuoteEpochIx,
  buildRefundTx,
  buildSettleRoundTx,
  buildTakeQuoteTx,
  buildUpdateConfigIx,
  createExecTradeProgram,
  decodeConfig,
  decodePosition,
  decodeRound,
  houseVaultPda,
  positionPda,
  programErrorByName,
  quoteFillPda,
  roundPda,
  roundVaultPda,
  type AssetName,
  type ConfigAccount,
  type PositionAccount,
  type RoundAccount,
  type SideName,
  type SignedQuote,
  type UpdateConfigParams,
} from '../../engine/src/client/index.js';
import { accountData, createAta, createMint, createTestContext, fund, mintTo, sendIxs, setUnixTime, signAndSend, tokenBalance, type TestContext, type TxOutcome } from './svm.js';

export const T0 = 1_800_000_000n; // unix seconds the suites start at (LiteSVM starts at 0)
export const CLOSE_OFFSET_SEC = 10n;
export const REFUND_GRACE_SEC = 120n;
export const HOUSE_FUNDING = 1_000_000_000_000n;
export const LIMITS = { maxPositionSize: 500_000_000n, maxRoundLiability: 2_000_000_000n, maxWalletRoundSize: 800_000_000n };

export interface Env {
  readonly ctx: TestContext;
  readonly program: ReturnType<typeof createExecTradeProgram>;
  readonly admin: Keypair;
  readonly mint: PublicKey;
  readonly oracle: Ed25519Signer;
  readonly settler: Ed25519Signer;
  now(): bigint;
  setTime(unixTs: bigint): void;
  newTrader(collateral?: bigint): { kp: Keypair; ata: PublicKey };
  quote(over?: Partial<QuoteFields>, signer?: Ed25519Signer): SignedQuote;
  take(trader: Keypair, quote: SignedQuote, side: SideName, size: bigint, opts?: { openRound?: boolean; tamper?: (tx: VersionedTransaction) => void }): Promise<TxOutcome>;
  /** take_quote built from the instruction builders directly: no client-side checks at all. */
  takeRaw(trader: Keypair, quote: SignedQuote, side: number, size: bigint, opts?: { quoteIdArg?: Uint8Array; openRound?: boolean }): Promise<TxOutcome>;
  settle(asset: number, expiryTs: bigint, price: bigint, opts?: { publishedAtMs?: bigint; signer?: Ed25519Signer; flags?: number }): Promise<TxOutcome>;
  claim(position: PositionAccount, cranker?: Keypair): Promise<TxOutcome>;
  refund(position: PositionAccount, cranker?: Keypair): Promise<TxOutcome>;
  closeQuoteFill(quoteId: Uint8Array, payer: PublicKey): Promise<TxOutcome>;
  closeRound(asset: number, expiryTs: bigint, opener: PublicKey): Promise<TxOutcome>;
  admin_(ixs: TransactionInstruction[]): TxOutcome;
  updateConfig(p: Omit<UpdateConfigParams, 'admin'>): Promise<TxOutcome>;
  raiseEpoch(newEpoch: bigint): Promise<TxOutcome>;
  config(): ConfigAccount;
  round(asset: number, expiryTs: bigint): RoundAccount | null;
  position(quoteId: Uint8Array, trader: PublicKey): PositionAccount | null;
  balance(account: PublicKey): bigint;
  houseVault(): bigint;
  roundVault(asset: number, expiryTs: bigint): bigint;
}

/** The custom code of `name` (IDL), for comparing with `outcome.custom`. */
export function codeOf(name: string): number {
  const e = programErrorByName(name);
  if (!e) throw new Error(`no program error named ${name} in the IDL`);
  return e.programCode;
}

/** The failing instruction must be the last one (the exec-trade instruction) with the named error. */
export function expectProgramError(outcome: TxOutcome, name: string, programIx: number): void {
  if (outcome.ok) throw new Error(`expected ${name}, but the transaction succeeded`);
  if (outcome.index !== programIx || outcome.custom !== codeOf(name)) {
    throw new Error(`expected ${name} (${codeOf(name)}) at instruction ${programIx}, got ${outcome.text}\n${outcome.logs.join('\n')}`);
  }
}

export async function createEnv(opts: { allowSimulated?: boolean } = {}): Promise<Env> {
  const ctx = createTestContext();
  const program = createExecTradeProgram();
  const admin = Keypair.generate();
  fund(ctx.svm, admin.publicKey, 100_000_000_000n);
  const oracle = createSigner(randomBytes(32));
  const settler = createSigner(randomBytes(32));
  const setTime = (ts: bigint): void => {
    if (setUnixTime(ctx.svm, ts) !== ts) throw new Error('clock did not move');
  };
  setTime(T0);
  const mint = createMint(ctx.svm, admin, 6);
  /** Fresh blockhash per transaction, so an identical resend can never be "already processed". */
  const fresh = (): string => {
    ctx.svm.expireBlockhash();
    return ctx.svm.latestBlockhash();
  };
  const send = (tx: VersionedTransaction, signers: Keypair[]): TxOutcome => signAndSend(ctx.svm, tx, signers);

  const adminIxs = (ixs: TransactionInstruction[]): TxOutcome => {
    ctx.svm.expireBlockhash();
    return sendIxs(ctx.svm, admin, ixs);
  };
  const init = adminIxs([
    await buildInitializeConfigIx(program, {
      admin: admin.publicKey,
      collateralMint: mint,
      oracleAuthority: new PublicKey(oracle.publicKey),
      settlementAuthority: new PublicKey(settler.publicKey),
      cluster: 0,
      allowSimulated: opts.allowSimulated ?? false,
      limits: LIMITS,
      tradingCloseOffsetSec: CLOSE_OFFSET_SEC,
      refundGraceSec: REFUND_GRACE_SEC,
    }),
  ]);
  if (!init.ok) throw new Error(`initialize_config failed: ${init.text}\n${init.logs.join('\n')}`);
  const adminAta = createAta(ctx.svm, admin, mint, admin.publicKey);
  mintTo(ctx.svm, admin, mint, adminAta, HOUSE_FUNDING);
  const funded = adminIxs([await buildFundHouseIx(program, { authority: admin.publicKey, amount: HOUSE_FUNDING, collateralMint: mint })]);
  if (!funded.ok) throw new Error(`fund_house failed: ${funded.text}`);

  const decodeOr = <T>(addr: PublicKey, decode: (d: Buffer) => T): T | null => {
    const d = accountData(ctx.svm, addr);
    return d && d.length > 0 ? decode(d) : null;
  };
  const now = (): bigint => ctx.svm.getClock().unixTimestamp;
  const config = (): ConfigAccount => decodeOr(PublicKey.findProgramAddressSync([Buffer.from('config')], program.programId)[0], (d) => decodeConfig(program, d))!;

  const positionParams = (p: PositionAccount) => {
    const r = decodeOr(p.round, (d) => decodeRound(program, d));
    if (!r) throw new Error('position round missing');
    return { quoteId: p.quoteId, trader: p.trader, asset: r.asset, expiryTs: r.expiryTs, collateralMint: mint, payer: p.payer };
  };

  return {
    ctx,
    program,
    admin,
    mint,
    oracle,
    settler,
    now,
    setTime,
    newTrader(collateral = 10_000_000_000n) {
      const kp = Keypair.generate();
      fund(ctx.svm, kp.publicKey);
      const ata = createAta(ctx.svm, admin, mint, kp.publicKey);
      if (collateral > 0n) mintTo(ctx.svm, admin, mint, ata, collateral);
      return { kp, ata };
    },
    quote(over = {}, signer = oracle) {
      const t = now();
      const expiryTs = over.expiryTs ?? ((t / 60n) + 2n) * 60n;
      const fields: QuoteFields = {
        cluster: 0,
        asset: 1,
        flags: 0,
        programId: program.programId.toBytes(),
        quoteId: Uint8Array.from(randomBytes(16)),
        epoch: config().quoteEpoch,
        expiryTs,
        strike: 97_300_000_000n,
        upPrice: 523_417n,
        downPrice: 496_583n,
        maxSize: 250_000_000n,
        validUntilMs: t * 1000n + 3_000n,
        generatedAtMs: t * 1000n,
        refPrice: 97_312_345_678n,
        refTsMs: t * 1000n - 5n,
        ...over,
      };
      const symbol = fields.asset === 1 ? 'BTCUSDT' : fields.asset === 2 ? 'ETHUSDT' : 'SOLUSDT';
      return signQuote(fields, signer, symbol);
    },
    async take(trader, quote, side, size, o = {}) {
      const built = await buildTakeQuoteTx({
        program,
        quote,
        oracleAuthority: quote.signer,
        trader: trader.publicKey,
        side,
        size,
        collateralMint: mint,
        recentBlockhash: fresh(),
        openRound: o.openRound ?? decodeOr(roundPda(ASSET_IDS[quote.asset as AssetName], BigInt(quote.expiryTs)).address, (d) => d) === null,
        nowMs: 0, // the client-side expiry check is bypassed on purpose: the program must enforce it
      });
      o.tamper?.(built.transaction);
      return send(built.transaction, [trader]);
    },
    async takeRaw(trader, quote, side, size, o = {}) {
      const fields = decodeQuote(Buffer.from(quote.message, 'base64'));
      const ixs: TransactionInstruction[] = [];
      if (o.openRound) ixs.push(await buildOpenRoundIx(program, { payer: trader.publicKey, asset: fields.asset, expiryTs: fields.expiryTs, collateralMint: mint }));
      ixs.push(buildEd25519Ix(bs58.decode(quote.signer), Buffer.from(quote.message, 'base64'), bs58.decode(quote.signature)));
      const take = await buildTakeQuoteIx(program, { trader: trader.publicKey, quoteId: o.quoteIdArg ?? fields.quoteId, asset: fields.asset, expiryTs: fields.expiryTs, side: 0, size: 1n, collateralMint: mint });
      // Args layout: discriminator(8) quote_id(16) side(u8 @24) size(u64 LE @25); written raw so no client check interferes.
      take.data.writeUInt8(side, 24);
      take.data.writeBigUInt64LE(size, 25);
      ixs.push(take);
      return send(buildV0Tx(trader.publicKey, fresh(), ixs), [trader]);
    },
    async settle(asset, expiryTs, price, o = {}) {
      const signer = o.signer ?? settler;
      const message = encodeSettlement({
        cluster: 0,
        asset,
        flags: o.flags ?? 0,
        programId: program.programId.toBytes(),
        expiryTs,
        price,
        publishedAtMs: o.publishedAtMs ?? now() * 1000n,
        method: 1,
        sourceCount: 3,
        sourcesHash: Uint8Array.from(randomBytes(32)),
      });
      const settlement = { message: Buffer.from(message).toString('base64'), signature: bs58.encode(signer.sign(message)), signer: bs58.encode(signer.publicKey) };
      const cranker = Keypair.generate();
      fund(ctx.svm, cranker.publicKey);
      const { transaction } = await buildSettleRoundTx({ program, settlement, settlementAuthority: settlement.signer, payer: cranker.publicKey, recentBlockhash: fresh() });
      return send(transaction, [cranker]);
    },
    async claim(position, cranker = admin) {
      return send(await buildClaimTx({ program, feePayer: cranker.publicKey, recentBlockhash: fresh(), position: positionParams(position) }), [cranker]);
    },
    async refund(position, cranker = admin) {
      return send(await buildRefundTx({ program, feePayer: cranker.publicKey, recentBlockhash: fresh(), position: positionParams(position) }), [cranker]);
    },
    async closeQuoteFill(quoteId, payer) {
      return send(await buildCloseQuoteFillTx({ program, feePayer: admin.publicKey, recentBlockhash: fresh(), quoteId, payer }), [admin]);
    },
    async closeRound(asset, expiryTs, opener) {
      return send(await buildCloseRoundTx({ program, feePayer: admin.publicKey, recentBlockhash: fresh(), round: { asset, expiryTs, opener, collateralMint: mint } }), [admin]);
    },
    admin_: adminIxs,
    async updateConfig(p) {
      return adminIxs([await buildUpdateConfigIx(program, { admin: admin.publicKey, ...p })]);
    },
    async raiseEpoch(newEpoch) {
      return adminIxs([await buildRaiseQuoteEpochIx(program, { admin: admin.publicKey, newEpoch })]);
    },
    config,
    round: (asset, expiryTs) => decodeOr(roundPda(asset, expiryTs).address, (d) => decodeRound(program, d)),
    position: (quoteId, trader) => decodeOr(positionPda(quoteId, trader).address, (d) => decodePosition(program, d)),
    balance: (account) => tokenBalance(ctx.svm, account),
    houseVault: () => tokenBalance(ctx.svm, houseVaultPda().address),
    roundVault: (asset, expiryTs) => tokenBalance(ctx.svm, roundVaultPda(roundPda(asset, expiryTs).address).address),
  };
}

export const quoteIdOf = (q: SignedQuote): Uint8Array => Uint8Array.from(Buffer.from(q.quoteId, 'hex'));
export const quoteFillAddress = (q: SignedQuote): PublicKey => quoteFillPda(quoteIdOf(q)).address;
export { FLAG_SIMULATED };
