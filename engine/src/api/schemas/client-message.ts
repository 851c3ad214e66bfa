/** Messages a WebSocket client may send on /v1/stream. Anything else gets an `error` frame. */
import { z } from 'zod';

export const CLIENT_OPS = ['subscribe', 'unsubscribe'] as const;

/** `full`: an `update` frame with the whole surface per published surface (the default); `delta`: a `delta` frame. */
export const UPDATE_MODES = ['full', 'delta'] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];

export const ClientMessage = z.object({
  op: z.enum(CLIENT_OPS),
  symbols: z.array(z.string().max(32)).min(1).max(64),
  /** subscribe only: sets the connection's update mode (for all its symbols); omitted leaves it as it is. */
  updates: z.enum(UPDATE_MODES).optional(),
});
export type ClientMessage = z.infer<typeof ClientMessage>;
