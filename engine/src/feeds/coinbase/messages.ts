/**
 * Coinbase Advanced Trade market-data wire types (docs.cdp.coinbase.com advanced-trade-apis
 * websocket-channels and the AsyncAPI file). Parsed from lossless JSON: numbers arrive as strings,
 * so `heartbeat_counter` and `sequence_num` look the same whether sent as numbers or strings.
 */
import { z } from 'zod';

const num = z.string();

export const EnvelopeSchema = z.object({
  channel: z.string(),
  timestamp: z.string(),
  sequence_num: num,
  events: z.array(z.unknown()),
});
export type CoinbaseEnvelope = z.infer<typeof EnvelopeSchema>;

export const TickerSchema = z.object({
  type: z.string().optional(),
  product_id: z.string(),
  price: num.optional(),
  best_bid: num.optional(),
  best_ask: num.optional(),
});
export type CoinbaseTicker = z.infer<typeof TickerSchema>;

/** `events[].type` is `snapshot` for the first message of a subscription, `update` afterwards. */
export const TickerEventSchema = z.object({ type: z.string(), tickers: z.array(TickerSchema) });

/** One per second; `current_time` is Go `time.String()` output, not RFC 3339, so it is not parsed. */
export const HeartbeatEventSchema = z.object({ current_time: z.string().optional(), heartbeat_counter: num });

/** After every subscribe: the channels and products the connection is now subscribed to. */
export const SubscriptionsEventSchema = z.object({ subscriptions: z.record(z.string(), z.array(z.string())) });

/** `{"type":"error","message":"Failed to subscribe","reason":"... is not a valid product"}`. */
export const ErrorSchema = z.object({ type: z.literal('error'), message: z.string(), reason: z.string().optional() });

export interface CoinbaseSubscribe {
  readonly type: 'subscribe';
  readonly product_ids: readonly string[];
  readonly channel: 'ticker' | 'heartbeats';
}
