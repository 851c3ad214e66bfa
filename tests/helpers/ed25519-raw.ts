/**
 * Hand-built Ed25519-program instructions for attacks the client refuses to build (its
 * buildEd25519Ix accepts only the canonical layout): offsets moved inside the instruction (the
 * Relay layout), instruction indices aimed at another instruction, several signatures.
 */
import { TransactionInstruction } from '@solana/web3.js';
import { ED25519_PROGRAM_ID } from '../../engine/src/client/index.js';

/** "This instruction" in an offsets record. */
export const SELF = 0xffff;

/** One 14-byte `Ed25519SignatureOffsets` record (offsets into the data of the named instruction). */
export interface SignatureRecord {
  readonly signatureOffset: number;
  readonly signatureIndex: number;
  readonly publicKeyOffset: number;
  readonly publicKeyIndex: number;
  readonly messageOffset: number;
  readonly messageSize: number;
  readonly messageIndex: number;
}

/** `[count, padding, records…, payload]`: exactly what the bytes say, nothing checked. */
export function rawEd25519Ix(records: readonly SignatureRecord[], payload: Uint8Array): TransactionInstruction {
  const head = Buffer.alloc(2 + 14 * records.length);
  head.writeUInt8(records.length, 0);
  records.forEach((r, i) => {
    const o = 2 + 14 * i;
    head.writeUInt16LE(r.signatureOffset, o);
    head.writeUInt16LE(r.signatureIndex, o + 2);
    head.writeUInt16LE(r.publicKeyOffset, o + 4);
    head.writeUInt16LE(r.publicKeyIndex, o + 6);
    head.writeUInt16LE(r.messageOffset, o + 8);
    head.writeUInt16LE(r.messageSize, o + 10);
    head.writeUInt16LE(r.messageIndex, o + 12);
  });
  return new TransactionInstruction({ programId: ED25519_PROGRAM_ID, keys: [], data: Buffer.concat([head, Buffer.from(payload)]) });
}

/** A signed payload: key, signature and message laid out back to back from `start`. */
export function signedBlock(start: number, publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array, index = SELF): { record: SignatureRecord; bytes: Buffer } {
  return {
    record: {
      publicKeyOffset: start,
      publicKeyIndex: index,
      signatureOffset: start + 32,
      signatureIndex: index,
      messageOffset: start + 96,
      messageSize: message.length,
      messageIndex: index,
    },
    bytes: Buffer.concat([Buffer.from(publicKey), Buffer.from(signature), Buffer.from(message)]),
  };
}
