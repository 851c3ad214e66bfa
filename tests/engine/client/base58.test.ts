import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { base58Encode } from '../../../engine/src/client/base58.js';
import { prng } from '../../helpers/prng.js';


describe('base58Encode', () => {
  it('matches bs58 on the empty input, zeros, and 0xff runs of every length 0..80', () => {
    for (let n = 0; n <= 80; n++) {
      for (const fill of [0x00, 0x01, 0xff, 0x39]) {
        const bytes = new Uint8Array(n).fill(fill);
        expect(base58Encode(bytes), `len ${n} fill ${fill}`).toBe(bs58.encode(bytes));
      }
    }
  });

  it('keeps every leading zero byte as a leading 1', () => {
    const bytes = new Uint8Array(64);
    bytes[63] = 1;
    expect(base58Encode(bytes)).toBe(`${'1'.repeat(63)}2`);
    bytes[5] = 0x80;
    expect(base58Encode(bytes)).toBe(bs58.encode(bytes));
    expect(base58Encode(bytes).startsWith('11111')).toBe(true);
    expect(base58Encode(Uint8Array.of(0, 0, 0))).toBe('111');
  });

  it('matches bs58 on 20,000 random 64-byte signatures and 32-byte keys', () => {
    for (let i = 0; i < 10_000; i++) {
      const sig = randomBytes(64);
      expect(base58Encode(sig)).toBe(bs58.encode(sig));
      const key = randomBytes(32);
      expect(base58Encode(key)).toBe(bs58.encode(key));
    }
  });

  it('matches bs58 on random lengths with random leading-zero prefixes', () => {
    const next = prng(0x5eed);
    for (let i = 0; i < 5_000; i++) {
      const len = next() % 100;
      const bytes = new Uint8Array(len);
      const zeros = next() % 6;
      for (let k = zeros; k < len; k++) bytes[k] = next() & 0xff;
      expect(base58Encode(bytes), Buffer.from(bytes).toString('hex')).toBe(bs58.encode(bytes));
    }
  });

  it('round-trips through bs58.decode, including limb-boundary values', () => {
    // 58^k - 1 and 58^k are where the top limb gains a digit; 2^(8k) boundaries where bytes gain one.
    const cases: bigint[] = [];
    for (let k = 1n; k <= 90n; k++) cases.push(58n ** k - 1n, 58n ** k, 58n ** k + 1n);
    for (let k = 1n; k <= 64n; k++) cases.push((1n << (8n * k)) - 1n);
    for (const v of cases) {
      let hex = v.toString(16);
      if (hex.length % 2) hex = `0${hex}`;
      const bytes = Uint8Array.from(Buffer.from(hex, 'hex'));
      const text = base58Encode(bytes);
      expect(text, hex).toBe(bs58.encode(bytes));
      expect(Buffer.from(bs58.decode(text)).toString('hex')).toBe(hex);
    }
  });
});
