/**
 * The settlement authority key (signs the 98-byte settlement messages). Distinct from the oracle
 * key: EXEC_SETTLEMENT_KEYPAIR, or `<dataDir>/settlement-keypair.json` generated (0600) if missing.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KeypairError, loadKeypairFile, parseKeypairJson, type OracleKeypair } from '../signer/keys.js';
import { createSigner } from '../signer/sign.js';

export const SETTLEMENT_KEYPAIR_FILE = 'settlement-keypair.json';

export async function loadOrCreateSettlementKey(path: string | undefined, dataDir: string): Promise<OracleKeypair> {
  if (path !== undefined) return { ...(await loadKeypairFile(path)), created: false, path };
  const file = join(dataDir, SETTLEMENT_KEYPAIR_FILE);
  try {
    return { ...(await loadKeypairFile(file)), created: false, path: file };
  } catch (err) {
    if (!(err instanceof KeypairError) || err.code !== 'EXEC_ERR_KEYPAIR_MISSING') throw err;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const seed = randomBytes(32);
  const secret = Buffer.concat([seed, Buffer.from(createSigner(seed).publicKey)]);
  const text = JSON.stringify(Array.from(secret));
  seed.fill(0);
  secret.fill(0);
  try {
    await writeFile(file, text, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new KeypairError('EXEC_ERR_KEYPAIR_WRITE', file, 'cannot be created', err);
    return { ...(await loadKeypairFile(file)), created: false, path: file };
  }
  return { ...parseKeypairJson(text, file), created: true, path: file };
}
