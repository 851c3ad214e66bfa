/** GET /v1/quotes/:quoteId: one signed quote. 400 malformed id, 404 unknown or evicted, 410 expired. */
import type { FastifyInstance } from 'fastify';
import type { SurfaceStore } from '../../../cache/types.js';
import { ApiError } from '../../api-error.js';
import { QUOTE_ID_RE, QuoteParams } from '../../schemas/http.js';

export function registerQuoteRoute(app: FastifyInstance, store: SurfaceStore, now: () => number): void {
  app.get('/v1/quotes/:quoteId', async (req) => {
    const { quoteId } = QuoteParams.parse(req.params);
    if (!QUOTE_ID_RE.test(quoteId)) {
      throw new ApiError('EXEC_ERR_BAD_QUOTE_ID', 400, 'quoteId must be 32 hex characters');
    }
    const quote = await store.getQuote(quoteId.toLowerCase());
    if (!quote) throw new ApiError('EXEC_ERR_QUOTE_NOT_FOUND', 404, `quote ${quoteId} not found`);
    if (now() > quote.validUntilMs) {
      throw new ApiError('EXEC_ERR_QUOTE_EXPIRED', 410, `quote ${quoteId} expired at ${new Date(quote.validUntilMs).toISOString()}`);
    }
    return quote;
  });
}
