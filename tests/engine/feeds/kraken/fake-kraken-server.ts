/**
 * Speaks Kraken spot WebSocket v2: `status` pushed on connect (with a connection_id above 2^63),
 * one subscribe ack per symbol (`success:false` + `error`, no `result`, for symbols it does not
 * list, including v1 `XBT` names), `heartbeat` every `heartbeatMs` once subscribed, `ping` ->
 * `pong` with `req_id`, `time_in`, `time_out`. Fixture lines are sent as raw text, so JSON floats
 * reach the client with exactly the digits in the file.
 */
import { FakeVenueServer, fixtureLines, type FakeConnection } from '../fake-venue-server.js';

export interface FakeKrakenOptions {
  readonly validSymbols?: readonly string[];
  readonly heartbeatMs?: number;
  readonly tickerLines?: readonly string[];
  readonly tradeLines?: readonly string[];
  /** Connections after the first get acks and heartbeats but no ticker snapshot or trades. */
  readonly quietReconnects?: boolean;
}

export class FakeKrakenServer {
  readonly pings: unknown[] = [];
  /** While true no heartbeat is sent (a stalled server or network). */
  heartbeatsPaused = false;

  private constructor(
    readonly server: FakeVenueServer,
    private readonly options: FakeKrakenOptions,
  ) {}

  static async start(options: FakeKrakenOptions = {}): Promise<FakeKrakenServer> {
    let self: FakeKrakenServer | null = null;
    const server = await FakeVenueServer.listen((conn) => self?.onConnection(conn));
    self = new FakeKrakenServer(server, options);
    return self;
  }

  get url(): string {
    return this.server.url('/v2');
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private onConnection(conn: FakeConnection): void {
    const quiet = this.options.quietReconnects === true && this.server.connections.length > 1;
    const valid = new Set(this.options.validSymbols ?? ['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    const lines = fixtureLines('kraken', 'stream');
    const tickerLines = this.options.tickerLines ?? lines.filter((l) => l.includes('"channel":"ticker"'));
    const tradeLines = this.options.tradeLines ?? lines.filter((l) => l.includes('"channel":"trade"'));
    conn.send(
      '{"channel":"status","data":[{"api_version":"v2","connection_id":13834774380200032777,"system":"online","version":"2.0.0"}],"type":"update"}',
    );
    let heartbeating = false;
    conn.ws.on('message', (data) => {
      const now = new Date().toISOString().replace('Z', '000Z');
      let req: { method?: unknown; params?: { channel?: unknown; symbol?: unknown; event_trigger?: unknown }; req_id?: unknown };
      try {
        req = JSON.parse(Buffer.from(data as Buffer).toString('utf8')) as typeof req;
      } catch {
        conn.sendJson({ error: 'Malformed request', method: 'unknown', success: false, time_in: now, time_out: now });
        return;
      }
      if (req.method === 'ping') {
        this.pings.push(req);
        conn.sendJson({ method: 'pong', req_id: req.req_id, time_in: now, time_out: now });
        return;
      }
      if (req.method !== 'subscribe' || !req.params) {
        conn.sendJson({ error: 'Method not found', method: String(req.method), success: false, time_in: now, time_out: now });
        return;
      }
      const channel = String(req.params.channel);
      const symbols = Array.isArray(req.params.symbol) ? req.params.symbol.map(String) : [];
      for (const symbol of symbols) {
        if (!valid.has(symbol)) {
          conn.sendJson({ error: `Currency pair not supported ${symbol}`, method: 'subscribe', success: false, symbol, time_in: now, time_out: now, req_id: req.req_id });
          continue;
        }
        const result: Record<string, unknown> = { channel, snapshot: channel === 'ticker', symbol };
        if (channel === 'ticker') result['event_trigger'] = req.params.event_trigger ?? 'trades';
        conn.sendJson({ method: 'subscribe', result, success: true, time_in: now, time_out: now, req_id: req.req_id });
      }
      const ok = (l: string): boolean => symbols.some((s) => valid.has(s) && l.includes(`"symbol":"${s}"`));
      if (!quiet) for (const l of channel === 'ticker' ? tickerLines : tradeLines) if (ok(l)) conn.send(l);
      if (!heartbeating) {
        heartbeating = true;
        conn.every(this.options.heartbeatMs ?? 1_000, () => {
          if (!this.heartbeatsPaused) conn.send('{"channel":"heartbeat"}');
        });
      }
    });
  }
}
