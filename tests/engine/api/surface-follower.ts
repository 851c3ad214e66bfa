/**
 * A /v1/stream test client that keeps the current surface of each symbol the way a real client does:
 * a `snapshot` replaces it, an `update` must follow on by one seq, a `delta` is applied with the
 * SDK's applyDelta. On a gap it resubscribes (same mode) and ignores updates until the snapshot.
 * Every surface it holds is recorded by seq so tests can compare clients.
 */
import WebSocket from 'ws';
import { SurfaceDeltaError } from '../../../engine/src/client/errors.js';
import { applyDelta, type SurfaceDelta } from '../../../engine/src/client/surface-delta.js';
import type { MarketSurface, SignedQuoteJson } from '../../../engine/src/market/types.js';
import type { Frame } from './ws-client.js';

export type UpdateMode = 'full' | 'delta';

export class SurfaceFollower {
  /** symbol → seq → the surface held at that seq. */
  readonly bySeq = new Map<string, Map<number, MarketSurface>>();
  readonly held = new Map<string, MarketSurface>();
  /** `type:symbol:seq` of every surface frame, in arrival order. */
  readonly log: string[] = [];
  readonly errors: Frame[] = [];
  readonly deltas: Array<SurfaceDelta<SignedQuoteJson>> = [];
  resubscribes = 0;
  /** Frames of these `symbol:seq` keys are dropped on arrival (a simulated loss). */
  readonly drop = new Set<string>();
  private readonly resyncing = new Set<string>();
  private waiters: Array<() => void> = [];

  private constructor(
    readonly ws: WebSocket,
    readonly mode: UpdateMode,
  ) {
    ws.on('message', (data: Buffer) => {
      this.onFrame(JSON.parse(data.toString()) as Frame);
      this.wake();
    });
    ws.on('close', () => this.wake());
  }

  static async open(url: string, mode: UpdateMode): Promise<SurfaceFollower> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new SurfaceFollower(ws, mode);
  }

  subscribe(symbols: readonly string[]): void {
    this.ws.send(JSON.stringify(this.mode === 'delta' ? { op: 'subscribe', symbols, updates: 'delta' } : { op: 'subscribe', symbols }));
  }

  /** Resolves once the surface `seq` of `symbol` is held (or was held). */
  async waitFor(symbol: string, seq: number, timeoutMs = 5_000): Promise<MarketSurface> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = this.bySeq.get(symbol)?.get(seq);
      if (s) return s;
      if (this.ws.readyState !== WebSocket.OPEN) throw new Error(`${this.mode} client closed waiting for ${symbol}#${seq}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.mode} client: ${symbol}#${seq} not held in time; log ${this.log.join(' ')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ws.terminate();
  }

  private onFrame(f: Frame): void {
    if (f.type === 'error') this.errors.push(f);
    if (f.type !== 'snapshot' && f.type !== 'update' && f.type !== 'delta') return;
    const symbol = String(f.symbol);
    const key = `${symbol}:${String(f.seq)}`;
    this.log.push(`${f.type}:${key}`);
    if (this.drop.delete(key)) return;
    if (f.type === 'snapshot') {
      this.resyncing.delete(symbol);
      if (f.surface) this.hold(f.surface as MarketSurface);
      return;
    }
    if (this.resyncing.has(symbol)) return;
    const base = this.held.get(symbol);
    if (f.type === 'update') {
      if (base && f.seq !== base.seq + 1) return this.resync(symbol);
      this.hold(f.surface as MarketSurface);
      return;
    }
    const delta = f as unknown as SurfaceDelta<SignedQuoteJson>;
    this.deltas.push(delta);
    if (!base) return this.resync(symbol);
    try {
      this.hold(applyDelta(base, delta) as MarketSurface);
    } catch (err) {
      if (!(err instanceof SurfaceDeltaError)) throw err;
      this.resync(symbol);
    }
  }

  private hold(surface: MarketSurface): void {
    this.held.set(surface.symbol, surface);
    let seqs = this.bySeq.get(surface.symbol);
    if (!seqs) this.bySeq.set(surface.symbol, (seqs = new Map()));
    seqs.set(surface.seq, surface);
  }

  private resync(symbol: string): void {
    this.resubscribes++;
    this.resyncing.add(symbol);
    this.subscribe([symbol]);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
