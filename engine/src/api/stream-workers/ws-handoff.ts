/**
 * Moving a live server-side `ws` connection between processes. `releaseSocket` takes the TCP
 * socket away from its WebSocket once nothing is in flight (no outbound bytes unsent, no inbound
 * frame half-parsed), with whatever bytes were read but not yet parsed; `adoptSocket` wraps such a
 * socket in a new WebSocket of the receiving process's server, exactly as `ws` does after a
 * handshake (`WebSocketServer#completeUpgrade` → `WebSocket#setSocket`), so the client notices
 * nothing. Written against ws 8 (its `setSocket` and receiver state), which the tests exercise.
 */
import type { Socket } from 'node:net';
import WebSocket, { type WebSocketServer } from 'ws';

interface WsInternals {
  _socket: Socket | null;
  _receiver: { _bufferedBytes: number; _state: number } | null;
  setSocket(socket: Socket, head: Buffer, options: object): void;
}

const RECEIVER_IDLE = 0;

export interface ReleasedSocket {
  readonly socket: Socket;
  /** Bytes read from the socket that the new owner must parse first. */
  readonly head: Buffer;
}

/**
 * Detach `ws`'s socket, after waiting (up to `timeoutMs`) for its unsent bytes to drain. Null when
 * it cannot be moved cleanly (closing, slow to drain, a client frame half-received): the caller
 * closes it instead.
 */
export async function releaseSocket(ws: WebSocket, timeoutMs: number): Promise<ReleasedSocket | null> {
  const internals = ws as unknown as WsInternals;
  const socket = internals._socket;
  if (socket === null || ws.readyState !== WebSocket.OPEN || ws.extensions !== '') return null;
  if (socket.writableLength > 0) {
    const drained = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      socket.once('drain', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!drained || socket.writableLength > 0 || ws.readyState !== WebSocket.OPEN) return null;
  }
  const receiver = internals._receiver;
  if (receiver === null || receiver._bufferedBytes > 0 || receiver._state !== RECEIVER_IDLE) return null;
  socket.pause();
  for (const event of ['data', 'end', 'close', 'error']) socket.removeAllListeners(event);
  const chunks: Buffer[] = [];
  for (let chunk = socket.read() as Buffer | null; chunk !== null; chunk = socket.read() as Buffer | null) chunks.push(chunk);
  return { socket, head: Buffer.concat(chunks) };
}

/** A WebSocket of `server` on a socket released by another process; it is OPEN at once. */
export function adoptSocket(server: WebSocketServer, socket: Socket, head: Buffer): WebSocket {
  const options = (server as unknown as { options: Record<string, unknown> }).options;
  const WebSocketClass = (options.WebSocket as typeof WebSocket | undefined) ?? WebSocket;
  const ws = new (WebSocketClass as unknown as new (address: null, protocols: undefined, options: object) => WebSocket)(null, undefined, options);
  (ws as unknown as WsInternals).setSocket(socket, head, {
    allowSynchronousEvents: options.allowSynchronousEvents,
    maxBufferedChunks: options.maxBufferedChunks,
    maxFragments: options.maxFragments,
    maxPayload: options.maxPayload,
    skipUTF8Validation: options.skipUTF8Validation,
  });
  socket.resume();
  return ws;
}
