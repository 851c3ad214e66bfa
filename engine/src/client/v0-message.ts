/**
 * Compiles instructions into a v0 message without address lookup tables, byte-identical to
 * web3.js `TransactionMessage#compileToV0Message` (tests/engine/client/v0-message.test.ts checks it
 * on random instruction sets) but without its base58 round trip per account key, which was a third
 * of building a take_quote transaction. Keys are the order web3.js uses: fee payer, then writable
 * signers, readonly signers, writable and readonly non-signers, each in first-seen order.
 */
import { MessageV0, type PublicKey, type TransactionInstruction } from '@solana/web3.js';
import { InvalidArgumentError } from './errors.js';

interface KeyMeta {
  readonly key: PublicKey;
  signer: boolean;
  writable: boolean;
}

const ids = new WeakMap<PublicKey, string>();

/** A PublicKey's 32 bytes as a string, cached per key object (program ids, PDAs and sysvars recur). */
function keyId(key: PublicKey): string {
  let id = ids.get(key);
  if (id === undefined) {
    const bytes = key.toBytes();
    id = '';
    for (let i = 0; i < bytes.length; i++) id += String.fromCharCode(bytes[i] as number);
    ids.set(key, id);
  }
  return id;
}

export function compileV0Message(payer: PublicKey, recentBlockhash: string, instructions: readonly TransactionInstruction[]): MessageV0 {
  const metas = new Map<string, KeyMeta>();
  const meta = (key: PublicKey): KeyMeta => {
    const id = keyId(key);
    let m = metas.get(id);
    if (m === undefined) metas.set(id, (m = { key, signer: false, writable: false }));
    return m;
  };
  const fee = meta(payer);
  fee.signer = true;
  fee.writable = true;
  for (const ix of instructions) {
    meta(ix.programId);
    for (const a of ix.keys) {
      const m = meta(a.pubkey);
      m.signer ||= a.isSigner;
      m.writable ||= a.isWritable;
    }
  }
  const all = [...metas.values()];
  if (all.length > 256) throw new InvalidArgumentError(`a v0 message holds at most 256 account keys, these instructions need ${all.length}`);
  const groups = [
    all.filter((m) => m.signer && m.writable),
    all.filter((m) => m.signer && !m.writable),
    all.filter((m) => !m.signer && m.writable),
    all.filter((m) => !m.signer && !m.writable),
  ] as const;
  const ordered = [...groups[0], ...groups[1], ...groups[2], ...groups[3]];
  const index = new Map<string, number>();
  ordered.forEach((m, i) => index.set(keyId(m.key), i));
  return new MessageV0({
    header: {
      numRequiredSignatures: groups[0].length + groups[1].length,
      numReadonlySignedAccounts: groups[1].length,
      numReadonlyUnsignedAccounts: groups[3].length,
    },
    staticAccountKeys: ordered.map((m) => m.key),
    recentBlockhash,
    compiledInstructions: instructions.map((ix) => ({
      programIdIndex: index.get(keyId(ix.programId)) as number,
      accountKeyIndexes: ix.keys.map((a) => index.get(keyId(a.pubkey)) as number),
      data: Uint8Array.from(ix.data),
    })),
    addressTableLookups: [],
  });
}
