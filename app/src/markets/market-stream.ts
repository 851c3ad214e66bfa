/**
 * The terminal's /v1/stream connection, all through the SDK: binary frames, deltas, and per-symbol
 * views (a round filter) held by `SurfaceStream`, which says when a symbol missed a frame and must
 * be resubscribed. Every quote is verified in the browser by `QuoteVerifier` (WebCrypto Ed25519)
 * when it first arrives; a quote kept by a delta keeps its verdict. Reconnects with capped,
 * jittered backoff; a connection silent for three heartbeat intervals is replaced.
 */
import {
  QuoteVerifier,
  SurfaceStream,
  isLadderLeaf,
  parseRoundLabel,
  type QuoteVerdict,
  type SurfaceQuote,
  type SubscribeOptions,
  type SurfaceJson,
} from '../../../engine/src/client/index.js';

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly reason: string };

/**
 * A verdict carries over a delta only for the same signed bytes: a v1 quote's own message and
 * signature; a v2 leaf is checked with its round's ladder, so only the very object SurfaceStream kept.
 */
function sameQuote(a: SurfaceQuote, b: SurfaceQuote): boolean {
  if (isLadderLeaf(a) || isLadderLeaf(b)) return a === b;
  return a.signature === b.signature && a.message === b.message;
}

export interface MarketUpdate {
  readonly symbol: string;
  readonly seq: number;
  readonly surface: SurfaceJson<SurfaceQuote>;
  /** Per quoteId; a quote still being verified has none yet. */
  readonly verdicts: ReadonlyMap<string, Verdict>;
}

export interface StreamHandlers {
  onUpdate(update: MarketUpdate): void;
  onStatus(text: string, level: 'ok' | 'warn' | 'bad'): void;
  /** A settlement record was published for a round of `symbol`. */
  onSettlement?(symbol: string): void;
}

interface Held {
  /** quoteId → the quote object verified and its verdict. */
  readonly verdicts: Map<string, { readonly quote: SurfaceQuote; readonly verdict: Verdict }>;
}

const MAX_BACKOFF_MS = 10_000;
/** Connection-wide: binary frames carrying deltas (docs/stream-format.md). */
const WIRE: SubscribeOptions = { format: 'binary', updates: 'delta' };

export class MarketStream {
  private readonly stream = new SurfaceStream(WIRE);
  private readonly held = new Map<string, Held>();
  private readonly views = new Map<string, SubscribeOptions>();
  private ws: WebSocket | null = null;
  private retries = 0;
  private lastMessageAt = 0;
  private heartbeatMs = 5_000;
  private watchdog: number | null = null;
  private stopped = false;

  private constructor(
    private readonly url: string,
    private readonly verifier: QuoteVerifier,
    private readonly oracleSigner: string,
    private readonly handlers: StreamHandlers,
  ) {}

  static async create(oracleSigner: string, handlers: StreamHandlers): Promise<MarketStream> {
    const url = `${location.origin.replace(/^http/, 'ws')}/v1/stream`;
    return new MarketStream(url, await QuoteVerifier.create(), oracleSigner, handlers);
  }

  /** Which ed25519 implementation verifies (`webcrypto` in current browsers). */
  get backend(): string {
    return this.verifier.backend;
  }

  start(): void {
    this.connect();
    this.watchdog = window.setInterval(() => {
      if (this.ws?.readyState === WebSocket.OPEN && Date.now() - this.lastMessageAt > 3 * this.heartbeatMs) {
        this.handlers.onStatus('stream silent, reconnecting', 'warn');
        this.ws.close();
      }
    }, 1_000);
  }

  stop(): void {
    this.stopped = true;
    if (this.watchdog !== null) window.clearInterval(this.watchdog);
    this.ws?.close();
  }

  /** Subscribe `symbol` with a round filter (`null`: every round); resubscribing replaces its view. */
  watch(symbol: string, round: string | null): void {
    const options: SubscribeOptions = round === null || parseRoundLabel(round) === null ? WIRE : { ...WIRE, rounds: [round] };
    this.views.set(symbol, options);
    this.send(this.stream.subscribeMessage([symbol], options));
  }

