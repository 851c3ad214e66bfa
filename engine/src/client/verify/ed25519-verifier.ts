/**
 * ed25519 signature verification for the SDK, on the fastest backend the platform has:
 *
 * - `node:crypto` (OpenSSL), reached only through `process.getBuiltinModule` so that nothing here
 *   imports a Node module: a browser bundle of the SDK never pulls it in;
 * - WebCrypto `Ed25519` (`crypto.subtle`, Node ≥ 20 and current browsers), asynchronous;
 * - tweetnacl, pure JavaScript and ~100× slower, only where neither exists.
 *
 * Every backend caches the imported public keys (a key import costs about as much as a
 * verification). A backend is used only after it verified RFC 8032's first test vector and
 * rejected that vector with one bit flipped, so a platform whose implementation disagrees falls back.
 */
import nacl from 'tweetnacl';
import { Ed25519BackendError } from '../errors.js';

/** `(message, signature, publicKey) => valid`, synchronous. */
export type SignatureVerifier = (message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array) => boolean;

export type Ed25519Backend = 'node:crypto' | 'webcrypto' | 'tweetnacl';

export interface Ed25519Verifier {
  readonly backend: Ed25519Backend;
  /** False for a malformed key or signature too; never throws for bad input. */
  verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Promise<boolean>;
  /** The synchronous form, for backends that have one (node:crypto, tweetnacl). */
  readonly verifySync: SignatureVerifier | null;
}

export interface Ed25519VerifierOptions {
  /** Use exactly this backend; `createEd25519Verifier` rejects if the platform lacks it. */
  readonly backend?: Ed25519Backend;
  /** Most public keys kept imported at once (default 64; the oldest half is dropped when full). */
  readonly maxCachedKeys?: number;
}

// RFC 8032 §7.1 TEST 1: empty message.
const VECTOR_KEY = hexBytes('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
const VECTOR_SIG = hexBytes(
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
);
const SPKI_PREFIX = hexBytes('302a300506032b6570032100');
const DEFAULT_MAX_KEYS = 64;

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function keyString(publicKey: Uint8Array): string {
  let s = '';
  for (let i = 0; i < publicKey.length; i++) s += String.fromCharCode(publicKey[i] as number);
  return s;
}

/** A small map that drops its oldest half when full (keys rarely change: one oracle, one settlement key). */
class KeyCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(publicKey: Uint8Array, make: () => V): V {
    const k = keyString(publicKey);
    let v = this.map.get(k);
    if (v === undefined) {
      if (this.map.size >= this.max) {
        let drop = Math.ceil(this.max / 2);
        for (const old of this.map.keys()) {
          if (drop-- <= 0) break;
          this.map.delete(old);
        }
      }
      v = make();
      this.map.set(k, v);
    }
    return v;
  }
}

type NodeCrypto = typeof import('node:crypto');

/** node:crypto when running on Node (or a runtime with `process.getBuiltinModule`), else null. */
function nodeCrypto(): NodeCrypto | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule('node:crypto') : undefined;
  return mod !== undefined && mod !== null && typeof (mod as NodeCrypto).verify === 'function' ? (mod as NodeCrypto) : null;
}

function validLengths(signature: Uint8Array, publicKey: Uint8Array): boolean {
  return signature.length === 64 && publicKey.length === 32;
}

function nodeSyncVerifier(crypto: NodeCrypto, maxKeys: number): SignatureVerifier {
  const keys = new KeyCache<ReturnType<NodeCrypto['createPublicKey']> | null>(maxKeys);
  const spki = new Uint8Array(SPKI_PREFIX.length + 32);
  spki.set(SPKI_PREFIX);
  return (message, signature, publicKey) => {
    if (!validLengths(signature, publicKey)) return false;
    const key = keys.get(publicKey, () => {
      spki.set(publicKey, SPKI_PREFIX.length);
      try {
        return crypto.createPublicKey({ key: spki as unknown as Buffer, format: 'der', type: 'spki' });
      } catch {
        return null;
      }
    });
    if (key === null) return false;
    try {
      return crypto.verify(null, message, key, signature);
    } catch {
      return false;
    }
  };
}

