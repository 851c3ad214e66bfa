/**
 * The WebSocket fan-out behind /v1/stream. Keeps every connected client's subscriptions, sends a
 * snapshot on subscribe, the pre-built update frame of each published surface to its subscribers
 * (the same Buffer to all of them: the latency hot path) or, to clients that subscribed with
 * `"updates":"delta"`, the surface's pre-built delta frame, status frames on halt/resume and a
 * heartbeat with the latest seq per subscribed symbol. Enforces the limits: malformed input gets an
 * `error` frame, too many subscriptions closes with 1008, a client whose send buffer exceeds the
 * limit is cut off (4001) and its state freed, a client that misses a ping interval is terminated.
 */
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { MarketSymbol } from '../../../feeds/types.js';
import { ClientMessage, CLIENT_OPS, type UpdateMode } from '../../schemas/client-message.js';
import { preciseNowMs, type SurfaceEntry, type SurfaceFrames, type WireMessage } from '../../surface-frames.js';
import { rawSocketOf } from '../../ws-frame.js';
import type { Duplex } from 'node:stream';

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

/** What the hub refused or cut, for /v1/health (`stream`) and a metrics module later. */
export interface StreamStats {
  readonly clients: number;
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
  /** Clients the surface was sent to (full and delta mode). */
  readonly clients: number;
  /** Size of the full `update` frame. */
  readonly frameBytes: number;
  /** Of `clients`, those in delta mode. */
  readonly deltaClients: number;
  /** Size of what delta-mode clients got (a `delta`, or a `snapshot` after a gap or reset); null without delta clients. */
  readonly deltaFrameBytes: number | null;
  readonly builtAtMs: number;
  /** When the last `ws.send` for this update returned. */
  readonly writtenAtMs: number;
}

export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_POLICY = 1008;
export const CLOSE_SLOW_CONSUMER = 4001;
export const CLOSE_PING_TIMEOUT = 4002;
/** After a policy close, a client that does not finish the close handshake is dropped after this. */
const TERMINATE_AFTER_MS = 1_000;

interface ClientState {
  readonly id: number;
  readonly ws: WebSocket;
  readonly symbols: Set<MarketSymbol>;
  /** Socket to write pre-framed updates to; null when ws.send must be used. */
  readonly raw: Duplex | null;
  /** Set by a subscribe carrying `updates`; applies to every symbol of the connection. */
  updates: UpdateMode;
  alive: boolean;
  readonly ip: string;
  /** Arrival times (ms) of the client's messages within the last second. */
  readonly recent: number[];
}

export class StreamHub {
  private readonly log: Logger;
  private readonly clients = new Set<ClientState>();
  private readonly bySymbol = new Map<MarketSymbol, Set<ClientState>>();
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private offEntry: (() => void) | null = null;
  private offStatus: (() => void) | null = null;
  private nextId = 1;
  private stopped = false;
  private readonly perIp = new Map<string, number>();
  private counters = { slowConsumersCut: 0, pingTimeouts: 0, connectionsRefused: 0, rateLimitedClients: 0, subscriptionLimitClients: 0 };

  constructor(
    private readonly frames: SurfaceFrames,
    private readonly limits: StreamLimits,
    logger: Logger,
    private readonly onFanout?: (info: FanoutInfo) => void,
  ) {
    this.log = logger.child({ module: 'api.stream' });
    for (const symbol of frames.servedSymbols) this.bySymbol.set(symbol, new Set());
  }

