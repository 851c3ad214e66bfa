import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import nacl from 'tweetnacl';
import {
  KeypairError,
  ORACLE_KEYPAIR_FILE,
  ephemeralSigner,
  loadKeypairFile,
  loadOrCreateKeypair,
} from '../../../engine/src/signer/keys.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exec-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KeypairError);
  expect((err as KeypairError).code).toBe(code);
}

/** Every printable rendering of the secret we could accidentally leak. */
function secretRenderings(secret: Uint8Array): string[] {
  const seed = secret.subarray(0, 32);
  return [
    Array.from(seed).join(','),
    Buffer.from(seed).toString('hex'),
    Buffer.from(seed).toString('base64'),
    bs58.encode(seed),
    bs58.encode(secret),
    Buffer.from(secret).toString('base64'),
  ];
}

describe('loadKeypairFile', () => {
  it('loads a Solana CLI keypair file and signs with it', async () => {
    const kp = Keypair.generate();
    const path = join(dir, 'id.json');
    await writeFile(path, JSON.stringify(Array.from(kp.secretKey)));
    const { signer, publicKeyBase58 } = await loadKeypairFile(path);
    expect(publicKeyBase58).toBe(kp.publicKey.toBase58());
    const msg = new TextEncoder().encode('hello');
    expect(nacl.sign.detached.verify(msg, signer.sign(msg), kp.publicKey.toBytes())).toBe(true);
  });

  it('reports each kind of bad file with its own code', async () => {
    await expectCode(loadKeypairFile(join(dir, 'nope.json')), 'EXEC_ERR_KEYPAIR_MISSING');
    const write = async (name: string, text: string): Promise<string> => {
      const p = join(dir, name);
      await writeFile(p, text);
      return p;
    };
    await expectCode(loadKeypairFile(await write('a.json', '{not json')), 'EXEC_ERR_KEYPAIR_NOT_JSON');
    await expectCode(loadKeypairFile(await write('b.json', '{"a":1}')), 'EXEC_ERR_KEYPAIR_FORMAT');
    await expectCode(loadKeypairFile(await write('c.json', JSON.stringify(new Array(32).fill(1)))), 'EXEC_ERR_KEYPAIR_FORMAT');
    await expectCode(loadKeypairFile(await write('d.json', JSON.stringify([...new Array(63).fill(1), 256]))), 'EXEC_ERR_KEYPAIR_FORMAT');
    await expectCode(loadKeypairFile(await write('e.json', JSON.stringify([...new Array(63).fill(1), 'x']))), 'EXEC_ERR_KEYPAIR_FORMAT');
    const a = Keypair.generate().secretKey;
    const b = Keypair.generate().secretKey;
    const mixed = [...a.subarray(0, 32), ...b.subarray(32)];
    await expectCode(loadKeypairFile(await write('f.json', JSON.stringify(mixed))), 'EXEC_ERR_KEYPAIR_MISMATCH');
    await expectCode(loadKeypairFile(dir), 'EXEC_ERR_KEYPAIR_READ');
  });

  it('error messages name the path but never the secret', async () => {
    const a = Keypair.generate().secretKey;
    const b = Keypair.generate().secretKey;
    const path = join(dir, 'mixed.json');
    await writeFile(path, JSON.stringify([...a.subarray(0, 32), ...b.subarray(32)]));
    const err = (await loadKeypairFile(path).catch((e: unknown) => e)) as KeypairError;
    expect(err.message).toContain(path);
    for (const r of secretRenderings(a)) expect(err.message).not.toContain(r);
  });
});

describe('loadOrCreateKeypair', () => {
  it('creates <dataDir>/oracle-keypair.json with mode 0600 once, then reuses it', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = await loadOrCreateKeypair(undefined, dataDir);
    expect(first.created).toBe(true);
    expect(first.path).toBe(join(dataDir, ORACLE_KEYPAIR_FILE));
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);
    const bytes = Uint8Array.from(JSON.parse(await readFile(first.path, 'utf8')) as number[]);
    expect(bytes).toHaveLength(64);
    // the file is a valid Solana CLI keypair
    expect(Keypair.fromSecretKey(bytes).publicKey.toBase58()).toBe(first.publicKeyBase58);
    const second = await loadOrCreateKeypair(undefined, dataDir);
    expect(second.created).toBe(false);
    expect(second.publicKeyBase58).toBe(first.publicKeyBase58);
  });

  it('loads the configured path and never creates it', async () => {
    const kp = Keypair.generate();
    const path = join(dir, 'oracle.json');
    await writeFile(path, JSON.stringify(Array.from(kp.secretKey)));
    const loaded = await loadOrCreateKeypair(path, join(dir, 'unused'));
    expect(loaded).toMatchObject({ created: false, publicKeyBase58: kp.publicKey.toBase58(), path });
    await expectCode(loadOrCreateKeypair(join(dir, 'missing.json'), dir), 'EXEC_ERR_KEYPAIR_MISSING');
  });

  it('does not overwrite a corrupt default key file', async () => {
    await writeFile(join(dir, ORACLE_KEYPAIR_FILE), '[1,2,3]');
    await expectCode(loadOrCreateKeypair(undefined, dir), 'EXEC_ERR_KEYPAIR_FORMAT');
    expect(await readFile(join(dir, ORACLE_KEYPAIR_FILE), 'utf8')).toBe('[1,2,3]');
  });
});

describe('secret hygiene', () => {
  it("the signer's JSON and inspect output contain no secret bytes", async () => {
    const kp = Keypair.generate();
    const path = join(dir, 'id.json');
    await writeFile(path, JSON.stringify(Array.from(kp.secretKey)));
    const loaded = await loadKeypairFile(path);
    const outputs = [
      JSON.stringify(loaded),
      JSON.stringify(loaded.signer),
      inspect(loaded, { depth: 20, showHidden: true }),
      inspect(loaded.signer, { depth: 20, showHidden: true }),
      String(loaded.signer),
    ];
    for (const out of outputs) {
      for (const r of secretRenderings(kp.secretKey)) expect(out).not.toContain(r);
    }
    expect(JSON.stringify(loaded.signer)).toBe(JSON.stringify({ publicKey: kp.publicKey.toBase58() }));
    expect(inspect(loaded.signer)).toBe(`Ed25519Signer(${kp.publicKey.toBase58()})`);
  });

  it('ephemeral signers are distinct, verify with tweetnacl and print only the public key', () => {
    const a = ephemeralSigner();
    const b = ephemeralSigner();
    expect(a.publicKeyBase58).not.toBe(b.publicKeyBase58);
    const msg = Uint8Array.from([1, 2, 3]);
    expect(nacl.sign.detached.verify(msg, a.signer.sign(msg), bs58.decode(a.publicKeyBase58))).toBe(true);
    expect(JSON.stringify(a.signer)).toBe(JSON.stringify({ publicKey: a.publicKeyBase58 }));
    expect(Object.keys(a.signer).sort()).toEqual(['publicKey', 'sign', 'toJSON']);
  });
});
