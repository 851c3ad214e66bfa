import type { MarketSymbol } from '../feeds/types.js';
import type { MarketStatus, SourceStatus } from '../aggregator/types.js';
import type { LadderJson } from '../client/ladder-json.js';

export type { LadderJson } from '../client/ladder-json.js';

export const ASSETS = ['BTC', 'ETH', 'SOL'] as const;
export type Asset = (typeof ASSETS)[number];
/** On-chain asset ids (the `asset` byte of quote and settlement messages). */
export const ASSET_IDS: Readonly<Record<Asset, number>> = { BTC: 1, ETH: 2, SOL: 3 };
export const SYMBOL_ASSET: Readonly<Record<MarketSymbol, Asset>> = {
  BTCUSDT: 'BTC',
  ETHUSDT: 'ETH',
  SOLUSDT: 'SOL',
};

export const CLUSTERS = ['localnet', 'devnet', 'testnet', 'mainnet-beta'] as const;
export type ClusterName = (typeof CLUSTERS)[number];
/** On-chain cluster ids (the `cluster` byte of quote and settlement messages). */
export const CLUSTER_IDS: Readonly<Record<ClusterName, number>> = {
  localnet: 0,
  devnet: 1,
  testnet: 2,
  'mainnet-beta': 3,
};

/**
 * JSON form of a signed quote, as served over HTTP/WS and stored in Redis. Integers that can exceed
 * 2^53 or that are money are decimal strings. `message` is the exact signed bytes (base64),
 * `signature` and `signer` are base58. Every other field is a decoded copy of `message`.
 */
export interface SignedQuoteJson {
  readonly quoteId: string; // 32 hex chars (16 bytes)
  readonly symbol: MarketSymbol;
  readonly asset: Asset;
  readonly cluster: ClusterName;
  readonly programId: string; // base58
  readonly epoch: string;
  readonly expiryTs: number; // unix seconds, round expiry
  readonly strike: string; // price micro-units
  readonly upPrice: string; // probability micro-units (1_000_000 = 1.0)
  readonly downPrice: string;
  readonly maxSize: string; // collateral atoms of payout
  readonly validUntilMs: number;
  readonly generatedAtMs: number;
  readonly refPrice: string; // price micro-units
  readonly refTsMs: number;
  readonly simulated: boolean;
  readonly message: string; // base64
  readonly signature: string; // base58
  readonly signer: string; // base58
}

/**
 * Quote format v2: one leaf of a round's signed ladder (client/ladder-json.ts `LadderLeafQuote`).
 * The decoded fields of a v1 quote, plus the decay rate, the leaf index and the 60 leaf bytes
 * (base64); the signature is the round's `ladder`'s.
 */
export interface LadderLeafJson extends Omit<SignedQuoteJson, 'message' | 'signature' | 'signer'> {
  readonly format: 2;
  readonly decayMicrosPerSec: string; // probability micro-units per started second of age
  readonly index: number;
  readonly leaf: string; // base64
}

/** A v2 quote on its own, as GET /v1/quotes/:id serves it: the leaf with its ladder's root, signature and proof. */
export interface LadderQuoteJson extends LadderLeafJson {
  readonly root: string; // base64, the 106 signed bytes
  readonly signature: string; // base58
  readonly signer: string; // base58
  readonly proof: readonly string[]; // base64 sibling hashes, leaf up
}

/** A quote as the store serves it by id: everything a taker needs. */
export type TakerQuoteJson = SignedQuoteJson | LadderQuoteJson;

/** A quote as a round holds it: v1 (signed alone) or a leaf of the round's v2 ladder. */
export type QuoteJson = SignedQuoteJson | LadderLeafJson;

export function isLadderLeafJson(q: QuoteJson): q is LadderLeafJson {
  return (q as { format?: unknown }).format === 2;
}

export interface RoundSurface<Q extends QuoteJson = QuoteJson> {
  readonly durationSec: number;
  readonly startTs: number; // unix seconds
  readonly expiryTs: number; // unix seconds
  readonly tradingCloseTs: number; // unix seconds; no quote after this
  /** Annualised volatility used for pricing, in micro-units (1_000_000 = 100%). */
  readonly volatility: string;
  readonly quotes: readonly Q[]; // one per strike, ascending strike; empty once closed or halted
  /** Quote format v2: the round's one signed ladder, its quotes its leaves. Absent for v1 rounds. */
  readonly ladder?: LadderJson;
}

export interface IndexJson {
  readonly price: string | null; // price micro-units
  readonly ts: number;
  readonly sourceTs: number | null;
  readonly providers: number;
  readonly confidence: string | null;
  readonly sources: ReadonlyArray<{
    readonly venue: string;
    readonly mid: string | null;
    readonly exchangeTs: number;
    readonly receivedTs: number;
    readonly status: SourceStatus;
  }>;
}

/** The whole live surface of one symbol. `seq` increases by exactly 1 per published surface. */
export interface MarketSurface<Q extends QuoteJson = QuoteJson> {
  readonly symbol: MarketSymbol;
  readonly asset: Asset;
  readonly seq: number;
  readonly status: MarketStatus;
  readonly haltReason: string | null;
  readonly simulated: boolean;
  readonly generatedAtMs: number;
  readonly index: IndexJson;
  readonly rounds: readonly RoundSurface<Q>[];
}
