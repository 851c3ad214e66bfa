/**
 * Argument guards for the Anchor coder, which silently zero-fills missing fields, encodes short
 * arrays short and refuses bigints (solana-brief §3.4): every builder validates through these.
 */
import BN from 'bn.js';
import { QUOTE_ID_LEN } from '../constants.js';
import { InvalidArgumentError } from '../errors.js';

// BN straight from bn.js (the class @coral-xyz/anchor re-exports as `BN`): anchor is CommonJS, so
// Node's ESM loader shows BN only on its default export and browser bundles (its ESM build) have no
// default export at all; bn.js's own default import means the same class on Node (ESM and require())
// and in bundlers.
const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

export function u64(v: bigint, name: string): BN {
  if (typeof v !== 'bigint' || v < 0n || v > U64_MAX) throw new InvalidArgumentError(`${name} must be a u64 bigint, got ${String(v)}`);
  return new BN(v.toString());
}

export function i64(v: bigint, name: string): BN {
  if (typeof v !== 'bigint' || v < I64_MIN || v > I64_MAX) throw new InvalidArgumentError(`${name} must be an i64 bigint, got ${String(v)}`);
  return new BN(v.toString());
}

export function u32(v: number, name: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff_ffff) throw new InvalidArgumentError(`${name} must be a u32, got ${v}`);
  return v;
}

export function u16(v: number, name: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new InvalidArgumentError(`${name} must be a u16, got ${v}`);
  return v;
}

/** A fixed-size byte array argument (`[u8; len]`), checked: the coder would encode a short one short. */
export function bytesArg(bytes: Uint8Array, len: number, name: string): number[] {
  if (!(bytes instanceof Uint8Array) || bytes.length !== len) throw new InvalidArgumentError(`${name} must be ${len} bytes`);
  return Array.from(bytes);
}

export function u8(v: number, name: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new InvalidArgumentError(`${name} must be a u8, got ${v}`);
  return v;
}

export function quoteIdArg(quoteId: Uint8Array): number[] {
  return bytesArg(quoteId, QUOTE_ID_LEN, 'quote_id');
}
