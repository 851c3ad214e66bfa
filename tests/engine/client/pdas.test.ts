import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Keypair, PublicKey } from '@solana/web3.js';
import * as C from '../../../engine/src/client/constants.js';
import { getAssociatedTokenAddressSync } from '@solana/spl-token';
import {
  associatedTokenAddress,
  configPda,
  exposurePda,
  houseVaultPda,
  i64LeSeed,
  positionPda,
  quoteFillPda,
  quoteIdFromHex,
  roundPda,
  roundVaultPda,
} from '../../../engine/src/client/pdas.js';
import { InvalidArgumentError } from '../../../engine/src/client/errors.js';
import { ASSET_IDS, CLUSTER_IDS } from '../../../engine/src/market/types.js';

const rulesConstants = readFileSync(new URL('../../../programs/exec-trade-rules/src/constants.rs', import.meta.url), 'utf8');
const rustSeed = (name: string): string => {
  const m = new RegExp(`pub const ${name}: &\\[u8\\] = b"([^"]*)";`).exec(rulesConstants);
  if (!m) throw new Error(`${name} not found in constants.rs`);
  return m[1]!;
};
const rustU8 = (name: string): number => Number(new RegExp(`pub const ${name}: u8 = (\\d+);`).exec(rulesConstants)?.[1] ?? NaN);

const idlPath = new URL('../../../engine/src/client/idl/exec_trade.json', import.meta.url);
const hasIdl = existsSync(idlPath);

const SEEDS = {
  SEED_CONFIG: C.SEED_CONFIG,
  SEED_HOUSE_VAULT: C.SEED_HOUSE_VAULT,
  SEED_ROUND: C.SEED_ROUND,
  SEED_ROUND_VAULT: C.SEED_ROUND_VAULT,
  SEED_QUOTE_FILL: C.SEED_QUOTE_FILL,
  SEED_POSITION: C.SEED_POSITION,
  SEED_EXPOSURE: C.SEED_EXPOSURE,
} as const;
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('client constants mirror the rules crate and the IDL', () => {
  it('seed prefixes equal the rules crate SEED_* constants', () => {
    for (const [name, value] of Object.entries(SEEDS)) expect([name, text(value)]).toEqual([name, rustSeed(name)]);
  });

  it('asset, cluster and side ids equal the rules crate and the engine', () => {
    expect(C.ASSET_IDS).toEqual({ BTC: rustU8('ASSET_BTC'), ETH: rustU8('ASSET_ETH'), SOL: rustU8('ASSET_SOL') });
    expect(C.ASSET_IDS).toEqual(ASSET_IDS);
    expect(C.CLUSTER_IDS).toEqual(CLUSTER_IDS);
    expect(C.CLUSTER_IDS).toEqual({ localnet: rustU8('CLUSTER_LOCALNET'), devnet: rustU8('CLUSTER_DEVNET'), testnet: rustU8('CLUSTER_TESTNET'), 'mainnet-beta': rustU8('CLUSTER_MAINNET') });
    expect([C.SIDE_UP, C.SIDE_DOWN]).toEqual([rustU8('SIDE_UP'), rustU8('SIDE_DOWN')]);
    expect(Buffer.from(C.ED25519_PROGRAM_ID.toBytes()).toString('hex')).toBe(
      Buffer.from(JSON.parse(/pub const ED25519_PROGRAM_ID: \[u8; 32\] = (\[[\d,\s]+\])/.exec(rulesConstants)?.[1]!.replace(/,\s*\]/, ']') ?? '[]') as number[]).toString('hex'),
    );
  });

  it.skipIf(!hasIdl)('IDL address and #[constant] seeds equal the client constants', () => {
    const idl = JSON.parse(readFileSync(idlPath, 'utf8')) as { address: string; constants?: Array<{ name: string; type: unknown; value: string }> };
    expect(idl.address).toBe(C.EXEC_TRADE_PROGRAM_ID.toBase58());
    const consts = new Map((idl.constants ?? []).map((c) => [c.name, c.value]));
    for (const [name, value] of Object.entries(SEEDS)) {
      const v = consts.get(name);
      expect(v, `IDL constant ${name}`).toBeDefined();
      const bytes = v!.startsWith('[') ? (JSON.parse(v!) as number[]) : Array.from(new TextEncoder().encode(JSON.parse(v!) as string));
      expect([name, bytes]).toEqual([name, Array.from(value)]);
    }
  });
});

