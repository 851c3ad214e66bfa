/**
 * The WebSocket fan-out behind /v1/stream. Keeps every connected client's subscriptions and the view
 * each symbol is seen in (format json|binary, updates full|delta, optionally some rounds and/or the
 * strikes around the money), sends a snapshot on subscribe, and for each published surface builds
 * one frame per view in use, then writes it, pre-framed, to every subscriber of that view (the
 * latency hot path). Status frames on halt/resume, a heartbeat with the latest seq per subscribed
 * symbol. Enforces the limits: malformed input gets an `error` frame, too many subscriptions closes
 * with 1008, a client whose send buffer exceeds the limit is cut off (4001) and its state freed, a
 * client that misses a ping interval is terminated.
 */
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { MarketSymbol } from '../../../feeds/types.js';
import type { ClientMessage, StreamFormat, UpdateMode } from '../../schemas/client-message.js';
import { parseClientRequest, type RequestContext } from './client-request.js';
import { preciseNowMs, type SurfaceEntry, type SurfaceFrames, type WireMessage } from '../../surface-frames.js';
import { rawSocketOf } from '../../ws-frame.js';
import { Subscribers } from '../../stream/subscribers.js';
import { streamView, WHOLE_SURFACE, type StreamView, type SurfaceFilter } from '../../stream/surface-view.js';
import { roundLabel } from '../../../client/stream/subscribe.js';
import type { Duplex } from 'node:stream';
import type { ClientHandoff } from '../../stream-workers/protocol.js';

export interface StreamLimits {
  /** Distinct symbols one client may be subscribed to at once. */
  readonly maxSubscriptions: number;
  /** Largest client frame accepted; larger closes with 1009 (enforced by ws `maxPayload`). */
  readonly maxFrameBytes: number;
  readonly heartbeatMs: number;
  /** A client whose unsent bytes exceed this is disconnected with CLOSE_SLOW_CONSUMER. */
  readonly maxBufferedBytes: number;
  /**
   * Write each update's pre-framed bytes straight to the TCP socket (default true); false sends
   * through `ws.send`, which frames the message again for every client.
   */
  readonly rawWrites?: boolean;
  /** Connections one IP may hold at once; one more is closed with 1008 at once. Default: unlimited. */
  readonly maxConnectionsPerIp?: number;
  /** Client messages per connection per second (sliding 1 s window); more closes with 1008. Default: unlimited. */
  readonly maxMessagesPerSec?: number;
}

/** What the hub sent, refused or cut, for /v1/health (`stream`) and /metrics. */
export interface StreamStats {
  readonly clients: number;
  /** Frames written to clients (surface frames, snapshots, acks, heartbeats, errors…). */
  readonly framesSent: number;
  /** Bytes of those frames as written to the sockets, WebSocket framing included. */
  readonly bytesSent: number;
  readonly slowConsumersCut: number;
  /** Clients dropped because they did not answer a ping for a whole heartbeat interval (not reading). */
  readonly pingTimeouts: number;
  readonly connectionsRefused: number;
  readonly rateLimitedClients: number;
  readonly subscriptionLimitClients: number;
}

/** Timing of one update's fan-out, for benchmarks and metrics. Times are wall-clock ms (µs fraction). */
export interface FanoutInfo {
  readonly symbol: MarketSymbol;
  readonly seq: number;
  /** Clients the surface was sent to. */
  readonly clients: number;
  /** Per view in use: the frame size (bytes, without WebSocket framing) and the clients sent it. */
  readonly views: ReadonlyArray<{ readonly view: string; readonly bytes: number; readonly clients: number }>;
  /** Bytes written to all clients (frames including WebSocket framing). */
  readonly bytesSent: number;
  /** When the entry was created (its frames are stamped with this time). */
  readonly builtAtMs: number;
  /** When every view's frame was built (encoding done, sends begin). */
  readonly encodedAtMs: number;
  /** When the last write for this update returned. */
  readonly writtenAtMs: number;
}

export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_POLICY = 1008;
export const CLOSE_SLOW_CONSUMER = 4001;
export const CLOSE_PING_TIMEOUT = 4002;
/** After a policy close, a client that does not finish the close handshake is dropped after this. */
const TERMINATE_AFTER_MS = 1_000;

/** Bytes on the wire of one unmasked server frame carrying `payload` bytes (RFC 6455 §5.2). */
function wsFrameBytes(payload: number): number {
  return payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);
}

