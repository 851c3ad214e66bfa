/**
 * Kraken spot WebSocket v2 wire types (docs.kraken.com api-reference spot-websocket-v2). Kraken
 * sends prices and quantities as JSON floats; they are parsed losslessly, so every number here is
 * the exact source text (`"65000.1"`, never the double 65000.1 re-printed).
 */
import { z } from 'zod';

const num = z.string();

export const TickerDataSchema = z.object({
  symbol: z.string(),
  bid: num,
  ask: num,
  last: num.optional(),
  /** Present on newer feeds; absent or epoch zero on inactive symbols. */
  timestamp: z.string().optional(),
});
export type KrakenTickerData = z.infer<typeof TickerDataSchema>;

export const TradeDataSchema = z.object({
  symbol: z.string(),
  side: z.string(),
  price: num,
  qty: num,
  trade_id: num,
  timestamp: z.string(),
});
export type KrakenTradeData = z.infer<typeof TradeDataSchema>;

export const TickerMessageSchema = z.object({
  channel: z.literal('ticker'),
  type: z.enum(['snapshot', 'update']),
  data: z.array(TickerDataSchema),
});

export const TradeMessageSchema = z.object({
  channel: z.literal('trade'),
  type: z.enum(['snapshot', 'update']),
  data: z.array(TradeDataSchema),
});

/** Pushed on connect and on every engine state change. `connection_id` exceeds 2^63: kept as text. */
export const StatusMessageSchema = z.object({
  channel: z.literal('status'),
  data: z.array(z.object({ system: z.string(), api_version: z.string().optional(), connection_id: num.optional() })),
});

/** One ack per symbol. A failure has `success: false`, `error`, and no `result`. */
export const MethodResponseSchema = z.object({
  method: z.string(),
  success: z.boolean().optional(),
  error: z.string().optional(),
  result: z.object({ channel: z.string().optional(), symbol: z.string().optional() }).optional(),
  req_id: num.optional(),
  symbol: z.string().optional(),
});

export interface KrakenSubscribe {
  readonly method: 'subscribe';
  readonly params:
    | { readonly channel: 'ticker'; readonly symbol: readonly string[]; readonly event_trigger: 'bbo'; readonly snapshot: true }
    | { readonly channel: 'trade'; readonly symbol: readonly string[]; readonly snapshot: false };
  readonly req_id: number;
}

export interface KrakenPing {
  readonly method: 'ping';
  readonly req_id: number;
}
