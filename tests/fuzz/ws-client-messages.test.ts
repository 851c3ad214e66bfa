/**
 * /v1/stream client messages: the real StreamHub (its parsing, validation and limits) on hostile
 * frames, text and binary. The socket is an in-memory stand-in recording what the hub sends, so 100,000
 * cases run in seconds. Every frame must be answered with ack/snapshot frames or an error frame with a
 * documented code, or end in a documented close; the hub must never throw.
 */
import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import pino from 'pino';
import { expect } from 'vitest';
import type WebSocket from 'ws';
import { StreamHub } from '../../engine/src/api/routes/ws/stream-hub.js';
import { SurfaceFrames } from '../../engine/src/api/surface-frames.js';
import { MemoryStore } from '../../engine/src/cache/memory-store.js';
import { fuzzTarget, hostileText } from './fuzz.js';

const CODES = ['EXEC_ERR_WS_BAD_JSON', 'EXEC_ERR_WS_UNKNOWN_OP', 'EXEC_ERR_WS_BAD_MESSAGE', 'EXEC_ERR_WS_BINARY', 'EXEC_ERR_WS_UNKNOWN_SYMBOL', 'EXEC_ERR_WS_TOO_MANY_SUBSCRIPTIONS'];
const FRAME_TYPES = ['ack', 'snapshot', 'error'];

class MemorySocket extends EventEmitter {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  closedWith: number | null = null;
  send(data: Buffer | string): void {
    this.sent.push(data.toString());
  }
  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
    this.emit('close', code);
  }
  terminate(): void {
    this.close(1006);
  }
  ping(): void {}
}

const logger = pino({ level: 'silent' });
const frames = new SurfaceFrames(new MemoryStore({ logger, quoteRetentionMs: 1_000 }), ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], logger);
const hub = new StreamHub(frames, { maxSubscriptions: 2, maxFrameBytes: 4096, heartbeatMs: 60_000, maxBufferedBytes: 1 << 20, rawWrites: false }, logger);

const samples = [
  '{"op":"subscribe","symbols":["BTCUSDT"]}',
  '{"op":"subscribe","symbols":["ETHUSDT","btcusdt"],"updates":"delta"}',
  '{"op":"unsubscribe","symbols":["SOLUSDT"]}',
];
const message = fc.oneof(
  hostileText(samples).map((text) => ({ data: Buffer.from(text), binary: false })),
  fc.uint8Array({ maxLength: 64 }).map((b) => ({ data: Buffer.from(b), binary: true })),
);

fuzzTarget('ws client messages', fc.array(message, { minLength: 1, maxLength: 4 }), (messages) => {
  const ws = new MemorySocket();
  hub.attach(ws as unknown as WebSocket, '10.0.0.1');
  for (const m of messages) if (ws.closedWith === null) ws.emit('message', m.data, m.binary);
  for (const raw of ws.sent) {
    const f = JSON.parse(raw) as { type: string; code?: string };
    expect(FRAME_TYPES).toContain(f.type);
    if (f.type === 'error') expect(CODES).toContain(f.code);
  }
  if (ws.closedWith !== null) expect(ws.closedWith).toBe(1008);
  else ws.close(1000);
  expect(hub.clientCount).toBe(0);
});