interface ClientState {
  readonly id: number;
  readonly ws: WebSocket;
  /** The view of each subscribed symbol. */
  readonly views: Map<MarketSymbol, StreamView>;
  /** Socket to write pre-framed updates to; null when ws.send must be used. */
  readonly raw: Duplex | null;
  /** Set by a subscribe carrying `updates`; applies to every symbol of the connection. */
  updates: UpdateMode;
  /** Set by a subscribe carrying `format`; applies to every symbol of the connection. */
  format: StreamFormat;
  alive: boolean;
  readonly ip: string;
  /** Arrival times (ms) of the client's messages within the last second. */
  readonly recent: number[];
  /**
   * A connection handed over from another worker: per symbol, the last seq it was sent there. Until
   * a symbol's next surface, older surfaces are skipped and a later one than seq + 1 goes as a
   * snapshot. Null once every symbol has caught up (the usual case: no cost on the hot path).
   */
  resuming: Map<MarketSymbol, number | null> | null;
}

export class StreamHub {
  private readonly log: Logger;
  private readonly clients = new Map<WebSocket, ClientState>();
  private readonly subscribers: Subscribers<ClientState>;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private offEntry: (() => void) | null = null;
  private offStatus: (() => void) | null = null;
  private nextId = 1;
  private stopped = false;
  private readonly perIp = new Map<string, number>();
  private counters = { framesSent: 0, bytesSent: 0, slowConsumersCut: 0, pingTimeouts: 0, connectionsRefused: 0, rateLimitedClients: 0, subscriptionLimitClients: 0 };

  constructor(
    private readonly frames: SurfaceFrames,
    private readonly limits: StreamLimits,
    logger: Logger,
    private readonly onFanout?: (info: FanoutInfo) => void,
  ) {
    this.log = logger.child({ module: 'api.stream' });
    this.subscribers = new Subscribers(frames.servedSymbols);
  }

  start(): void {
    if (this.offEntry) return;
    this.stopped = false;
    this.offEntry = this.frames.onEntry((entry) => this.fanout(entry));
    // Tell every client when the store degrades or recovers: {"type":"store-status","healthy":…,"detail":…}.
    this.offStatus = this.frames.onStoreStatus((status) => {
      const frame = Buffer.from(JSON.stringify({ type: 'store-status', ...status, ts: Date.now() }));
      for (const client of [...this.clients.values()]) this.send(client, frame);
    });
    this.heartbeatTimer = setInterval(() => this.heartbeat(), this.limits.heartbeatMs);
  }

  /** Stop fan-out and heartbeats, and close every client with 1001. */
  stop(): void {
    this.stopped = true;
    this.offEntry?.();
    this.offEntry = null;
    this.offStatus?.();
    this.offStatus = null;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    for (const client of [...this.clients.values()]) this.disconnect(client, CLOSE_GOING_AWAY, 'server shutting down');
  }

  get clientCount(): number {
    return this.clients.size;
  }

  subscriberCount(symbol: MarketSymbol): number {
    return this.subscribers.count(symbol);
  }

  /** `{"type":"settlement","symbol",...,"settlement":{...}}` to every subscriber of the symbol (signed record, see GET /v1/settlements). */
  broadcastSettlement(symbol: MarketSymbol, settlement: object): void {
    const subscribers = this.subscribers.of(symbol);
    if (subscribers.size === 0) return;
    const frame = Buffer.from(JSON.stringify({ type: 'settlement', symbol, settlement }));
    for (const client of [...subscribers]) this.send(client, frame);
  }

  stats(): StreamStats {
    return { clients: this.clients.size, ...this.counters };
  }

