/**
 * Binance spot combined-stream wire types (binance-spot-api-docs web-socket-streams.md). Parsed from
 * lossless JSON, so every JSON number arrives as its source string (see connection/lossless-json.ts).
 */
import { z } from 'zod';

const num = z.string();

/** `<symbol>@bookTicker`. No `e` and no `E`: the only time we have is the receive time. */
export const BookTickerSchema = z.object({
  u: num,
  s: z.string(),
  b: num,
  B: num,
  a: num,
  A: num,
});
export type BinanceBookTicker = z.infer<typeof BookTickerSchema>;

/** `<symbol>@trade`. `t` is consecutive per symbol. `m: true` = buyer is maker, the taker sold. */
export const TradeSchema = z.object({
  e: z.literal('trade'),
  E: num,
  s: z.string(),
  t: num,
  p: num,
  q: num,
  T: num,
  m: z.boolean(),
});
export type BinanceTrade = z.infer<typeof TradeSchema>;

/** `{"stream":"btcusdt@trade","data":{...}}` on /stream connections. */
export const CombinedSchema = z.object({ stream: z.string(), data: z.unknown() });

/**
 * The stream of a bare payload (`/ws` connections, Binance.US, market-data-only hosts send no
 * `{"stream","data"}` wrapper), by shape: `@trade` for `e: "trade"`, `@bookTicker` for an object with
 * `u`, `s`, `b`, `a` and no `e` (the spot bookTicker has no event type). Null for anything else
 * (acks, errors, events), which the control path handles.
 */
export function bareStreamKind(raw: object): '@trade' | '@bookTicker' | null {
  if ('e' in raw) return (raw as { e: unknown }).e === 'trade' ? '@trade' : null;
  return 'u' in raw && 's' in raw && 'b' in raw && 'a' in raw ? '@bookTicker' : null;
}

/** Reply to SUBSCRIBE: `{"result":null,"id":1}`; success even for symbols that do not exist. */
export const ResultSchema = z.object({ result: z.unknown(), id: z.union([z.string(), z.null()]) });

/** `{"code":2,"msg":"Invalid request: ...","id":1}` or `{"error":{"code":2,"msg":"..."},"id":1}`. */
export const ErrorSchema = z.union([
  z.object({ code: num, msg: z.string(), id: z.unknown().optional() }),
  z.object({ error: z.object({ code: num, msg: z.string() }), id: z.unknown().optional() }),
]);

/** Sent before a planned disconnect, bare or as `{"event":{...}}` (connection-events page). */
export const ServerShutdownSchema = z.object({ e: z.literal('serverShutdown'), E: num.optional() });

export interface BinanceSubscribe {
  readonly method: 'SUBSCRIBE';
  readonly params: readonly string[];
  readonly id: number;
}
