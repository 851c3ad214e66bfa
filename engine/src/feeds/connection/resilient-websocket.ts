import WebSocket from 'ws';
import type { Logger } from 'pino';
import type { FeedAdapter, FeedHealth, MarketSymbol, SymbolHealth, Tick, TickListener, VenueName } from '../types.js';
import { ControlQueue } from './control-queue.js';
import { callListeners } from '../../lib/call-listeners.js';
import { RateLimitedLog } from '../../lib/rate-limited-log.js';
import { parseJsonLossless } from './lossless-json.js';
import type { MapResult } from './map-result.js';
import { UnchangedBooks } from './unchanged-books.js';
import {
  RESTATE_MAX_SILENCE_MS_DEFAULT,
  resolveSymbols,
  type ConnectionTuning,
  type ResolvedSymbols,
  type VenueFeedOptions,
  type VenueProfile,
} from './venue-feed-options.js';

export type { ConnectionTuning } from './venue-feed-options.js';

interface SymbolState {
  lastDataTs: number | null;
  messages: number;
  subscribedAt: number | null;
  rejected: string | null;
  silent: boolean;
}

/**
 * Base connection for every exchange adapter (the tardis `RealTimeFeedBase` / Lazer
 * `ResilientWebSocket` shape). Owns the socket, keep-alive, stale and lifetime timers, capped
 * exponential backoff with jitter, the intentional-close flag, rate-limited control sends, per-symbol
 * data-arrival tracking, the health counters, and the option plumbing every venue shares (symbol
 * resolution, url and tuning defaults). Subclasses implement the venue protocol: `onConnected`
 * (send subscriptions), `onText` (parse with `parseFrame`/`parseObjectFrame`, map, `emitMapped`),
 * `keepAliveMessage`.
 *
 * Server ping frames are answered by `ws` itself (autoPong, default true) with a copy of the payload,
 * which is what Binance requires; tests/engine/feeds/binance verifies it against a real server.
 */
export abstract class ResilientWebSocket implements FeedAdapter {
  readonly name: string;
  readonly simulated = false;
  protected readonly log: Logger;
  protected readonly limitedLog: RateLimitedLog;
  protected readonly now: () => number;
  protected readonly venue: VenueName;
  protected readonly symbols: readonly MarketSymbol[];
  /** The subscribed markets and their venue instruments, both ways. */
  protected readonly resolved: ResolvedSymbols;
  private readonly url: string;
  private readonly tuning: ConnectionTuning;
  private readonly listeners: TickListener[] = [];
  private readonly symbolState = new Map<MarketSymbol, SymbolState>();
  private readonly control: ControlQueue;
  /** Books this connection may restate; null for venues without a proof of an unchanged book. */
  private readonly unchangedBooks: UnchangedBooks | null;
  private readonly restateMaxSilenceMs: number;
  private ws: WebSocket | null = null;
  private intentionalClose = true;
  private attempt = 0;
  /** Receive time of the last inbound message on the current socket (or of the connect attempt). */
  private lastFrameTs = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private watchdogTimer: NodeJS.Timeout | null = null;
  private keepAliveTimer: NodeJS.Timeout | null = null;
  private lifetimeTimer: NodeJS.Timeout | null = null;
  private stableTimer: NodeJS.Timeout | null = null;
  private counters = { messages: 0, parseErrors: 0, gaps: 0, reconnects: 0, connects: 0, unhandled: 0, backoffResets: 0 };
  private lastMessageTs: number | null = null;
  private lagMs: number | null = null;
  private restated = 0;

  protected constructor(options: VenueFeedOptions, profile: VenueProfile) {
    this.venue = profile.venue;
    this.name = profile.venue;
    this.url = options.url ?? profile.defaultUrl;
    this.resolved = resolveSymbols(options, profile.instruments);
    this.symbols = this.resolved.symbols;
    this.tuning = { ...profile.tuning, ...options.tuning };
    this.restateMaxSilenceMs = this.tuning.restateMaxSilenceMs ?? RESTATE_MAX_SILENCE_MS_DEFAULT;
    this.unchangedBooks = profile.restatesQuietBooks === true ? new UnchangedBooks() : null;
    this.now = options.now ?? Date.now;
    this.log = options.logger.child({ module: `feeds.${profile.venue}` });
    this.limitedLog = new RateLimitedLog(this.log, this.tuning.logIntervalMs, this.now);
    this.control = new ControlQueue(this.tuning.controlRate, (p) => this.sendNow(p), this.now);
    for (const s of this.symbols) {
      this.symbolState.set(s, { lastDataTs: null, messages: 0, subscribedAt: null, rejected: null, silent: false });
    }
  }

