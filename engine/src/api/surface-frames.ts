/**
 * The API's view of the store: for each symbol, the latest surface, its payload string (serialized
 * once by the store) and the WebSocket frames built from it ONCE per published surface. HTTP serves
 * the payload as-is; the stream hub sends the same frame Buffer to every subscriber.
 */
import type { Logger } from 'pino';
import type { MarketSymbol } from '../feeds/types.js';
import type { MarketSurface } from '../market/types.js';
import type { StoreEvent, SurfaceStore } from '../cache/types.js';
import { buildDeltaFrame } from './delta-frame.js';
import { encodeTextFrame } from './ws-frame.js';

/** A message and the same message framed once as a WebSocket text frame. */
export interface WireMessage {
  readonly frame: Buffer;
  readonly wire: Buffer;
}

export interface SurfaceEntry {
  readonly symbol: MarketSymbol;
  readonly seq: number;
  readonly surface: MarketSurface;
  readonly payload: string;
  /** `{"type":"update",...}` as UTF-8, sent to every subscriber. */
  readonly updateFrame: Buffer;
  /** `updateFrame` already framed as one WebSocket text frame (header + payload). */
  readonly updateWire: Buffer;
  /** Present when this surface changed the market status (halt or resume). */
  readonly statusFrame: Buffer | null;
  /** The store's writer id (`StoreEvent.writer`); undefined when unknown. */
  readonly writer: string | undefined;
  /** Wall-clock ms (with µs fraction) at which the frames were built. */
  readonly builtAtMs: number;
  snapshotFrame(): Buffer;
  /**
   * What delta-mode subscribers get for this surface: a `delta` frame against the previous surface
   * of the symbol when that one has seq − 1; otherwise (first surface, a seq gap from the store, a
   * writer reset) the `snapshot` frame. Built on first call, then reused.
   */
  deltaMessage(): WireMessage;
}

export type SurfaceEntryListener = (entry: SurfaceEntry) => void;
export type StoreStatusListener = (status: { readonly healthy: boolean; readonly detail: string }) => void;

/** Wall-clock milliseconds with a microsecond fraction. */
export function preciseNowMs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000) / 1000;
}

/**
 * `reset`: the writer changed and its seqs restarted, so subscribers get this surface as a
 * `snapshot` frame (a fresh start, like on subscribe) in place of an `update`.
 */
function buildEntry(
  surface: MarketSurface,
  payload: string,
  previous: SurfaceEntry | undefined,
  writer: string | undefined,
  reset = false,
): SurfaceEntry {
  const builtAtMs = preciseNowMs();
  const body = `"symbol":"${surface.symbol}","seq":${surface.seq},"ts":${builtAtMs},"surface":${payload}}`;
  const statusChanged = !reset && previous !== undefined && previous.surface.status !== surface.status;
  let snapshot: Buffer | null = null;
  const updateFrame = Buffer.from(`{"type":"${reset ? 'snapshot' : 'update'}",${body}`);
  if (reset) snapshot = updateFrame;
  const updateWire = encodeTextFrame(updateFrame);
  const snapshotFrame = (): Buffer => (snapshot ??= Buffer.from(`{"type":"snapshot",${body}`));
  // Only the base surface is kept (not the previous entry), and only until the delta is built.
  let base = !reset && previous !== undefined && previous.seq === surface.seq - 1 ? previous.surface : null;
  let delta: WireMessage | null = null;
  return {
    symbol: surface.symbol,
    seq: surface.seq,
    surface,
    payload,
    writer,
    builtAtMs,
    updateFrame,
    updateWire,
    statusFrame: statusChanged
      ? Buffer.from(
          JSON.stringify({
            type: 'status',
            symbol: surface.symbol,
            seq: surface.seq,
            status: surface.status,
            haltReason: surface.haltReason,
          }),
        )
      : null,
    snapshotFrame,
    deltaMessage() {
      if (delta === null) {
        const frame = base === null ? snapshotFrame() : buildDeltaFrame(base, surface, builtAtMs);
        delta = { frame, wire: frame === updateFrame ? updateWire : encodeTextFrame(frame) };
        base = null;
      }
      return delta;
    },
  };
}

export class SurfaceFrames {
  private readonly log: Logger;
  private readonly entries = new Map<MarketSymbol, SurfaceEntry>();
  private readonly listeners = new Set<SurfaceEntryListener>();
  private readonly statusListeners = new Set<StoreStatusListener>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: SurfaceStore,
    private readonly symbols: readonly MarketSymbol[],
    logger: Logger,
  ) {
    this.log = logger.child({ module: 'api.frames' });
  }

  /** Subscribe to the store, then load whatever it already holds (newer events win). */
  async start(): Promise<void> {
    if (this.unsubscribe) return;
    this.unsubscribe = this.store.subscribe((event) => this.onStoreEvent(event));
    for (const symbol of this.symbols) {
      const surface = await this.store.getSurface(symbol);
      const current = this.entries.get(symbol);
      if (surface && (!current || current.seq < surface.seq)) {
        this.entries.set(symbol, buildEntry(surface, JSON.stringify(surface), current, undefined));
      }
    }
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.listeners.clear();
    this.statusListeners.clear();
  }

  get(symbol: MarketSymbol): SurfaceEntry | undefined {
    return this.entries.get(symbol);
  }

  serves(symbol: string): symbol is MarketSymbol {
    return (this.symbols as readonly string[]).includes(symbol);
  }

  get servedSymbols(): readonly MarketSymbol[] {
    return this.symbols;
  }

  onEntry(listener: SurfaceEntryListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Store health transitions (a Redis store going away and coming back). */
  onStoreStatus(listener: StoreStatusListener): () => void {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  }

  private onStoreEvent(event: StoreEvent): void {
    if (event.type === 'store-status') {
      for (const listener of this.statusListeners) listener({ healthy: event.healthy, detail: event.detail });
      return;
    }
    if (event.type !== 'surface' || !this.serves(event.symbol)) return;
    const previous = this.entries.get(event.symbol);
    // A new writer (engine restarted, possibly on an emptied Redis) may start its seqs again at 1.
    const writerChanged = previous !== undefined && event.writer !== previous.writer;
    const reset = writerChanged && (previous.writer !== undefined || event.seq <= previous.seq);
    if (previous && !reset && event.seq <= previous.seq) return;
    if (reset) {
      this.log.warn({ symbol: event.symbol, from: previous.seq, to: event.seq, writer: event.writer }, 'surface writer changed; sending a fresh snapshot');
    } else if (previous && event.seq !== previous.seq + 1) {
      this.log.warn({ symbol: event.symbol, from: previous.seq, to: event.seq }, 'surface seq gap from store');
    }
    const entry = buildEntry(event.surface, event.payload, previous, event.writer, reset);
    this.entries.set(event.symbol, entry);
    for (const listener of this.listeners) listener(entry);
  }
}
