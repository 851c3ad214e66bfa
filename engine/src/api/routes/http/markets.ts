/**
 * GET /v1/markets and /v1/markets/:symbol. Bodies are the stored surface payloads, sent as the
 * exact strings the store serialized (never re-serialized per request).
 */
import type { FastifyInstance } from 'fastify';
import { ApiError, unknownSymbol } from '../../api-error.js';
import { SymbolParams } from '../../schemas/http.js';
import type { SurfaceFrames } from '../../surface-frames.js';

export function registerMarketRoutes(app: FastifyInstance, frames: SurfaceFrames, simulated: boolean): void {
  app.get('/v1/markets', async (_req, reply) => {
    const payloads: string[] = [];
    const waiting: string[] = [];
    for (const symbol of frames.servedSymbols) {
      const entry = frames.get(symbol);
      if (entry) payloads.push(entry.payload);
      else waiting.push(symbol);
    }
    const body = `{"simulated":${simulated},"waiting":${JSON.stringify(waiting)},"markets":[${payloads.join(',')}]}`;
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.get('/v1/markets/:symbol', async (req, reply) => {
    const { symbol } = SymbolParams.parse(req.params);
    const upper = symbol.toUpperCase();
    if (!frames.serves(upper)) throw unknownSymbol(symbol);
    const entry = frames.get(upper);
    if (!entry) throw new ApiError('EXEC_ERR_MARKET_NOT_READY', 503, `${upper}: no surface published yet`);
    return reply.type('application/json; charset=utf-8').send(entry.payload);
  });
}
