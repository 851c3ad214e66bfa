/**
 * The committed IDL (engine/src/client/idl/exec_trade.json and its camelCase type file) is
 * generated from programs/exec-trade/src by `exec-trade-idl write`, and CI fails when it differs
 * from the source (`exec-trade-idl check`). What this suite still adds: the discriminators
 * recompute, @coral-xyz/anchor can encode and decode everything in it, its constants equal the
 * rules crate's and the TypeScript client's, docs/program.md's error table is its error list, and
 * the type file is the JSON with names camelCased.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import anchor from '@coral-xyz/anchor';
import { Connection, Keypair, PublicKey } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import * as clientConstants from '../../engine/src/client/constants.js';
import { QUOTE_LEN, SETTLEMENT_LEN } from '../../engine/src/client/quote-message.js';
import type { ExecTrade } from '../../engine/src/client/idl/exec_trade.js';

const { BN, BorshInstructionCoder, Program } = anchor;

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw IDL JSON walked generically
const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const idl: Json = JSON.parse(read('engine/src/client/idl/exec_trade.json'));

const discriminator = (preimage: string): number[] => [...createHash('sha256').update(preimage).digest().subarray(0, 8)];
const byName = (list: Json[], name: string): Json => {
  const found = list.find((x) => x.name === name);
  if (!found) throw new Error(`${name} not in IDL`);
  return found;
};

describe('discriminators = sha256(namespace:name)[0..8]', () => {
  it('instructions use global:<snake_name>', () => {
    for (const ix of idl.instructions) expect(ix.discriminator, ix.name).toEqual(discriminator(`global:${ix.name}`));
  });
  it('accounts use account:<Name>', () => {
    for (const a of idl.accounts) expect(a.discriminator, a.name).toEqual(discriminator(`account:${a.name}`));
  });
  it('events use event:<Name>', () => {
    for (const e of idl.events) expect(e.discriminator, e.name).toEqual(discriminator(`event:${e.name}`));
  });
  it('matches the published Anchor reference vector', () => {
    expect(discriminator('global:take_quote')).toEqual([120, 12, 164, 101, 168, 196, 176, 6]);
  });
});

/**
 * `pub const NAME: T = value;` of the rules crate, valued: integer literals (and products of
 * them, `7 * 24 * 3600`) as bigint, byte strings (`b"config"`) as bytes.
 */
function rulesConstants(): Map<string, bigint | Uint8Array> {
  const src = read('programs/exec-trade-rules/src/constants.rs');
  const out = new Map<string, bigint | Uint8Array>();
  for (const [, name, value] of src.matchAll(/^pub const (\w+): [^=]+= ([^;]+);/gm)) {
    const bytes = /^b"([^"]*)"$/.exec(value!.trim());
    if (bytes) out.set(name!, new TextEncoder().encode(bytes[1]));
    else if (/^[\d_]+( \* [\d_]+)*$/.test(value!.trim())) out.set(name!, value!.split('*').reduce((p, f) => p * BigInt(f.trim().replaceAll('_', '')), 1n));
  }
  return out;
}

const idlValue = (c: Json): bigint | Uint8Array => (c.type === 'bytes' ? Uint8Array.from(JSON.parse(c.value)) : BigInt(c.value));
const asBig = (v: number | bigint): bigint => BigInt(v);

