/** GET /v1/stream: the WebSocket endpoint; the protocol lives in StreamHub. */
import type { FastifyInstance } from 'fastify';
import type { StreamHub } from './stream-hub.js';

export function registerStreamRoute(app: FastifyInstance, hub: StreamHub): void {
  app.get('/v1/stream', { websocket: true }, (socket, req) => {
    hub.attach(socket, req.ip);
  });
}
