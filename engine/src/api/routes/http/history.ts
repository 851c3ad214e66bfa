/**
 * GET /v1/markets/:symbol/history?seconds=900: the index and each venue's mid, one sample per
 * second, for the last `seconds` (1–3600) this process has seen (api/index-history.ts). The route
 * carries a complete JSON schema (params, query, every response), which validates the request,
 * serializes the answer and feeds the OpenAPI document.
 */
import type { FastifyInstance } from 'fastify';
import { unknownSymbol } from '../../api-error.js';
import type { IndexHistory } from '../../index-history.js';

const MAX_SECONDS = 3_600;
const DEFAULT_SECONDS = 900;
const DECIMAL = { type: 'string', pattern: '^[0-9]+$', description: 'price micro-units (1,000,000 = 1 USDT)' } as const;

const errorResponse = (description: string, example: { code: string; message: string }) =>
  ({
    description,
    type: 'object',
    required: ['error'],
    properties: {
      error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
    },
    examples: [{ error: example }],
  }) as const;

export const historySchema = {
  summary: 'Index and venue mids over the last seconds',
  description: `One sample per second of the index price and each venue's mid, oldest first, for the last \`seconds\` (at most ${MAX_SECONDS}) since this process started.`,
  tags: ['markets'],
  params: {
    type: 'object',
    required: ['symbol'],
    properties: { symbol: { type: 'string', pattern: '^[A-Za-z]{2,16}$', description: 'market symbol, e.g. BTCUSDT (case-insensitive)' } },
  },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { seconds: { type: 'integer', minimum: 1, maximum: MAX_SECONDS, default: DEFAULT_SECONDS, description: 'how far back' } },
  },
  response: {
    200: {
      description: 'samples, oldest first',
      type: 'object',
      required: ['symbol', 'intervalMs', 'simulated', 'samples'],
      properties: {
        symbol: { type: 'string' },
        intervalMs: { type: 'integer', description: 'spacing of the samples, ms' },
        simulated: { type: 'boolean', description: 'prices come from simulated venues (demo, replay)' },
        samples: {
          type: 'array',
          items: {
            type: 'object',
            required: ['ts', 'price', 'mids'],
            properties: {
              ts: { type: 'number', description: 'unix ms of the index computation' },
              price: DECIMAL,
              mids: { type: 'object', description: 'venue → mid (price micro-units) or null', additionalProperties: { anyOf: [DECIMAL, { type: 'null' }] } },
            },
          },
        },
      },
      examples: [
        {
          symbol: 'BTCUSDT',
          intervalMs: 1000,
          simulated: false,
          samples: [{ ts: 1795000000250, price: '97312345678', mids: { binance: '97312000000', coinbase: '97313100000', kraken: null } }],
        },
      ],
    },
    400: errorResponse('malformed symbol or seconds', { code: 'EXEC_ERR_BAD_REQUEST', message: 'querystring/seconds must be <= 3600' }),
    404: errorResponse('the symbol is not served', { code: 'EXEC_ERR_UNKNOWN_SYMBOL', message: 'unknown symbol "DOGEUSDT"' }),
  },
} as const;

export function registerHistoryRoute(app: FastifyInstance, history: IndexHistory, simulated: boolean, now: () => number): void {
  app.get('/v1/markets/:symbol/history', { schema: historySchema }, async (req) => {
    const { symbol } = req.params as { symbol: string };
    const { seconds } = req.query as { seconds: number };
    const upper = symbol.toUpperCase();
    if (!history.serves(upper)) throw unknownSymbol(symbol);
    return { symbol: upper, intervalMs: history.intervalMs, simulated, samples: history.samples(upper, seconds, now()) };
  });
}
