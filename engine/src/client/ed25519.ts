/**
 * The Ed25519-program instruction that carries a signed quote or settlement
 * (docs/quote-format.md "The Ed25519 instruction that carries them"). Built with web3.js
 * `Ed25519Program.createInstructionWithPublicKey` and checked byte for byte against the layout the
 * program pins: one signature, key at 16, signature at 48, message at 112, all indices 0xFFFF.
 * Keep every use of the precompile behind this module so a CPI-able verifier can replace it.
 */
import { Ed25519Program, PublicKey, TransactionInstruction } from '@solana/web3.js';
import { ED25519_PROGRAM_ID } from './constants.js';
import { Ed25519LayoutError } from './errors.js';

export const ED25519_HEADER_LEN = 16;
export const ED25519_PUBKEY_OFFSET = 16;
export const ED25519_SIGNATURE_OFFSET = 48;
export const ED25519_MESSAGE_OFFSET = 112;
export const ED25519_THIS_INSTRUCTION = 0xffff;

export interface Ed25519Offsets {
  readonly numSignatures: number;
  readonly padding: number;
  readonly signatureOffset: number;
  readonly signatureInstructionIndex: number;
  readonly publicKeyOffset: number;
  readonly publicKeyInstructionIndex: number;
  readonly messageDataOffset: number;
  readonly messageDataSize: number;
  readonly messageInstructionIndex: number;
}

export interface Ed25519Payload {
  readonly publicKey: Uint8Array;
  readonly signature: Uint8Array;
  readonly message: Uint8Array;
}

export function readEd25519Offsets(data: Uint8Array): Ed25519Offsets {
  if (data.length < ED25519_HEADER_LEN) throw new Ed25519LayoutError(`ed25519 data is ${data.length} bytes, header needs 16`);
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (o: number): number => v.getUint16(o, true);
  return {
    numSignatures: data[0]!,
    padding: data[1]!,
    signatureOffset: u16(2),
    signatureInstructionIndex: u16(4),
    publicKeyOffset: u16(6),
    publicKeyInstructionIndex: u16(8),
    messageDataOffset: u16(10),
    messageDataSize: u16(12),
    messageInstructionIndex: u16(14),
  };
}

/**
 * The client-side twin of the program's check: exactly the canonical layout for a message of
 * `messageLen` bytes. Returns the key, signature and message it carries.
 */
export function parseCanonicalEd25519Data(data: Uint8Array, messageLen: number): Ed25519Payload {
  const o = readEd25519Offsets(data);
  const problems: string[] = [];
  if (data.length !== ED25519_MESSAGE_OFFSET + messageLen) problems.push(`length ${data.length} != ${ED25519_MESSAGE_OFFSET + messageLen}`);
  if (o.numSignatures !== 1) problems.push(`num_signatures ${o.numSignatures} != 1`);
  if (o.padding !== 0) problems.push(`padding ${o.padding} != 0`);
  if (o.signatureOffset !== ED25519_SIGNATURE_OFFSET) problems.push(`signature_offset ${o.signatureOffset}`);
  if (o.publicKeyOffset !== ED25519_PUBKEY_OFFSET) problems.push(`public_key_offset ${o.publicKeyOffset}`);
  if (o.messageDataOffset !== ED25519_MESSAGE_OFFSET) problems.push(`message_data_offset ${o.messageDataOffset}`);
  if (o.messageDataSize !== messageLen) problems.push(`message_data_size ${o.messageDataSize} != ${messageLen}`);
  for (const [k, idx] of [
    ['signature', o.signatureInstructionIndex],
    ['public_key', o.publicKeyInstructionIndex],
    ['message', o.messageInstructionIndex],
  ] as const) {
    if (idx !== ED25519_THIS_INSTRUCTION) problems.push(`${k}_instruction_index ${idx} != 0xFFFF`);
  }
  if (problems.length > 0) throw new Ed25519LayoutError(`non-canonical ed25519 instruction: ${problems.join(', ')}`);
  return {
    publicKey: data.slice(ED25519_PUBKEY_OFFSET, ED25519_SIGNATURE_OFFSET),
    signature: data.slice(ED25519_SIGNATURE_OFFSET, ED25519_MESSAGE_OFFSET),
    message: data.slice(ED25519_MESSAGE_OFFSET),
  };
}

/** Build the Ed25519-program instruction for `message` signed by `signer`; throws if web3.js ever lays it out differently. */
export function buildEd25519Ix(signer: PublicKey | Uint8Array, message: Uint8Array, signature: Uint8Array): TransactionInstruction {
  const publicKey = signer instanceof PublicKey ? signer.toBytes() : signer;
  if (publicKey.length !== 32) throw new Ed25519LayoutError(`public key must be 32 bytes, got ${publicKey.length}`);
  if (signature.length !== 64) throw new Ed25519LayoutError(`signature must be 64 bytes, got ${signature.length}`);
  if (message.length === 0 || message.length > 0xffff) throw new Ed25519LayoutError(`message length ${message.length} out of range`);
  const ix = Ed25519Program.createInstructionWithPublicKey({ publicKey, message, signature });
  if (!ix.programId.equals(ED25519_PROGRAM_ID)) throw new Ed25519LayoutError(`unexpected program id ${ix.programId.toBase58()}`);
  if (ix.keys.length !== 0) throw new Ed25519LayoutError('ed25519 instruction must take no accounts');
  const payload = parseCanonicalEd25519Data(Uint8Array.from(ix.data), message.length);
  const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
  if (!same(payload.publicKey, publicKey) || !same(payload.signature, signature) || !same(payload.message, message)) {
    throw new Ed25519LayoutError('ed25519 instruction payload does not round-trip');
  }
  return ix;
}
