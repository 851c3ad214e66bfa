/**
 * Build one settlement record (method 1, see client/settlement-record.ts), then sign it. Building
 * and signing are separate so the settlement ledger can refuse a second, different message for a
 * round before anything is signed (settlement-ledger.ts). `ok: false` when fewer than
 * `minProviders` venues priced inside the window: no settlement, the round refunds.
 */
import bs58 from 'bs58';
import type { Ed25519Signer } from '../signer/sign.js';
import { FLAG_SIMULATED, encodeSettlement } from '../client/quote-message.js';
import {
  SETTLEMENT_METHOD_MEDIAN_AT_EXPIRY,
  canonicalSourcesBytes,
  medianPrice,
  selectSettlementSources,
  sha256,
  toVenuePriceJson,
  type SettlementRecordJson,
  type SettlementRule,
  type VenuePrice,
} from '../client/settlement-record.js';

export interface BuildRecordInput {
  readonly symbol: string;
  readonly asset: number;
  readonly cluster: number;
  readonly programId: Uint8Array;
  readonly expiryTs: number;
  readonly observations: readonly VenuePrice[];
  readonly rule: SettlementRule;
  readonly publishedAtMs: number;
  readonly simulated: boolean;
}

/** A settlement record before it is signed: everything but the signature and signer. */
export type UnsignedSettlementRecord = Omit<SettlementRecordJson, 'signature' | 'signer'>;

export type BuildRecordResult =
  | { readonly ok: true; readonly record: UnsignedSettlementRecord }
  | { readonly ok: false; readonly providers: number; readonly reason: string };

export type SignedRecordResult =
  | { readonly ok: true; readonly record: SettlementRecordJson }
  | { readonly ok: false; readonly providers: number; readonly reason: string };

/** Signs `record.message` (deterministic: the same message always gets the same signature). */
export function signSettlementRecord(record: UnsignedSettlementRecord, signer: Ed25519Signer): SettlementRecordJson {
  const signature = signer.sign(Buffer.from(record.message, 'base64'));
  return { ...record, signature: bs58.encode(signature), signer: bs58.encode(signer.publicKey) };
}

/** Builds and signs at once (tests and tools; the settler goes through the ledger). */
export async function buildSettlementRecord(input: BuildRecordInput & { readonly signer: Ed25519Signer }): Promise<SignedRecordResult> {
  const built = await buildUnsignedSettlementRecord(input);
  return built.ok ? { ok: true, record: signSettlementRecord(built.record, input.signer) } : built;
}

export async function buildUnsignedSettlementRecord(input: BuildRecordInput): Promise<BuildRecordResult> {
  const selected = selectSettlementSources(input.observations, input.expiryTs, input.rule);
  if (selected.length < input.rule.minProviders) {
    return { ok: false, providers: selected.length, reason: `${selected.length} venue price(s) in the window, ${input.rule.minProviders} required` };
  }
  const price = medianPrice(selected.map((s) => s.mid));
  const sources = selected.map(toVenuePriceJson);
  const method = SETTLEMENT_METHOD_MEDIAN_AT_EXPIRY;
  const sourcesHash = await sha256(canonicalSourcesBytes({ symbol: input.symbol, expiryTs: input.expiryTs, method, windowMs: input.rule.windowMs, sources }));
  const message = encodeSettlement({
    cluster: input.cluster,
    asset: input.asset,
    flags: input.simulated ? FLAG_SIMULATED : 0,
    programId: input.programId,
    expiryTs: BigInt(input.expiryTs),
    price,
    publishedAtMs: BigInt(input.publishedAtMs),
    method,
    sourceCount: sources.length,
    sourcesHash,
  });
  return {
    ok: true,
    record: {
      symbol: input.symbol,
      asset: input.asset,
      cluster: input.cluster,
      programId: bs58.encode(input.programId),
      expiryTs: input.expiryTs,
      method,
      windowMs: input.rule.windowMs,
      minProviders: input.rule.minProviders,
      sources,
      sourceCount: sources.length,
      sourcesHash: Buffer.from(sourcesHash).toString('hex'),
      price: price.toString(),
      publishedAtMs: input.publishedAtMs,
      simulated: input.simulated,
      message: Buffer.from(message).toString('base64'),
    },
  };
}
