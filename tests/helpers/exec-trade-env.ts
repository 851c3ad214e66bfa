/**
 * A deployed exec-trade for program-level tests, executed natively: every environment is its own
 * local chain (programs/exec-trade-bank: the program compiled for the host in a real
 * solana-program-test bank with the real Ed25519 precompile and SPL Token program), reached only
 * through JSON-RPC with @solana/web3.js and the client SDK, exactly as a real client would.
 *
 * The chain clock is frozen at creation and moves only when a test moves it (`advance`,
 * `setTime`), so time-dependent outcomes are deterministic. Transactions are sent with
 * skipPreflight, so a failing one lands (fee charged) and its structured error is read back from
 * getTransaction, as on a validator.
 */
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { LangErrorCode } from '@coral-xyz/anchor';
import { Keypair, PublicKey, TransactionMessage, VersionedTransaction, type Connection, type TransactionInstruction } from '@solana/web3.js';
import { AccountLayout, TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { createSigner, type Ed25519Signer } from '../../engine/src/signer/sign.js';
import { signQuote } from '../../engine/src/signer/signed-quote.js';
import { FLAG_SIMULATED, decodeQuote, encodeSettlement, type QuoteFields } from '../../engine/src/client/quote-message.js';
import {
  ASSET_IDS,
  buildAcceptAdminIx,
  buildClaimTx,
  buildCloseQuoteFillTx,
  buildCloseRoundTx,
  buildEd25519Ix,
  buildOpenRoundIx,
  buildRaiseQuoteEpochIx,
  buildRefundTx,
  buildSettleRoundTx,
  buildTakeQuoteIx,
  buildTakeQuoteTx,
  buildUpdateConfigIx,
  buildV0Tx,
  buildWithdrawHouseIx,
  configPda,
  createExecTradeProgram,
  customCodeOf,
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
  type ExecTradeProgram,
  type PositionAccount,
  type RiskLimits,
  type RoundAccount,
  type RoundScheduleEntry,
  type SideName,
  type SignedQuote,
  type UpdateConfigParams,
} from '../../engine/src/client/index.js';
import { LocalChain } from '../../engine/src/chain/local-chain.js';
import { fundTrader, provisionExecTrade } from '../../engine/src/chain/provision.js';

export const CLOSE_OFFSET_SEC = 10n; // 60 s rounds
export const LONG_CLOSE_OFFSET_SEC = 30n; // 300 s rounds: a 5-minute boundary closes 30 s early
export const SCHEDULE: readonly RoundScheduleEntry[] = [
  { durationSec: 60, closeOffsetSec: Number(CLOSE_OFFSET_SEC) },
  { durationSec: 300, closeOffsetSec: Number(LONG_CLOSE_OFFSET_SEC) },
];
export const REFUND_GRACE_SEC = 600n;
export const HOUSE_FUNDING = 1_000_000_000_000n;
export const LIMITS: RiskLimits = {
  minPositionSize: 1_000_000n,
  maxPositionSize: 500_000_000n,
  maxRoundNetPayout: 2_000_000_000n,
  maxWalletRoundSize: 800_000_000n,
};
export const TRADER_COLLATERAL = 10_000_000_000n;

export type TxOutcome =
  | { readonly ok: true; readonly signature: string; readonly logs: readonly string[] }
  | {
      readonly ok: false;
      readonly signature: string | null;
      readonly logs: readonly string[];
      /** Index of the failing instruction, when the error is an InstructionError. */
      readonly index: number | null;
      /** `Custom(n)` code, when the instruction error is custom (precompile or program). */
      readonly custom: number | null;
      readonly text: string;
    };

export interface EnvOptions {
  readonly allowSimulated?: boolean;
  readonly limits?: RiskLimits;
  readonly roundSchedule?: readonly RoundScheduleEntry[];
  readonly refundGraceSec?: bigint;
  /** false: a bare chain (program deployed, nothing initialized). Default true. */
  readonly provision?: boolean;
}

export interface Trader {
  readonly kp: Keypair;
  readonly ata: PublicKey;
}

/** The custom code of `name`: an exec-trade error (IDL) or an Anchor framework error (`LangErrorCode`). */
export function codeOf(name: string): number {
  const e = programErrorByName(name);
  if (e) return e.programCode;
  const lang = (LangErrorCode as Record<string, number>)[name];
  if (lang === undefined) throw new Error(`no program error named ${name} in the IDL or Anchor's LangErrorCode`);
  return lang;
}

/** The failing instruction must be `programIx` with the named program error. */
export function expectProgramError(outcome: TxOutcome, name: string, programIx: number): void {
  if (outcome.ok) throw new Error(`expected ${name}, but the transaction succeeded`);
  if (outcome.index !== programIx || outcome.custom !== codeOf(name)) {
    throw new Error(`expected ${name} (${codeOf(name)}) at instruction ${programIx}, got ${outcome.text}\n${outcome.logs.join('\n')}`);
  }
}

export function expectOk(outcome: TxOutcome): asserts outcome is Extract<TxOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`transaction failed: ${outcome.text}\n${outcome.logs.join('\n')}`);
}

