// Browser-side quote verification: nothing here trusts the server. WebCrypto Ed25519 checks the
// signature over the exact message bytes, and the bytes are decoded (docs/quote-format.md) and
// compared with the JSON fields the terminal displays.

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** @param {string} text @returns {Uint8Array} */
export function base58Decode(text) {
  let n = 0n;
  for (const ch of text) {
    const v = B58.indexOf(ch);
    if (v < 0) throw new Error(`invalid base58 character ${ch}`);
    n = n * 58n + BigInt(v);
  }
  const bytes = [];
  while (n > 0n) { bytes.unshift(Number(n & 0xffn)); n >>= 8n; }
  for (const ch of text) { if (ch !== '1') break; bytes.unshift(0); }
  return Uint8Array.from(bytes);
}

/** @param {string} b64 @returns {Uint8Array} */
export function base64Decode(b64) {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

const QUOTE_LEN = 128;
const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Decode the 128-byte v1 quote (little-endian). @param {Uint8Array} m */
export function decodeQuote(m) {
  if (m.length !== QUOTE_LEN) throw new Error(`quote: expected ${QUOTE_LEN} bytes, got ${m.length}`);
  if (String.fromCharCode(m[0], m[1], m[2], m[3]) !== 'EXQT' || m[4] !== 1) throw new Error('quote: bad magic or version');
  const v = new DataView(m.buffer, m.byteOffset, m.byteLength);
  return {
    cluster: m[5], asset: m[6], flags: m[7],
    programId: m.slice(8, 40), quoteId: hex(m.slice(40, 56)),
    epoch: v.getBigUint64(56, true), expiryTs: v.getBigInt64(64, true), strike: v.getBigUint64(72, true),
    upPrice: BigInt(v.getUint32(80, true)), downPrice: BigInt(v.getUint32(84, true)),
    maxSize: v.getBigUint64(88, true), validUntilMs: v.getBigInt64(96, true),
    generatedAtMs: v.getBigInt64(104, true), refPrice: v.getBigUint64(112, true), refTsMs: v.getBigInt64(120, true),
  };
}

const keyCache = new Map();
async function importKey(signer) {
  let key = keyCache.get(signer);
  if (!key) {
    key = crypto.subtle.importKey('raw', base58Decode(signer), { name: 'Ed25519' }, false, ['verify']);
    keyCache.set(signer, key);
  }
  return key;
}

/**
 * Verify one signed quote. Returns { ok: true } or { ok: false, reason }.
 * @param {any} q SignedQuoteJson @param {{ oracle: string, nowMs: number }} ctx
 */
export async function verifyQuote(q, ctx) {
  try {
    if (q.signer !== ctx.oracle) return { ok: false, reason: 'signer is not the oracle' };
    const message = base64Decode(q.message);
    const key = await importKey(q.signer);
    const good = await crypto.subtle.verify('Ed25519', key, base58Decode(q.signature), message);
    if (!good) return { ok: false, reason: 'bad signature' };
    const d = decodeQuote(message);
    const same =
      d.quoteId === q.quoteId && String(d.strike) === q.strike && String(d.upPrice) === q.upPrice &&
      String(d.downPrice) === q.downPrice && String(d.maxSize) === q.maxSize &&
      Number(d.validUntilMs) === q.validUntilMs && Number(d.expiryTs) === q.expiryTs;
    if (!same) return { ok: false, reason: 'fields differ from signed bytes' };
    if (Number(d.validUntilMs) < ctx.nowMs) return { ok: false, reason: 'expired' };
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
