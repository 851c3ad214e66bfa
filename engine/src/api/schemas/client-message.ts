/** Messages a WebSocket client may send on /v1/stream. Anything else gets an `error` frame. */
import { z } from 'zod';

export const CLIENT_OPS = ['subscribe', 'unsubscribe'] as const;

export const ClientMessage = z.object({
  op: z.enum(CLIENT_OPS),
  symbols: z.array(z.string().max(32)).min(1).max(64),
});
export type ClientMessage = z.infer<typeof ClientMessage>;
