import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import nacl from 'tweetnacl';
import {
  QUOTE_LEN,
  SETTLEMENT_LEN,
  decodeQuote,
  decodeSettlement,
  encodeQuote,
  encodeSettlement,
} from '../../../engine/src/signer/quote-message.js';
import { QUOTE_CASES, SETTLEMENT_CASES } from '../../fixtures/golden/cases.js';
import { renderGoldenVectors } from '../../../scripts/golden-vectors.js';

const vectorsPath = new URL('../../fixtures/golden/vectors.txt', import.meta.url);

function parseVectors(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const header = /^\[(\w+) (\w+)\]$/.exec(t);
    if (header) {
      current = new Map();
      sections.set(`${header[1]} ${header[2]}`, current);
      continue;
    }
    const kv = /^(\w+) = (.*)$/.exec(t);
    if (!kv || !current) throw new Error(`bad vectors line: ${t}`);
    current.set(kv[1]!, kv[2]!);
  }
  return sections;
}

const hexBytes = (h: string | undefined): Uint8Array => Uint8Array.from(Buffer.from(h ?? '', 'hex'));

describe('quote wire format', () => {
  it('pins the serialized lengths', () => {
    expect(QUOTE_LEN).toBe(128);
    expect(SETTLEMENT_LEN).toBe(98);
    for (const c of QUOTE_CASES) expect(encodeQuote(c.fields)).toHaveLength(QUOTE_LEN);
    for (const c of SETTLEMENT_CASES) expect(encodeSettlement(c.fields)).toHaveLength(SETTLEMENT_LEN);
  });

  it('committed golden vectors are exactly what the encoder produces', () => {
    expect(readFileSync(vectorsPath, 'utf8')).toBe(renderGoldenVectors());
  });

  it('every golden quote decodes to its fields and its signature verifies with tweetnacl', () => {
    const vectors = parseVectors(readFileSync(vectorsPath, 'utf8'));
    for (const c of QUOTE_CASES) {
      const v = vectors.get(`quote ${c.name}`);
      expect(v, c.name).toBeDefined();
      const message = hexBytes(v!.get('message'));
      expect(decodeQuote(message)).toEqual(c.fields);
      expect(Buffer.from(message.subarray(0, 4)).toString('ascii')).toBe('EXQT');
      expect(nacl.sign.detached.verify(message, hexBytes(v!.get('signature')), hexBytes(v!.get('signer')))).toBe(true);
      const tampered = message.slice();
      tampered[72] = tampered[72]! ^ 1;
      expect(nacl.sign.detached.verify(tampered, hexBytes(v!.get('signature')), hexBytes(v!.get('signer')))).toBe(false);
    }
  });

  it('every golden settlement decodes to its fields and verifies', () => {
    const vectors = parseVectors(readFileSync(vectorsPath, 'utf8'));
    for (const c of SETTLEMENT_CASES) {
      const v = vectors.get(`settlement ${c.name}`)!;
      const message = hexBytes(v.get('message'));
      expect(decodeSettlement(message)).toEqual(c.fields);
      expect(nacl.sign.detached.verify(message, hexBytes(v.get('signature')), hexBytes(v.get('signer')))).toBe(true);
    }
  });

  it('the ed25519 instruction data uses the canonical web3.js offsets and self-referencing indices', () => {
    const vectors = parseVectors(readFileSync(vectorsPath, 'utf8'));
    const v = vectors.get('quote btc_devnet_5m')!;
    const data = Buffer.from(hexBytes(v.get('ed25519_ix_data')));
    expect(data[0]).toBe(1);
    expect(data[1]).toBe(0);
    const u16 = (o: number) => data.readUInt16LE(o);
    expect([u16(2), u16(4), u16(6), u16(8), u16(10), u16(12), u16(14)]).toEqual([48, 0xffff, 16, 0xffff, 112, QUOTE_LEN, 0xffff]);
    expect(data.length).toBe(112 + QUOTE_LEN);
    expect(data.subarray(16, 48).toString('hex')).toBe(v.get('signer'));
    expect(data.subarray(48, 112).toString('hex')).toBe(v.get('signature'));
    expect(data.subarray(112).toString('hex')).toBe(v.get('message'));
  });

  it('rejects malformed input with clear errors', () => {
    const good = encodeQuote(QUOTE_CASES[0]!.fields);
    expect(() => decodeQuote(good.subarray(0, 127))).toThrow(/expected 128 bytes/);
    const badMagic = good.slice();
    badMagic[0] = 0;
    expect(() => decodeQuote(badMagic)).toThrow(/bad magic/);
    const badVersion = good.slice();
    badVersion[4] = 2;
    expect(() => decodeQuote(badVersion)).toThrow(/unsupported version 2/);
    const badFlags = good.slice();
    badFlags[7] = 0x80;
    expect(() => decodeQuote(badFlags)).toThrow(/unknown flag bits/);
    expect(() => decodeSettlement(good)).toThrow(/expected 98 bytes/);
    expect(() => encodeQuote({ ...QUOTE_CASES[0]!.fields, upPrice: 1_000_001n })).toThrow(/above 1.0/);
    expect(() => encodeQuote({ ...QUOTE_CASES[0]!.fields, quoteId: new Uint8Array(15) })).toThrow(/quoteId: expected 16 bytes/);
    expect(() => encodeQuote({ ...QUOTE_CASES[0]!.fields, strike: -1n })).toThrow(/not a u64/);
  });
});