  start(): void {
    if (this.offEntry) return;
    this.stopped = false;
    this.offEntry = this.frames.onEntry((entry) => this.fanout(entry));
    // Tell every client when the store degrades or recovers: {"type":"store-status","healthy":…,"detail":…}.
    this.offStatus = this.frames.onStoreStatus((status) => {
      const frame = Buffer.from(JSON.stringify({ type: 'store-status', ...status, ts: Date.now() }));
      for (const client of [...this.clients]) this.send(client, frame);
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
    for (const client of [...this.clients]) this.disconnect(client, CLOSE_GOING_AWAY, 'server shutting down');
  }

  get clientCount(): number {
    return this.clients.size;
  }

  subscriberCount(symbol: MarketSymbol): number {
    return this.bySymbol.get(symbol)?.size ?? 0;
  }

  /** `{"type":"settlement","symbol",...,"settlement":{...}}` to every subscriber of the symbol (signed record, see GET /v1/settlements). */
  broadcastSettlement(symbol: MarketSymbol, settlement: object): void {
    const subscribers = this.bySymbol.get(symbol);
    if (!subscribers || subscribers.size === 0) return;
    const frame = Buffer.from(JSON.stringify({ type: 'settlement', symbol, settlement }));
    for (const client of subscribers) this.send(client, frame);
  }

  stats(): StreamStats {
    return { clients: this.clients.size, ...this.counters };
  }

  attach(ws: WebSocket, ip = 'unknown'): void {
    if (this.stopped) {
      ws.close(CLOSE_GOING_AWAY, 'server shutting down');
      return;
    }
    const open = this.perIp.get(ip) ?? 0;
    if (open >= (this.limits.maxConnectionsPerIp ?? Number.POSITIVE_INFINITY)) {
      this.counters.connectionsRefused += 1;
      this.log.warn({ ip, open, refused: this.counters.connectionsRefused }, 'too many connections from one IP, refusing');
      const message = `at most ${this.limits.maxConnectionsPerIp} connections per IP; this one is closed`;
      ws.send(JSON.stringify({ type: 'error', code: 'EXEC_ERR_WS_TOO_MANY_CONNECTIONS', message }));
      ws.close(CLOSE_POLICY, 'too many connections from this IP');
      return;
    }
    this.perIp.set(ip, open + 1);
    const raw = this.limits.rawWrites === false ? null : rawSocketOf(ws);
    const client: ClientState = { id: this.nextId++, ws, symbols: new Set(), raw, updates: 'full', alive: true, ip, recent: [] };
    this.clients.add(client);
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
    this.log.debug({ client: client.id }, 'client connected');
  }

  private onMessage(client: ClientState, data: WebSocket.RawData, isBinary: boolean): void {
    if (!this.clients.has(client)) return;
    if (this.overMessageRate(client)) return;
    if (isBinary) return this.sendError(client, 'EXEC_ERR_WS_BINARY', 'binary frames are not accepted; send JSON text');
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      return this.sendError(client, 'EXEC_ERR_WS_BAD_JSON', 'message is not valid JSON');
    }
    const op = typeof raw === 'object' && raw !== null ? (raw as { op?: unknown }).op : undefined;
    if (typeof op !== 'string' || !(CLIENT_OPS as readonly string[]).includes(op)) {
      return this.sendError(client, 'EXEC_ERR_WS_UNKNOWN_OP', `unknown op ${JSON.stringify(op ?? null)}; expected one of ${CLIENT_OPS.join(', ')}`);
    }
    const parsed = ClientMessage.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
      return this.sendError(client, 'EXEC_ERR_WS_BAD_MESSAGE', detail);
    }
    const requested = parsed.data.symbols.map((s) => s.toUpperCase());
    const unknown = requested.filter((s) => !this.frames.serves(s));
    if (unknown.length > 0) {
      return this.sendError(client, 'EXEC_ERR_WS_UNKNOWN_SYMBOL', `unknown symbol(s): ${unknown.join(', ')}`);
    }
    const symbols = [...new Set(requested)] as MarketSymbol[];
    if (parsed.data.op === 'subscribe') this.subscribe(client, symbols, parsed.data.updates);
    else this.unsubscribe(client, symbols);
  }

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

