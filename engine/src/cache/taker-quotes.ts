/**
 * The quotes a store serves by id (GET /v1/quotes/:id): a v1 quote as it is; a v2 leaf together
 * with its round's signed root, signature and its own proof, everything a taker needs to build the
 * transaction. The proofs of a round come from one tree built over all of its leaves.
 */
import { ladderProof } from '../client/ladder.js';
import { ladderQuoteJson, leafBytes } from '../client/ladder-json.js';
import { ladderTree } from '../client/ladder-tree.js';
import { EngineError } from '../lib/errors.js';
import { isLadderLeafJson, type LadderLeafJson, type LadderQuoteJson, type QuoteJson, type RoundSurface, type TakerQuoteJson } from '../market/types.js';

/** Every quote of a round as served by id, in order. */
export function takerQuotesOf(round: RoundSurface): TakerQuoteJson[] {
  const ladder = round.ladder;
  if (ladder === undefined) return round.quotes as TakerQuoteJson[];
  const leaves = round.quotes as readonly LadderLeafJson[];
  if (!leaves.every((q, i) => isLadderLeafJson(q) && q.index === i) || leaves.length !== ladder.leafCount) {
    throw new EngineError('EXEC_ERR_STORE_LADDER', `round ${round.durationSec}s/${round.expiryTs}: a stored ladder round must hold its ${ladder.leafCount} leaves in order, holds ${leaves.length}`);
  }
  const levels = ladderTree(leaves.map((q) => leafBytes(q).leaf));
  return leaves.map((q, i) => ladderQuoteJson(ladder, q, ladderProof(levels, i)) as LadderQuoteJson);
}

/**
 * A lazy index entry: the quote's id and validity now, the served form on first read (a v2 round's
 * proofs are computed only when one of its quotes is asked for).
 */
export interface IndexedQuote {
  readonly quoteId: string;
  readonly validUntilMs: number;
  served(): TakerQuoteJson;
}

/** Index entries for every quote of a round. */
export function indexRound(round: RoundSurface): IndexedQuote[] {
  if (round.ladder === undefined) return (round.quotes as TakerQuoteJson[]).map((q) => ({ quoteId: q.quoteId, validUntilMs: q.validUntilMs, served: () => q }));
  let all: TakerQuoteJson[] | null = null;
  return round.quotes.map((q: QuoteJson, i) => ({
    quoteId: q.quoteId,
    validUntilMs: q.validUntilMs,
    served: () => (all ??= takerQuotesOf(round))[i] as TakerQuoteJson,
  }));
}
