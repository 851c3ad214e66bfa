/**
 * A small reader of the exec-trade program's Rust source, used by idl.test.ts to derive what
 * `anchor build` would put in the IDL (names, docs, field types, account metas, PDA seeds,
 * relations) for the subset of Rust this program uses, and compare it with the committed,
 * hand-maintained IDL. It follows the rules of anchor-syn 0.32.1 (`idl/accounts.rs` parse_seed,
 * get_address, get_relations; `parser/docs.rs` drops `/// CHECK:` lines).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const PROGRAM_SRC = join(ROOT, 'programs/exec-trade/src');
export const RULES_SRC = join(ROOT, 'programs/exec-trade-rules/src');

const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
const SYSTEM_PROGRAM = '11111111111111111111111111111111';

export type IdlTypeJson = string | { array: [IdlTypeJson, number] } | { option: IdlTypeJson } | { defined: { name: string } };

export interface RustField {
  readonly name: string;
  readonly docs: string[];
  readonly type: string;
  readonly attrs: string[];
}

export interface RustItem {
  readonly kind: 'struct' | 'enum';
  readonly name: string;
  readonly docs: string[];
  readonly attrs: string[];
  readonly fields: RustField[];
  readonly variants: string[];
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

export function rustFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return rustFiles(path);
    return name.endsWith('.rs') ? [path] : [];
  });
}

/** Index just past the bracket that closes the one at `open`. */
function matchClose(src: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };
  const stack: string[] = [];
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"') {
      i = src.indexOf('"', i + 1);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') stack.push(pairs[c]!);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) throw new Error(`unbalanced ${c} at ${i}`);
      if (stack.length === 0) return i + 1;
    }
  }
  throw new Error(`unclosed bracket at ${open}`);
}

/** Splits on commas that are not nested in (), [], {} or <>. */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if ('([{<'.includes(c)) depth++;
    if (')]}>'.includes(c)) depth--;
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const docText = (line: string) => line.trim().replace(/^\/\/\/ ?/, '').trim();
const keepDoc = (d: string) => !d.startsWith('CHECK:');

/** Attributes and `///` docs written directly above `index` (a `pub struct`/`pub enum` line). */
function leadingItemMeta(src: string, index: number): { docs: string[]; attrs: string[] } {
  let text = src.slice(0, index).trimEnd();
  const docs: string[] = [];
  const attrs: string[] = [];
  for (;;) {
    const lastLine = text.slice(text.lastIndexOf('\n') + 1).trim();
    if (lastLine.startsWith('///')) {
      docs.unshift(docText(lastLine));
      text = text.slice(0, text.lastIndexOf('\n')).trimEnd();
    } else if (text.endsWith(']')) {
      let depth = 0;
      let i = text.length - 1;
      for (; i >= 0; i--) {
        if (text[i] === ']') depth++;
        if (text[i] === '[' && --depth === 0) break;
      }
      if (text[i - 1] !== '#') break;
      attrs.unshift(text.slice(i - 1).replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/,? \)/g, ')'));
      text = text.slice(0, i - 1).trimEnd();
    } else break;
  }
  return { docs: docs.filter(keepDoc), attrs };
}

/** The fields of a struct body: docs, attributes (full text) and the type, in order. */
function parseFields(body: string): RustField[] {
  const fields: RustField[] = [];
  let docs: string[] = [];
  let attrs: string[] = [];
  let i = 0;
  while (i < body.length) {
    const rest = body.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    if (rest.startsWith('///')) {
      const end = rest.indexOf('\n');
      docs.push(docText(rest.slice(0, end)));
      i += end;
    } else if (rest.startsWith('//')) {
      i += rest.indexOf('\n');
    } else if (rest.startsWith('#[')) {
      const end = matchClose(body, i + 1);
      attrs.push(body.slice(i, end));
      i = end;
    } else {
      const m = /^(?:pub )?(\w+):\s*/.exec(rest);
      if (!m) throw new Error(`cannot parse field at: ${rest.slice(0, 60)}`);
      const typeStart = i + m[0].length;
      let depth = 0;
      let j = typeStart;
      for (; j < body.length; j++) {
        const c = body[j]!;
        if ('<[('.includes(c)) depth++;
        if ('>])'.includes(c)) depth--;
        if (c === ',' && depth === 0) break;
      }
      fields.push({ name: m[1]!, docs: docs.filter(keepDoc), attrs, type: body.slice(typeStart, j).trim() });
      docs = [];
      attrs = [];
      i = j + 1;
    }
  }
  return fields;
}