  /** Send the subscriptions for this venue; called on every (re)connect. */
  protected abstract onConnected(): void;
  /** Handle one inbound text frame. Must not throw for bad input: count and log instead. */
  protected abstract onText(text: string, receivedTs: number): void;
  /** The application-level ping to send every keepAliveIntervalMs, if the venue needs one. */
  protected keepAliveMessage(): unknown {
    return null;
  }
  /** Called when a connection closes: reset per-connection sequence state. */
  protected onDisconnected(): void {}

  onTick(listener: TickListener): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    if (!this.intentionalClose) return;
    this.intentionalClose = false;
    this.watchdogTimer = setInterval(() => this.watchdog(), this.watchdogPeriodMs());
    this.connect();
  }

  async stop(): Promise<void> {
    this.intentionalClose = true;
    this.clearConnectionTimers();
    for (const t of [this.reconnectTimer, this.watchdogTimer]) if (t !== null) clearTimeout(t);
    this.reconnectTimer = null;
    this.watchdogTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws === null) return;
    await new Promise<void>((resolve) => {
      if (ws.readyState === WebSocket.CLOSED) return resolve();
      const hard = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 1_000);
      ws.once('close', () => {
        clearTimeout(hard);
        resolve();
      });
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(1000, 'client stop');
    });
  }

  health(): FeedHealth[] {
    const now = this.now();
    const symbols: SymbolHealth[] = this.symbols.map((symbol) => {
      const st = this.stateOf(symbol);
      return { symbol, lastMessageTs: st.lastDataTs, messages: st.messages, silent: this.isSilent(st, now) };
    });
    return [
      {
        venue: this.venue,
        connected: this.ws !== null && this.ws.readyState === WebSocket.OPEN,
        lastMessageTs: this.lastMessageTs,
        lagMs: this.lagMs,
        reconnects: this.counters.reconnects,
        messages: this.counters.messages,
        parseErrors: this.counters.parseErrors,
        gaps: this.counters.gaps,
        unhandled: this.counters.unhandled,
        backoffResets: this.counters.backoffResets,
        symbols,
      },
    ];
  }

  /** Queue a JSON control message through the venue's rate limit. */
  protected sendControl(message: unknown): void {
    this.control.push(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** A frame as lossless JSON (numbers kept as text); not JSON: counted as a parse error, undefined. */
  protected parseFrame(text: string): unknown {
    try {
      return parseJsonLossless(text);
    } catch {
      this.recordParseError('json', text);
      return undefined;
    }
  }

  /** `parseFrame` for venues whose every frame is a JSON object: anything else is counted, null. */
  protected parseObjectFrame(text: string): object | null {
    const raw = this.parseFrame(text);
    if (raw === undefined) return null;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      this.recordParseError('not-object', text);
      return null;
    }
    return raw;
  }

  /** Record the gaps a mapper found, then deliver its ticks. */
  protected emitMapped(result: MapResult): void {
    for (const g of result.gaps) this.recordGap(g.symbol, { stream: g.stream, previous: g.previous, got: g.got });
    for (const t of result.ticks) this.emit(t);
  }

  /** Deliver a normalized tick to listeners and update per-symbol arrival and lag. */
  protected emit(tick: Tick): void {
    const st = this.stateOf(tick.symbol);
    st.lastDataTs = tick.receivedTs;
    st.messages += 1;
    st.rejected = null;
    // ticks stamped with the receive time (Binance bookTicker, Kraken ticker) say nothing about lag
    if (tick.exchangeTs !== tick.receivedTs) this.lagMs = tick.receivedTs - tick.exchangeTs;
    if (this.attempt > 0) this.resetBackoff();
    this.unchangedBooks?.note(tick);
    this.deliver(tick);
  }

  /**
   * The venue proved at `receivedTs` that no book update was sent since the last one on this
   * connection (Kraken `heartbeat`): re-deliver the remembered books (feeds/README.md "Quiet books").
   * Restatements do not count as symbol data in health.
   */
  protected restateUnchangedBooks(receivedTs: number): void {
    const ws = this.ws;
    if (this.unchangedBooks === null || ws === null || ws.readyState !== WebSocket.OPEN) return;
    for (const tick of this.unchangedBooks.restate(receivedTs, this.tuning.symbolArrivalTimeoutMs)) {
      this.restated += 1;
      this.deliver(tick);
    }
  }

  /** Stop restating one symbol's book, or every book, until it updates again. */
  protected forgetUnchangedBooks(symbol?: MarketSymbol): void {
    this.unchangedBooks?.forget(symbol);
  }

  /** Books restated so far (all connections). */
  get restatedTicks(): number {
    return this.restated;
  }

  private deliver(tick: Tick): void {
    callListeners(this.listeners, tick, this.onListenerError);
  }

  private readonly onListenerError = (err: unknown): void => {
    this.limitedLog.warn('listener', { err }, 'tick listener threw');
  };

  /** Count a message that could not be parsed or validated; logged at a limited rate. */
  protected recordParseError(reason: string, sample: string): void {
    this.counters.parseErrors += 1;
    this.unchangedBooks?.forget(); // it may have been a book update
    this.limitedLog.warn(`parse:${reason}`, { reason, sample: sample.slice(0, 200) }, 'malformed message ignored');
  }

  /**
   * A well-formed message of a kind we do not handle: counted (health `unhandled`) and logged at a
   * limited rate. Never used for market data we subscribed to: that is mapped or a parse error.
   */
  protected recordUnexpected(kind: string, sample: string): void {
    this.counters.unhandled += 1;
    this.limitedLog.warn(`unexpected:${kind}`, { kind, sample: sample.slice(0, 200) }, 'unexpected message ignored');
  }

  protected recordGap(symbol: string, fields: Record<string, unknown>): void {
    this.counters.gaps += 1;
    this.unchangedBooks?.forget(); // messages were lost: no book can be vouched for
    this.limitedLog.warn(`gap:${symbol}`, { symbol, ...fields }, 'sequence gap: messages were lost');
  }

  /** The venue refused a subscription: the symbol is reported silent until data arrives. */
  protected recordSymbolRejected(symbol: MarketSymbol, reason: string): void {
    const st = this.stateOf(symbol);
    st.rejected = reason;
    this.unchangedBooks?.forget(symbol);
    this.limitedLog.warn(`reject:${symbol}`, { symbol, reason }, 'subscription rejected');
  }

  protected recordVenueError(fields: Record<string, unknown>): void {
    this.limitedLog.warn('venue-error', fields, 'venue sent an error');
  }

  /** Drop the current connection and reconnect (shutdown notice, lifetime cap, maintenance). */
  protected reconnectNow(reason: string, minDelayMs = 0): void {
    if (this.intentionalClose) return;
    this.log.info({ reason }, 'reconnecting');
    this.dropSocket();
    this.scheduleReconnect(minDelayMs, true);
  }

  private connect(): void {
    if (this.intentionalClose) return;
    if (this.counters.connects > 0) this.counters.reconnects += 1;
    this.counters.connects += 1;
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url, { handshakeTimeout: this.tuning.connectTimeoutMs, maxPayload: 4 * 1024 * 1024 });
    } catch (err) {
      this.limitedLog.warn('connect', { err, url: this.url }, 'cannot create websocket');
      this.scheduleReconnect(0, false);
      return;
    }
    this.ws = ws;
    this.lastFrameTs = this.now();
    ws.on('open', () => this.handleOpen(ws));
    ws.on('message', (data: WebSocket.RawData) => {
      if (ws !== this.ws) return;
      const receivedTs = this.now();
      if (receivedTs - this.lastFrameTs > this.restateMaxSilenceMs) this.unchangedBooks?.forget();
      this.lastFrameTs = receivedTs;
      this.lastMessageTs = receivedTs;
      this.counters.messages += 1;
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as Buffer).toString('utf8');
      try {
        this.onText(text, receivedTs);
      } catch (err) {
        this.counters.parseErrors += 1;
        this.unchangedBooks?.forget();
        this.limitedLog.warn('handler', { err, sample: text.slice(0, 200) }, 'message handler failed');
      }
    });
    ws.on('error', (err) => {
      this.limitedLog.warn('socket-error', { err, url: this.url }, 'websocket error');
    });
    ws.on('close', (code, reason) => {
      if (ws !== this.ws) return;
      this.log.warn({ code, reason: reason.toString('utf8').slice(0, 200) }, 'websocket closed');
      this.ws = null;
      this.afterDisconnect();
      this.scheduleReconnect(0, false);
    });
  }

  private handleOpen(ws: WebSocket): void {
    if (ws !== this.ws) return;
    const t = this.now();
    this.lastFrameTs = t;
    this.log.info({ url: this.url, reconnects: this.counters.reconnects }, 'connected');
    for (const st of this.symbolState.values()) {
      st.subscribedAt = t;
      st.rejected = null;
    }
    this.stableTimer = setTimeout(() => {
      this.attempt = 0;
    }, this.tuning.stableAfterMs);
    if (this.tuning.maxLifetimeMs !== null) {
      this.lifetimeTimer = setTimeout(() => this.reconnectNow('connection lifetime cap'), this.tuning.maxLifetimeMs);
    }
    if (this.tuning.keepAliveIntervalMs !== null) {
      this.keepAliveTimer = setInterval(() => {
        const msg = this.keepAliveMessage();
        if (msg !== null) this.sendControl(msg);
      }, this.tuning.keepAliveIntervalMs);
    }
    this.onConnected();
  }

  private sendNow(payload: string): void {
    const ws = this.ws;
    if (ws === null || ws.readyState !== WebSocket.OPEN) return;
    ws.send(payload, (err) => {
      if (err) this.limitedLog.warn('send', { err }, 'send failed');
    });
  }

  /**
   * This connection delivered market data, so the venue is serving again: the next drop starts from
   * the initial delay (still jittered and capped) instead of the backoff earned by earlier failures.
   * Waiting for `stableAfterMs` of uptime alone kept venues that flap (close every few seconds,
   * refuse handshakes briefly) in ever longer backoff although they served most of the time.
   */
  private resetBackoff(): void {
    this.log.info({ attempt: this.attempt }, 'market data flowing: reconnect backoff reset');
    this.attempt = 0;
    this.counters.backoffResets += 1;
  }

  private watchdog(): void {
    const now = this.now();
    const ws = this.ws;
    if (ws !== null && now - this.lastFrameTs > this.tuning.staleTimeoutMs) {
      this.log.warn({ silentForMs: now - this.lastFrameTs, state: ws.readyState }, 'connection stale: replacing it');
      this.reconnectNow('stale connection');
      return;
    }
    if (ws !== null && ws.readyState === WebSocket.OPEN && this.noMarketData(now)) {
      this.log.warn({ silentForMs: this.tuning.symbolArrivalTimeoutMs }, 'no market data on this connection: replacing it');
      this.reconnectNow('no market data');
      return;
    }
    for (const [symbol, st] of this.symbolState) {
      const silent = this.isSilent(st, now);
      if (silent && !st.silent) {
        this.log.warn({ symbol, reason: st.rejected ?? 'no data', lastDataTs: st.lastDataTs }, 'symbol silent');
      } else if (!silent && st.silent) {
        this.log.info({ symbol }, 'symbol receiving data again');
      }
      st.silent = silent;
    }
  }

  /**
   * Every symbol the venue did not refuse is silent on an open connection: it answers pings but
   * delivers nothing (subscriptions lost, a zombie session). Resubscribing on a new connection is
   * the only cure; refused symbols are left out, so a venue that refuses everything is not hammered.
   */
  private noMarketData(now: number): boolean {
    let waiting = 0;
    for (const st of this.symbolState.values()) {
      if (st.rejected !== null) continue;
      if (!this.isSilent(st, now)) return false;
      waiting += 1;
    }
    return waiting > 0;
  }

  private isSilent(st: SymbolState, now: number): boolean {
    if (st.rejected !== null) return true;
    if (st.subscribedAt === null) return false;
    const since = Math.max(st.subscribedAt, st.lastDataTs ?? 0);
    return now - since > this.tuning.symbolArrivalTimeoutMs;
  }

  private stateOf(symbol: MarketSymbol): SymbolState {
    let st = this.symbolState.get(symbol);
    if (st === undefined) {
      st = { lastDataTs: null, messages: 0, subscribedAt: null, rejected: null, silent: false };
      this.symbolState.set(symbol, st);
    }
    return st;
  }

  private dropSocket(): void {
    const ws = this.ws;
    this.ws = null;
    if (ws !== null) {
      ws.removeAllListeners('message');
      ws.on('error', () => undefined);
      ws.terminate();
      this.afterDisconnect();
    }
  }

  private afterDisconnect(): void {
    this.unchangedBooks?.forget();
    this.clearConnectionTimers();
    this.onDisconnected();
  }

  private clearConnectionTimers(): void {
    this.control.clear();
    for (const t of [this.keepAliveTimer, this.lifetimeTimer, this.stableTimer]) if (t !== null) clearTimeout(t);
    this.keepAliveTimer = null;
    this.lifetimeTimer = null;
    this.stableTimer = null;
  }

  private scheduleReconnect(minDelayMs: number, immediate: boolean): void {
    if (this.intentionalClose || this.reconnectTimer !== null) return;
    const base = Math.min(this.tuning.backoffMaxMs, this.tuning.backoffInitialMs * 2 ** Math.min(this.attempt, 30));
    const jittered = immediate ? 0 : Math.min(this.tuning.backoffMaxMs, Math.round(base * (1 + Math.random() * 0.5)));
    const delayMs = Math.max(minDelayMs, jittered);
    this.attempt += 1;
    this.log.info({ delayMs, attempt: this.attempt }, 'reconnect scheduled');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delayMs);
  }

  private watchdogPeriodMs(): number {
    return Math.max(5, Math.min(1_000, Math.floor(Math.min(this.tuning.staleTimeoutMs, this.tuning.symbolArrivalTimeoutMs) / 4)));
  }
}
