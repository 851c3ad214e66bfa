/**
 * One published surface of one symbol as the stream serves it: its frames, built on first use per
 * view and then reused for every subscriber of that view. JSON frames of the whole surface are the
 * bytes JSON clients have always received; binary frames follow docs/stream-format.md.
 */
import type { MarketSymbol } from '../../feeds/types.js';
import type { MarketSurface, SignedQuoteJson } from '../../market/types.js';
import { quoteBytes, type QuoteBytes } from '../../client/quote-json.js';
import { buildDeltaFrame } from '../delta-frame.js';
import { encodeBinaryFrame, encodeTextFrame } from '../ws-frame.js';
import { encodeDeltaFrame, encodeSurfaceFrame } from './binary-frame.js';
import { filterSurface, type StreamView, type SurfaceFilter } from './surface-view.js';

/** A message and the same message framed once as a WebSocket frame (text for JSON, binary otherwise). */
export interface WireMessage {
  readonly frame: Buffer;
  readonly wire: Buffer;
  readonly binary: boolean;
}

export interface SurfaceEntry {
  readonly symbol: MarketSymbol;
  readonly seq: number;
  readonly surface: MarketSurface;
  /** The surface as JSON, serialized once (HTTP serves it as is). */
  readonly payload: string;
  /** Present when this surface changed the market status (halt or resume). */
  readonly statusFrame: Buffer | null;
  /** The store's writer id (`StoreEvent.writer`); undefined when unknown. */
  readonly writer: string | undefined;
  /** Wall-clock ms (with µs fraction) at which the frames are stamped as built. */
  readonly builtAtMs: number;
  /**
   * What subscribers of `view` get for this surface: an `update` (a `snapshot` after a writer
   * reset), or in delta mode a `delta` against the previous surface when that one has seq − 1,
   * else (first surface, a seq gap, a writer reset) the `snapshot`.
   */
  message(view: StreamView): WireMessage;
  /** The `snapshot` of this surface in `view` (sent on subscribe). */
  snapshot(view: StreamView): WireMessage;
}

/**
 * The bytes of the quotes of one symbol's recent surfaces, by signature, so a gateway (whose
 * surfaces are parsed from Redis, new objects every time) does not decode a reused quote again.
 */
export class QuoteBytesCache {
  private current = new Map<string, { message: string; bytes: QuoteBytes }>();
  private previous = new Map<string, { message: string; bytes: QuoteBytes }>();

  /** Called once per new surface: what the last two surfaces used is kept. */
  rotate(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  readonly bytesOf = (q: SignedQuoteJson): QuoteBytes => {
    const hit = this.current.get(q.signature) ?? this.previous.get(q.signature);
    if (hit !== undefined && hit.message === q.message) {
      this.current.set(q.signature, hit);
      return hit.bytes;
    }
    const bytes = quoteBytes(q);
    this.current.set(q.signature, { message: q.message, bytes });
    return bytes;
  };
}

export interface EntryInput {
  readonly surface: MarketSurface;
  readonly payload: () => string;
  /** The previous surface of the symbol when it is seq − 1 of the same writer (delta base), else null. */
  readonly base: MarketSurface | null;
  /** The writer changed: subscribers get this surface as a `snapshot`, a fresh start. */
  readonly reset: boolean;
  readonly statusFrame: Buffer | null;
  readonly writer: string | undefined;
  readonly builtAtMs: number;
  readonly bytes: QuoteBytesCache;
}

function wireOf(frame: Buffer, binary: boolean): WireMessage {
  return { frame, wire: binary ? encodeBinaryFrame(frame) : encodeTextFrame(frame), binary };
}

export function buildEntry(input: EntryInput): SurfaceEntry {
  const { surface, base, reset, builtAtMs } = input;
  const bytesOf = input.bytes.bytesOf;
  let payload: string | null = null;
  const filtered = new Map<string, MarketSurface>();
  const messages = new Map<string, WireMessage>();
  const snapshots = new Map<string, WireMessage>();

  const payloadOf = (): string => (payload ??= input.payload());
  const part = (filter: SurfaceFilter, key: string): MarketSurface => {
    let s = filtered.get(key);
    if (s === undefined) filtered.set(key, (s = filterSurface(surface, filter)));
    return s;
  };
  const json = (type: 'snapshot' | 'update', view: StreamView): Buffer => {
    const body = view.filterKey === '' ? payloadOf() : JSON.stringify(part(view.filter, view.filterKey));
    return Buffer.from(`{"type":"${type}","symbol":"${surface.symbol}","seq":${surface.seq},"ts":${builtAtMs},"surface":${body}}`);
  };
  const whole = (type: 'snapshot' | 'update', view: StreamView): WireMessage =>
    view.format === 'json'
      ? wireOf(json(type, view), false)
      : wireOf(encodeSurfaceFrame(part(view.filter, view.filterKey), type, builtAtMs, bytesOf), true);

  const entry: SurfaceEntry = {
    symbol: surface.symbol,
    seq: surface.seq,
    surface,
    get payload() {
      return payloadOf();
    },
    statusFrame: input.statusFrame,
    writer: input.writer,
    builtAtMs,
    snapshot(view) {
      const key = `${view.format}|${view.filterKey}`;
      let m = snapshots.get(key);
      if (m === undefined) snapshots.set(key, (m = whole('snapshot', view)));
      return m;
    },
    message(view) {
      let m = messages.get(view.key);
      if (m !== undefined) return m;
      if (reset || (view.updates === 'delta' && base === null)) m = entry.snapshot(view);
      else if (view.updates === 'full') m = whole('update', view);
      else {
        const from = filterSurface(base as MarketSurface, view.filter);
        const to = part(view.filter, view.filterKey);
        m = view.format === 'json'
          ? wireOf(buildDeltaFrame(from, to, builtAtMs), false)
          : wireOf(encodeDeltaFrame(from, to, builtAtMs, bytesOf), true);
      }
      messages.set(view.key, m);
      return m;
    },
  };
  return entry;
}
