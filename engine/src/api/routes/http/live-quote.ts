/**
 * The one lookup both quote routes use: a quote is served only while it is live. 400 malformed id,
 * 404 unknown or evicted, 410 past validUntilMs, 409 while its market is halted (quotes already out
 * are withdrawn with the halt, even before they expire).
 */
import type { SurfaceStore } from '../../../cache/types.js';
import type { TakerQuoteJson } from '../../../market/types.js';
import { ApiError } from '../../api-error.js';
import { QUOTE_ID_RE, QuoteParams } from '../../schemas/http.js';

/** The `:quoteId` route parameter, checked (400) and lower-cased. */
export function quoteIdParam(params: unknown): string {
  const { quoteId } = QuoteParams.parse(params);
  if (!QUOTE_ID_RE.test(quoteId)) throw new ApiError('EXEC_ERR_BAD_QUOTE_ID', 400, 'quoteId must be 32 hex characters');
  return quoteId.toLowerCase();
}

/** The live quote with this (checked, lower-case) id. */
export async function liveQuote(store: SurfaceStore, quoteId: string, nowMs: number): Promise<TakerQuoteJson> {
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