const naclVerify: SignatureVerifier = (message, signature, publicKey) =>
  validLengths(signature, publicKey) && nacl.sign.detached.verify(message, signature, publicKey);

function passesVector(verify: SignatureVerifier): boolean {
  const flipped = VECTOR_SIG.slice();
  flipped[0] = (flipped[0] as number) ^ 1;
  return verify(new Uint8Array(0), VECTOR_SIG, VECTOR_KEY) && !verify(new Uint8Array(0), flipped, VECTOR_KEY);
}

function syncVerifier(backend: 'node:crypto' | 'tweetnacl', verifySync: SignatureVerifier): Ed25519Verifier {
  return { backend, verifySync, verify: async (m, s, k) => verifySync(m, s, k) };
}

function tryNode(maxKeys: number): Ed25519Verifier | null {
  const crypto = nodeCrypto();
  if (crypto === null) return null;
  const verify = nodeSyncVerifier(crypto, maxKeys);
  return passesVector(verify) ? syncVerifier('node:crypto', verify) : null;
}

async function tryWebCrypto(maxKeys: number): Promise<Ed25519Verifier | null> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (subtle === undefined) return null;
  const keys = new KeyCache<Promise<CryptoKey | null>>(maxKeys);
  const importKey = (publicKey: Uint8Array): Promise<CryptoKey | null> =>
    keys.get(publicKey, () =>
      subtle.importKey('raw', publicKey.slice(), { name: 'Ed25519' }, false, ['verify']).catch(() => null),
    );
  const verify = async (message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Promise<boolean> => {
    if (!validLengths(signature, publicKey)) return false;
    const key = await importKey(publicKey);
    if (key === null) return false;
    try {
      return await subtle.verify('Ed25519', key, signature as BufferSource, message as BufferSource);
    } catch {
      return false;
    }
  };
  const flipped = VECTOR_SIG.slice();
  flipped[0] = (flipped[0] as number) ^ 1;
  try {
    const ok = (await verify(new Uint8Array(0), VECTOR_SIG, VECTOR_KEY)) && !(await verify(new Uint8Array(0), flipped, VECTOR_KEY));
    return ok ? { backend: 'webcrypto', verifySync: null, verify } : null;
  } catch {
    return null;
  }
}

let defaultSync: SignatureVerifier | null = null;

/**
 * The fastest synchronous verifier here: node:crypto with cached keys on Node, tweetnacl elsewhere
 * (browsers have no synchronous ed25519; use `createEd25519Verifier` there to get WebCrypto).
 */
export function defaultSignatureVerifier(): SignatureVerifier {
  return (defaultSync ??= tryNode(DEFAULT_MAX_KEYS)?.verifySync ?? naclVerify);
}

let shared: Promise<Ed25519Verifier> | null = null;

/** One default verifier per process (`createEd25519Verifier()`), for SDK functions that take none. */
export function sharedEd25519Verifier(): Promise<Ed25519Verifier> {
  return (shared ??= createEd25519Verifier());
}

/** The first working backend of node:crypto, WebCrypto, tweetnacl (or exactly `options.backend`). */
export async function createEd25519Verifier(options: Ed25519VerifierOptions = {}): Promise<Ed25519Verifier> {
  const maxKeys = options.maxCachedKeys ?? DEFAULT_MAX_KEYS;
  const wanted = options.backend;
  if (wanted === undefined || wanted === 'node:crypto') {
    const node = tryNode(maxKeys);
    if (node !== null) return node;
  }
  if (wanted === undefined || wanted === 'webcrypto') {
    const web = await tryWebCrypto(maxKeys);
    if (web !== null) return web;
  }
  if (wanted === undefined || wanted === 'tweetnacl') return syncVerifier('tweetnacl', naclVerify);
  throw new Ed25519BackendError(wanted);
}
