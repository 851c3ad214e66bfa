/**
 * The `delta` frame of /v1/stream's opt-in delta mode: a published surface described against the
 * previous surface of its symbol. Everything except the quotes is sent as is; each round lists its
 * quote ids in ladder order, and `quotes` carries only the quotes the base does not hold (by quoteId;
 * an id whose signature, or leaf, changed is sent again). A quote format v2 round carries its
 * `ladder` (root, signature, signer) like the rest of its meta. `applyDelta`
 * (engine/src/client/surface-delta.ts) rebuilds the exact surface from the base and this frame.
 */
import { isLadderLeafJson, type MarketSurface, type QuoteJson } from '../market/types.js';

/** What makes a quote the same quote: its signature (v1) or its leaf bytes (v2, one id per leaf). */
const identity = (q: QuoteJson): string => (isLadderLeafJson(q) ? q.leaf : q.signature);

/** `{"type":"delta",...}` for `surface` against `base` (whose seq must be `surface.seq - 1`). */
export function buildDeltaFrame(base: MarketSurface, surface: MarketSurface, builtAtMs: number): Buffer {
  const known = new Map<string, string>();
  for (const round of base.rounds) for (const q of round.quotes) known.set(q.quoteId, identity(q));
  const added: QuoteJson[] = [];
  const sent = new Set<string>();
  let rounds = '';
  for (const round of surface.rounds) {
    let ids = '';
    for (const q of round.quotes) {
      ids += (ids === '' ? '' : ',') + JSON.stringify(q.quoteId);
      if (known.get(q.quoteId) !== identity(q) && !sent.has(q.quoteId)) {
        sent.add(q.quoteId);
        added.push(q);
      }
    }
    const meta =
      `"durationSec":${round.durationSec},"startTs":${round.startTs},"expiryTs":${round.expiryTs},` +
      `"tradingCloseTs":${round.tradingCloseTs},"volatility":${JSON.stringify(round.volatility)}` +
      (round.ladder === undefined ? '' : `,"ladder":${JSON.stringify(round.ladder)}`);
    rounds += `${rounds === '' ? '' : ','}{${meta},"quoteIds":[${ids}]}`;
  }
  const head =
    `{"type":"delta","symbol":"${surface.symbol}","seq":${surface.seq},"baseSeq":${base.seq},"ts":${builtAtMs},` +
    `"status":${JSON.stringify(surface.status)},"haltReason":${JSON.stringify(surface.haltReason)},` +
    `"simulated":${surface.simulated},"generatedAtMs":${surface.generatedAtMs},"index":${JSON.stringify(surface.index)}`;
  return Buffer.from(`${head},"rounds":[${rounds}],"quotes":${JSON.stringify(added)}}`);
}