/** Every `pub struct` and `pub enum` of a file, with their docs and attributes. */
export function parseItems(src: string): RustItem[] {
  const items: RustItem[] = [];
  const re = /^pub (struct|enum) (\w+)(?:<'info>)?\s*\{/gm;
  for (const m of src.matchAll(re)) {
    const open = m.index + m[0].length - 1;
    const body = src.slice(open + 1, matchClose(src, open) - 1);
    const { docs, attrs } = leadingItemMeta(src, m.index);
    const kind = m[1] as 'struct' | 'enum';
    const variants = kind === 'enum' ? body.split(',').map((v) => v.trim()).filter(Boolean) : [];
    items.push({ kind, name: m[2]!, docs, attrs, fields: kind === 'struct' ? parseFields(body) : [], variants });
  }
  return items;
}

/** `pub const NAME: Type = value;` of a file, by name (value source text). */
export function parseConsts(src: string): Map<string, { type: string; value: string; docs: string[]; constant: boolean }> {
  const out = new Map<string, { type: string; value: string; docs: string[]; constant: boolean }>();
  for (const m of src.matchAll(/^pub const (\w+): ([^=]+?) = ([\s\S]+?);/gm)) {
    const { docs, attrs } = leadingItemMeta(src, m.index);
    out.set(m[1]!, { type: m[2]!.trim(), value: m[3]!.trim(), docs, constant: attrs.includes('#[constant]') });
  }
  return out;
}

/** Resolves a constant expression of constants.rs to bytes or a number, through the rules crate. */
export function constValue(expr: string): Uint8Array | bigint {
  const rules = parseConsts(read(join(RULES_SRC, 'constants.rs')));
  const own = parseConsts(read(join(PROGRAM_SRC, 'constants.rs')));
  const resolve = (e: string): Uint8Array | bigint => {
    const cast = /^(.+) as \w+$/.exec(e);
    if (cast) return resolve(cast[1]!.trim());
    const bytes = /^\*?b"([^"]*)"$/.exec(e);
    if (bytes) return new TextEncoder().encode(bytes[1]!);
    if (/^[0-9_]+$/.test(e)) return BigInt(e.replaceAll('_', ''));
    const rulesRef = /^rules::(\w+)$/.exec(e);
    if (rulesRef) return resolve(rules.get(rulesRef[1]!)?.value ?? `missing rules::${rulesRef[1]}`);
    const local = own.get(e);
    if (local) return resolve(local.value);
    throw new Error(`cannot resolve constant expression ${e}`);
  };
  return resolve(expr);
}

/** Rust type text to the IDL type JSON `anchor build` emits for it. */
export function idlType(rust: string): IdlTypeJson {
  const t = rust.replace(/\s+/g, ' ').trim();
  if (['u8', 'u16', 'u32', 'u64', 'i64', 'bool'].includes(t)) return t;
  if (t === 'Pubkey') return 'pubkey';
  const arr = /^\[(\w+); (\w+)\]$/.exec(t);
  if (arr) {
    const len = /^\d+$/.test(arr[2]!) ? Number(arr[2]) : Number(constValue(arr[2]!));
    return { array: [idlType(arr[1]!), len] };
  }
  const opt = /^Option<(.+)>$/.exec(t);
  if (opt) return { option: idlType(opt[1]!) };
  if (/^\w+$/.test(t)) return { defined: { name: t } };
  throw new Error(`no IDL type for ${rust}`);
}

/** The content of the first `#[account(...)]` attribute of a field ('' if none). */
function accountAttr(field: RustField): string {
  const a = field.attrs.find((x) => x.startsWith('#[account'));
  if (!a || !a.startsWith('#[account(')) return '';
  return a.slice('#[account('.length, -2);
}

