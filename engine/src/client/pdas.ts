/**
 * Program-derived addresses of exec-trade (docs: onchain design "Accounts and seeds").
 * Integer seeds are little-endian like Rust's `to_le_bytes()`.
 */
import { PublicKey } from '@solana/web3.js';
import {
  BPF_LOADER_UPGRADEABLE_ID,
  EXEC_TRADE_PROGRAM_ID,
  QUOTE_ID_LEN,
  SEED_CONFIG,
  SEED_EXPOSURE,
  SEED_HOUSE_VAULT,
  SEED_POSITION,
  SEED_QUOTE_FILL,
  SEED_ROUND,
  SEED_ROUND_VAULT,
} from './constants.js';
import { InvalidArgumentError } from './errors.js';
import { bytesToHex } from './encoding.js';
import { ASSOCIATED_TOKEN_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';

export interface Pda {
  readonly address: PublicKey;
  readonly bump: number;
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

/**
 * Derivations are memoised (a derivation costs 0.1–0.4 ms: sha256 and an on-curve check per bump
 * tried; a take derives the same round, vault, exposure and token account again and again). The
 * memo is bounded: it is emptied when it reaches MAX_MEMO entries.
 */
const MAX_MEMO = 4_096;
const memo = new Map<string, Pda>();

function derive(seeds: Uint8Array[], programId: PublicKey): Pda {
  let key = bytesToHex(programId.toBytes());
  for (const seed of seeds) key += `:${bytesToHex(seed)}`;
  let pda = memo.get(key);
  if (pda === undefined) {
    const [address, bump] = PublicKey.findProgramAddressSync(seeds, programId);
    pda = { address, bump };
    if (memo.size >= MAX_MEMO) memo.clear();
    memo.set(key, pda);
  }
  return pda;
}

export function assetSeed(asset: number): Uint8Array {
  if (!Number.isInteger(asset) || asset < 1 || asset > 3) throw new InvalidArgumentError(`asset must be 1..=3, got ${asset}`);
  return Uint8Array.of(asset);
}

export function i64LeSeed(v: bigint | number): Uint8Array {
  const x = BigInt(v);
  if (x < I64_MIN || x > I64_MAX) throw new InvalidArgumentError(`not an i64: ${x}`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, x, true);
  return out;
}

export function quoteIdSeed(quoteId: Uint8Array): Uint8Array {
  if (quoteId.length !== QUOTE_ID_LEN) throw new InvalidArgumentError(`quote_id must be ${QUOTE_ID_LEN} bytes, got ${quoteId.length}`);
  return quoteId;
}

/** 32 lowercase hex chars → 16 bytes. */
export function quoteIdFromHex(hex: string): Uint8Array {
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new InvalidArgumentError(`quote id must be 32 hex chars, got "${hex}"`);
  const out = new Uint8Array(QUOTE_ID_LEN);
  for (let i = 0; i < QUOTE_ID_LEN; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The upgradeable loader's ProgramData account of the program (initialize_config checks its upgrade authority). */
export function programDataPda(programId: PublicKey = EXEC_TRADE_PROGRAM_ID): PublicKey {
  return derive([programId.toBytes()], BPF_LOADER_UPGRADEABLE_ID).address;
}

export function configPda(programId: PublicKey = EXEC_TRADE_PROGRAM_ID): Pda {
  return derive([SEED_CONFIG], programId);
}

export function houseVaultPda(programId: PublicKey = EXEC_TRADE_PROGRAM_ID): Pda {
  return derive([SEED_HOUSE_VAULT], programId);
}

export function roundPda(asset: number, expiryTs: bigint | number, programId: PublicKey = EXEC_TRADE_PROGRAM_ID): Pda {
  return derive([SEED_ROUND, assetSeed(asset), i64LeSeed(expiryTs)], programId);
}

export function roundVaultPda(round: PublicKey, programId: PublicKey = EXEC_TRADE_PROGRAM_ID): Pda {
  return derive([SEED_ROUND_VAULT, round.toBytes()], programId);
}

export function quoteFillPda(quoteId: Uint8Array, programId: PublicKey = EXEC_TRADE_PROGRAM_ID): Pda {
  return derive([SEED_QUOTE_FILL, quoteIdSeed(quoteId)], programId);
}

export function positionPda(quoteId: Uint8Array, trader: PublicKey, programId: PublicKey = EXEC_TRADE_PROGRAM_ID): Pda {
  return derive([SEED_POSITION, quoteIdSeed(quoteId), trader.toBytes()], programId);
}

/** The associated token account of `owner` for `mint` (spl-token's address, owner may be off curve). */
export function associatedTokenAddress(mint: PublicKey, owner: PublicKey): PublicKey {
  return derive([owner.toBytes(), TOKEN_PROGRAM_ID.toBytes(), mint.toBytes()], ASSOCIATED_TOKEN_PROGRAM_ID).address;
}

export function exposurePda(round: PublicKey, trader: PublicKey, programId: PublicKey = EXEC_TRADE_PROGRAM_ID): Pda {
  return derive([SEED_EXPOSURE, round.toBytes(), trader.toBytes()], programId);
}