  /**
   * Serve a new connection from `ip`, or (with `resume`) one handed over by another stream worker
   * (already counted against its IP's limit when it first connected here or there). `refused`: the
   * caller (the stream worker pool, which counts every worker's connections) found its IP over the
   * limit.
   */
  attach(ws: WebSocket, ip = 'unknown', options: { readonly resume?: ClientHandoff; readonly refused?: boolean } = {}): void {
    const { resume } = options;
    if (this.stopped) {
      ws.close(CLOSE_GOING_AWAY, 'server shutting down');
      return;
    }
    const open = this.perIp.get(ip) ?? 0;
    if (options.refused === true || (resume === undefined && open >= (this.limits.maxConnectionsPerIp ?? Number.POSITIVE_INFINITY))) {
      this.counters.connectionsRefused += 1;
      this.log.warn({ ip, open, refused: this.counters.connectionsRefused }, 'too many connections from one IP, refusing');
      const message = `at most ${this.limits.maxConnectionsPerIp} connections per IP; this one is closed`;
      ws.send(JSON.stringify({ type: 'error', code: 'EXEC_ERR_WS_TOO_MANY_CONNECTIONS', message }));
      ws.close(CLOSE_POLICY, 'too many connections from this IP');
      return;
    }
    this.perIp.set(ip, open + 1);
    const raw = this.limits.rawWrites === false ? null : rawSocketOf(ws);
    const client: ClientState = { id: this.nextId++, ws, views: new Map(), raw, updates: 'full', format: 'json', alive: true, ip, recent: [], resuming: null };
    this.clients.set(ws, client);
    ws.on('message', (data, isBinary) => this.onMessage(client, data, isBinary));
    ws.on('pong', () => {
      client.alive = true;
    });
    ws.on('close', (code) => {
      this.forget(client);
      const left = (this.perIp.get(ip) ?? 1) - 1;
      if (left > 0) this.perIp.set(ip, left);
      else this.perIp.delete(ip);
      this.log.debug({ client: client.id, code }, 'client disconnected');
    });
    this.log.debug({ client: client.id, resumed: resume !== undefined }, 'client connected');
    if (resume !== undefined) this.resume(client, resume);
  }

  /** Every connected socket (a drained worker hands them over one by one). */
  sockets(): WebSocket[] {
    return [...this.clients.keys()];
  }

  /**
   * Stop serving `ws` without closing it, and describe its subscriptions so another worker can
   * carry on from the same seqs. Null when the socket is not (or no longer) served here.
   */
  detach(ws: WebSocket): ClientHandoff | null {
    const client = this.clients.get(ws);
    if (client === undefined) return null;
    const symbols = [...client.views].map(([symbol, view]) => {
      const pending = client.resuming?.get(symbol);
      return { symbol, filter: view.filter, lastSeq: pending !== undefined ? pending : (this.frames.get(symbol)?.seq ?? null) };
    });
    this.forget(client);
    ws.removeAllListeners('message');
    ws.removeAllListeners('pong');
    ws.removeAllListeners('close');
    const left = (this.perIp.get(client.ip) ?? 1) - 1;
    if (left > 0) this.perIp.set(client.ip, left);
    else this.perIp.delete(client.ip);
    return { ip: client.ip, format: client.format, updates: client.updates, symbols };
  }

  private resume(client: ClientState, state: ClientHandoff): void {
    client.format = state.format;
    client.updates = state.updates;
    const resuming = new Map<MarketSymbol, number | null>();
    for (const { symbol, filter, lastSeq } of state.symbols) {
      if (!this.frames.serves(symbol)) continue;
      this.subscribers.set(client, symbol, streamView(client.format, client.updates, filter));
      resuming.set(symbol, lastSeq);
    }
    client.resuming = resuming.size > 0 ? resuming : null;
    for (const symbol of resuming.keys()) {
      const entry = this.frames.get(symbol);
      if (entry !== undefined && client.resuming !== null) this.resumeWith(client, entry, client.views.get(symbol) as StreamView);
    }
  }

  /**
   * For a resuming client: what to send it of `entry`. Nothing when it already has it (it stays
   * resuming), the usual message when it is the next seq, a snapshot when it is further on.
   */
  private resumeWith(client: ClientState, entry: SurfaceEntry, view: StreamView): void {
    const resuming = client.resuming as Map<MarketSymbol, number | null>;
    const last = resuming.get(entry.symbol);
    if (last === undefined || (last !== null && entry.seq <= last)) return;
    resuming.delete(entry.symbol);
    if (resuming.size === 0) client.resuming = null;
    const message = this.built(entry, view, last === null || entry.seq !== last + 1);
    if (message !== null) this.send(client, message);
  }

  private onMessage(client: ClientState, data: WebSocket.RawData, isBinary: boolean): void {
    if (this.clients.get(client.ws) !== client) return;
    if (this.overMessageRate(client)) return;
    const request = parseClientRequest(data, isBinary, this.requestContext);
    if (!request.ok) return this.sendError(client, request.code, request.message);
    if (request.message.op === 'subscribe') this.subscribe(client, request.symbols, request.message);
    else this.unsubscribe(client, request.symbols);
  }

