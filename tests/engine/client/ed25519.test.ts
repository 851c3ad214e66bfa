import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { QUOTE_LEN, SETTLEMENT_LEN } from '../../../engine/src/client/quote-message.js';
import { ED25519_PROGRAM_ID, Ed25519LayoutError, buildEd25519Ix, parseCanonicalEd25519Data, readEd25519Offsets } from '../../../engine/src/client/index.js';

/** The "Ed25519 instruction" table of docs/quote-format.md: offset → fixed value. */
function documentedHeader(): Map<number, { size: number; value: string }> {
  const doc = readFileSync(new URL('../../../docs/quote-format.md', import.meta.url), 'utf8');
  const start = doc.indexOf('## The Ed25519 instruction');
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end === -1 ? undefined : end);
  const rows = new Map<number, { size: number; value: string }>();
  for (const m of section.matchAll(/^\| (\d+) \| (\d+) \| `?(\w+)`?(?: = ([^|]+))?/gm)) {
    rows.set(Number(m[1]), { size: Number(m[2]), value: (m[4] ?? '').trim() });
  }
  return rows;
}

describe('buildEd25519Ix', () => {
  const signer = createSigner(randomBytes(32));

  for (const [what, len] of [['quote', QUOTE_LEN], ['settlement', SETTLEMENT_LEN]] as const) {
    it(`lays out a ${what} exactly as docs/quote-format.md documents`, () => {
      const msg = Uint8Array.from(randomBytes(len));
      const sig = signer.sign(msg);
      const ix = buildEd25519Ix(signer.publicKey, msg, sig);
      const data = Buffer.from(ix.data);
      expect(ix.programId.equals(ED25519_PROGRAM_ID)).toBe(true);
      expect(ix.keys).toEqual([]);
      expect(data.length).toBe(112 + len);
      const doc = documentedHeader();
      expect([...doc.keys()].filter((o) => o < 16)).toEqual([0, 1, 2, 4, 6, 8, 10, 12, 14]);
      for (const [offset, { size, value }] of doc) {
        if (offset >= 16) continue;
        const actual = size === 1 ? data.readUInt8(offset) : data.readUInt16LE(offset);
        const expected = value.startsWith('0xFFFF') ? 0xffff : value === `${QUOTE_LEN} (quote) or ${SETTLEMENT_LEN} (settlement)` ? len : Number(value.split(' ')[0]);
        expect([offset, actual]).toEqual([offset, expected]);
      }
      expect(data.subarray(16, 48)).toEqual(Buffer.from(signer.publicKey));
      expect(data.subarray(48, 112)).toEqual(Buffer.from(sig));
      expect(data.subarray(112)).toEqual(Buffer.from(msg));
      expect(readEd25519Offsets(data)).toEqual({
        numSignatures: 1, padding: 0, signatureOffset: 48, signatureInstructionIndex: 0xffff, publicKeyOffset: 16,
        publicKeyInstructionIndex: 0xffff, messageDataOffset: 112, messageDataSize: len, messageInstructionIndex: 0xffff,
      });
    });
  }

  it('parseCanonicalEd25519Data rejects every deviation the program rejects', () => {
    const msg = Uint8Array.from(randomBytes(QUOTE_LEN));
    const good = Buffer.from(buildEd25519Ix(signer.publicKey, msg, signer.sign(msg)).data);
    const mutations: Array<[string, (d: Buffer) => Buffer]> = [
      ['two signatures', (d) => (d.writeUInt8(2, 0), d)],
      ['padding', (d) => (d.writeUInt8(1, 1), d)],
      ['signature offset', (d) => (d.writeUInt16LE(49, 2), d)],
      ['signature index', (d) => (d.writeUInt16LE(0, 4), d)],
      ['public key offset', (d) => (d.writeUInt16LE(17, 6), d)],
      ['public key index', (d) => (d.writeUInt16LE(1, 8), d)],
      ['message offset', (d) => (d.writeUInt16LE(113, 10), d)],
      ['message size', (d) => (d.writeUInt16LE(127, 12), d)],
      ['message index', (d) => (d.writeUInt16LE(2, 14), d)],
      ['trailing byte', (d) => Buffer.concat([d, Buffer.of(0)])],
      ['truncated', (d) => d.subarray(0, d.length - 1)],
    ];
    expect(() => parseCanonicalEd25519Data(good, QUOTE_LEN)).not.toThrow();
    for (const [name, mutate] of mutations) {
      expect(() => parseCanonicalEd25519Data(mutate(Buffer.from(good)), QUOTE_LEN), name).toThrow(Ed25519LayoutError);
    }
  });
});
