/**
 * GET /v1/stream: the WebSocket endpoint; the protocol lives in StreamHub. With stream workers, the
 * upgrade is accepted here and its socket handed to a worker process, which completes the handshake.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { StreamHub } from './stream-hub.js';
import type { StreamWorkerPool } from '../../stream-workers/pool.js';

export const STREAM_PATH = '/v1/stream';

export function registerStreamRoute(app: FastifyInstance, hub: StreamHub): void {
  app.get(STREAM_PATH, { websocket: true }, (socket, req) => {
    hub.attach(socket, req.ip);
  });
}

function refuse(socket: Socket, status: string, message: string): void {
  const body = JSON.stringify({ error: { code: status.startsWith('503') ? 'EXEC_ERR_STREAM_UNAVAILABLE' : 'EXEC_ERR_NOT_FOUND', message } });
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export function routeUpgradesToWorkers(app: FastifyInstance, workers: StreamWorkerPool): void {
  // The HTTP server's upgrade sockets are net.Sockets (no TLS is terminated here).
  app.server.on('upgrade', (req, duplex, head) => {
    const socket = duplex as Socket;
    const path = (req.url ?? '').split('?')[0];
    if (path !== STREAM_PATH) return refuse(socket, '404 Not Found', `no WebSocket endpoint at ${path}`);
    if (!workers.dispatch(req, socket, head)) refuse(socket, '503 Service Unavailable', 'no stream worker is ready; retry shortly');
  });
}
