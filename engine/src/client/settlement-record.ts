/**
 * Settlement records: the rule that turns venue prices into a settlement price (method 1), the
 * canonical sources record whose sha256 is signed into the 98-byte settlement message, and
 * `verifySettlementRecord`, which lets anyone recompute and check a published record.
 *
 * Method 1 ("median of venue prices at expiry"): for each venue, its last mid with
 * expiry_ms − window_ms ≤ exchangeTs ≤ expiry_ms (expiry_ms = expiryTs · 1000). The price is the
 * median of those mids: the middle one for an odd count, floor((a + b) / 2) of the two middle ones
 * for an even count. At least `minProviders` venues must contribute, else there is no settlement
 * (the round refunds after its grace period).
 */
import bs58 from 'bs58';
import { FLAG_SIMULATED, type SettlementFields } from './quote-message.js';
import { bytesToHex } from './encoding.js';
import { sharedEd25519Verifier, type Ed25519Verifier } from './verify/ed25519-verifier.js';
import {
  SettlementVerificationError,
  decodeSignedSettlement,
  settlementAuthorityOf,
  settlementSignatureFailure,
  settlementSignatureParts,
  type SettlementAuthorityInfo,
} from './settlement-signature.js';

export { SettlementVerificationError } from './settlement-signature.js';

export const SETTLEMENT_METHOD_MEDIAN_AT_EXPIRY = 1;

export interface VenuePrice {
  readonly venue: string;
  /** Mid in price micro-units. */
  readonly mid: bigint;
  /** Exchange timestamp, unix ms. */
  readonly exchangeTs: number;
}

export interface SettlementRule {
  readonly windowMs: number;
  readonly minProviders: number;
}

/** JSON form of a venue price in a record (mid as a decimal string). */
export interface VenuePriceJson {
  readonly venue: string;
  readonly mid: string;
  readonly exchangeTs: number;
}

/** The published settlement record (also what the store's `SettlementJson` carries). */
export interface SettlementRecordJson {
  readonly symbol: string;
  readonly asset: number;
  readonly cluster: number;
  readonly programId: string; // base58
  readonly expiryTs: number; // unix s
  readonly method: number;
  readonly windowMs: number;
  readonly minProviders: number;
  readonly sources: readonly VenuePriceJson[]; // ascending venue name
  readonly sourceCount: number;
  readonly sourcesHash: string; // hex sha256 of canonicalSourcesBytes
  readonly price: string; // price micro-units
  readonly publishedAtMs: number;
  readonly simulated: boolean;
  readonly message: string; // base64, the signed 98-byte settlement
  readonly signature: string; // base58
  readonly signer: string; // base58
}

/** Per venue, the last observation inside [expiry − window, expiry]; ascending venue name. */
export function selectSettlementSources(observations: readonly VenuePrice[], expiryTs: number, rule: SettlementRule): VenuePrice[] {
  const endMs = expiryTs * 1000;
  const startMs = endMs - rule.windowMs;
  const best = new Map<string, VenuePrice>();
  for (const o of observations) {
    if (o.exchangeTs > endMs || o.exchangeTs < startMs || o.mid <= 0n) continue;
    const cur = best.get(o.venue);
    if (!cur || o.exchangeTs >= cur.exchangeTs) best.set(o.venue, o);
  }
  return [...best.values()].sort((a, b) => (a.venue < b.venue ? -1 : a.venue > b.venue ? 1 : 0));
}