  private readonly requestContext: RequestContext = {
    serves: (symbol) => this.frames.serves(symbol),
    surface: (symbol) => this.frames.get(symbol)?.surface,
  };

  /** Sliding one-second window; over the limit: error frame, close 1008, state freed. */
  private overMessageRate(client: ClientState): boolean {
    const max = this.limits.maxMessagesPerSec;
    if (max === undefined) return false;
    const now = Date.now();
    client.recent.push(now);
    while (client.recent.length > 0 && now - client.recent[0]! >= 1_000) client.recent.shift();
    if (client.recent.length <= max) return false;
    this.counters.rateLimitedClients += 1;
    this.log.warn({ client: client.id, ip: client.ip, limit: max }, 'client message rate exceeded, disconnecting');
    this.sendError(client, 'EXEC_ERR_WS_RATE_LIMITED', `at most ${max} messages per second per connection`);
    this.disconnect(client, CLOSE_POLICY, 'message rate limit exceeded');
    return true;
  }

  private subscribe(client: ClientState, symbols: readonly MarketSymbol[], msg: ClientMessage): void {
    const total = new Set([...client.views.keys(), ...symbols]).size;
    if (total > this.limits.maxSubscriptions) {
      this.counters.subscriptionLimitClients += 1;
      const message = `subscription limit is ${this.limits.maxSubscriptions} symbols, request would make ${total}`;
      this.sendError(client, 'EXEC_ERR_WS_TOO_MANY_SUBSCRIPTIONS', message);
      this.disconnect(client, CLOSE_POLICY, 'too many subscriptions');
      return;
    }
    if (msg.updates !== undefined || msg.format !== undefined) {
      client.updates = msg.updates ?? client.updates;
      client.format = msg.format ?? client.format;
      // The connection-wide settings apply to the symbols already subscribed too, from their next frame.
      for (const [symbol, view] of [...client.views]) this.subscribers.set(client, symbol, streamView(client.format, client.updates, view.filter));
    }
    const filter: SurfaceFilter = msg.rounds === undefined && msg.strikes === undefined ? WHOLE_SURFACE : { rounds: msg.rounds ?? null, strikes: msg.strikes ?? null };
    const view = streamView(client.format, client.updates, filter);
    for (const symbol of symbols) this.subscribers.set(client, symbol, view);
    const ack: Record<string, unknown> = { type: 'ack', op: 'subscribe', symbols, subscribed: [...client.views.keys()] };
    if (msg.updates !== undefined) ack.updates = msg.updates;
    if (msg.format !== undefined) ack.format = msg.format;
    if (msg.rounds !== undefined) ack.rounds = msg.rounds.map(roundLabel);
    if (msg.strikes !== undefined) ack.strikes = msg.strikes;
    this.sendJson(client, ack);
    for (const symbol of symbols) {
      const entry = this.frames.get(symbol);
      const snapshot = entry && this.built(entry, view, true);
      if (snapshot) this.send(client, snapshot);
      else if (!entry) this.sendJson(client, { type: 'snapshot', symbol, seq: null, ts: preciseNowMs(), surface: null });
    }
  }

  private unsubscribe(client: ClientState, symbols: readonly MarketSymbol[]): void {
    for (const symbol of symbols) this.subscribers.remove(client, symbol);
    this.sendJson(client, { type: 'ack', op: 'unsubscribe', symbols, subscribed: [...client.views.keys()] });
  }

  /** The entry's frame for a view (its snapshot, or what a fan-out sends); null, logged, if it cannot be encoded. */
  private built(entry: SurfaceEntry, view: StreamView, snapshot: boolean): WireMessage | null {
    try {
      return snapshot ? entry.snapshot(view) : entry.message(view);
    } catch (err) {
      this.log.error({ err, symbol: entry.symbol, seq: entry.seq, view: view.key }, 'stream frame could not be encoded; its subscribers miss this surface');
      return null;
    }
  }

