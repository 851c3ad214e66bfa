/**
 * The SDK's ed25519 backends (node:crypto, WebCrypto, tweetnacl) give the same verdict on the same
 * inputs, valid or not, and the default picks a fast one.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigner } from '../../../../engine/src/signer/sign.js';
import {
  createEd25519Verifier,
  defaultSignatureVerifier,
  type Ed25519Backend,
} from '../../../../engine/src/client/verify/ed25519-verifier.js';
import { Ed25519BackendError } from '../../../../engine/src/client/errors.js';

const BACKENDS: Ed25519Backend[] = ['node:crypto', 'webcrypto', 'tweetnacl'];
const signer = createSigner(Uint8Array.from({ length: 32 }, (_, i) => i * 5 + 1));
const other = createSigner(Uint8Array.from({ length: 32 }, (_, i) => 200 - i));

interface Case {
  readonly name: string;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  readonly key: Uint8Array;
  readonly valid: boolean;
}

function cases(): Case[] {
  const message = randomBytes(128);
  const signature = signer.sign(message);
  const flippedSig = signature.slice();
  flippedSig[10] = (flippedSig[10] as number) ^ 0x40;
  const flippedMsg = Uint8Array.from(message);
  flippedMsg[0] = (flippedMsg[0] as number) ^ 1;
  return [
    { name: 'valid', message, signature, key: signer.publicKey, valid: true },
    { name: 'valid, empty message', message: new Uint8Array(0), signature: signer.sign(new Uint8Array(0)), key: signer.publicKey, valid: true },
    { name: 'other key', message, signature, key: other.publicKey, valid: false },
    { name: 'flipped signature bit', message, signature: flippedSig, key: signer.publicKey, valid: false },
    { name: 'flipped message bit', message: flippedMsg, signature, key: signer.publicKey, valid: false },
    { name: 'short signature', message, signature: signature.slice(0, 63), key: signer.publicKey, valid: false },
    { name: 'short key', message, signature, key: signer.publicKey.slice(0, 31), valid: false },
    { name: 'key not on the curve', message, signature, key: new Uint8Array(32).fill(0xff), valid: false },
    { name: 'all-zero signature', message, signature: new Uint8Array(64), key: signer.publicKey, valid: false },
  ];
}

describe('ed25519 verifier backends', () => {
  it.each(BACKENDS)('%s is available on Node and agrees with the signer on every case', async (backend) => {
    const verifier = await createEd25519Verifier({ backend });
    expect(verifier.backend).toBe(backend);
    for (const c of cases()) {
      expect(await verifier.verify(c.message, c.signature, c.key), c.name).toBe(c.valid);
      if (verifier.verifySync) expect(verifier.verifySync(c.message, c.signature, c.key), `${c.name} (sync)`).toBe(c.valid);
    }
  });

  it('webcrypto has no synchronous form; node:crypto and tweetnacl do', async () => {
    expect((await createEd25519Verifier({ backend: 'webcrypto' })).verifySync).toBeNull();
    expect((await createEd25519Verifier({ backend: 'node:crypto' })).verifySync).toBeTypeOf('function');
    expect((await createEd25519Verifier({ backend: 'tweetnacl' })).verifySync).toBeTypeOf('function');
  });

  it('the default is node:crypto on Node, and the sync default verifies the same way', async () => {
    expect((await createEd25519Verifier()).backend).toBe('node:crypto');
    for (const c of cases()) expect(defaultSignatureVerifier()(c.message, c.signature, c.key), c.name).toBe(c.valid);
  });

  it('keeps verifying correctly when more keys pass through than the cache holds', async () => {
    const verifier = await createEd25519Verifier({ backend: 'webcrypto', maxCachedKeys: 4 });
    const signers = Array.from({ length: 12 }, (_, i) => createSigner(new Uint8Array(32).fill(i + 1)));
    const message = randomBytes(64);
    for (let round = 0; round < 2; round++) {
      for (const s of signers) {
        expect(await verifier.verify(message, s.sign(message), s.publicKey)).toBe(true);
        expect(await verifier.verify(message, s.sign(message), other.publicKey)).toBe(false);
      }
    }
  });

  it('a backend the platform lacks is a typed error (WebCrypto without crypto.subtle)', async () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
    try {
      await expect(createEd25519Verifier({ backend: 'webcrypto' })).rejects.toBeInstanceOf(Ed25519BackendError);
    } finally {
      if (original) Object.defineProperty(globalThis, 'crypto', original);
    }
  });
});
