import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSettlementKey, SETTLEMENT_KEYPAIR_FILE } from '../../../engine/src/settlement/settlement-key.js';
import { loadOrCreateKeypair, KeypairError } from '../../../engine/src/signer/keys.js';
import { verifySignature } from '../../../engine/src/signer/sign.js';

describe('loadOrCreateSettlementKey', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const tempDir = async (): Promise<string> => {
    const d = await mkdtemp(join(tmpdir(), 'exec-settle-key-'));
    dirs.push(d);
    return d;
  };

  it('generates <dataDir>/settlement-keypair.json (0600) once, distinct from the oracle key, and reloads it', async () => {
    const dir = await tempDir();
    const created = await loadOrCreateSettlementKey(undefined, dir);
    expect(created.created).toBe(true);
    expect(created.path).toBe(join(dir, SETTLEMENT_KEYPAIR_FILE));
    expect((await stat(created.path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(created.path, 'utf8'))).toHaveLength(64);
    const again = await loadOrCreateSettlementKey(undefined, dir);
    expect(again.created).toBe(false);
    expect(again.publicKeyBase58).toBe(created.publicKeyBase58);
    const oracle = await loadOrCreateKeypair(undefined, dir);
    expect(oracle.publicKeyBase58).not.toBe(created.publicKeyBase58);
    const msg = new TextEncoder().encode('settle');
    expect(verifySignature(msg, again.signer.sign(msg), again.signer.publicKey)).toBe(true);
  });

  it('an explicit path that does not exist is an error, not a silent new key', async () => {
    const dir = await tempDir();
    await expect(loadOrCreateSettlementKey(join(dir, 'missing.json'), dir)).rejects.toBeInstanceOf(KeypairError);
  });
});
