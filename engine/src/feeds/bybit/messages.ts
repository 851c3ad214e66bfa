/**
 * Bybit v5 public spot wire types (bybit-exchange/docs v5/websocket/public). Parsed losslessly: the
 * spot trade id `i` is a 19-digit string and `u`/`seq`/`ts` keep their exact text too.
 */
import { z } from 'zod';

const num = z.string();
const level = z.tuple([num, num]);

/** `orderbook.1.<SYM>`: snapshot only, every 10 ms on change, re-sent with the same `u` after 3 s idle. */
export const OrderbookMessageSchema = z.object({
  topic: z.string(),
  type: z.string(),
  ts: num,
  cts: num.optional(),
  data: z.object({ s: z.string(), b: z.array(level), a: z.array(level), u: num, seq: num.optional() }),
});
export type BybitOrderbook = z.infer<typeof OrderbookMessageSchema>;

export const TradeSchema = z.object({
  T: num,
  s: z.string(),
  S: z.string(),
  v: num,
  p: num,
  i: z.string(),
  seq: num.optional(),
});

/** `publicTrade.<SYM>`; a burst above 1024 trades is split into messages sharing one `seq`. */
export const TradeMessageSchema = z.object({
  topic: z.string(),
  type: z.string(),
  ts: num,
  data: z.array(TradeSchema),
});
export type BybitTradeMessage = z.infer<typeof TradeMessageSchema>;

/** Subscribe ack (`ret_msg: "subscribe"`) and spot pong (`op: "ping"`, `ret_msg: "pong"`). */
export const OpResponseSchema = z.object({
  success: z.boolean(),
  ret_msg: z.string(),
  op: z.string(),
  req_id: z.string().optional(),
  conn_id: z.string().optional(),
});

export interface BybitRequest {
  readonly req_id: string;
  readonly op: 'subscribe' | 'ping';
  readonly args?: readonly string[];
}
