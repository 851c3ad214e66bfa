/** Wallet keypair files for the trader CLI: the Solana CLI format (a JSON array of 64 numbers). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Keypair } from '@solana/web3.js';
import { CliError, type Args } from './engine.js';

export function loadKeypair(args: Args): Keypair {
  const path = args.flags.get('keypair');
  if (!path) throw new CliError('--keypair <path> is required (a Solana CLI keypair JSON file; `keygen --keypair <path>` writes one)');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read keypair ${path}: ${(err as Error).message}`);
  }
  if (!Array.isArray(raw) || raw.length !== 64 || !raw.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    throw new CliError(`keypair ${path} must be a JSON array of 64 numbers`);
  }
  try {
    return Keypair.fromSecretKey(Uint8Array.from(raw as number[]));
  } catch (err) {
    throw new CliError(`keypair ${path} is not a valid ed25519 keypair: ${(err as Error).message}`);
  }
}

/** Writes a fresh keypair to `path` (mode 0600); refuses to replace an existing file. */
export function writeNewKeypair(path: string): Keypair {
  if (existsSync(path)) throw new CliError(`${path} already exists: not overwriting a keypair`);
  const key = Keypair.generate();
  writeFileSync(path, JSON.stringify(Array.from(key.secretKey)), { mode: 0o600, flag: 'wx' });
  return key;
}
