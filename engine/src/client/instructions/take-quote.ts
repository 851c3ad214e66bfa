/**
 * take_quote(quote_id, side, size): fill a verified v1 quote; take_quote_v2(args): fill leaf
 * `leafIndex` of a signed v2 ladder at no more than `maxPrice`. Each must follow the Ed25519
 * instruction over its signed message (the quote, or the ladder root). Both take the same accounts.
 */
import { type PublicKey, SYSVAR_INSTRUCTIONS_PUBKEY, SystemProgram, type TransactionInstruction } from '@solana/web3.js';
import { TOKEN_PROGRAM_ID } from '@solana/spl-token';
import type { ExecTradeProgram } from '../program.js';
import { eventAuthorityPda } from '../program.js';
import { associatedTokenAddress, configPda, exposurePda, houseVaultPda, positionPda, quoteFillPda, roundPda, roundVaultPda } from '../pdas.js';
import { SIDE_DOWN, SIDE_UP } from '../constants.js';
import { InvalidArgumentError } from '../errors.js';
import { LADDER_LEAF_LEN } from '../ladder.js';
import { bytesArg, quoteIdArg, u16, u32, u64, u8 } from './args.js';

export interface TakeQuoteIxParams {
  readonly trader: PublicKey;
  readonly quoteId: Uint8Array;
  readonly asset: number;
  readonly expiryTs: bigint;
  readonly side: number;
  readonly size: bigint;
  readonly collateralMint: PublicKey;
  /** Defaults to the trader's associated token account for the mint. */
  readonly traderToken?: PublicKey;
}

function checkSideSize(p: TakeQuoteIxParams): void {
  if (p.side !== SIDE_UP && p.side !== SIDE_DOWN) throw new InvalidArgumentError(`side must be ${SIDE_UP} (up) or ${SIDE_DOWN} (down), got ${p.side}`);
  if (p.size <= 0n) throw new InvalidArgumentError('size must be positive');
}

function takeAccounts(pid: PublicKey, p: TakeQuoteIxParams) {
  const round = roundPda(p.asset, p.expiryTs, pid).address;
  return {
    trader: p.trader,
    config: configPda(pid).address,
    round,
    roundVault: roundVaultPda(round, pid).address,
    houseVault: houseVaultPda(pid).address,
    quoteFill: quoteFillPda(p.quoteId, pid).address,
    position: positionPda(p.quoteId, p.trader, pid).address,
    exposure: exposurePda(round, p.trader, pid).address,
    traderToken: p.traderToken ?? associatedTokenAddress(p.collateralMint, p.trader),
    collateralMint: p.collateralMint,
    instructionsSysvar: SYSVAR_INSTRUCTIONS_PUBKEY,
    tokenProgram: TOKEN_PROGRAM_ID,
    systemProgram: SystemProgram.programId,
    eventAuthority: eventAuthorityPda(pid),
    program: pid,
  };
}

export async function buildTakeQuoteIx(program: ExecTradeProgram, p: TakeQuoteIxParams): Promise<TransactionInstruction> {
  checkSideSize(p);
  return program.methods
    .takeQuote(quoteIdArg(p.quoteId), u8(p.side, 'side'), u64(p.size, 'size'))
    .accountsStrict(takeAccounts(program.programId, p))
    .instruction();
}

export interface TakeQuoteV2IxParams extends TakeQuoteIxParams {
  readonly leafIndex: number;
  /** The leaf's 60 bytes, exactly as hashed into the signed ladder. */
  readonly leaf: Uint8Array;
  /** Sibling hashes (32 bytes each) from the leaf up to the root. */
  readonly proof: readonly Uint8Array[];
  /** The highest price (probability micro-units) the taker accepts once the quote has aged. */
  readonly maxPrice: bigint;
}

export async function buildTakeQuoteV2Ix(program: ExecTradeProgram, p: TakeQuoteV2IxParams): Promise<TransactionInstruction> {
  checkSideSize(p);
  if (p.maxPrice < 0n || p.maxPrice > 0xffff_ffffn) throw new InvalidArgumentError(`maxPrice must be a u32, got ${p.maxPrice}`);
  const args = {
    quoteId: quoteIdArg(p.quoteId),
    leafIndex: u16(p.leafIndex, 'leafIndex'),
    leaf: bytesArg(p.leaf, LADDER_LEAF_LEN, 'leaf'),
    proof: p.proof.map((h, i) => bytesArg(h, 32, `proof[${i}]`)),
    side: u8(p.side, 'side'),
    size: u64(p.size, 'size'),
    maxPrice: u32(Number(p.maxPrice), 'maxPrice'),
  };
  return program.methods
    .takeQuoteV2(args)
    .accountsStrict(takeAccounts(program.programId, p))
    .instruction();
}
