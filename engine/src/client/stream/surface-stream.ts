/**
 * Client-side state of a /v1/stream connection, in either format and update mode: feed it every
 * message the socket delivers and it keeps the current surface of each symbol (snapshots replace
 * it, updates must follow on by one seq, deltas are applied), and says when a symbol must be
 * resubscribed (a missed seq, a delta that does not apply). Transport-free: it works with Node's
 * `ws`, a browser WebSocket (set `binaryType = 'arraybuffer'`) or recorded frames.
 *
 *   const stream = new SurfaceStream({ format: 'binary', updates: 'delta' });
 *   ws.onopen = () => ws.send(JSON.stringify(stream.subscribeMessage(['BTCUSDT'])));
 *   ws.onmessage = (e) => { for (const ev of stream.receive(e.data)) {
 *     if (ev.kind === 'resubscribe') ws.send(JSON.stringify(ev.message));
 *     if (ev.kind === 'surface') render(ev.surface);
 *   } };
 */
import { SurfaceDeltaError } from '../errors.js';
import { applyDelta, type SurfaceDelta, type SurfaceJson } from '../surface-delta.js';
import { applyBinaryDelta } from './apply-binary-delta.js';
import { decodeStreamFrame } from './decode-frame.js';
import { subscribeMessage, type SubscribeMessage, type SubscribeOptions } from './subscribe.js';
import { rememberLadderRounds } from '../verify/ladder-verify.js';

export type StreamEvent =
  | {
      readonly kind: 'surface';
      readonly symbol: string;
      /** The frame that brought it. */
      readonly frame: 'snapshot' | 'update' | 'delta';
      readonly seq: number;
      /** Server build time of the frame (wall-clock ms, µs fraction). */
      readonly ts: number;
      readonly surface: SurfaceJson;
    }
  /** Send `message` on the socket: the symbol missed a frame and needs a snapshot. */
  | { readonly kind: 'resubscribe'; readonly symbol: string; readonly reason: string; readonly message: SubscribeMessage }
  /** Any other message (ack, status, heartbeat, settlement, store-status, error, a snapshot of a symbol not yet published). */
  | { readonly kind: 'message'; readonly message: { readonly type: string; readonly [key: string]: unknown } };

type WireData = string | Uint8Array | ArrayBuffer;

export class SurfaceStream {
  private readonly held = new Map<string, SurfaceJson>();
  private readonly resyncing = new Set<string>();
  /** Per symbol, the options it was subscribed with (rounds and strikes are per symbol). */
  private readonly options = new Map<string, SubscribeOptions>();

  constructor(private readonly defaults: SubscribeOptions = {}) {}

  /** The subscribe message for these symbols (remembered, so a resubscription asks for the same view). */
  subscribeMessage(symbols: readonly string[], options: SubscribeOptions = this.defaults): SubscribeMessage {
    for (const symbol of symbols) this.options.set(symbol.toUpperCase(), options);
    return subscribeMessage(symbols, options);
  }

  /** The surface held for a symbol, if any. */
  surface(symbol: string): SurfaceJson | undefined {
    return this.held.get(symbol);
  }

  /** Forget a symbol (after unsubscribing). */
  forget(symbol: string): void {
    this.held.delete(symbol);
    this.resyncing.delete(symbol);
    this.options.delete(symbol);
  }

  /** Process one received message. Throws StreamFrameError for a malformed binary frame and SyntaxError for bad JSON. */
  receive(data: WireData): StreamEvent[] {
    if (typeof data !== 'string') return this.binary(data instanceof Uint8Array ? data : new Uint8Array(data));
    const msg = JSON.parse(data) as { type: string; symbol?: string; seq?: number | null; ts?: number; surface?: SurfaceJson | null };
    if (msg.type === 'snapshot' && msg.surface) return this.snapshot(msg.surface, msg.ts ?? 0);
    if (msg.type === 'update' && msg.surface) return this.update(msg.surface, msg.ts ?? 0);
    if (msg.type === 'delta') return this.delta(msg.symbol as string, msg.seq as number, msg.ts ?? 0, (base) => applyDelta(base, msg as unknown as SurfaceDelta));
    if (msg.type === 'snapshot' && typeof msg.symbol === 'string') {
      this.held.delete(msg.symbol);
      this.resyncing.delete(msg.symbol);
    }
    return [{ kind: 'message', message: msg }];
  }

  private binary(bytes: Uint8Array): StreamEvent[] {
    const frame = decodeStreamFrame(bytes);
    if (frame.type !== 'delta') return frame.type === 'snapshot' ? this.snapshot(frame.surface, frame.ts) : this.update(frame.surface, frame.ts);
    return this.delta(frame.symbol, frame.seq, frame.ts, (base) => applyBinaryDelta(base, frame));
  }

  private snapshot(surface: SurfaceJson, ts: number): StreamEvent[] {
    this.resyncing.delete(surface.symbol);
    this.hold(surface.symbol, surface);
    return [{ kind: 'surface', symbol: surface.symbol, frame: 'snapshot', seq: surface.seq, ts, surface }];
  }

  private update(surface: SurfaceJson, ts: number): StreamEvent[] {
    if (this.resyncing.has(surface.symbol)) return [];
    const base = this.held.get(surface.symbol);
    if (base !== undefined && surface.seq !== base.seq + 1) return this.resync(surface.symbol, `update seq ${surface.seq} after held seq ${base.seq}`);
    this.hold(surface.symbol, surface);
    return [{ kind: 'surface', symbol: surface.symbol, frame: 'update', seq: surface.seq, ts, surface }];
  }

  private delta(symbol: string, seq: number, ts: number, apply: (base: SurfaceJson) => SurfaceJson): StreamEvent[] {
    if (this.resyncing.has(symbol)) return [];
    const base = this.held.get(symbol);
    if (base === undefined) return this.resync(symbol, `delta seq ${seq} without a held surface`);
    let surface: SurfaceJson;
    try {
      surface = apply(base);
    } catch (err) {
      if (err instanceof SurfaceDeltaError) return this.resync(symbol, err.message);
      throw err;
    }
    this.hold(symbol, surface);
    return [{ kind: 'surface', symbol, frame: 'delta', seq, ts, surface }];
  }

  /** Keep the surface; a v2 round's leaves remember their round, so a leaf verifies on its own. */
  private hold(symbol: string, surface: SurfaceJson): void {
    rememberLadderRounds(surface);
    this.held.set(symbol, surface);
  }

  private resync(symbol: string, reason: string): StreamEvent[] {
    this.resyncing.add(symbol);
    this.held.delete(symbol);
    return [{ kind: 'resubscribe', symbol, reason, message: subscribeMessage([symbol], this.options.get(symbol) ?? this.defaults) }];
  }
}
