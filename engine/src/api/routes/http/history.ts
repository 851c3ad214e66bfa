/**
 * GET /v1/markets/:symbol/history?seconds=900: the index and each venue's mid, one sample per
 * second, for the last `seconds` (1–3600) this process has seen (api/index-history.ts). The route
 * carries complete zod schemas (params, query, every response), which validate the request and
 * the answer and feed the OpenAPI document.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { unknownSymbol } from '../../api-error.js';
import type { IndexHistory } from '../../index-history.js';
import { errorResponses } from '../../schemas/errors.js';
import { DecimalString, UnixMs } from '../../schemas/market.js';

const MAX_SECONDS = 3_600;
const DEFAULT_SECONDS = 900;
const Micro = DecimalString.describe('price micro-units (1,000,000 = 1 USDT)');

const HistoryParams = z.object({
  symbol: z
    .string()
    .regex(/^[A-Za-z]{2,16}$/)
    .meta({ description: 'market symbol, e.g. BTCUSDT (case-insensitive)', examples: ['BTCUSDT'] }),
});
const HistoryQuery = z.strictObject({
  seconds: z.coerce.number().int().min(1).max(MAX_SECONDS).default(DEFAULT_SECONDS).describe('how far back'),
});
const HistorySchema = z
  .strictObject({
    symbol: z.string(),
    intervalMs: z.number().int().describe('spacing of the samples, ms'),
    simulated: z.boolean().describe('prices come from simulated venues (demo, replay)'),
    samples: z.array(
      z.strictObject({
        ts: UnixMs.describe('unix ms of the index computation'),
        price: Micro,
        mids: z.record(z.string(), Micro.nullable()).describe('venue → mid (price micro-units) or null'),
      }),
    ),
  })
  .meta({
    description: 'samples, oldest first',
    examples: [
      {
        symbol: 'BTCUSDT',
        intervalMs: 1000,
        simulated: false,
        samples: [{ ts: 1795000000250, price: '97312345678', mids: { binance: '97312000000', coinbase: '97313100000', kraken: null } }],
      },
    ],
  });

export const historySchema = {
  summary: 'Index and venue mids over the last seconds',
  description: `One sample per second of the index price and each venue's mid, oldest first, for the last \`seconds\` (at most ${MAX_SECONDS}) since this process started.`,
  tags: ['markets'],
  params: HistoryParams,
  querystring: HistoryQuery,
  response: { 200: HistorySchema, ...errorResponses(['EXEC_ERR_BAD_REQUEST', 'EXEC_ERR_UNKNOWN_SYMBOL'], { path: true }) },
};

export function registerHistoryRoute(app: FastifyInstance, history: IndexHistory, simulated: boolean, now: () => number): void {
  // Typed by hand, like the other routes: the zod type provider types only what it validates.
  app.get<{ Params: z.infer<typeof HistoryParams>; Querystring: z.infer<typeof HistoryQuery> }>('/v1/markets/:symbol/history', { schema: historySchema }, async (req) => {
    const { symbol } = req.params;
    const { seconds } = req.query;
    const upper = symbol.toUpperCase();
    if (!history.serves(upper)) throw unknownSymbol(symbol);
    return { symbol: upper, intervalMs: history.intervalMs, simulated, samples: history.samples(upper, seconds, now()) };
  });
}