describe('PDAs', () => {
  const pid = C.EXEC_TRADE_PROGRAM_ID;
  const find = (seeds: Uint8Array[]): PublicKey => PublicKey.findProgramAddressSync(seeds, pid)[0];
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('derive from the documented seeds (integers little-endian like to_le_bytes)', () => {
    const quoteId = quoteIdFromHex('0f1e2d3c4b5a69788796a5b4c3d2e1f0');
    const trader = Keypair.generate().publicKey;
    const expiry = 1_795_000_200n;
    const expiryLe = Buffer.alloc(8);
    expiryLe.writeBigInt64LE(expiry);
    const round = find([enc('round'), Uint8Array.of(1), expiryLe]);
    expect(configPda().address).toEqual(find([enc('config')]));
    expect(houseVaultPda().address).toEqual(find([enc('house_vault')]));
    expect(roundPda(1, expiry).address).toEqual(round);
    expect(roundPda(1, Number(expiry)).address).toEqual(round);
    expect(roundVaultPda(round).address).toEqual(find([enc('round_vault'), round.toBytes()]));
    expect(quoteFillPda(quoteId).address).toEqual(find([enc('quote_fill'), quoteId]));
    expect(positionPda(quoteId, trader).address).toEqual(find([enc('position'), quoteId, trader.toBytes()]));
    expect(exposurePda(round, trader).address).toEqual(find([enc('exposure'), round.toBytes(), trader.toBytes()]));
    expect(roundPda(2, expiry).address).not.toEqual(round);
  });

  it('returns the canonical bump', () => {
    const { address, bump } = configPda();
    expect(PublicKey.createProgramAddressSync([enc('config'), Uint8Array.of(bump)], pid)).toEqual(address);
  });

  it('encodes i64 seeds like Rust to_le_bytes, negatives included', () => {
    expect(Buffer.from(i64LeSeed(1n)).toString('hex')).toBe('0100000000000000');
    expect(Buffer.from(i64LeSeed(-1n)).toString('hex')).toBe('ffffffffffffffff');
    expect(() => i64LeSeed(1n << 63n)).toThrow(InvalidArgumentError);
  });

  it('validates lengths and ranges instead of deriving a wrong address', () => {
    expect(() => quoteFillPda(new Uint8Array(15))).toThrow(InvalidArgumentError);
    expect(() => positionPda(new Uint8Array(17), Keypair.generate().publicKey)).toThrow(InvalidArgumentError);
    expect(() => roundPda(0, 60n)).toThrow(InvalidArgumentError);
    expect(() => roundPda(4, 60n)).toThrow(InvalidArgumentError);
    expect(() => quoteIdFromHex('xyz')).toThrow(InvalidArgumentError);
  });

  it('memoised derivations equal fresh ones for many seeds, and the token account equals spl-token\'s', () => {
    for (let i = 0; i < 300; i++) {
      const id = Uint8Array.from({ length: 16 }, (_, k) => (i * 31 + k * 7) & 0xff);
      const trader = Keypair.generate().publicKey;
      const [fresh, bump] = PublicKey.findProgramAddressSync([enc('position'), id, trader.toBytes()], pid);
      expect(positionPda(id, trader)).toEqual({ address: fresh, bump });
      expect(positionPda(id, trader)).toEqual({ address: fresh, bump });
      const mint = Keypair.generate().publicKey;
      const owner = i % 2 === 0 ? trader : positionPda(id, trader).address;
      expect(associatedTokenAddress(mint, owner).equals(getAssociatedTokenAddressSync(mint, owner, true))).toBe(true);
    }
  });
});