function bytesOf(expr: string): number[] {
  const v = constValue(expr);
  if (typeof v === 'bigint') throw new Error(`seed ${expr} is not bytes`);
  return [...v];
}

/** anchor-syn parse_seed for the seed forms this program uses. */
function seedJson(seed: string, args: string[], fields: RustField[]): unknown {
  const s = seed.replace(/^&/, '').replace(/\s+/g, '');
  if (/^[A-Z_]+$/.test(s) || s.startsWith('b"')) return { kind: 'const', value: bytesOf(s) };
  const parts = s.split('.');
  const name = parts.shift()!;
  const sub: string[] = [];
  for (const p of parts) {
    if (p.includes('()')) break;
    sub.push(p);
  }
  const path = [name, ...sub].join('.');
  if (args.includes(name)) return { kind: 'arg', path };
  const field = fields.find((f) => f.name === name);
  if (!field) throw new Error(`seed ${seed}: unknown name ${name}`);
  if (sub.length === 0) return { kind: 'account', path };
  const account = /Account<'info, (\w+)>/.exec(field.type)?.[1];
  return { kind: 'account', path, account };
}

/** What `anchor build` emits as the `accounts` of an instruction whose Accounts struct is `item`. */
export function idlAccountsOf(item: RustItem, instructionsSysvar: string): unknown[] {
  const argsAttr = item.attrs.find((a) => a.startsWith('#[instruction('));
  const args = argsAttr ? splitTopLevel(argsAttr.slice('#[instruction('.length, -2)).map((a) => a.split(':')[0]!.trim()) : [];
  const out: Record<string, unknown>[] = item.fields.map((f) => {
    const attr = accountAttr(f);
    const acc: Record<string, unknown> = { name: f.name };
    if (f.docs.length) acc['docs'] = f.docs;
    if (/(^|[\s,(])(mut|init|init_if_needed)(?=[\s,)]|$)/.test(attr)) acc['writable'] = true;
    if (f.type.startsWith('Signer<')) acc['signer'] = true;
    if (f.type === "Program<'info, Token>") acc['address'] = TOKEN_PROGRAM;
    if (f.type === "Program<'info, System>") acc['address'] = SYSTEM_PROGRAM;
    if (/address = INSTRUCTIONS_SYSVAR_ID/.test(attr)) acc['address'] = instructionsSysvar;
    const seedsAt = attr.indexOf('seeds = [');
    if (seedsAt >= 0) {
      const open = seedsAt + 'seeds = '.length;
      const list = attr.slice(open + 1, matchClose(attr, open) - 1);
      acc['pda'] = { seeds: splitTopLevel(list).map((s) => seedJson(s, args, item.fields)) };
    }
    const relations = item.fields.filter((o) => new RegExp(`has_one = ${f.name}\\b`).test(accountAttr(o))).map((o) => o.name);
    if (relations.length) acc['relations'] = relations;
    return acc;
  });
  if (item.attrs.includes('#[event_cpi]')) {
    out.push({ name: 'event_authority', pda: { seeds: [{ kind: 'const', value: [...new TextEncoder().encode('__event_authority')] }] } });
    out.push({ name: 'program' });
  }
  return out;
}

export interface RustInstruction {
  readonly name: string;
  readonly docs: string[];
  readonly context: string;
  readonly args: { name: string; type: string }[];
}

/** The `pub fn`s of the `#[program]` module in lib.rs. */
export function parseProgramFns(lib: string): RustInstruction[] {
  const mod = lib.slice(lib.indexOf('#[program]'));
  const out: RustInstruction[] = [];
  for (const m of mod.matchAll(/^ {4}pub fn (\w+)\(/gm)) {
    const open = m.index + m[0].length - 1;
    const params = splitTopLevel(mod.slice(open + 1, matchClose(mod, open) - 1));
    const context = /Context<(\w+)>/.exec(params[0]!)?.[1] ?? '';
    const args = params.slice(1).map((p) => {
      const [name, ...type] = p.split(':');
      return { name: name!.trim(), type: type.join(':').trim() };
    });
    const { docs } = leadingItemMeta(mod, m.index);
    out.push({ name: m[1]!, docs, context, args });
  }
  return out;
}
