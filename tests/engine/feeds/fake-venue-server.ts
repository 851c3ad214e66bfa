/**
 * A real WebSocket server on 127.0.0.1:<free port> for the exchange fakes. Tracks every connection,
 * what each received, the pongs it got, and owns every timer so close() leaves nothing running.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export class FakeConnection {
  readonly received: string[] = [];
  readonly pongs: Buffer[] = [];
  readonly path: string;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly ws: WebSocket,
    path: string,
  ) {
    this.path = path;
    ws.on('pong', (data) => this.pongs.push(Buffer.from(data)));
    ws.on('close', () => this.clearTimers());
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  send(text: string): void {
    if (this.open) this.ws.send(text);
  }

  sendJson(value: unknown): void {
    this.send(JSON.stringify(value));
  }

  every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    this.timers.add(t);
  }

  after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  /** Close without a close frame, as a crashed server or a cut network would. */
  drop(): void {
    this.clearTimers();
    this.ws.terminate();
  }

  clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

export class FakeVenueServer {
  readonly connections: FakeConnection[] = [];

  private constructor(private readonly wss: WebSocketServer) {}

  static async listen(onConnection: (conn: FakeConnection) => void): Promise<FakeVenueServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', resolve);
      wss.once('error', reject);
    });
    const server = new FakeVenueServer(wss);
    wss.on('connection', (ws, req) => {
      const conn = new FakeConnection(ws, req.url ?? '/');
      server.connections.push(conn);
      ws.on('message', (data) => conn.received.push(Buffer.from(data as Buffer).toString('utf8')));
      onConnection(conn);
    });
    return server;
  }

  url(path = ''): string {
    const { port } = this.wss.address() as AddressInfo;
    return `ws://127.0.0.1:${port}${path}`;
  }

  get openConnections(): FakeConnection[] {
    return this.connections.filter((c) => c.open);
  }

  dropAll(): void {
    for (const c of this.connections) if (c.open) c.drop();
  }

  async close(): Promise<void> {
    for (const c of this.connections) {
      c.clearTimers();
      c.ws.terminate();
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** The raw lines of tests/engine/feeds/fixtures/<exchange>/<name>.jsonl, exactly as stored. */
export function fixtureLines(exchange: string, name: string): string[] {
  const path = fileURLToPath(new URL(`./fixtures/${exchange}/${name}.jsonl`, import.meta.url));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
}
