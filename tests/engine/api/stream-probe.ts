/**
 * A /v1/stream test client built on the SDK's SurfaceStream: any format and update mode, keeps the
 * surface of every seq it held, resubscribes when SurfaceStream says so, counts the bytes of
 * surface frames, and can drop chosen frames on arrival (a simulated loss).
 */
import WebSocket from 'ws';
import { SurfaceStream, type StreamEvent } from '../../../engine/src/client/stream/surface-stream.js';
import { decodeStreamFrame } from '../../../engine/src/client/stream/decode-frame.js';
import type { SubscribeOptions } from '../../../engine/src/client/stream/subscribe.js';
import type { MarketSurface } from '../../../engine/src/market/types.js';

export class StreamProbe {
  readonly stream: SurfaceStream;
  readonly bySeq = new Map<string, Map<number, MarketSurface>>();
  /** `frame:symbol:seq` of every surface event, in order. */
  readonly log: string[] = [];
  readonly messages: Array<{ type: string; [key: string]: unknown }> = [];
  /** Bytes of surface frames (snapshot, update, delta), by frame kind. */
  readonly bytes = { snapshot: 0, update: 0, delta: 0 };
  readonly binaryFrames: number[] = [];
  resubscribes = 0;
  /** Frames of these `symbol:seq` keys are dropped on arrival. */
  readonly drop = new Set<string>();
  private waiters: Array<() => void> = [];

  private constructor(
    readonly ws: WebSocket,
    readonly options: SubscribeOptions,
  ) {
    this.stream = new SurfaceStream(options);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.binaryFrames.push(data.length);
      if (this.dropped(data, isBinary)) return;
      for (const ev of this.stream.receive(isBinary ? new Uint8Array(data) : data.toString())) this.onEvent(ev, data.length);
      this.wake();
    });
    ws.on('close', () => this.wake());
  }

  static async open(url: string, options: SubscribeOptions = {}): Promise<StreamProbe> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new StreamProbe(ws, options);
  }

  subscribe(symbols: readonly string[], options?: SubscribeOptions): void {
    this.ws.send(JSON.stringify(this.stream.subscribeMessage(symbols, options ?? this.options)));
  }

  async waitFor(symbol: string, seq: number, timeoutMs = 5_000): Promise<MarketSurface> {
    await this.until(() => this.bySeq.get(symbol)?.has(seq) === true, timeoutMs, `${symbol}#${seq}; log ${this.log.join(' ')}`);
    return this.bySeq.get(symbol)?.get(seq) as MarketSurface;
  }

  async waitMessage(pred: (m: { type: string; [key: string]: unknown }) => boolean, timeoutMs = 3_000): Promise<{ type: string; [key: string]: unknown }> {
    await this.until(() => this.messages.some(pred), timeoutMs, 'message');
    return this.messages.find(pred) as { type: string };
  }

  close(): void {
    this.ws.terminate();
  }

  private dropped(data: Buffer, isBinary: boolean): boolean {
    if (this.drop.size === 0) return false;
    let key: string | null = null;
    if (isBinary) {
      const f = decodeStreamFrame(new Uint8Array(data));
      key = `${f.symbol}:${f.seq}`;
    } else {
      const m = JSON.parse(data.toString()) as { symbol?: string; seq?: number };
      if (m.symbol !== undefined && m.seq !== undefined) key = `${m.symbol}:${m.seq}`;
    }
    return key !== null && this.drop.delete(key);
  }

  private onEvent(ev: StreamEvent, size: number): void {
    if (ev.kind === 'message') {
      this.messages.push(ev.message);
      return;
    }
    if (ev.kind === 'resubscribe') {
      this.resubscribes++;
      this.ws.send(JSON.stringify(ev.message));
      return;
    }
    this.bytes[ev.frame] += size;
    this.log.push(`${ev.frame}:${ev.symbol}:${ev.seq}`);
    let seqs = this.bySeq.get(ev.symbol);
    if (!seqs) this.bySeq.set(ev.symbol, (seqs = new Map()));
    seqs.set(ev.seq, ev.surface as MarketSurface);
  }

  private async until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (this.ws.readyState !== WebSocket.OPEN) throw new Error(`socket closed waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