  private fanout(entry: SurfaceEntry): void {
    const subscribers = this.subscribers.of(entry.symbol);
    if (subscribers.size === 0) return;
    const messages = new Map<string, WireMessage | null>();
    for (const view of this.subscribers.viewsOf(entry.symbol)) messages.set(view.key, this.built(entry, view, false));
    const encodedAtMs = preciseNowMs();
    const sentTo = new Map<string, number>();
    let sent = 0;
    let bytesSent = 0;
    let lastView: StreamView | null = null;
    let message: WireMessage | null = null;
    // Deleting from a Set while iterating it is safe: a client cut off here is skipped, not revisited.
    for (const client of subscribers) {
      const view = client.views.get(entry.symbol) as StreamView;
      if (view !== lastView) {
        lastView = view;
        message = messages.get(view.key) ?? null;
      }
      if (message === null) continue;
      if (client.resuming !== null && client.resuming.has(entry.symbol)) {
        this.resumeWith(client, entry, view);
        continue;
      }
      if (entry.statusFrame && !this.send(client, entry.statusFrame)) continue;
      if (!this.send(client, message)) continue;
      sent++;
      bytesSent += message.wire.length;
      if (this.onFanout !== undefined) sentTo.set(view.key, (sentTo.get(view.key) ?? 0) + 1);
    }
    if (this.onFanout === undefined) return;
    const views: Array<{ view: string; bytes: number; clients: number }> = [];
    for (const [key, m] of messages) if (m !== null) views.push({ view: key, bytes: m.frame.length, clients: sentTo.get(key) ?? 0 });
    this.onFanout({ symbol: entry.symbol, seq: entry.seq, clients: sent, views, bytesSent, builtAtMs: entry.builtAtMs, encodedAtMs, writtenAtMs: preciseNowMs() });
  }

  private heartbeat(): void {
    const ts = Date.now();
    for (const client of [...this.clients.values()]) {
      if (!client.alive) {
        this.counters.pingTimeouts += 1;
        this.log.info({ client: client.id, pingTimeouts: this.counters.pingTimeouts }, 'client missed a ping interval, terminating');
        this.forget(client);
        client.ws.terminate();
        continue;
      }
      client.alive = false;
      const seqs: Record<string, number | null> = {};
      for (const symbol of client.views.keys()) seqs[symbol] = this.frames.get(symbol)?.seq ?? null;
      if (this.sendJson(client, { type: 'heartbeat', ts, seqs })) client.ws.ping();
    }
  }

  /**
   * Send one message (a JSON text Buffer, or a pre-framed WireMessage); false (and the client is cut
   * off) if it is over its buffer limit. A WireMessage is written straight to the client's raw
   * socket when it has one.
   */
  private send(client: ClientState, message: Buffer | WireMessage): boolean {
    if (client.ws.readyState !== WebSocket.OPEN) return false;
    // With a raw socket every byte we queue (pre-framed or through ws) is in its write buffer.
    const buffered = client.raw !== null ? client.raw.writableLength : client.ws.bufferedAmount;
    if (buffered > this.limits.maxBufferedBytes) {
      this.counters.slowConsumersCut += 1;
      this.log.warn({ client: client.id, bufferedBytes: buffered, cut: this.counters.slowConsumersCut }, 'slow consumer, disconnecting');
      this.disconnect(client, CLOSE_SLOW_CONSUMER, 'slow consumer: send buffer limit exceeded');
      return false;
    }
    let bytes: number;
    if (Buffer.isBuffer(message)) {
      client.ws.send(message, { binary: false });
      bytes = wsFrameBytes(message.length);
    } else if (client.raw) {
      client.raw.write(message.wire);
      bytes = message.wire.length;
    } else {
      client.ws.send(message.frame, { binary: message.binary });
      bytes = wsFrameBytes(message.frame.length);
    }
    this.counters.framesSent += 1;
    this.counters.bytesSent += bytes;
    return true;
  }

  private sendJson(client: ClientState, message: object): boolean {
    return this.send(client, Buffer.from(JSON.stringify(message)));
  }

  private sendError(client: ClientState, code: string, message: string): void {
    this.sendJson(client, { type: 'error', code, message });
  }

  /** Free the client's state now, start the close handshake, and drop the socket if it stalls. */
  private disconnect(client: ClientState, code: number, reason: string): void {
    this.forget(client);
    if (client.ws.readyState === WebSocket.CLOSED) return;
    client.ws.close(code, reason);
    const timer = setTimeout(() => client.ws.terminate(), TERMINATE_AFTER_MS);
    timer.unref();
    client.ws.once('close', () => clearTimeout(timer));
  }

  private forget(client: ClientState): void {
    if (this.clients.get(client.ws) !== client) return;
    this.clients.delete(client.ws);
    this.subscribers.removeAll(client);
  }
}
