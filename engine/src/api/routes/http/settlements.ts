/**
 * GET /v1/settlements/:symbol/:expiryTs: the signed settlement record of one round (method,
 * venue prices, sources hash, price, the 98-byte message and its signature). 404 when the symbol is
 * unknown or the round has no settlement (yet, or ever: too few venue prices → refund).
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { SurfaceStore } from '../../../cache/types.js';
import { isMarketSymbol, type MarketSymbol } from '../../../feeds/types.js';
import { ApiError, unknownSymbol } from '../../api-error.js';
import { errorResponses } from '../../schemas/errors.js';
import { SettlementParams } from '../../schemas/http.js';
import { SettlementRecordSchema } from '../../schemas/trading.js';

export function registerSettlementRoute(app: FastifyInstance, store: SurfaceStore, symbols: readonly MarketSymbol[]): void {
  // Typed by hand: the store keeps settlement records opaque; the response schema checks them.
  app.get<{ Params: z.infer<typeof SettlementParams> }>(
    '/v1/settlements/:symbol/:expiryTs',
    {
      schema: {
        tags: ['settlement'],
        summary: 'The signed settlement record of one round',
        params: SettlementParams,
        response: { 200: SettlementRecordSchema, ...errorResponses(['EXEC_ERR_UNKNOWN_SYMBOL', 'EXEC_ERR_BAD_EXPIRY', 'EXEC_ERR_SETTLEMENT_NOT_FOUND'], { path: true }) },
      },
    },
    async (req) => {
      const { symbol: raw, expiryTs: rawExpiry } = req.params;
      const symbol = raw.toUpperCase();
      if (!isMarketSymbol(symbol) || !symbols.includes(symbol)) throw unknownSymbol(raw);
      const expiryTs = Number(rawExpiry);
      const settlement = await store.getSettlement(symbol, expiryTs);
      if (!settlement) throw new ApiError('EXEC_ERR_SETTLEMENT_NOT_FOUND', 404, `no settlement for ${symbol} at ${expiryTs}`);
      return settlement;
    },
  );
}
