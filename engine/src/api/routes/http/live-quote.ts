/**
 * The one lookup both quote routes use: a quote is served only while it is live. 404 unknown or
 * evicted, 410 past validUntilMs, 409 while its market is halted (quotes already out are withdrawn
 * with the halt, even before they expire). A malformed id never gets here: the route's params
 * schema answers 400 EXEC_ERR_BAD_QUOTE_ID.
 */
import type { SurfaceStore } from '../../../cache/types.js';
import type { TakerQuoteJson } from '../../../market/types.js';
import { ApiError } from '../../api-error.js';
import type { ApiErrorCode } from '../../schemas/errors.js';

/** The codes `liveQuote` answers with, for the routes' response schemas. */
export const LIVE_QUOTE_ERRORS: readonly ApiErrorCode[] = ['EXEC_ERR_BAD_QUOTE_ID', 'EXEC_ERR_QUOTE_NOT_FOUND', 'EXEC_ERR_QUOTE_EXPIRED', 'EXEC_ERR_MARKET_HALTED'];

/** The live quote with this id (any case). */
export async function liveQuote(store: SurfaceStore, rawQuoteId: string, nowMs: number): Promise<TakerQuoteJson> {
  const quoteId = rawQuoteId.toLowerCase();
  const quote = await store.getQuote(quoteId);
  if (!quote) throw new ApiError('EXEC_ERR_QUOTE_NOT_FOUND', 404, `quote ${quoteId} not found`);
  if (nowMs > quote.validUntilMs) {
    throw new ApiError('EXEC_ERR_QUOTE_EXPIRED', 410, `quote ${quoteId} expired at ${new Date(quote.validUntilMs).toISOString()}`);
  }
  const surface = await store.getSurface(quote.symbol);
  if (surface?.status === 'halted') {
    throw new ApiError('EXEC_ERR_MARKET_HALTED', 409, `${quote.symbol} is halted: ${surface.haltReason ?? 'no reason given'}`);
  }
  return quote;
}
