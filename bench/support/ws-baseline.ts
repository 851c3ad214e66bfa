/**
 * The baseline of the tick-to-wire benchmark: the same number of clients, on a plain `ws` server,
 * receive a prebuilt binary frame of the same size, sent with `ws.send` in a loop. The time from
 * the start of that loop to the last `ws.send` returning is what any server pays to put one frame
 * on every socket; the engine's tick→last send is reported as a ratio to it.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import { startClients, type ClientReport } from './client-process.js';

export interface BaselineResult {
  /** Loop start → last ws.send returned, per broadcast (ms). */
  readonly sendLoop: number[];
  /** Client receive time − loop start, per delivery (ms). */
  readonly received: number[];
  readonly report: ClientReport;
}

const nowMs = (): number => performance.timeOrigin + performance.now();

export async function runBaseline(clients: number, frameBytes: number, broadcasts: number, gapMs: number): Promise<BaselineResult> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise((r) => wss.once('listening', r));
  const sockets: WebSocket[] = [];
  wss.on('connection', (ws) => sockets.push(ws));
  const address = wss.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const child = await startClients(`ws://127.0.0.1:${port}`, clients, ['BTCUSDT'], { raw: true });
  while (sockets.length < clients) await new Promise((r) => setTimeout(r, 10));
  // A frame with a binary stream header, so clients read seq and send time from it like real frames.
  const frame = Buffer.alloc(Math.max(frameBytes, 32));
  frame.set([0x58, 0x53, 1, 3, 1], 0);
  const sendLoop: number[] = [];
  const warmup = 20;
  for (let i = 0; i < warmup + broadcasts; i++) {
    frame.writeBigUInt64LE(BigInt(i + 1), 8);
    const t0 = nowMs();
    frame.writeDoubleLE(t0, 24);
    for (const ws of sockets) ws.send(frame, { binary: true });
    if (i >= warmup) sendLoop.push(nowMs() - t0);
    await new Promise((r) => setTimeout(r, gapMs));
  }
  await new Promise((r) => setTimeout(r, 300));
  const report = await child.report();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  const received = report.deltas.filter((_, i) => Number((report.keys[i] ?? ':0').split(':')[1]) > warmup);
  return { sendLoop, received, report };
}
