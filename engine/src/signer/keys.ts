/**
 * Oracle key material. Keys are Solana CLI keypair files: a JSON array of 64 numbers 0..255
 * (32-byte seed followed by the 32-byte public key), as `solana-keygen new` writes them.
 * The secret is only ever held inside a node:crypto KeyObject; the returned signer prints as its
 * public key and nothing else, and the bytes read from disk are zeroed after use.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import bs58 from 'bs58';
import { EngineError } from '../lib/errors.js';
import { createSigner, type Ed25519Signer } from './sign.js';

export const ORACLE_KEYPAIR_FILE = 'oracle-keypair.json';

export class KeypairError extends EngineError {
  readonly path: string;
  constructor(code: string, path: string, message: string, cause?: unknown) {
    super(code, `keypair ${path}: ${message}`, { cause });
    this.name = 'KeypairError';
    this.path = path;
  }
}

export interface LoadedKeypair {
  readonly signer: Ed25519Signer;
  readonly publicKeyBase58: string;
}

export interface OracleKeypair extends LoadedKeypair {
  /** True when the file did not exist and was generated now. */
  readonly created: boolean;
  readonly path: string;
}

/** A signer whose JSON / util.inspect rendering is only its public key. */
function wrapSigner(inner: Ed25519Signer): LoadedKeypair {
  const publicKeyBase58 = bs58.encode(inner.publicKey);
  const signer: Ed25519Signer = Object.freeze({
    publicKey: inner.publicKey,
    sign: (message: Uint8Array) => inner.sign(message),
    toJSON: () => ({ publicKey: publicKeyBase58 }),
    [inspect.custom]: () => `Ed25519Signer(${publicKeyBase58})`,
  });
  return { signer, publicKeyBase58 };
}

/** Parse a Solana CLI keypair file's text; `path` is only used in error messages. */
export function parseKeypairJson(text: string, path: string): LoadedKeypair {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new KeypairError('EXEC_ERR_KEYPAIR_NOT_JSON', path, 'is not valid JSON', err);
  }
  if (!Array.isArray(parsed)) throw new KeypairError('EXEC_ERR_KEYPAIR_FORMAT', path, 'must be a JSON array of 64 numbers');
  if (parsed.length !== 64) throw new KeypairError('EXEC_ERR_KEYPAIR_FORMAT', path, `must hold 64 numbers, found ${parsed.length}`);
  const secret = new Uint8Array(64);
  try {
    for (let i = 0; i < 64; i++) {
      const v: unknown = parsed[i];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) {
        throw new KeypairError('EXEC_ERR_KEYPAIR_FORMAT', path, `element ${i} is not an integer in 0..255`);
      }
      secret[i] = v;
    }
    const derived = createSigner(secret.subarray(0, 32));
    if (!Buffer.from(derived.publicKey).equals(secret.subarray(32))) {
      throw new KeypairError('EXEC_ERR_KEYPAIR_MISMATCH', path, 'public half does not match the secret seed');
    }
    return wrapSigner(derived);
  } finally {
    secret.fill(0);
    parsed.fill(0);
  }
}

export async function loadKeypairFile(path: string): Promise<LoadedKeypair> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new KeypairError('EXEC_ERR_KEYPAIR_MISSING', path, 'file does not exist', err);
    throw new KeypairError('EXEC_ERR_KEYPAIR_READ', path, `cannot be read (${code ?? 'unknown error'})`, err);
  }
  return parseKeypairJson(text, path);
}

function generateSecret(): Uint8Array {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const d = privateKey.export({ format: 'jwk' }).d;
  const x = publicKey.export({ format: 'jwk' }).x;
  if (d === undefined || x === undefined) throw new EngineError('EXEC_ERR_KEYPAIR_GENERATE', 'ed25519 key export failed');
  const secret = new Uint8Array(64);
  secret.set(Buffer.from(d, 'base64url'), 0);
  secret.set(Buffer.from(x, 'base64url'), 32);
  return secret;
}

/**
 * Load the configured keypair file, or, when none is configured, `<dataDir>/<fileName>` (the oracle
 * key's `oracle-keypair.json` by default), creating it (mode 0600, directory 0700) if it does not
 * exist yet.
 */
export async function loadOrCreateKeypair(path: string | undefined, dataDir: string, fileName: string = ORACLE_KEYPAIR_FILE): Promise<OracleKeypair> {
  if (path !== undefined) return { ...(await loadKeypairFile(path)), created: false, path };
  const file = join(dataDir, fileName);
  try {
    return { ...(await loadKeypairFile(file)), created: false, path: file };
  } catch (err) {
    if (!(err instanceof KeypairError) || err.code !== 'EXEC_ERR_KEYPAIR_MISSING') throw err;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const secret = generateSecret();
  const text = JSON.stringify(Array.from(secret));
  secret.fill(0);
  try {
    await writeFile(file, text, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new KeypairError('EXEC_ERR_KEYPAIR_WRITE', file, 'cannot be created', err);
    }
    return { ...(await loadKeypairFile(file)), created: false, path: file };
  }
  return { ...parseKeypairJson(text, file), created: true, path: file };
}

/** A fresh in-memory key for demo mode; never written anywhere. */
export function ephemeralSigner(): LoadedKeypair {
  const secret = generateSecret();
  try {
    return wrapSigner(createSigner(secret));
  } finally {
    secret.fill(0);
  }
}
