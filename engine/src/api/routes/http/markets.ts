/**
 * GET /v1/markets and /v1/markets/:symbol. Bodies are the stored surface payloads, sent as the
 * exact strings the store serialized (never re-serialized per request); their schemas document
 * them (and schemathesis checks them against the running engine).
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ApiError, unknownSymbol } from '../../api-error.js';
import { errorResponses } from '../../schemas/errors.js';
import { SymbolParams } from '../../schemas/http.js';
import { MarketSurfaceSchema, MarketsSchema } from '../../schemas/market.js';
import type { SurfaceFrames } from '../../surface-frames.js';

export function registerMarketRoutes(app: FastifyInstance, frames: SurfaceFrames, simulated: boolean): void {
  // Typed by hand: the bodies are the stored JSON strings, which the zod type provider would refuse.
  app.get(
    '/v1/markets',
    { schema: { tags: ['markets'], summary: 'Every served market’s live surface', response: { 200: MarketsSchema, ...errorResponses([]) } } },
    async (_req, reply) => {
      const payloads: string[] = [];
      const waiting: string[] = [];
      for (const symbol of frames.servedSymbols) {
        const entry = frames.get(symbol);
        if (entry) payloads.push(entry.payload);
        else waiting.push(symbol);
      }
      const body = `{"simulated":${simulated},"waiting":${JSON.stringify(waiting)},"markets":[${payloads.join(',')}]}`;
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.get<{ Params: z.infer<typeof SymbolParams> }>(
    '/v1/markets/:symbol',
    {
      schema: {
        tags: ['markets'],
        summary: 'One market’s live surface: index, status, rounds with signed quotes',
        params: SymbolParams,
        response: { 200: MarketSurfaceSchema, ...errorResponses(['EXEC_ERR_UNKNOWN_SYMBOL', 'EXEC_ERR_MARKET_NOT_READY'], { path: true }) },
      },
    },
    async (req, reply) => {
      const { symbol } = req.params;
      const upper = symbol.toUpperCase();
      if (!frames.serves(upper)) throw unknownSymbol(symbol);
      const entry = frames.get(upper);
      if (!entry) throw new ApiError('EXEC_ERR_MARKET_NOT_READY', 503, `${upper}: no surface published yet`);
      return reply.type('application/json; charset=utf-8').send(entry.payload);
    },
  );
}
