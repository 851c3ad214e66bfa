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

export interface Pda {
  readonly address: PublicKey;
  readonly bump: number;
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

function derive(seeds: Uint8Array[], programId: PublicKey): Pda {
  const [address, bump] = PublicKey.findProgramAddressSync(seeds, programId);
  return { address, bump };
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
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

// The seed-only PDAs are derived once per program id (a derivation costs 0.1–0.4 ms).
const constantPdas = new Map<string, Pda>();
function constantPda(name: string, seed: Uint8Array, programId: PublicKey, owner: PublicKey = programId): Pda {
  const key = `${name}:${programId.toBase58()}`;
  let pda = constantPdas.get(key);
  if (!pda) constantPdas.set(key, (pda = derive([seed], owner)));
  return pda;
}

/** The upgradeable loader's ProgramData account of the program (initialize_config checks its upgrade authority). */
export function programDataPda(programId: PublicKey = EXEC_TRADE_PROGRAM_ID): PublicKey {
  return constantPda('program_data', programId.toBytes(), programId, BPF_LOADER_UPGRADEABLE_ID).address;
}

export function configPda(programId: PublicKey = EXEC_TRADE_PROGRAM_ID): Pda {
  return constantPda('config', SEED_CONFIG, programId);
}

export function houseVaultPda(programId: PublicKey = EXEC_TRADE_PROGRAM_ID): Pda {
  return constantPda('house_vault', SEED_HOUSE_VAULT, programId);
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

export function exposurePda(round: PublicKey, trader: PublicKey, programId: PublicKey = EXEC_TRADE_PROGRAM_ID): Pda {
  return derive([SEED_EXPOSURE, round.toBytes(), trader.toBytes()], programId);
}
