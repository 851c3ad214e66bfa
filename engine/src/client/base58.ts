/**
 * Base58 (Bitcoin alphabet) encoding, output identical to `bs58.encode`, for the hot path: every
 * signed quote carries a base58 signature. `bs58` (base-x) converts one byte at a time into one
 * base-58 digit array (O(n²) byte operations); this converts three bytes at a time into limbs of
 * 58^4, so a 64-byte signature needs 22 steps over at most 22 limbs, all in exact double arithmetic
 * (limb · 2^24 + carry < 58^4 · 2^24 ≈ 1.9e14 < 2^53).
 */

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** 58^4, the limb base. */
const LIMB = 11_316_496;
/** All two-digit groups (58²), so a limb (four digits) is written with two table lookups, */
const GROUPS: readonly string[] = Array.from({ length: 58 ** 2 }, (_, i) => `${ALPHABET[Math.floor(i / 58)]}${ALPHABET[i % 58]}`);

/** Encode bytes as base58; each leading zero byte becomes a leading '1', as in bs58/base-x. */
export function base58Encode(bytes: Uint8Array): string {
  const n = bytes.length;
  let zeros = 0;
  while (zeros < n && bytes[zeros] === 0) zeros++;
  // Limbs, least significant first. log(256)/log(58^4) < 0.35 limbs per byte.
  const limbs = new Float64Array(Math.ceil(((n - zeros) * 35) / 100) + 1);
  let used = 0;
  let i = zeros;
  // Leading partial chunk so the rest is whole 3-byte steps.
  const head = (n - zeros) % 3;
  if (head > 0) {
    let v = 0;
    for (let k = 0; k < head; k++) v = v * 256 + (bytes[i++] as number);
    if (v > 0) limbs[used++] = v;
  }
  while (i < n) {
    let carry = (bytes[i] as number) * 65_536 + (bytes[i + 1] as number) * 256 + (bytes[i + 2] as number);
    i += 3;
    for (let j = 0; j < used; j++) {
      const x = (limbs[j] as number) * 16_777_216 + carry;
      carry = Math.floor(x / LIMB);
      limbs[j] = x - carry * LIMB;
    }
    while (carry > 0) {
      const q = Math.floor(carry / LIMB);
      limbs[used++] = carry - q * LIMB;
      carry = q;
    }
  }
  let out = '1'.repeat(zeros);
  if (used === 0) return out;
  // Most significant limb without leading '1' (zero) digits, the rest as full 4-digit groups.
  let top = limbs[used - 1] as number;
  let first = '';
  while (top > 0) {
    const q = Math.floor(top / 58);
    first = (ALPHABET[top - q * 58] as string) + first;
    top = q;
  }
  out += first;
  for (let j = used - 2; j >= 0; j--) {
    const v = limbs[j] as number;
    const hi = Math.floor(v / 3364);
    out += (GROUPS[hi] as string) + (GROUPS[v - hi * 3364] as string);
  }
  return out;
}