describe('IDL constants', () => {
  it('equal the rules crate constants they are defined from', () => {
    const rules = rulesConstants();
    const rulesName: Record<string, string> = { QUOTE_MESSAGE_LEN: 'QUOTE_LEN', SETTLEMENT_MESSAGE_LEN: 'SETTLEMENT_LEN' };
    expect(idl.constants.length).toBeGreaterThan(10);
    for (const c of idl.constants) {
      const name = rulesName[c.name] ?? c.name;
      expect(rules.has(name), `rules crate constant ${name}`).toBe(true);
      expect(idlValue(c), c.name).toEqual(rules.get(name));
    }
  });

  it('equal the TypeScript client constants; the ones without a TS twin are listed', () => {
    const ts: Record<string, bigint | Uint8Array> = {
      PROB_PRECISION: clientConstants.PROB_ONE,
      QUOTE_MESSAGE_LEN: asBig(QUOTE_LEN),
      SETTLEMENT_MESSAGE_LEN: asBig(SETTLEMENT_LEN),
      MAX_ROUND_SCHEDULE: asBig(clientConstants.MAX_ROUND_SCHEDULE),
      MAX_ROUND_STRIKES: asBig(clientConstants.MAX_ROUND_STRIKES),
      MIN_REFUND_GRACE_SEC: clientConstants.MIN_REFUND_GRACE_SEC,
      SEED_CONFIG: clientConstants.SEED_CONFIG,
      SEED_HOUSE_VAULT: clientConstants.SEED_HOUSE_VAULT,
      SEED_ROUND: clientConstants.SEED_ROUND,
      SEED_ROUND_VAULT: clientConstants.SEED_ROUND_VAULT,
      SEED_QUOTE_FILL: clientConstants.SEED_QUOTE_FILL,
      SEED_POSITION: clientConstants.SEED_POSITION,
      SEED_EXPOSURE: clientConstants.SEED_EXPOSURE,
    };
    const notMirrored = ['MAX_REFUND_GRACE_SEC', 'PRICE_PRECISION'];
    expect([...Object.keys(ts), ...notMirrored].sort()).toEqual(idl.constants.map((c: Json) => c.name).sort());
    for (const [name, value] of Object.entries(ts)) expect(idlValue(byName(idl.constants, name)), name).toEqual(value);
    expect(idl.address).toBe(clientConstants.EXEC_TRADE_PROGRAM_ID.toBase58());
  });
});

describe('docs/program.md', () => {
  it('its error table lists exactly the IDL errors (code, name, message)', () => {
    const rows = [...read('docs/program.md').matchAll(/^\| (\d{4}) \| `(\w+)` \| (.+) \|$/gm)].map((m) => ({ code: Number(m[1]), name: m[2], msg: m[3] }));
    expect(rows).toEqual(idl.errors);
  });
});

describe('the camelCase type file', () => {
  const ts = read('engine/src/client/idl/exec_trade.ts');
  const body = ts.slice(ts.indexOf('export type ExecTrade = ') + 'export type ExecTrade = '.length).trim().replace(/;$/, '');
  const typed: Json = JSON.parse(body);
  const fold = (v: Json): Json => {
    if (typeof v === 'string') return v.length >= 32 && !v.includes(' ') ? v : v.replaceAll('_', '').toLowerCase();
    if (Array.isArray(v)) return v.map(fold);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fold(x)]));
    return v;
  };

  it('is the JSON IDL with names camelCased and nothing else changed', () => {
    expect(fold(typed)).toEqual(fold(idl));
    expect(typed.instructions.map((i: Json) => i.name)).toContain('takeQuote');
    expect(typed.metadata.name).toBe('execTrade');
  });
});

