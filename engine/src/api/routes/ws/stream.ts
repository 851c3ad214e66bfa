/**
 * GET /v1/stream: the WebSocket endpoint; the protocol lives in StreamHub (and docs/asyncapi.yaml).
 * With stream workers, the upgrade is accepted here and its socket handed to a worker process,
 * which completes the handshake. A plain HTTP GET (no upgrade) is answered 426 in both modes.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StreamHub } from './stream-hub.js';
import type { StreamWorkerPool } from '../../stream-workers/pool.js';
import { ApiError } from '../../api-error.js';
import { errorResponses } from '../../schemas/errors.js';

export const STREAM_PATH = '/v1/stream';

const SCHEMA = {
  tags: ['stream'],
  summary: 'The WebSocket stream of live surfaces, settlements and status (upgrade only)',
  description:
    'Connect with a WebSocket client (`GET` with `Upgrade: websocket`; 101 Switching Protocols). Client operations and every server message, JSON and binary, are described by docs/asyncapi.yaml (AsyncAPI 3). Without an upgrade the answer is 426; with stream workers and none ready the upgrade is refused with 503 EXEC_ERR_STREAM_UNAVAILABLE.',
  response: errorResponses(['EXEC_ERR_WS_UPGRADE_REQUIRED']),
};

function upgradeRequired(reply: FastifyReply): never {
  reply.header('upgrade', 'websocket');
  throw new ApiError('EXEC_ERR_WS_UPGRADE_REQUIRED', 426, `${STREAM_PATH} is a WebSocket endpoint: connect with a WebSocket client (docs/asyncapi.yaml)`);
}

export function registerStreamRoute(app: FastifyInstance, hub: StreamHub): void {
  app.route({
    method: 'GET',
    url: STREAM_PATH,
    schema: SCHEMA,
    handler: async (_req, reply) => upgradeRequired(reply),
    wsHandler: (socket, req) => {
      hub.attach(socket, req.ip);
    },
  });
}

/** Stream workers: the plain-HTTP answer of GET /v1/stream (upgrades never reach Fastify). */
export function registerStreamHttpRoute(app: FastifyInstance): void {
  app.get(STREAM_PATH, { schema: SCHEMA }, async (_req, reply) => upgradeRequired(reply));
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
