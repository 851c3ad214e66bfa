/**
 * Speaks Bybit v5 public spot: `{"op":"subscribe","args":[...],"req_id"}` answered with
 * `{"success","ret_msg":"subscribe","conn_id","req_id","op":"subscribe"}`; at most 10 args per
 * request; unknown symbols fail the request (`Invalid symbol :[topic]`); `{"op":"ping"}` answered by
 * the spot pong (`ret_msg:"pong"`, `op:"ping"`). No server heartbeat. Tracks the inbound message
 * rate per connection so tests can check the client's control-rate limit.
 */
import { FakeVenueServer, fixtureLines, type FakeConnection } from '../fake-venue-server.js';

export interface FakeBybitOptions {
  readonly validSymbols?: readonly string[];
  readonly lines?: readonly string[];
}

export class FakeBybitServer {
  readonly pings: { conn: FakeConnection; req: unknown }[] = [];
  /** Largest number of inbound messages seen within any 1 s window, per connection index. */
  readonly maxPerSecond: number[] = [];
  private readonly topics = new Map<FakeConnection, Set<string>>();

  private constructor(
    readonly server: FakeVenueServer,
    private readonly options: FakeBybitOptions,
  ) {}

  static async start(options: FakeBybitOptions = {}): Promise<FakeBybitServer> {
    let self: FakeBybitServer | null = null;
    const server = await FakeVenueServer.listen((conn) => self?.onConnection(conn));
    self = new FakeBybitServer(server, options);
    return self;
  }

  get url(): string {
    return this.server.url('/v5/public/spot');
  }

  push(line: string): void {
    const topic = (JSON.parse(line) as { topic: string }).topic;
    for (const [conn, topics] of this.topics) if (topics.has(topic)) conn.send(line);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private onConnection(conn: FakeConnection): void {
    const index = this.server.connections.indexOf(conn);
    this.maxPerSecond[index] = 0;
    const valid = new Set(this.options.validSymbols ?? ['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    const connId = `fake-${index}`;
    const inbound: number[] = [];
    const topics = new Set<string>();
    this.topics.set(conn, topics);
    conn.ws.on('message', (data) => {
      const t = Date.now();
      inbound.push(t);
      while (inbound.length > 0 && t - (inbound[0] ?? t) >= 1_000) inbound.shift();
      this.maxPerSecond[index] = Math.max(this.maxPerSecond[index] ?? 0, inbound.length);
      let req: { op?: unknown; args?: unknown; req_id?: unknown };
      try {
        req = JSON.parse(Buffer.from(data as Buffer).toString('utf8')) as typeof req;
      } catch {
        conn.sendJson({ success: false, ret_msg: 'error:request not json', conn_id: connId, op: '' });
        return;
      }
      const reqId = typeof req.req_id === 'string' ? req.req_id : undefined;
      if (req.op === 'ping') {
        this.pings.push({ conn, req });
        conn.sendJson({ success: true, ret_msg: 'pong', conn_id: connId, req_id: reqId, op: 'ping' });
        return;
      }
      if (req.op !== 'subscribe' || !Array.isArray(req.args)) {
        conn.sendJson({ success: false, ret_msg: `error:unknown op ${String(req.op)}`, conn_id: connId, req_id: reqId, op: String(req.op) });
        return;
      }
      const args = req.args.map(String);
      const ack = (success: boolean, retMsg: string): void =>
        conn.sendJson({ success, ret_msg: retMsg, conn_id: connId, req_id: reqId, op: 'subscribe' });
      if (args.length > 10) return ack(false, 'error:args size >10');
      const bad = args.filter((a) => !valid.has(a.split('.').at(-1) ?? ''));
      if (bad.length > 0) return ack(false, `Invalid symbol :[${bad.join(',')}]`);
      for (const a of args) topics.add(a);
      ack(true, 'subscribe');
      for (const line of this.options.lines ?? fixtureLines('bybit', 'stream')) {
        const topic = (JSON.parse(line) as { topic: string }).topic;
        if (args.includes(topic)) conn.send(line);
      }
    });
  }
}
