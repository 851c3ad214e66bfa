/**
 * Speaks the Binance spot combined-stream protocol: `/stream` path, SUBSCRIBE with `{"result":null,
 * "id"}` acks (also for symbols that do not exist, which then never send data), error replies for
 * bad requests, server ping frames with a payload, more than 5 inbound messages in a second closes
 * the connection, and `serverShutdown` on demand. Data comes from fixtures/binance/*.jsonl.
 */
import { FakeVenueServer, fixtureLines, type FakeConnection } from '../fake-venue-server.js';

export interface FakeBinanceOptions {
  /** Lines ({"stream","data"}) sent, in order, for the streams a connection subscribed. */
  readonly lines?: readonly string[];
  readonly validSymbols?: readonly string[];
  /** Server ping-frame interval (Binance: 20 s). */
  readonly pingIntervalMs?: number;
  /** Accept connections but never answer or send anything. */
  readonly mute?: boolean;
}

export class FakeBinanceServer {
  private readonly subscribed = new Map<FakeConnection, Set<string>>();
  rateLimitClosures = 0;

  private constructor(
    readonly server: FakeVenueServer,
    private readonly options: FakeBinanceOptions,
  ) {}

  static async start(options: FakeBinanceOptions = {}): Promise<FakeBinanceServer> {
    let self: FakeBinanceServer | null = null;
    const server = await FakeVenueServer.listen((conn) => self?.onConnection(conn));
    self = new FakeBinanceServer(server, options);
    return self;
  }

  get url(): string {
    return this.server.url('/stream');
  }

  streamsOf(conn: FakeConnection): string[] {
    return [...(this.subscribed.get(conn) ?? [])];
  }

  /** Push one combined-stream line to every connection subscribed to its stream. */
  push(line: string): void {
    const stream = (JSON.parse(line) as { stream: string }).stream;
    for (const [conn, streams] of this.subscribed) if (streams.has(stream)) conn.send(line);
  }

  shutdownNotice(): void {
    for (const c of this.server.openConnections) c.sendJson({ event: { e: 'serverShutdown', E: Date.now() } });
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private onConnection(conn: FakeConnection): void {
    if (this.options.mute) return;
    const valid = new Set(this.options.validSymbols ?? ['btcusdt', 'ethusdt', 'solusdt']);
    const inbound: number[] = [];
    let pingN = 0;
    conn.every(this.options.pingIntervalMs ?? 20_000, () => {
      if (conn.open) conn.ws.ping(Buffer.from(`binance-ping-${++pingN}`));
    });
    const count = (): boolean => {
      const t = Date.now();
      inbound.push(t);
      while (inbound.length > 0 && t - (inbound[0] ?? t) > 1_000) inbound.shift();
      if (inbound.length > 5) {
        this.rateLimitClosures += 1;
        conn.ws.close(1008, 'Too many messages');
        return false;
      }
      return true;
    };
    conn.ws.on('pong', () => count());
    conn.ws.on('message', (data) => {
      if (!count()) return;
      let req: { method?: unknown; params?: unknown; id?: unknown };
      try {
        req = JSON.parse(Buffer.from(data as Buffer).toString('utf8')) as typeof req;
      } catch {
        conn.sendJson({ code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' });
        return;
      }
      if (req.method !== 'SUBSCRIBE' || !Array.isArray(req.params)) {
        conn.sendJson({ error: { code: 2, msg: 'Invalid request: unknown variant' }, id: req.id ?? null });
        return;
      }
      const streams = this.subscribed.get(conn) ?? new Set<string>();
      for (const p of req.params) streams.add(String(p));
      this.subscribed.set(conn, streams);
      conn.sendJson({ result: null, id: req.id });
      for (const line of this.options.lines ?? fixtureLines('binance', 'stream')) {
        const stream = (JSON.parse(line) as { stream: string }).stream;
        if (streams.has(stream) && valid.has(stream.split('@')[0] ?? '')) conn.send(line);
      }
    });
  }
}