  private subscribe(client: ClientState, symbols: readonly MarketSymbol[], updates: UpdateMode | undefined): void {
    const total = new Set([...client.symbols, ...symbols]).size;
    if (total > this.limits.maxSubscriptions) {
      this.counters.subscriptionLimitClients += 1;
      const message = `subscription limit is ${this.limits.maxSubscriptions} symbols, request would make ${total}`;
      this.sendError(client, 'EXEC_ERR_WS_TOO_MANY_SUBSCRIPTIONS', message);
      this.disconnect(client, CLOSE_POLICY, 'too many subscriptions');
      return;
    }
    for (const symbol of symbols) {
      client.symbols.add(symbol);
      this.bySymbol.get(symbol)?.add(client);
    }
    if (updates === undefined) {
      this.sendJson(client, { type: 'ack', op: 'subscribe', symbols, subscribed: [...client.symbols] });
    } else {
      client.updates = updates;
      this.sendJson(client, { type: 'ack', op: 'subscribe', symbols, subscribed: [...client.symbols], updates });
    }
    for (const symbol of symbols) {
      const entry = this.frames.get(symbol);
      if (entry) this.send(client, entry.snapshotFrame());
      else this.sendJson(client, { type: 'snapshot', symbol, seq: null, ts: preciseNowMs(), surface: null });
    }
  }

  private unsubscribe(client: ClientState, symbols: readonly MarketSymbol[]): void {
    for (const symbol of symbols) {
      client.symbols.delete(symbol);
      this.bySymbol.get(symbol)?.delete(client);
    }
    this.sendJson(client, { type: 'ack', op: 'unsubscribe', symbols, subscribed: [...client.symbols] });
  }

  private fanout(entry: SurfaceEntry): void {
    const subscribers = this.bySymbol.get(entry.symbol);
    if (!subscribers || subscribers.size === 0) return;
    let sent = 0;
    let deltaSent = 0;
    let delta: WireMessage | null = null;
    for (const client of subscribers) {
      if (entry.statusFrame && !this.send(client, entry.statusFrame)) continue;
      if (client.updates === 'delta') {
        delta ??= entry.deltaMessage();
        if (this.send(client, delta.frame, delta.wire)) deltaSent++;
      } else if (this.send(client, entry.updateFrame, entry.updateWire)) sent++;
    }
    this.onFanout?.({
      symbol: entry.symbol,
      seq: entry.seq,
      clients: sent + deltaSent,
      frameBytes: entry.updateFrame.length,
      deltaClients: deltaSent,
      deltaFrameBytes: delta === null ? null : delta.frame.length,
      builtAtMs: entry.builtAtMs,
      writtenAtMs: preciseNowMs(),
    });
  }

  private heartbeat(): void {
    const ts = Date.now();
    for (const client of [...this.clients]) {
      if (!client.alive) {
        this.counters.pingTimeouts += 1;
        this.log.info({ client: client.id, pingTimeouts: this.counters.pingTimeouts }, 'client missed a ping interval, terminating');
        this.forget(client);
        client.ws.terminate();
        continue;
      }
      client.alive = false;
      const seqs: Record<string, number | null> = {};
      for (const symbol of client.symbols) seqs[symbol] = this.frames.get(symbol)?.seq ?? null;
      if (this.sendJson(client, { type: 'heartbeat', ts, seqs })) client.ws.ping();
    }
  }

  /**
   * Send one message; false (and the client is cut off) if it is over its buffer limit. `wire` is
   * the message already framed; it is written directly when the client has a raw socket.
   */
  private send(client: ClientState, frame: Buffer, wire?: Buffer): boolean {
    if (client.ws.readyState !== WebSocket.OPEN) return false;
    if (client.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.counters.slowConsumersCut += 1;
      this.log.warn({ client: client.id, bufferedBytes: client.ws.bufferedAmount, cut: this.counters.slowConsumersCut }, 'slow consumer, disconnecting');
      this.disconnect(client, CLOSE_SLOW_CONSUMER, 'slow consumer: send buffer limit exceeded');
      return false;
    }
    if (wire && client.raw) client.raw.write(wire);
    else client.ws.send(frame, { binary: false });
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
    if (!this.clients.delete(client)) return;
    for (const symbol of client.symbols) this.bySymbol.get(symbol)?.delete(client);
    client.symbols.clear();
  }
}
