/**
 * Rebuilds a full market surface from a /v1/stream `delta` frame (opt-in with
 * `{"op":"subscribe","symbols":[…],"updates":"delta"}`) and the surface it was built against.
 * The types are structural copies of the engine's surface JSON; nothing here imports the server.
 */
import { SurfaceDeltaError } from './errors.js';
import type { LadderJson, SurfaceQuote } from './ladder-json.js';

/** Anything with a quote id; by default the full signed quote JSON. */
export interface QuoteRef {
  readonly quoteId: string;
}

export interface SurfaceIndexJson {
  readonly price: string | null;
  readonly ts: number;
  readonly sourceTs: number | null;
  readonly providers: number;
  readonly confidence: string | null;
  readonly sources: ReadonlyArray<{
    readonly venue: string;
    readonly mid: string | null;
    readonly exchangeTs: number;
    readonly receivedTs: number;
    readonly status: string;
  }>;
}

interface RoundMeta {
  readonly durationSec: number;
  readonly startTs: number;
  readonly expiryTs: number;
  readonly tradingCloseTs: number;
  readonly volatility: string;
}

export interface SurfaceRoundJson<Q extends QuoteRef = SurfaceQuote> extends RoundMeta {
  readonly quotes: readonly Q[];
  /** Quote format v2: the round's signed ladder; its quotes are leaves of it (client/ladder-json.ts). */
  readonly ladder?: LadderJson;
}

/** A market surface as served in `snapshot`/`update` frames and GET /v1/markets/:symbol. */
export interface SurfaceJson<Q extends QuoteRef = SurfaceQuote> {
  readonly symbol: string;
  readonly asset: string;
  readonly seq: number;
  readonly status: string;
  readonly haltReason: string | null;
  readonly simulated: boolean;
  readonly generatedAtMs: number;
  readonly index: SurfaceIndexJson;
  readonly rounds: readonly SurfaceRoundJson<Q>[];
}

/** `{"type":"delta",…}`: the surface `seq`, described against the surface `baseSeq` (= seq − 1). */
export interface SurfaceDelta<Q extends QuoteRef = SurfaceQuote> {
  readonly type: 'delta';
  readonly symbol: string;
  readonly seq: number;
  readonly baseSeq: number;
  readonly ts: number;
  readonly status: string;
  readonly haltReason: string | null;
  readonly simulated: boolean;
  readonly generatedAtMs: number;
  readonly index: SurfaceIndexJson;
  readonly rounds: ReadonlyArray<RoundMeta & { readonly quoteIds: readonly string[]; readonly ladder?: LadderJson }>;
  /** Every quote of the new surface the base does not hold (a quote in both is taken from here). */
  readonly quotes: readonly Q[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A delta comes off the wire (JSON.parse of a frame): one whose lists are not lists of the right
 * things is refused like any delta that does not apply, never with a TypeError (found by tests/fuzz).
 */
function checkShape(delta: unknown): asserts delta is SurfaceDelta<QuoteRef> {
  const bad = (what: string): never => {
    throw new SurfaceDeltaError(`malformed delta frame: ${what}; resubscribe for a snapshot`);
  };
  if (!isObject(delta)) bad('not an object');
  const d = delta as Record<string, unknown>;
  if (typeof d['symbol'] !== 'string' || !Number.isSafeInteger(d['seq']) || !Number.isSafeInteger(d['baseSeq'])) bad('symbol, seq or baseSeq');
  if (!Array.isArray(d['quotes']) || !d['quotes'].every((q) => isObject(q) && typeof q['quoteId'] === 'string')) bad('quotes');
  if (!Array.isArray(d['rounds'])) bad('rounds');
  for (const r of d['rounds'] as unknown[]) {
    if (!isObject(r) || !Array.isArray(r['quoteIds']) || !r['quoteIds'].every((id) => typeof id === 'string')) bad('rounds[].quoteIds');
  }
}

/**
 * The surface `delta.seq`: rounds and index from the delta, each quote from `delta.quotes` or else
 * from `base` by quoteId. Pure; throws SurfaceDeltaError (EXEC_ERR_DELTA_BASE) when the delta does
 * not apply to `base`, in which case the caller resubscribes to get a snapshot.
 */
export function applyDelta<Q extends QuoteRef>(base: SurfaceJson<Q>, delta: SurfaceDelta<Q>): SurfaceJson<Q> {
  checkShape(delta);
  if (delta.symbol !== base.symbol) throw new SurfaceDeltaError(`delta for ${delta.symbol} applied to a ${base.symbol} surface`);
  if (delta.baseSeq !== base.seq) throw new SurfaceDeltaError(`${delta.symbol}: delta seq ${delta.seq} is against seq ${delta.baseSeq}, held seq is ${base.seq}`);
  const byId = new Map<string, Q>();
  for (const round of base.rounds) for (const q of round.quotes) byId.set(q.quoteId, q);
  for (const q of delta.quotes) byId.set(q.quoteId, q);
  const rounds = delta.rounds.map((round): SurfaceRoundJson<Q> => ({
    durationSec: round.durationSec,
    startTs: round.startTs,
    expiryTs: round.expiryTs,
    tradingCloseTs: round.tradingCloseTs,
    volatility: round.volatility,
    quotes: round.quoteIds.map((id) => {
      const q = byId.get(id);
      if (q === undefined) throw new SurfaceDeltaError(`${delta.symbol}: delta seq ${delta.seq} names quote ${id}, which neither it nor the base holds`);
      return q;
    }),
    ...(round.ladder === undefined ? {} : { ladder: round.ladder }),
  }));
  return {
    symbol: base.symbol,
    asset: base.asset,
    seq: delta.seq,
    status: delta.status,
    haltReason: delta.haltReason,
    simulated: delta.simulated,
    generatedAtMs: delta.generatedAtMs,
    index: delta.index,
    rounds,
  };
}