/** Signs, sends (skipPreflight) and reads back the landed result. */
export async function sendTx(connection: Connection, tx: VersionedTransaction, signers: Keypair[]): Promise<TxOutcome> {
  if (signers.length > 0) tx.sign(signers);
  let signature: string;
  try {
    signature = await connection.sendTransaction(tx, { skipPreflight: true });
  } catch (err) {
    const logs = (err as { logs?: string[] }).logs ?? [];
    return { ok: false, signature: null, logs, index: null, custom: null, text: (err as Error).message };
  }
  const landed = await connection.getTransaction(signature, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 });
  if (!landed?.meta) return { ok: false, signature, logs: [], index: null, custom: null, text: `transaction ${signature} not found after sending` };
  const logs = landed.meta.logMessages ?? [];
  if (landed.meta.err === null) return { ok: true, signature, logs };
  const structured = customCodeOf(landed.meta.err);
  const ie = (landed.meta.err as { InstructionError?: [number, unknown] }).InstructionError;
  return { ok: false, signature, logs, index: ie ? ie[0] : null, custom: structured?.code ?? null, text: JSON.stringify(landed.meta.err) };
}

export interface Env {
  readonly chain: LocalChain;
  readonly connection: Connection;
  readonly program: ExecTradeProgram;
  /** The program's upgrade authority and the config admin. */
  readonly admin: Keypair;
  readonly mintAuthority: Keypair;
  readonly mint: PublicKey;
  readonly oracle: Ed25519Signer;
  readonly settler: Ed25519Signer;
  /** Collateral atoms minted so far (house funding + traders), for conservation checks. */
  minted(): bigint;
  now(): Promise<bigint>;
  /** Moves the (frozen) chain clock forward by `seconds`; resolves with the new time. */
  advance(seconds: bigint): Promise<bigint>;
  /** Sets the chain clock to `unixTs` (never back), frozen there. */
  setTime(unixTs: bigint): Promise<bigint>;
  /** The next 60-second expiry at least `minutesAhead` minutes away that is not a 5-minute boundary. */
  expiry(minutesAhead?: bigint): Promise<bigint>;
  /** A trader with 10 SOL and `collateral` atoms in its ATA (0: the ATA is not created). */
  newTrader(collateral?: bigint): Promise<Trader>;
  quote(over?: Partial<QuoteFields>, signer?: Ed25519Signer): Promise<SignedQuote>;
  take(trader: Keypair, quote: SignedQuote, side: SideName, size: bigint, opts?: { openRound?: boolean; tamper?: (tx: VersionedTransaction) => void }): Promise<TxOutcome>;
  /** take_quote built from the instruction builders directly: no client-side checks at all. */
  takeRaw(trader: Keypair, quote: SignedQuote, side: number, size: bigint, opts?: { quoteIdArg?: Uint8Array; openRound?: boolean; ed25519?: TransactionInstruction; extra?: TransactionInstruction[] }): Promise<TxOutcome>;
  settle(asset: number, expiryTs: bigint, price: bigint, opts?: { publishedAtMs?: bigint; signer?: Ed25519Signer; flags?: number }): Promise<TxOutcome>;
  claim(position: PositionAccount, cranker?: Keypair): Promise<TxOutcome>;
  refund(position: PositionAccount, cranker?: Keypair): Promise<TxOutcome>;
  closeQuoteFill(quoteId: Uint8Array, payer: PublicKey): Promise<TxOutcome>;
  closeRound(asset: number, expiryTs: bigint, opener: PublicKey): Promise<TxOutcome>;
  /** open_round alone, paid by `payer` (default: the admin). */
  openRound(asset: number, expiryTs: bigint, payer?: Keypair): Promise<TxOutcome>;
  /** withdraw_house of `amount` to the signer's collateral ATA. */
  withdrawHouse(amount: bigint, admin?: Keypair): Promise<TxOutcome>;
  /** Sends `ixs` signed by `payer` (default: the admin) and `extra`. */
  send(ixs: TransactionInstruction[], payer?: Keypair, extra?: Keypair[]): Promise<TxOutcome>;
  updateConfig(p: Omit<UpdateConfigParams, 'admin'>, admin?: Keypair): Promise<TxOutcome>;
  acceptAdmin(pending: Keypair): Promise<TxOutcome>;
  raiseEpoch(newEpoch: bigint, admin?: Keypair): Promise<TxOutcome>;
  config(): Promise<ConfigAccount>;
  round(asset: number, expiryTs: bigint): Promise<RoundAccount | null>;
  position(quoteId: Uint8Array, trader: PublicKey): Promise<PositionAccount | null>;
  accountExists(address: PublicKey): Promise<boolean>;
  balance(tokenAccount: PublicKey): Promise<bigint>;
  houseVault(): Promise<bigint>;
  roundVault(asset: number, expiryTs: bigint): Promise<bigint>;
  /** Every collateral token account of the mint and its balance. */
  tokenAccounts(): Promise<Map<string, bigint>>;
  stop(): Promise<void>;
}

