/**
 * Speaks Coinbase Advanced Trade market data: one subscribe per channel, a `subscriptions` reply
 * listing what is subscribed, `{"type":"error","message":"Failed to subscribe","reason":...}` for
 * unknown products, disconnect when no subscribe arrives within `subscribeDeadlineMs` (5 s live),
 * `heartbeats` every `heartbeatMs`, and one `sequence_num` counter per connection over every message.
 */
import { FakeVenueServer, fixtureLines, type FakeConnection } from '../fake-venue-server.js';

export interface FakeCoinbaseOptions {
  readonly validProducts?: readonly string[];
  readonly heartbeatMs?: number;
  readonly subscribeDeadlineMs?: number;
  /** Skip this many sequence numbers right after the ticker snapshot (simulates lost messages). */
  readonly skipAfterSnapshot?: number;
}

interface ConnState {
  seq: number;
  readonly channels: Map<string, Set<string>>;
}

export class FakeCoinbaseServer {
  private readonly state = new Map<FakeConnection, ConnState>();

  private constructor(
    readonly server: FakeVenueServer,
    private readonly options: FakeCoinbaseOptions,
  ) {}

  static async start(options: FakeCoinbaseOptions = {}): Promise<FakeCoinbaseServer> {
    let self: FakeCoinbaseServer | null = null;
    const server = await FakeVenueServer.listen((conn) => self?.onConnection(conn));
    self = new FakeCoinbaseServer(server, options);
    return self;
  }

  get url(): string {
    return this.server.url();
  }

  /** Send an envelope with this connection's next sequence_num. */
  sendEnvelope(conn: FakeConnection, envelope: Record<string, unknown>): void {
    const st = this.state.get(conn);
    if (!st) return;
    conn.sendJson({ ...envelope, sequence_num: st.seq++ });
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private onConnection(conn: FakeConnection): void {
    const st: ConnState = { seq: 0, channels: new Map() };
    this.state.set(conn, st);
    const valid = new Set(this.options.validProducts ?? ['BTC-USDT', 'ETH-USDT', 'SOL-USDT']);
    conn.after(this.options.subscribeDeadlineMs ?? 5_000, () => {
      if (st.channels.size === 0) conn.ws.close(1008, 'subscribe timeout');
    });
    let hb = 0;
    conn.ws.on('message', (data) => {
      let req: { type?: unknown; product_ids?: unknown; channel?: unknown };
      try {
        req = JSON.parse(Buffer.from(data as Buffer).toString('utf8')) as typeof req;
      } catch {
        conn.sendJson({ type: 'error', message: 'failed to parse request' });
        return;
      }
      const channel = String(req.channel);
      const products = Array.isArray(req.product_ids) ? req.product_ids.map(String) : [];
      if (req.type !== 'subscribe' || !['ticker', 'heartbeats'].includes(channel)) {
        conn.sendJson({ type: 'error', message: 'Failed to subscribe', reason: `unsupported channel ${channel}` });
        return;
      }
      const bad = products.filter((p) => !valid.has(p));
      if (bad.length > 0) {
        conn.sendJson({ type: 'error', message: 'Failed to subscribe', reason: `${bad.join(', ')} is not a valid product` });
      }
      const subscribed = st.channels.get(channel) ?? new Set<string>();
      for (const p of products) if (valid.has(p)) subscribed.add(p);
      st.channels.set(channel, subscribed);
      const subs: Record<string, string[]> = {};
      for (const [c, ps] of st.channels) subs[c] = [...ps];
      this.sendEnvelope(conn, { channel: 'subscriptions', client_id: '', timestamp: new Date().toISOString(), events: [{ subscriptions: subs }] });
      if (channel === 'heartbeats') {
        conn.every(this.options.heartbeatMs ?? 1_000, () => {
          hb += 1;
          this.sendEnvelope(conn, {
            channel: 'heartbeats',
            client_id: '',
            timestamp: new Date().toISOString(),
            events: [{ current_time: '2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105', heartbeat_counter: hb % 2 === 0 ? hb : String(hb) }],
          });
        });
      }
      if (channel === 'ticker') {
        for (const line of fixtureLines('coinbase', 'stream')) {
          const env = JSON.parse(line) as { events: { tickers: { product_id: string }[] }[] };
          const product = env.events[0]?.tickers[0]?.product_id ?? '';
          if (subscribed.has(product)) this.sendEnvelope(conn, env as unknown as Record<string, unknown>);
        }
        st.seq += this.options.skipAfterSnapshot ?? 0;
      }
    });
  }
}
