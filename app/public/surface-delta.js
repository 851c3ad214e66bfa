// Browser copy of applyDelta (engine/src/client/surface-delta.ts): rebuilds the full surface from a
// /v1/stream `delta` frame and the surface it was built against (its baseSeq). Throws when the delta
// does not apply (another symbol, a missed frame, a quote id neither side holds): resubscribe then.

/** @param {any} base the held surface @param {any} delta a `{"type":"delta",…}` frame @returns {any} */
export function applyDelta(base, delta) {
  if (delta.symbol !== base.symbol) throw new Error(`delta for ${delta.symbol} applied to a ${base.symbol} surface`);
  if (delta.baseSeq !== base.seq) throw new Error(`${delta.symbol}: delta seq ${delta.seq} is against seq ${delta.baseSeq}, held seq is ${base.seq}`);
  const byId = new Map();
  for (const round of base.rounds) for (const q of round.quotes) byId.set(q.quoteId, q);
  for (const q of delta.quotes) byId.set(q.quoteId, q);
  const rounds = delta.rounds.map((r) => ({
    durationSec: r.durationSec,
    startTs: r.startTs,
    expiryTs: r.expiryTs,
    tradingCloseTs: r.tradingCloseTs,
    volatility: r.volatility,
    quotes: r.quoteIds.map((id) => {
      const q = byId.get(id);
      if (q === undefined) throw new Error(`${delta.symbol}: delta seq ${delta.seq} names quote ${id}, which neither it nor the base holds`);
      return q;
    }),
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
