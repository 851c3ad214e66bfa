/** compileV0Message writes exactly the bytes web3.js compileToV0Message does, on random instruction sets. */
import { describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { Keypair, PublicKey, TransactionInstruction, TransactionMessage, VersionedTransaction } from '@solana/web3.js';
import { compileV0Message } from '../../../engine/src/client/v0-message.js';
import { InvalidArgumentError } from '../../../engine/src/client/errors.js';
import { prng } from '../../helpers/prng.js';

describe('compileV0Message', () => {
  it('matches web3.js byte for byte on 300 random instruction sets (shared keys, mixed flags, payer reused)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = prng(seed);
      const rnd = (): number => next() / 2 ** 32;
      const pool = Array.from({ length: 3 + Math.floor(rnd() * 12) }, () => Keypair.generate().publicKey);
      const payer = pool[0] as PublicKey;
      const pick = (): PublicKey => {
        const k = pool[Math.floor(rnd() * pool.length)] as PublicKey;
        return rnd() < 0.3 ? new PublicKey(k.toBytes()) : k; // equal keys as distinct objects too
      };
      const ixs = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => new TransactionInstruction({
        programId: pick(),
        keys: Array.from({ length: Math.floor(rnd() * 8) }, () => ({ pubkey: pick(), isSigner: rnd() < 0.2, isWritable: rnd() < 0.5 })),
        data: Buffer.from(Array.from({ length: Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 256))),
      }));
      const blockhash = bs58.encode(Keypair.generate().publicKey.toBytes());
      const ours = new VersionedTransaction(compileV0Message(payer, blockhash, ixs)).serialize();
      const theirs = new VersionedTransaction(new TransactionMessage({ payerKey: payer, recentBlockhash: blockhash, instructions: ixs }).compileToV0Message()).serialize();
      expect(Buffer.from(ours).toString('hex'), `seed ${seed}`).toBe(Buffer.from(theirs).toString('hex'));
    }
  });

  it('refuses more than 256 account keys with a typed error', () => {
    const payer = Keypair.generate().publicKey;
    const keys = Array.from({ length: 260 }, () => ({ pubkey: Keypair.generate().publicKey, isSigner: false, isWritable: false }));
    const ix = new TransactionInstruction({ programId: payer, keys, data: Buffer.alloc(0) });
    expect(() => compileV0Message(payer, bs58.encode(new Uint8Array(32).fill(1)), [ix])).toThrow(InvalidArgumentError);
  });
});
