/**
 * Brings a fresh chain where the exec-trade program is deployed (the local chain, or a local
 * validator after `anchor deploy`) to a tradeable state with the real instructions: a collateral
 * mint, `initialize_config` signed by the program's upgrade authority, and a funded house vault.
 * The faucet gives a trader SOL for fees and collateral to trade with.
 */
import {
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SystemProgram,
  type Connection,
} from '@solana/web3.js';
import {
  MINT_SIZE,
  TOKEN_PROGRAM_ID,
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeMint2Instruction,
  createMintToInstruction,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import {
  buildFundHouseIx,
  buildInitializeConfigIx,
  buildRaiseQuoteEpochIx,
  createExecTradeProgram,
  type RiskLimits,
  type RoundScheduleEntry,
} from '../client/index.js';
import { ChainSendError, sendAndConfirm } from './send.js';
import { EngineError } from '../lib/errors.js';

export interface ProvisionOptions {
  readonly connection: Connection;
  readonly programId?: PublicKey;
  /** The program's upgrade authority; becomes the config admin and funds the house. */
  readonly admin: Keypair;
  /** Authority of the collateral mint created here (the faucet mints with it). */
  readonly mintAuthority: Keypair;
  readonly oracleAuthority: PublicKey;
  readonly settlementAuthority: PublicKey;
  readonly allowSimulated: boolean;
  readonly limits: RiskLimits;
  readonly roundSchedule: readonly RoundScheduleEntry[];
  readonly refundGraceSec: bigint;
  /** Collateral atoms minted to the admin and deposited into the house vault. */
  readonly houseFunding: bigint;
  /** Raise the new config's quote epoch (0) to this one, one step at a time (at most 16). Default 0. */
  readonly quoteEpoch?: bigint;
  readonly decimals?: number;
}

export interface Provisioned {
  readonly collateralMint: PublicKey;
  readonly signatures: readonly string[];
}

async function airdrop(connection: Connection, to: PublicKey, lamports: number): Promise<string> {
  const signature = await connection.requestAirdrop(to, lamports);
  const latest = await connection.getLatestBlockhash('confirmed');
  await connection.confirmTransaction({ signature, ...latest }, 'confirmed');
  return signature;
}

/** Creates a classic SPL mint with `authority` as mint authority. */
export async function createCollateralMint(connection: Connection, payer: Keypair, authority: PublicKey, decimals: number): Promise<PublicKey> {
  const mint = Keypair.generate();
  const lamports = await connection.getMinimumBalanceForRentExemption(MINT_SIZE);
  await sendAndConfirm(
    connection,
    payer,
    [
      SystemProgram.createAccount({ fromPubkey: payer.publicKey, newAccountPubkey: mint.publicKey, lamports, space: MINT_SIZE, programId: TOKEN_PROGRAM_ID }),
      createInitializeMint2Instruction(mint.publicKey, decimals, authority, null),
    ],
    [mint],
    'create collateral mint',
  );
  return mint.publicKey;
}

export async function provisionExecTrade(o: ProvisionOptions): Promise<Provisioned> {
  const { connection, admin } = o;
  const program = createExecTradeProgram(connection, o.programId);
  await airdrop(connection, admin.publicKey, 100 * LAMPORTS_PER_SOL);
  await airdrop(connection, o.mintAuthority.publicKey, 10 * LAMPORTS_PER_SOL);
  const collateralMint = await createCollateralMint(connection, admin, o.mintAuthority.publicKey, o.decimals ?? 6);
  const signatures: string[] = [];
  signatures.push(
    await sendAndConfirm(
      connection,
      admin,
      [
        await buildInitializeConfigIx(program, {
          admin: admin.publicKey,
          collateralMint,
          oracleAuthority: o.oracleAuthority,
          settlementAuthority: o.settlementAuthority,
          allowSimulated: o.allowSimulated,
          limits: o.limits,
          roundSchedule: o.roundSchedule,
          refundGraceSec: o.refundGraceSec,
        }),
      ],
      [],
      'initialize_config',
    ),
  );
  const epoch = o.quoteEpoch ?? 0n;
  if (epoch > 16n) throw new ChainSendError(`provision: quote epoch ${epoch} is more than 16 raises away from 0`);
  for (let e = 1n; e <= epoch; e++) {
    signatures.push(await sendAndConfirm(connection, admin, [await buildRaiseQuoteEpochIx(program, { admin: admin.publicKey, newEpoch: e })], [], 'raise_quote_epoch'));
  }
  if (o.houseFunding > 0n) {
    const adminAta = getAssociatedTokenAddressSync(collateralMint, admin.publicKey);
    signatures.push(
      await sendAndConfirm(
        connection,
        admin,
        [
          createAssociatedTokenAccountIdempotentInstruction(admin.publicKey, adminAta, admin.publicKey, collateralMint),
          createMintToInstruction(collateralMint, adminAta, o.mintAuthority.publicKey, o.houseFunding),
          await buildFundHouseIx(program, { authority: admin.publicKey, amount: o.houseFunding, collateralMint }),
        ],
        [o.mintAuthority],
        'fund_house',
      ),
    );
  }
  return { collateralMint, signatures };
}

export interface FaucetGrant {
  readonly trader: PublicKey;
  readonly tokenAccount: PublicKey;
  readonly lamports: number;
  readonly collateral: bigint;
  readonly signature: string;
}

/** The faucet's refusal of an address that is not a wallet (HTTP 400 through POST /v1/faucet). */
export class NotAWalletError extends EngineError {
  constructor(trader: PublicKey, what: string) {
    super('EXEC_ERR_BAD_TRADER', `${trader.toBase58()} is ${what}, not a wallet: the faucet funds wallets (system-owned keys)`, { statusCode: 400 });
    this.name = 'NotAWalletError';
  }
}

/** Throws NotAWalletError unless `trader` is a key the system program owns, or has no account yet. */
async function assertWallet(connection: Connection, trader: PublicKey): Promise<void> {
  const info = await connection.getAccountInfo(trader, 'confirmed');
  if (info === null || (info.owner.equals(SystemProgram.programId) && !info.executable)) return;
  throw new NotAWalletError(trader, info.executable ? 'a program' : `an account owned by ${info.owner.toBase58()}`);
}

/**
 * Airdrops `lamports` to `trader` and mints `collateral` atoms into its associated token account
 * (created if missing). `signature` is the mint's transaction, or the airdrop's without collateral.
 * Refuses (NotAWalletError) an address that is a program or an account of another program.
 */
export async function fundTrader(
  connection: Connection,
  collateralMint: PublicKey,
  mintAuthority: Keypair,
  trader: PublicKey,
  lamports: number,
  collateral: bigint,
): Promise<FaucetGrant> {
  await assertWallet(connection, trader);
  const airdropped = lamports > 0 ? await airdrop(connection, trader, lamports) : null;
  const tokenAccount = getAssociatedTokenAddressSync(collateralMint, trader, true);
  if (collateral === 0n) return { trader, tokenAccount, lamports, collateral, signature: airdropped ?? '' };
  const signature = await sendAndConfirm(
    connection,
    mintAuthority,
    [
      createAssociatedTokenAccountIdempotentInstruction(mintAuthority.publicKey, tokenAccount, trader, collateralMint),
      createMintToInstruction(collateralMint, tokenAccount, mintAuthority.publicKey, collateral),
    ],
    [],
    'faucet mint',
  );
  return { trader, tokenAccount, lamports, collateral, signature };
}