export function medianPrice(mids: readonly bigint[]): bigint {
  if (mids.length === 0) throw new SettlementVerificationError('median of no prices');
  const s = [...mids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2n;
}

/** The exact bytes hashed into `sources_hash`: JSON with a fixed key order and no whitespace. */
export function canonicalSourcesBytes(r: { symbol: string; expiryTs: number; method: number; windowMs: number; sources: readonly VenuePriceJson[] }): Uint8Array {
  const sources = [...r.sources]
    .sort((a, b) => (a.venue < b.venue ? -1 : a.venue > b.venue ? 1 : 0))
    .map((s) => ({ venue: s.venue, mid: s.mid, exchangeTs: s.exchangeTs }));
  const text = JSON.stringify({ v: 1, symbol: r.symbol, expiryTs: r.expiryTs, method: r.method, windowMs: r.windowMs, sources });
  return new TextEncoder().encode(text);
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
}

export const toVenuePriceJson = (p: VenuePrice): VenuePriceJson => ({ venue: p.venue, mid: p.mid.toString(), exchangeTs: p.exchangeTs });

function parseMid(s: string): bigint {
  if (!/^\d{1,20}$/.test(s)) throw new SettlementVerificationError(`source mid "${s}" is not an unsigned integer`);
  return BigInt(s);
}

const hex = bytesToHex;

export interface VerifiedSettlement {
  readonly fields: SettlementFields;
  readonly price: bigint;
}

/**
 * Recompute a published record from scratch and check it: sources inside the window, at least
 * minProviders of them, the median equals `price`, the canonical hash equals `sourcesHash`, the
 * signed message encodes exactly these values, and the signature verifies under the settlement
 * authority: a base58 key, or the `GET /v1/oracle` response (its `settlementSigner`).
 */
export async function verifySettlementRecord(
  record: SettlementRecordJson,
  expected: string | SettlementAuthorityInfo,
  /** Default: the SDK's fastest ed25519 backend (node:crypto, WebCrypto, else tweetnacl), keys cached. */
  verifier?: Ed25519Verifier,
): Promise<VerifiedSettlement> {
  const fail = (m: string): never => {
    throw new SettlementVerificationError(`settlement ${record.symbol}@${record.expiryTs}: ${m}`);
  };
  const authority = settlementAuthorityOf(expected);
  if (record.method !== SETTLEMENT_METHOD_MEDIAN_AT_EXPIRY) fail(`unknown method ${record.method}`);
  const observations = record.sources.map((s) => ({ venue: s.venue, mid: parseMid(s.mid), exchangeTs: s.exchangeTs }));
  if (new Set(observations.map((o) => o.venue)).size !== observations.length) fail('a venue appears twice');
  const selected = selectSettlementSources(observations, record.expiryTs, record);
  if (selected.length !== observations.length) fail('a source lies outside the settlement window');
  if (selected.length < record.minProviders) fail(`${selected.length} sources, ${record.minProviders} required`);
  if (record.sourceCount !== selected.length) fail(`sourceCount ${record.sourceCount} != ${selected.length}`);
  const price = medianPrice(selected.map((s) => s.mid));
  if (price.toString() !== record.price) fail(`price ${record.price} != recomputed median ${price}`);
  const hash = await sha256(canonicalSourcesBytes(record));
  if (hex(hash) !== record.sourcesHash) fail('sourcesHash does not match the canonical sources record');

  let f: SettlementFields;
  try {
    const parts = settlementSignatureParts(record, authority);
    const ed25519 = verifier ?? (await sharedEd25519Verifier());
    if (!(await ed25519.verify(parts.message, parts.signature, parts.key))) throw settlementSignatureFailure(parts.authority);
    f = decodeSignedSettlement(parts.message);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  const checks: Array<[boolean, string]> = [
    [f.price === price, 'message price'],
    [f.expiryTs === BigInt(record.expiryTs), 'message expiryTs'],
    [f.asset === record.asset, 'message asset'],
    [f.cluster === record.cluster, 'message cluster'],
    [f.method === record.method, 'message method'],
    [f.sourceCount === record.sourceCount, 'message sourceCount'],
    [f.publishedAtMs === BigInt(record.publishedAtMs), 'message publishedAtMs'],
    [hex(f.sourcesHash) === record.sourcesHash, 'message sourcesHash'],
    [bs58.encode(f.programId) === record.programId, 'message programId'],
    [((f.flags & FLAG_SIMULATED) !== 0) === record.simulated, 'message simulated flag'],
  ];
  for (const [ok, what] of checks) if (!ok) fail(`${what} differs from the record`);
  if (f.publishedAtMs < BigInt(record.expiryTs) * 1000n) fail('published before expiry');
  return { fields: f, price };
}
