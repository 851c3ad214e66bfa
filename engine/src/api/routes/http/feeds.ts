/**
 * GET /v1/feeds: per-venue feed health. One entry per venue connection with its counters and, per
 * symbol, when data last arrived and whether it is silent (subscribed but no data within the arrival
 * timeout, or refused by the venue). `ageMs` is now - lastMessageTs.
 */
import type { FastifyInstance } from 'fastify';
import type { FeedHealth } from '../../../feeds/types.js';
import { errorResponses } from '../../schemas/errors.js';
import { FeedsSchema } from '../../schemas/status.js';

export interface FeedsRouteDeps {
  readonly feedHealth: () => readonly FeedHealth[];
  readonly simulated: boolean;
  readonly now: () => number;
}

export function registerFeedsRoute(app: FastifyInstance, deps: FeedsRouteDeps): void {
  const schema = { tags: ['status'], summary: 'Per-venue and per-symbol feed health', response: { 200: FeedsSchema, ...errorResponses([]) } };
  app.get('/v1/feeds', { schema }, async (_req, reply) => {
    const now = deps.now();
    const venues = deps.feedHealth().map((h) => ({
      venue: h.venue,
      connected: h.connected,
      lastMessageTs: h.lastMessageTs,
      ageMs: h.lastMessageTs === null ? null : Math.max(0, now - h.lastMessageTs),
      lagMs: h.lagMs,
      reconnects: h.reconnects,
      messages: h.messages,
      parseErrors: h.parseErrors,
      gaps: h.gaps,
      unhandled: h.unhandled ?? 0,
      silentSymbols: h.symbols.filter((s) => s.silent).map((s) => s.symbol),
      symbols: h.symbols.map((s) => ({
        symbol: s.symbol,
        messages: s.messages,
        lastMessageTs: s.lastMessageTs,
        ageMs: s.lastMessageTs === null ? null : Math.max(0, now - s.lastMessageTs),
        silent: s.silent,
      })),
    }));
    return reply.send({
      simulated: deps.simulated,
      connected: venues.filter((v) => v.connected).length,
      venues,
    });
  });
}
