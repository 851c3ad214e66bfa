/**
 * GET /v1/settlements/:symbol/:expiryTs: the signed settlement record of one round (method,
 * venue prices, sources hash, price, the 98-byte message and its signature). 404 when the symbol is
 * unknown or the round has no settlement (yet, or ever: too few venue prices → refund).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SurfaceStore } from '../../../cache/types.js';
import { isMarketSymbol, type MarketSymbol } from '../../../feeds/types.js';
import { ApiError, unknownSymbol } from '../../api-error.js';

const Params = z.object({ symbol: z.string(), expiryTs: z.string() });

export function registerSettlementRoute(app: FastifyInstance, store: SurfaceStore, symbols: readonly MarketSymbol[]): void {
  app.get('/v1/settlements/:symbol/:expiryTs', async (req) => {
    const { symbol: raw, expiryTs: rawExpiry } = Params.parse(req.params);
    const symbol = raw.toUpperCase();
    if (!isMarketSymbol(symbol) || !symbols.includes(symbol)) throw unknownSymbol(raw);
    if (!/^\d{1,12}$/.test(rawExpiry)) throw new ApiError('EXEC_ERR_BAD_EXPIRY', 400, 'expiryTs must be unix seconds (an unsigned integer)');
    const expiryTs = Number(rawExpiry);
    const settlement = await store.getSettlement(symbol, expiryTs);
    if (!settlement) throw new ApiError('EXEC_ERR_SETTLEMENT_NOT_FOUND', 404, `no settlement for ${symbol} at ${expiryTs}`);
    return settlement;
  });
}
