/**
 * The inside of a stream worker process: a RelayStore fed by the primary, the same SurfaceFrames
 * and StreamHub as the in-process API, and a `ws` server without a listener of its own. The primary
 * accepts each /v1/stream upgrade and passes the socket here; on `drain` every live connection is
 * handed back (with its subscriptions and last seqs) for another worker to adopt, without a gap.
 */
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { SurfaceFrames } from '../surface-frames.js';
import { StreamHub, CLOSE_GOING_AWAY } from '../routes/ws/stream-hub.js';
import { RelayStore } from './relay-store.js';
import { adoptSocket, releaseSocket } from './ws-handoff.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

/** How long a drained connection may take to flush its unsent bytes before it is closed instead. */
const HANDOFF_DRAIN_MS = 2_000;

export type SendToPrimary = (message: FromWorker, socket?: Socket) => void;

export class StreamWorker {
  private readonly log: Logger;
  private readonly store: RelayStore;
  private readonly frames: SurfaceFrames;
  private readonly hub: StreamHub;
  private readonly wss: WebSocketServer;
  private draining = false;
  private lastReported = '';
  /** Upgrades and adoptions received from the primary (reported, so it can count those in flight). */
  private handled = 0;

  constructor(
    init: WorkerInit,
    private readonly send: SendToPrimary,
    logger: Logger,
    private readonly exit: (code: number) => void,
  ) {
    this.log = logger.child({ module: 'api.stream-worker' });
    this.store = new RelayStore((err) => this.log.error({ err }, 'stream listener threw'));
    this.frames = new SurfaceFrames(this.store, init.symbols, this.log);
    this.hub = new StreamHub(this.frames, init.limits, this.log);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: init.limits.maxFrameBytes, perMessageDeflate: false, clientTracking: false });
  }

  /** One message from the primary (with the socket it carries, if any). */
  handle(message: ToWorker, socket?: Socket): void {
    switch (message.t) {
      case 'event':
        this.store.accept(message.event);
        return;
      case 'synced':
        void this.onSynced();
        return;
      case 'upgrade':
        this.handled++;
        if (socket === undefined) return this.reportClients();
        return this.upgrade(message, socket);
      case 'adopt':
        this.handled++;
        if (socket === undefined) return this.reportClients();
        return this.adopt(message, socket);
      case 'drain':
        void this.drain();
        return;
      case 'stop':
        this.hub.stop();
        this.reportFinal();
        setTimeout(() => this.exit(0), 100).unref();
        return;
      case 'stats': {
        const cpu = process.cpuUsage();
        const stream = this.hub.stats();
        this.send({ t: 'stats', id: message.id, clients: stream.clients, cpuUserUs: cpu.user, cpuSystemUs: cpu.system, rssBytes: process.memoryUsage().rss, stream });
        return;
      }
      case 'init':
        return;
    }
  }

  private async onSynced(): Promise<void> {
    await this.frames.start();
    this.hub.start();
    this.send({ t: 'ready' });
  }

  private upgrade(m: Extract<ToWorker, { t: 'upgrade' }>, socket: Socket): void {
    const req = { method: m.method, url: m.url, headers: m.headers, socket } as unknown as Parameters<WebSocketServer['handleUpgrade']>[0];
    this.wss.handleUpgrade(req, socket, Buffer.from(m.head, 'base64'), (ws) => {
      this.hub.attach(ws, m.ip, { refused: m.refused });
      if (!m.refused) this.track(ws, m.ip);
      this.reportClients();
    });
  }

  private adopt(m: Extract<ToWorker, { t: 'adopt' }>, socket: Socket): void {
    const ws = adoptSocket(this.wss, socket, Buffer.from(m.head, 'base64'));
    this.hub.attach(ws, m.state.ip, { resume: m.state });
    this.track(ws, m.state.ip);
    this.reportClients();
  }

  /** Tell the primary when the client leaves (the hub's `detach` removes this listener on handoff). */
  private track(ws: WebSocket, ip: string): void {
    ws.once('close', () => {
      if (!this.draining) this.send({ t: 'left', ip });
      this.reportClients();
    });
  }

  /** Hand every connection back to the primary, close those that cannot move, then exit. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    let handedOff = 0;
    let closed = 0;
    await Promise.all(
      this.hub.sockets().map(async (ws) => {
        const state = this.hub.detach(ws);
        const released = state === null ? null : await releaseSocket(ws, HANDOFF_DRAIN_MS);
        if (state === null || released === null) {
          closed++;
          ws.close(CLOSE_GOING_AWAY, 'stream worker stopping');
          return;
        }
        this.send({ t: 'handoff', state, head: released.head.toString('base64') }, released.socket);
        handedOff++;
      }),
    );
    this.log.info({ handedOff, closed }, 'stream worker drained');
    this.send({ t: 'drained', handedOff, closed });
    this.hub.stop();
    this.reportFinal();
    setTimeout(() => this.exit(0), 100).unref();
  }

  /** The counters as this worker leaves, so the primary keeps every frame it sent in its totals. */
  private reportFinal(): void {
    this.send({ t: 'clients', stats: this.hub.stats(), handled: this.handled });
  }

  private reportClients(): void {
    if (this.draining) return;
    const stats = this.hub.stats();
    const key = `${this.handled} ${JSON.stringify(stats)}`;
    if (key === this.lastReported) return;
    this.lastReported = key;
    this.send({ t: 'clients', stats, handled: this.handled });
  }
}
