/** Messages a WebSocket client may send on /v1/stream. Anything else gets an `error` frame. */
import { z } from 'zod';
import { parseRoundLabel } from '../../client/stream/subscribe.js';

export const CLIENT_OPS = ['subscribe', 'unsubscribe'] as const;

/** `full`: an `update` frame with the whole surface per published surface (the default); `delta`: a `delta` frame. */
export const UPDATE_MODES = ['full', 'delta'] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];
/** `json` (the default): text frames; `binary`: surface frames in the binary layout of docs/stream-format.md. */
export const STREAM_FORMATS = ['json', 'binary'] as const;
export type StreamFormat = (typeof STREAM_FORMATS)[number];
export const MAX_STRIKES_AROUND = 100;

const RoundLabel = z.string().max(16).transform((label, ctx) => {
  const sec = parseRoundLabel(label);
  if (sec === null) {
    ctx.addIssue({ code: 'custom', message: `"${label}" is not a round duration like "1m", "5m", "15m", "1h" or "90s"` });
    return z.NEVER;
  }
  return sec;
});

export const ClientMessage = z.object({
  op: z.enum(CLIENT_OPS),
  symbols: z.array(z.string().max(32)).min(1).max(64),
  /** subscribe only: sets the connection's update mode (for all its symbols); omitted leaves it as it is. */
  updates: z.enum(UPDATE_MODES).optional(),
  /** subscribe only: sets the connection's frame format; omitted leaves it as it is. */
  format: z.enum(STREAM_FORMATS).optional(),
  /** subscribe only: these symbols carry only rounds of these durations; omitted: every round. */
  rounds: z.array(RoundLabel).min(1).max(16).optional(),
  /** subscribe only: these symbols carry only the N strikes each side of the money; omitted: the whole ladder. */
  strikes: z.number().int().min(0).max(MAX_STRIKES_AROUND).optional(),
});
export type ClientMessage = z.infer<typeof ClientMessage>;
