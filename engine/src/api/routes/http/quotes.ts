/**
 * GET /v1/quotes/:quoteId: one signed quote while it is live. 400 malformed id, 404 unknown or
 * evicted, 410 expired, 409 market halted.
 */
import type { FastifyInstance } from 'fastify';
import type { SurfaceStore } from '../../../cache/types.js';
import { liveQuote, quoteIdParam } from './live-quote.js';

export function registerQuoteRoute(app: FastifyInstance, store: SurfaceStore, now: () => number): void {
  app.get('/v1/quotes/:quoteId', async (req) => liveQuote(store, quoteIdParam(req.params), now()));
}
