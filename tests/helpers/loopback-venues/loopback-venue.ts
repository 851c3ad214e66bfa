/**
 * A live-like exchange on 127.0.0.1: a real WebSocket server speaking one venue's protocol
 * (protocols.ts), streaming top-of-book for every subscribed symbol at `tickHz` from a shared price
 * walk, with heartbeats where the venue sends them, and faults on demand: flapping with HTTP 503
 * handshake refusals, silence with or without heartbeats, garbage frames, reconnect storms. Used by
 * the exchange-fault tests (tests/engine/feeds/faults) and the soak (bench/soak). Loopback only.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { MarketSymbol } from '../../../engine/src/feeds/types.js';
import type { PriceWalk } from './price-walk.js';
import type { VenueConn, VenueProtocol } from './protocols.js';

export interface LoopbackVenueOptions {
  readonly protocol: VenueProtocol;
  readonly prices: PriceWalk;
  /** Book updates per second per subscribed symbol. Default 10. */
  readonly tickHz?: number;
  /** Heartbeat interval of venues that send one (Coinbase, Kraken). Default 1 000 ms. */
  readonly heartbeatMs?: number;
}

interface ConnState extends VenueConn {
  readonly ws: WebSocket;
}

export class LoopbackVenue {
  /** Every accepted connection, in order. */
  readonly accepted: WebSocket[] = [];
  refusedHandshakes = 0;
  private readonly conns = new Set<ConnState>();
  private refuseUntilMs = 0;
  private silentUntilMs = 0;
  private silentHeartbeats = true;
  private garbageEvery = 0;
  private sent = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly wss: WebSocketServer,
    private readonly opts: LoopbackVenueOptions,
  ) {}

  static async start(opts: LoopbackVenueOptions): Promise<LoopbackVenue> {
    let self: LoopbackVenue | undefined;
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      verifyClient: (_info, done) => {
        if (self !== undefined && Date.now() < self.refuseUntilMs) {
          self.refusedHandshakes += 1;
          done(false, 503, 'Service Unavailable');
        } else done(true);
      },
    });
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', resolve);
      wss.once('error', reject);
    });
    self = new LoopbackVenue(wss, opts);
    wss.on('connection', (ws) => self.onConnection(ws));
    self.every(1000 / (opts.tickHz ?? 10), () => self.emitBooks());
    self.every(opts.heartbeatMs ?? 1_000, () => self.emitHeartbeats());
    return self;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}${this.opts.protocol.path}`;
  }

  get openConnections(): number {
    return [...this.conns].filter((c) => c.ws.readyState === c.ws.OPEN).length;
  }

  /** Close every connection now (no close frame) and refuse new handshakes with 503 for `refuseMs`. */
  dropAll(refuseMs = 0): void {
    this.refuseUntilMs = Date.now() + refuseMs;
    for (const c of this.conns) c.ws.terminate();
  }

  /** Every `closeEveryMs`: drop every connection and refuse handshakes for `refuseMs`. Returns a stop function. */
  flap(closeEveryMs: number, refuseMs: number): () => void {
    const t = this.every(closeEveryMs, () => this.dropAll(refuseMs));
    return () => this.cancel(t);
  }

  /**
   * No market data for `ms`. `heartbeats` true: heartbeats and pongs continue (a quiet but live
   * venue); false: nothing comes back at all (a dead or partitioned venue).
   */
  silence(ms: number, heartbeats: boolean): void {
    this.silentUntilMs = Date.now() + ms;
    this.silentHeartbeats = heartbeats;
  }

  /** Send a garbage frame after every `n` data frames (0 = none). */
  garbage(n: number): void {
    this.garbageEvery = n;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
    for (const c of this.conns) c.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(ws: WebSocket): void {
    const conn: ConnState = { ws, subscribed: new Set<MarketSymbol>(), seq: 0, send: (text) => ws.readyState === ws.OPEN && ws.send(text) };
    this.accepted.push(ws);
    this.conns.add(conn);
    ws.on('close', () => this.conns.delete(conn));
    ws.on('error', () => undefined);
    ws.on('message', (data) => {
      if (this.dead()) return; // a dead venue does not answer pings either
      let msg: unknown;
      try {
        msg = JSON.parse(Buffer.from(data as Buffer).toString('utf8'));
      } catch {
        return;
      }
      this.opts.protocol.onMessage(conn, msg);
    });
    this.opts.protocol.onOpen?.(conn);
  }

  private emitBooks(): void {
    if (Date.now() < this.silentUntilMs) return;
    const { protocol, prices } = this.opts;
    for (const conn of this.conns) {
      for (const symbol of conn.subscribed) {
        const { bid, ask } = prices.book(symbol, protocol.venue);
        conn.send(protocol.book(conn, symbol, bid, ask));
        this.sent += 1;
        if (this.garbageEvery > 0 && this.sent % this.garbageEvery === 0) conn.send(GARBAGE[this.sent % GARBAGE.length]!);
      }
    }
  }

  /** Silent without heartbeats: nothing at all comes back, not even pongs. */
  private dead(): boolean {
    return Date.now() < this.silentUntilMs && !this.silentHeartbeats;
  }

  private emitHeartbeats(): void {
    if (this.dead()) return;
    const beat = this.opts.protocol.heartbeat;
    if (beat === undefined) return;
    for (const conn of this.conns) if (conn.subscribed.size > 0) conn.send(beat(conn));
  }

  private every(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setInterval(fn, ms);
    this.timers.add(t);
    return t;
  }

  private cancel(t: NodeJS.Timeout): void {
    clearInterval(t);
    this.timers.delete(t);
  }
}

/** Frames a broken or hostile venue might send between good ones. */
const GARBAGE = ['not json', '{"truncated":', '[1,2,3]', '{}', 'null', '{"topic":42,"channel":[],"stream":{}}', '\u0000\uffff'];