  unwatch(symbol: string): void {
    this.views.delete(symbol);
    this.held.delete(symbol);
    this.stream.forget(symbol);
    this.send({ op: 'unsubscribe', symbols: [symbol] });
  }

  private send(message: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  private connect(): void {
    if (this.stopped) return;
    this.handlers.onStatus('connecting…', 'warn');
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.retries = 0;
      this.lastMessageAt = Date.now();
      this.handlers.onStatus('live', 'ok');
      for (const [symbol, options] of this.views) this.send(this.stream.subscribeMessage([symbol], options));
    };
    ws.onmessage = (ev: MessageEvent<string | ArrayBuffer>) => {
      this.lastMessageAt = Date.now();
      this.receive(ev.data);
    };
    ws.onclose = (ev) => {
      if (this.stopped) return;
      this.handlers.onStatus(`disconnected${ev.reason ? `: ${ev.reason}` : ''}; retrying`, 'bad');
      const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.retries++) * (0.5 + Math.random() / 2);
      window.setTimeout(() => this.connect(), delay);
    };
  }

  private receive(data: string | ArrayBuffer): void {
    let events;
    try {
      events = this.stream.receive(data);
    } catch (err) {
      // a malformed frame: start over with fresh snapshots rather than guess
      this.handlers.onStatus(`bad frame (${(err as Error).message}); reconnecting`, 'warn');
      this.ws?.close();
      return;
    }
    for (const ev of events) {
      if (ev.kind === 'resubscribe') {
        this.handlers.onStatus(`resyncing ${ev.symbol}: ${ev.reason}`, 'warn');
        this.send(ev.message);
      } else if (ev.kind === 'surface') {
        if (this.views.has(ev.symbol)) void this.verifyAndPublish(ev.symbol, ev.seq, ev.surface);
      } else {
        this.onMessage(ev.message);
      }
    }
  }

  private onMessage(message: { readonly type: string; readonly [key: string]: unknown }): void {
    if (message.type === 'heartbeat' && typeof message['intervalMs'] === 'number') this.heartbeatMs = message['intervalMs'];
    else if (message.type === 'settlement' && typeof message['symbol'] === 'string') this.handlers.onSettlement?.(message['symbol']);
    else if (message.type === 'error') this.handlers.onStatus(`server: ${String(message['message'] ?? message['code'])}`, 'warn');
    else if (message.type === 'store-status') this.handlers.onStatus(message['healthy'] ? 'live' : `engine store: ${String(message['detail'])}`, message['healthy'] ? 'ok' : 'warn');
  }

  /** Verify the quotes not seen before (same id, same object), keep the others' verdicts, publish. */
  private async verifyAndPublish(symbol: string, seq: number, surface: SurfaceJson<SurfaceQuote>): Promise<void> {
    const before = this.held.get(symbol)?.verdicts ?? new Map<string, { quote: SurfaceQuote; verdict: Verdict }>();
    const verdicts: Held['verdicts'] = new Map();
    const fresh: SurfaceQuote[] = [];
    for (const round of surface.rounds) {
      for (const quote of round.quotes) {
        const known = before.get(quote.quoteId);
        if (known !== undefined && sameQuote(known.quote, quote)) verdicts.set(quote.quoteId, known);
        else fresh.push(quote);
      }
    }
    const held: Held = { verdicts };
    this.held.set(symbol, held);
    const results: QuoteVerdict[] = await this.verifier.verifyAll(fresh, { expectedSigner: this.oracleSigner });
    fresh.forEach((quote, i) => {
      const r = results[i] as QuoteVerdict;
      verdicts.set(quote.quoteId, { quote, verdict: r.ok ? { ok: true } : { ok: false, code: r.error.code, reason: r.error.message } });
    });
    // a newer surface replaced this one while it was verified: that one publishes
    if (this.held.get(symbol) !== held) return;
    this.handlers.onUpdate({ symbol, seq, surface, verdicts: new Map([...verdicts].map(([id, v]) => [id, v.verdict])) });
  }
}
