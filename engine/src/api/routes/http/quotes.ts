/**
 * GET /v1/quotes/:quoteId: one signed quote while it is live. 400 malformed id, 404 unknown or
 * evicted, 410 expired, 409 market halted.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { SurfaceStore } from '../../../cache/types.js';
import { errorResponses } from '../../schemas/errors.js';
import { QuoteParams } from '../../schemas/http.js';
import { TakerQuoteSchema } from '../../schemas/market.js';
import { LIVE_QUOTE_ERRORS, liveQuote } from './live-quote.js';

export function registerQuoteRoute(app: FastifyInstance, store: SurfaceStore, now: () => number): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/quotes/:quoteId',
    {
      schema: {
        tags: ['markets'],
        summary: 'One signed quote while it is live (v1, or a v2 ladder leaf with its proof)',
        description: 'Verify it with verifySignedQuote(quote, { expectedSigner, nowMs }) from the SDK: every field but message, signature and signer is a decoded copy of `message`.',
        params: QuoteParams,
        response: { 200: TakerQuoteSchema, ...errorResponses(LIVE_QUOTE_ERRORS, { path: true }) },
      },
    },
    async (req) => liveQuote(store, req.params.quoteId, now()),
  );
}