const active = new Set<Env>();

/** Stops every environment created so far (afterAll / afterEach). */
export async function stopEnvs(): Promise<void> {
  await Promise.all([...active].map((e) => e.stop()));
}

export async function createEnv(opts: EnvOptions = {}): Promise<Env> {
  const admin = Keypair.generate();
  const mintAuthority = Keypair.generate();
  const oracle = createSigner(randomBytes(32));
  const settler = createSigner(randomBytes(32));
  const chain = await LocalChain.start({ upgradeAuthority: admin.publicKey });
  const connection = chain.connection;
  const program = createExecTradeProgram(connection);
  await chain.freezeClock(); // where it stands, atomically on the chain (no read-then-set race)

  let mint = PublicKey.default;
  let minted = 0n;
  if (opts.provision ?? true) {
    const houseFunding = HOUSE_FUNDING;
    const p = await provisionExecTrade({
      connection,
      admin,
      mintAuthority,
      oracleAuthority: new PublicKey(oracle.publicKey),
      settlementAuthority: new PublicKey(settler.publicKey),
      allowSimulated: opts.allowSimulated ?? false,
      limits: opts.limits ?? LIMITS,
      roundSchedule: opts.roundSchedule ?? SCHEDULE,
      refundGraceSec: opts.refundGraceSec ?? REFUND_GRACE_SEC,
      houseFunding,
    });
    mint = p.collateralMint;
    minted += houseFunding;
  }

  const now = async (): Promise<bigint> => BigInt((await chain.getClock()).unixTimestamp);
  const data = async (address: PublicKey): Promise<Buffer | null> => (await connection.getAccountInfo(address, 'confirmed'))?.data ?? null;
  const decodeOr = async <T>(address: PublicKey, decode: (d: Buffer) => T): Promise<T | null> => {
    const d = await data(address);
    return d && d.length > 0 ? decode(d) : null;
  };
  const config = async (): Promise<ConfigAccount> => {
    const c = await decodeOr(configPda().address, (d) => decodeConfig(program, d));
    if (!c) throw new Error('config account missing');
    return c;
  };
  const balance = async (account: PublicKey): Promise<bigint> => {
    const d = await data(account);
    if (!d) throw new Error(`token account ${account.toBase58()} does not exist`);
    return AccountLayout.decode(d).amount;
  };
  const blockhash = async (): Promise<string> => (await connection.getLatestBlockhash('confirmed')).blockhash;
  const send = async (ixs: TransactionInstruction[], payer: Keypair = admin, extra: Keypair[] = []): Promise<TxOutcome> => {
    const message = new TransactionMessage({ payerKey: payer.publicKey, recentBlockhash: await blockhash(), instructions: ixs }).compileToV0Message();
    return sendTx(connection, new VersionedTransaction(message), [payer, ...extra]);
  };
  const crankers = new Map<string, Keypair>();
  const funded = async (kp: Keypair): Promise<Keypair> => {
    if (!crankers.has(kp.publicKey.toBase58())) {
      const sig = await connection.requestAirdrop(kp.publicKey, 10_000_000_000);
      await connection.confirmTransaction({ signature: sig, ...(await connection.getLatestBlockhash()) });
      crankers.set(kp.publicKey.toBase58(), kp);
    }
    return kp;
  };
  crankers.set(admin.publicKey.toBase58(), admin);
  const positionParams = async (p: PositionAccount) => {
    const r = await decodeOr(p.round, (d) => decodeRound(program, d));
    if (!r) throw new Error('position round missing');
    return { quoteId: p.quoteId, trader: p.trader, asset: r.asset, expiryTs: r.expiryTs, collateralMint: mint, payer: p.payer };
  };

  const env: Env = {
    chain,
    connection,
    program,
    admin,
    mintAuthority,
    get mint() {
      return mint;
    },
    oracle,
    settler,
    minted: () => minted,
    now,
    async advance(seconds) {
      return BigInt((await chain.advanceClock(Number(seconds))).unixTimestamp);
    },
    async setTime(unixTs) {
      const c = await chain.setClock(Number(unixTs), false);
      if (BigInt(c.unixTimestamp) !== unixTs) throw new Error(`clock is ${c.unixTimestamp}, wanted ${unixTs}`);
      return unixTs;
    },
    async expiry(minutesAhead = 2n) {
      let e = ((await now()) / 60n + minutesAhead) * 60n;
      if (e % 300n === 0n) e += 60n;
      return e;
    },
    async newTrader(collateral = TRADER_COLLATERAL) {
      const kp = Keypair.generate();
      const grant = await fundTrader(connection, mint, mintAuthority, kp.publicKey, 10_000_000_000, collateral);
      minted += collateral;
      return { kp, ata: grant.tokenAccount };
    },
    async quote(over = {}, signer = oracle) {
      const t = await now();
      const expiryTs = over.expiryTs ?? (await env.expiry());
      const fields: QuoteFields = {
        cluster: 0,
        asset: 1,
        flags: 0,
        programId: program.programId.toBytes(),
        quoteId: Uint8Array.from(randomBytes(16)),
        epoch: (await config()).quoteEpoch,
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
      const openRound = o.openRound ?? (await data(roundPda(ASSET_IDS[quote.asset as AssetName], BigInt(quote.expiryTs)).address)) === null;
      const built = await buildTakeQuoteTx({
        program,
        quote,
        oracleAuthority: quote.signer,
        trader: trader.publicKey,
        side,
        size,
        collateralMint: mint,
        recentBlockhash: await blockhash(),
        openRound,
        nowMs: 0, // the client-side expiry check is bypassed on purpose: the program must enforce it
      });
      o.tamper?.(built.transaction);
      return sendTx(connection, built.transaction, [trader]);
    },
    async takeRaw(trader, quote, side, size, o = {}) {
      const fields = decodeQuote(Buffer.from(quote.message, 'base64'));
      const ixs: TransactionInstruction[] = [...(o.extra ?? [])];
      if (o.openRound) ixs.push(await buildOpenRoundIx(program, { payer: trader.publicKey, asset: fields.asset, expiryTs: fields.expiryTs, collateralMint: mint }));
      ixs.push(o.ed25519 ?? buildEd25519Ix(bs58.decode(quote.signer), Buffer.from(quote.message, 'base64'), bs58.decode(quote.signature)));
      const take = await buildTakeQuoteIx(program, { trader: trader.publicKey, quoteId: o.quoteIdArg ?? fields.quoteId, asset: fields.asset, expiryTs: fields.expiryTs, side: 0, size: 1n, collateralMint: mint });
      // Args layout: discriminator(8) quote_id(16) side(u8 @24) size(u64 LE @25); written raw so no client check interferes.
      take.data.writeUInt8(side, 24);
      take.data.writeBigUInt64LE(size, 25);
      ixs.push(take);
      return sendTx(connection, buildV0Tx(trader.publicKey, await blockhash(), ixs), [trader]);
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
        publishedAtMs: o.publishedAtMs ?? (await now()) * 1000n,
        method: 1,
        sourceCount: 3,
        sourcesHash: Uint8Array.from(randomBytes(32)),
      });
      const settlement = { message: Buffer.from(message).toString('base64'), signature: bs58.encode(signer.sign(message)), signer: bs58.encode(signer.publicKey) };
      const cranker = await funded(Keypair.generate());
      const { transaction } = await buildSettleRoundTx({ program, settlement, settlementAuthority: settlement.signer, payer: cranker.publicKey, recentBlockhash: await blockhash() });
      return sendTx(connection, transaction, [cranker]);
    },
    async claim(position, cranker = admin) {
      await funded(cranker);
      return sendTx(connection, await buildClaimTx({ program, feePayer: cranker.publicKey, recentBlockhash: await blockhash(), position: await positionParams(position) }), [cranker]);
    },
    async refund(position, cranker = admin) {
      await funded(cranker);
      return sendTx(connection, await buildRefundTx({ program, feePayer: cranker.publicKey, recentBlockhash: await blockhash(), position: await positionParams(position) }), [cranker]);
    },
    async closeQuoteFill(quoteId, payer) {
      return sendTx(connection, await buildCloseQuoteFillTx({ program, feePayer: admin.publicKey, recentBlockhash: await blockhash(), quoteId, payer }), [admin]);
    },
    async closeRound(asset, expiryTs, opener) {
      return sendTx(connection, await buildCloseRoundTx({ program, feePayer: admin.publicKey, recentBlockhash: await blockhash(), round: { asset, expiryTs, opener, collateralMint: mint } }), [admin]);
    },
    async openRound(asset, expiryTs, payer = admin) {
      return send([await buildOpenRoundIx(program, { payer: payer.publicKey, asset, expiryTs, collateralMint: mint })], await funded(payer));
    },
    async withdrawHouse(amount, signer = admin) {
      return send([await buildWithdrawHouseIx(program, { authority: signer.publicKey, amount, collateralMint: mint })], await funded(signer));
    },
    send,
    async updateConfig(p, signer = admin) {
      return send([await buildUpdateConfigIx(program, { admin: signer.publicKey, ...p })], await funded(signer));
    },
    async acceptAdmin(pending) {
      return send([await buildAcceptAdminIx(program, { pendingAdmin: pending.publicKey })], await funded(pending));
    },
    async raiseEpoch(newEpoch, signer = admin) {
      return send([await buildRaiseQuoteEpochIx(program, { admin: signer.publicKey, newEpoch })], await funded(signer));
    },
    config,
    round: (asset, expiryTs) => decodeOr(roundPda(asset, expiryTs).address, (d) => decodeRound(program, d)),
    position: (quoteId, trader) => decodeOr(positionPda(quoteId, trader).address, (d) => decodePosition(program, d)),
    accountExists: async (address) => (await data(address)) !== null,
    balance,
    houseVault: () => balance(houseVaultPda().address),
    roundVault: (asset, expiryTs) => balance(roundVaultPda(roundPda(asset, expiryTs).address).address),
    async tokenAccounts() {
      const accounts = await connection.getProgramAccounts(TOKEN_PROGRAM_ID, { filters: [{ dataSize: AccountLayout.span }, { memcmp: { offset: 0, bytes: mint.toBase58() } }] });
      return new Map(accounts.map((a) => [a.pubkey.toBase58(), AccountLayout.decode(a.account.data).amount]));
    },
    async stop() {
      active.delete(env);
      await chain.stop();
    },
  };
  active.add(env);
  return env;
}

export const quoteIdOf = (q: SignedQuote): Uint8Array => Uint8Array.from(Buffer.from(q.quoteId, 'hex'));
export const quoteFillAddress = (q: SignedQuote): PublicKey => quoteFillPda(quoteIdOf(q)).address;
export const traderAta = (env: Env, owner: PublicKey): PublicKey => getAssociatedTokenAddressSync(env.mint, owner, true);
export { FLAG_SIMULATED };