describe('@coral-xyz/anchor can use the IDL', () => {
  const program = new Program<ExecTrade>(idl as ExecTrade, { connection: new Connection('http://127.0.0.1:9') } as never);
  const ixCoder = new BorshInstructionCoder(program.idl);
  const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);
  const key = Keypair.generate().publicKey;

  /** A value of IDL type `type`, varied by `seed` so array elements differ. */
  const sample = (type: Json, seed = 7): Json => {
    if (type === 'u8' || type === 'u16' || type === 'u32') return seed % 251;
    if (type === 'u64' || type === 'i64') return new BN(1_234_567_890_123 + seed);
    if (type === 'bool') return true;
    if (type === 'pubkey') return key;
    if (type.array) return Array.from({ length: type.array[1] }, (_, i) => sample(type.array[0], i + 1));
    if (type.option) return sample(type.option, seed);
    if (type.vec) return [sample(type.vec, seed), sample(type.vec, seed + 1)];
    const def = byName(idl.types, type.defined.name);
    if (def.type.kind === 'enum') return { [lowerFirst(def.type.variants.at(-1).name)]: {} };
    return Object.fromEntries(def.type.fields.map((f: Json) => [camel(f.name), sample(f.type, seed)]));
  };

  it('encodes and decodes every instruction', () => {
    for (const ix of idl.instructions) {
      const args = Object.fromEntries(ix.args.map((a: Json) => [camel(a.name), sample(a.type)]));
      const data = program.coder.instruction.encode(camel(ix.name), args);
      expect([...data.subarray(0, 8)], ix.name).toEqual(ix.discriminator);
      const decoded = ixCoder.decode(data);
      expect(decoded?.name, ix.name).toBe(camel(ix.name));
      expect(JSON.stringify(decoded?.data), ix.name).toBe(JSON.stringify(args));
    }
  });

  it('take_quote data is discriminator ‖ quote_id[16] ‖ side u8 ‖ size u64 LE (33 bytes)', () => {
    const quoteId = Array.from({ length: 16 }, (_, i) => i + 1);
    const data = program.coder.instruction.encode('takeQuote', { quoteId, side: 1, size: new BN(250_000_000) });
    const size = Buffer.alloc(8);
    size.writeBigUInt64LE(250_000_000n);
    expect(data).toEqual(Buffer.concat([Buffer.from(discriminator('global:take_quote')), Buffer.from(quoteId), Buffer.from([1]), size]));
  });

  it('round-trips every account Anchor can encode; Round is larger than its coder\'s 1,000-byte encode buffer', async () => {
    // BorshAccountsCoder.encode writes into Buffer.alloc(1000); decoding has no such limit, and
    // the native suites decode real Round accounts written by the program (env.round).
    const tooLarge: string[] = [];
    for (const { name } of idl.accounts) {
      if (program.coder.accounts.size(lowerFirst(name)) > 1000) {
        tooLarge.push(name);
        continue;
      }
      const value = sample({ defined: { name } });
      const data = await program.coder.accounts.encode(lowerFirst(name), value);
      expect([...data.subarray(0, 8)], name).toEqual(byName(idl.accounts, name).discriminator);
      expect(JSON.stringify(program.coder.accounts.decode(lowerFirst(name), data)), name).toBe(JSON.stringify(value));
    }
    expect(tooLarge).toEqual(['Round']);
  });

  it('decodes every event from its Program-data log payload', () => {
    for (const { name, discriminator: disc } of idl.events) {
      const value = sample({ defined: { name } });
      const body = program.coder.types.encode(lowerFirst(name), value);
      const event = program.coder.events.decode(Buffer.concat([Buffer.from(disc), body]).toString('base64'));
      expect(event?.name, name).toBe(lowerFirst(name));
      expect(JSON.stringify(event?.data), name).toBe(JSON.stringify(value));
    }
  });

  it('resolves take_quote PDAs and fixed addresses from the IDL alone', async () => {
    const round = Keypair.generate().publicKey;
    const quoteId = Array.from({ length: 16 }, () => 9);
    const ix = await program.methods
      .takeQuote(quoteId, 0, new BN(1))
      .accountsPartial({ trader: key, round, traderToken: Keypair.generate().publicKey, collateralMint: Keypair.generate().publicKey })
      .instruction();
    const pid = new PublicKey(idl.address);
    const pda = (...seeds: Buffer[]) => PublicKey.findProgramAddressSync(seeds, pid)[0].toBase58();
    const keys = ix.keys.map((k) => k.pubkey.toBase58());
    expect(keys).toHaveLength(15);
    expect(keys[1]).toBe(pda(Buffer.from('config')));
    expect(keys[3]).toBe(pda(Buffer.from('round_vault'), round.toBuffer()));
    expect(keys[4]).toBe(pda(Buffer.from('house_vault')));
    expect(keys[5]).toBe(pda(Buffer.from('quote_fill'), Buffer.from(quoteId)));
    expect(keys[6]).toBe(pda(Buffer.from('position'), Buffer.from(quoteId), key.toBuffer()));
    expect(keys[7]).toBe(pda(Buffer.from('exposure'), round.toBuffer(), key.toBuffer()));
    expect(keys[10]).toBe('Sysvar1nstructions1111111111111111111111111');
    expect(keys[13]).toBe(pda(Buffer.from('__event_authority')));
    expect(keys[14]).toBe(idl.address);
    expect(ix.keys[0]).toMatchObject({ isSigner: true, isWritable: true });
  });
});
