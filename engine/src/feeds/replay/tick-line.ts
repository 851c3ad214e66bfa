import { z } from 'zod';
import { LIVE_VENUES, MARKET_SYMBOLS, type Tick } from '../types.js';

/**
 * The NDJSON recording format: one normalized `Tick` per line, exactly its fields, written by
 * TickRecorder and read by ReplayFeed.
 */
const TickLineSchema = z.object({
  venue: z.enum(LIVE_VENUES),
  symbol: z.enum(MARKET_SYMBOLS),
  bid: z.string().nullable(),
  ask: z.string().nullable(),
  last: z.string().nullable(),
  exchangeTs: z.number().int().nonnegative(),
  receivedTs: z.number().int().nonnegative(),
  simulated: z.boolean(),
});

/** One tick as a JSON line (with the trailing newline), fields in the `Tick` declaration order. */
export function encodeTickLine(tick: Tick): string {
  return `${JSON.stringify({
    venue: tick.venue,
    symbol: tick.symbol,
    bid: tick.bid,
    ask: tick.ask,
    last: tick.last,
    exchangeTs: tick.exchangeTs,
    receivedTs: tick.receivedTs,
    simulated: tick.simulated,
  })}\n`;
}

/** Parse one line; null when it is not valid JSON or not a tick (unknown extra fields are dropped). */
export function decodeTickLine(line: string): Tick | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = TickLineSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
