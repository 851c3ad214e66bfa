/**
 * The committed IDL (engine/src/client/idl/exec_trade.json) is hand-maintained because the
 * program cannot be built here. This suite proves it says what `anchor build` would say about
 * programs/exec-trade/src, and that @coral-xyz/anchor can use it.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import anchor from '@coral-xyz/anchor';
import { Connection, Keypair, PublicKey } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import {
  PROGRAM_SRC,
  ROOT,
  RULES_SRC,
  constValue,
  idlAccountsOf,
  idlType,
  parseConsts,
  parseItems,
  parseProgramFns,
  read,
  rustFiles,
  type RustItem,
} from './idl-rust-source.js';
import type { ExecTrade } from '../../engine/src/client/idl/exec_trade.js';

const { BN, BorshInstructionCoder, Program } = anchor;

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw IDL JSON walked generically
const idl: Json = JSON.parse(read(join(ROOT, 'engine/src/client/idl/exec_trade.json')));
const INSTRUCTIONS_SYSVAR = 'Sysvar1nstructions1111111111111111111111111';

const discriminator = (preimage: string): number[] => [...createHash('sha256').update(preimage).digest().subarray(0, 8)];
const byName = (list: Json[], name: string): Json => {
  const found = list.find((x) => x.name === name);
  if (!found) throw new Error(`${name} not in IDL`);
  return found;
};

const lib = read(join(PROGRAM_SRC, 'lib.rs'));
const programFns = parseProgramFns(lib);
const items: RustItem[] = rustFiles(PROGRAM_SRC).flatMap((f) => parseItems(read(f)));
const item = (name: string): RustItem => {
  const found = items.find((i) => i.name === name);
  if (!found) throw new Error(`no Rust item ${name}`);
  return found;
};
const accountStructs = items.filter((i) => i.attrs.includes('#[account]'));
const eventStructs = items.filter((i) => i.attrs.includes('#[event]'));
const serdeTypes = items.filter((i) => i.attrs.some((a) => a.includes('AnchorSerialize')));

describe('IDL metadata and address', () => {
  it('has the spec 0.1.0 metadata of the exec_trade crate (name, version, description from Cargo.toml)', () => {
    const cargo = read(join(ROOT, 'programs/exec-trade/Cargo.toml'));
    const field = (key: string) => new RegExp(`^${key} = "([^"]*)"`, 'm').exec(cargo)?.[1];
    expect(idl.metadata).toEqual({ name: field('name')?.replaceAll('-', '_'), version: field('version'), spec: '0.1.0', description: field('description') });
  });

  it('address equals every declare_id! in lib.rs', () => {
    const ids = [...lib.matchAll(/declare_id!\("(\w+)"\)/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toBe(idl.address);
    expect(new PublicKey(idl.address).toBase58()).toBe(idl.address);
  });
});

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

describe('IDL matches the Rust source', () => {
  it('instructions are the pub fns of #[program], sorted, with their doc line', () => {
    expect(idl.instructions.map((i: Json) => i.name)).toEqual(programFns.map((f) => f.name).sort());
    for (const fn of programFns) {
      const ix = byName(idl.instructions, fn.name);
      expect(ix.docs ?? [], fn.name).toEqual(fn.docs);
      expect(ix.args, fn.name).toEqual(fn.args.map((a) => ({ name: a.name, type: idlType(a.type) })));
    }
  });

  it('instruction accounts follow the #[derive(Accounts)] structs (order, mut, signer, address, seeds, relations)', () => {
    for (const fn of programFns) {
      const expected = idlAccountsOf(item(fn.context), INSTRUCTIONS_SYSVAR);
      expect(byName(idl.instructions, fn.name).accounts, fn.name).toEqual(expected);
    }
  });

  it('accounts are the #[account] structs of state/', () => {
    expect(idl.accounts.map((a: Json) => a.name)).toEqual(accountStructs.map((s) => s.name).sort());
  });

  it('events are the #[event] structs of events.rs', () => {
    expect(idl.events.map((e: Json) => e.name)).toEqual(eventStructs.map((s) => s.name).sort());
  });

  it('types are every account, event and borsh type, with docs, fields and field types', () => {
    const all = [...accountStructs, ...eventStructs, ...serdeTypes];
    expect(idl.types.map((t: Json) => t.name)).toEqual([...new Set(all.map((s) => s.name))].sort());
    for (const s of all) {
      const t = byName(idl.types, s.name);
      expect(t.docs ?? [], s.name).toEqual(s.docs);
      if (s.kind === 'enum') {
        expect(t.type, s.name).toEqual({ kind: 'enum', variants: s.variants.map((name) => ({ name })) });
        continue;
      }
      const fields = s.fields.map((f) => (f.docs.length ? { name: f.name, docs: f.docs, type: idlType(f.type) } : { name: f.name, type: idlType(f.type) }));
      expect(t.type, s.name).toEqual({ kind: 'struct', fields });
    }
  });

  it('errors are error.rs in order from 6000, and the first ones mirror RuleError exactly', () => {
    const src = read(join(PROGRAM_SRC, 'error.rs'));
    const rust = [...src.matchAll(/#\[msg\("([^"]*)"\)\]\s*\n\s*(\w+),/g)].map((m, i) => ({ code: 6000 + i, name: m[2], msg: m[1] }));
    expect(idl.errors).toEqual(rust);

    const rulesSrc = read(join(RULES_SRC, 'error.rs'));
    const ruleNames = [...rulesSrc.matchAll(/^\s+(\w+) = (\d+),/gm)].map((m) => ({ name: m[1]!, code: Number(m[2]) }));
    expect(ruleNames.length).toBeGreaterThan(60);
    for (const { name, code } of ruleNames) {
      const msg = new RegExp(`RuleError::${name} => \\{?\\s*"([^"]+)"`).exec(rulesSrc)?.[1];
      expect(idl.errors[code], name).toEqual({ code: 6000 + code, name, msg });
    }
    const arms = [...src.matchAll(/RuleError::(\w+) =>\s*\{?\s*ExecTradeError::(\w+)/g)].map((m) => [m[1], m[2]]);
    expect(arms).toEqual(ruleNames.map(({ name }) => [name, name]));
  });

  it('the error table of docs/program.md is the IDL error list', () => {
    const doc = read(join(ROOT, 'docs/program.md'));
    const rows = [...doc.matchAll(/^\| (\d{4}) \| `(\w+)` \| (.+) \|$/gm)].map((m) => ({ code: Number(m[1]), name: m[2], msg: m[3] }));
    expect(rows).toEqual(idl.errors);
  });

  it('constants are the #[constant]s of constants.rs, valued through the rules crate', () => {
    const consts = [...parseConsts(read(join(PROGRAM_SRC, 'constants.rs')))].filter(([, c]) => c.constant);
    expect(idl.constants.map((c: Json) => c.name)).toEqual(consts.map(([n]) => n).sort());
    for (const [name, c] of consts) {
      const value = constValue(c.value);
      const rendered = typeof value === 'bigint' ? value.toString() : `[${[...value].join(', ')}]`;
      const type = c.type === '&[u8]' ? 'bytes' : c.type;
      const expected = c.docs.length ? { name, docs: c.docs, type, value: rendered } : { name, type, value: rendered };
      expect(byName(idl.constants, name)).toEqual(expected);
    }
  });

  it('seed constants equal the rules crate seeds and the documented strings', () => {
    const seeds = Object.fromEntries(idl.constants.filter((c: Json) => c.name.startsWith('SEED_')).map((c: Json) => [c.name, Buffer.from(JSON.parse(c.value)).toString()]));
    expect(seeds).toEqual({
      SEED_CONFIG: 'config',
      SEED_EXPOSURE: 'exposure',
      SEED_HOUSE_VAULT: 'house_vault',
      SEED_POSITION: 'position',
      SEED_QUOTE_FILL: 'quote_fill',
      SEED_ROUND: 'round',
      SEED_ROUND_VAULT: 'round_vault',
    });
  });
});

describe('the camelCase type file', () => {
  const ts = read(join(ROOT, 'engine/src/client/idl/exec_trade.ts'));
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

  const sample = (type: Json): Json => {
    if (type === 'u8' || type === 'u16' || type === 'u32') return 7;
    if (type === 'u64' || type === 'i64') return new BN('1234567890123');
    if (type === 'bool') return true;
    if (type === 'pubkey') return key;
    if (type.array) return Array.from({ length: type.array[1] }, (_, i) => i % 251);
    if (type.option) return sample(type.option);
    const def = byName(idl.types, type.defined.name);
    if (def.type.kind === 'enum') return { [lowerFirst(def.type.variants.at(-1).name)]: {} };
    return Object.fromEntries(def.type.fields.map((f: Json) => [camel(f.name), sample(f.type)]));
  };

  it('encodes and decodes every instruction', () => {
    for (const ix of idl.instructions) {
      const args = Object.fromEntries(ix.args.map((a: Json) => [camel(a.name), sample(a.type)]));
      const data = program.coder.instruction.encode(camel(ix.name), args);
      expect([...data.subarray(0, 8)], ix.name).toEqual(ix.discriminator);
      expect(ixCoder.decode(data)?.name, ix.name).toBe(camel(ix.name));
    }
  });

  it('take_quote data is discriminator ‖ quote_id[16] ‖ side u8 ‖ size u64 LE (33 bytes)', () => {
    const quoteId = Array.from({ length: 16 }, (_, i) => i + 1);
    const data = program.coder.instruction.encode('takeQuote', { quoteId, side: 1, size: new BN(250_000_000) });
    const size = Buffer.alloc(8);
    size.writeBigUInt64LE(250_000_000n);
    expect(data).toEqual(Buffer.concat([Buffer.from(discriminator('global:take_quote')), Buffer.from(quoteId), Buffer.from([1]), size]));
  });

  it('round-trips every account type at its pinned size (8 + INIT_SPACE of state/*.rs tests)', async () => {
    const sizes: Record<string, number> = { Config: 261, Position: 154, QuoteFill: 113, Round: 120, WalletExposure: 81 };
    expect(Object.keys(sizes).sort()).toEqual(idl.accounts.map((a: Json) => a.name));
    for (const { name } of idl.accounts) {
      const value = sample({ defined: { name } });
      const data = await program.coder.accounts.encode(lowerFirst(name), value);
      expect(data.length, name).toBe(sizes[name]);
      const back = program.coder.accounts.decode(lowerFirst(name), data);
      expect(JSON.stringify(back), name).toBe(JSON.stringify(value));
    }
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
    expect(keys[10]).toBe(INSTRUCTIONS_SYSVAR);
    expect(keys[13]).toBe(pda(Buffer.from('__event_authority')));
    expect(keys[14]).toBe(idl.address);
    expect(ix.keys[0]).toMatchObject({ isSigner: true, isWritable: true });
  });
});
