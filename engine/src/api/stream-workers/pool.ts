/**
 * The primary side of the stream workers (EXEC_STREAM_WORKERS ≥ 1): forks the workers, relays every
 * store event to each one in order, hands each accepted /v1/stream upgrade to the ready worker with
 * the fewest connections, and restarts a worker that dies.
 *
 * No gap, by construction:
 * - A worker joins in one synchronous step: the latest surface of every symbol, then `synced`, then
 *   every later event, on one ordered channel. It gets connections only once it reports `ready`.
 * - Every worker receives the same events in the same order, so it holds the same surfaces with the
 *   same seqs as the primary and the other workers.
 * - A worker that is stopped (`retire`, or a rolling restart) hands each live connection back with
 *   its subscriptions and the last seq each symbol was sent; another worker adopts the socket and
 *   carries on from that seq (the next delta, or a snapshot if it is further on). The client sees
 *   no close and no missing seq. Only a worker that crashes loses its connections (they reconnect
 *   and get a snapshot).
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { SurfaceFrames } from '../surface-frames.js';
import type { SurfaceStore } from '../../cache/types.js';
import { EngineError } from '../../lib/errors.js';
import type { ClientHandoff, FromWorker, RelayedEvent, ToWorker, WorkerInit } from './protocol.js';
import type { StreamStats } from '../routes/ws/stream-hub.js';

const WORKER_MAIN = new URL('./worker-main', import.meta.url);
const RESTART_MIN_MS = 250;
const RESTART_MAX_MS = 5_000;
const STOP_TIMEOUT_MS = 5_000;
/** How long a stats request waits for a worker's answer before using what it last reported. */
const STATS_TIMEOUT_MS = 1_000;
/** How long start() waits for every worker to load and report ready. */
const START_TIMEOUT_MS = 60_000;

interface WorkerHandle {
  readonly id: number;
  readonly child: ChildProcess;
  /** Receives relayed events (joined). */
  joined: boolean;
  /** Reported `ready`: may be given connections. */
  ready: boolean;
  /** Being drained or stopped: no new connections. */
  leaving: boolean;
  /** Its clients: as it last reported them, plus the sockets sent to it that it had not taken in then. */
  clients: number;
  reportedClients: number;
  /** Sockets sent to it (upgrades and adoptions) and, as last reported, taken in by it. */
  sent: number;
  handled: number;
  /** Its abuse counters as last reported (clients and refusals, slow consumers, rate limits). */
  stats: StreamStats;
  /** Its open connections per client IP, as dispatched here less those it reported gone. */
  readonly ips: Map<string, number>;
  readonly exited: Promise<number | null>;
}

export interface StreamWorkerPoolOptions {
  readonly count: number;
  readonly init: WorkerInit;
  readonly logger: Logger;
}

export interface WorkerStats {
  readonly id: number;
  readonly pid: number;
  readonly clients: number;
  readonly cpuUserUs: number;
  readonly cpuSystemUs: number;
  readonly rssBytes: number;
}

function workerEntry(): { path: string; execArgv: string[] } {
  const ts = import.meta.url.endsWith('.ts');
  return { path: fileURLToPath(`${WORKER_MAIN.href}.${ts ? 'ts' : 'js'}`), execArgv: ts ? ['--import', 'tsx'] : [] };
}

const NO_STREAM_STATS: StreamStats = { clients: 0, framesSent: 0, bytesSent: 0, slowConsumersCut: 0, pingTimeouts: 0, connectionsRefused: 0, rateLimitedClients: 0, subscriptionLimitClients: 0 };
const STAT_KEYS = Object.keys(NO_STREAM_STATS) as Array<keyof StreamStats>;

function count(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

export class StreamWorkerPool {
  private readonly log: Logger;
  private readonly workers = new Map<number, WorkerHandle>();
  private frames: SurfaceFrames | null = null;
  private offEntry: (() => void) | null = null;
  private offStore: (() => void) | null = null;
  private nextId = 1;
  private stopping = false;
  private restartDelayMs = RESTART_MIN_MS;
  private readonly readyWaiters = new Set<() => void>();
  private readonly statsWaiters = new Map<number, (s: Extract<FromWorker, { t: 'stats' }>) => void>();
  private statsId = 1;
  /** Counters of workers that have exited, so /v1/health keeps counting across restarts. */
  private retired: StreamStats = { ...NO_STREAM_STATS };

  constructor(private readonly options: StreamWorkerPoolOptions) {
    this.log = options.logger.child({ module: 'api.stream-workers' });
  }

  /** Relay `store` (through `frames`, which orders and resets surfaces) and fork the workers; resolves once all are ready. */
  async start(frames: SurfaceFrames, store: SurfaceStore): Promise<void> {
    this.frames = frames;
    this.offEntry = frames.onEntry((entry) => this.broadcast({ type: 'surface', symbol: entry.symbol, seq: entry.seq, payload: entry.payload, ...(entry.writer === undefined ? {} : { writer: entry.writer }) }));
    this.offStore = store.subscribe((event) => {
      if (event.type === 'settlement') this.broadcast({ type: 'settlement', symbol: event.symbol, settlement: JSON.stringify(event.settlement) });
      else if (event.type === 'store-status') this.broadcast({ type: 'store-status', healthy: event.healthy, detail: event.detail });
    });
    for (let i = 0; i < this.options.count; i++) this.spawn();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EngineError('EXEC_ERR_STREAM_WORKERS', `${this.readyCount} of ${this.options.count} stream workers ready after ${START_TIMEOUT_MS / 1000} s; see their log lines (or set EXEC_STREAM_WORKERS=0)`)), START_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.whenReady(this.options.count), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Close every worker's clients with 1001 and wait for the workers to exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.offEntry?.();
    this.offStore?.();
    const all = [...this.workers.values()];
    for (const w of all) {
      w.leaving = true;
      this.post(w, { t: 'stop' });
    }
    await Promise.all(all.map((w) => this.reap(w)));
  }

  /** Workers that take connections now. */
  get readyCount(): number {
    return [...this.workers.values()].filter((w) => w.ready && !w.leaving).length;
  }

  /** Connected clients, as the workers last reported them. */
  get clientCount(): number {
    let n = 0;
    for (const w of this.workers.values()) n += w.clients;
    return n;
  }

  get workerIds(): number[] {
    return [...this.workers.keys()];
  }

  /** /v1/stream counters summed over every worker, past and present (clients: the live ones). */
  streamStats(): StreamStats {
    const sum: Record<keyof StreamStats, number> = { ...this.retired };
    for (const w of this.workers.values()) for (const k of STAT_KEYS) sum[k] += w.stats[k];
    sum.clients = this.clientCount;
    return sum;
  }

  /**
   * Take an accepted /v1/stream upgrade; false (the caller answers 503) when no worker is ready.
   * EXEC_WS_MAX_CONNECTIONS_PER_IP is enforced here, over all workers: a connection over it is
   * still handed to a worker, which answers EXEC_ERR_WS_TOO_MANY_CONNECTIONS and closes it.
   */
  dispatch(req: IncomingMessage, socket: Socket, head: Buffer): boolean {
    const target = this.pick();
    if (target === null) return false;
    const ip = socket.remoteAddress ?? 'unknown';
    let open = 0;
    for (const w of this.workers.values()) open += w.ips.get(ip) ?? 0;
    const refused = open >= (this.options.init.limits.maxConnectionsPerIp ?? Number.POSITIVE_INFINITY);
    if (!refused) count(target.ips, ip, 1);
    this.sentTo(target);
    const message: ToWorker = { t: 'upgrade', method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers }, head: head.toString('base64'), ip, refused };
    this.post(target, message, socket);
    return true;
  }

  /**
   * Stop one worker without losing a client: its connections are handed to the other workers (a
   * replacement is started first when it is the last one). Resolves when it has exited.
   */
  async retire(id: number, replace = this.workers.size === 1): Promise<void> {
    const w = this.workers.get(id);
    if (w === undefined || w.leaving) return;
    if (replace) {
      this.spawn();
      await this.whenReady(this.readyCount + 1);
    }
    w.leaving = true;
    this.post(w, { t: 'drain' });
    await this.reap(w);
  }

  /**
   * Rolling restart (SIGUSR2 on the API process): each worker in turn is replaced by a fresh one and
   * hands its connections over, so the workers reload their code and memory without a client
   * noticing. Resolves when every original worker has exited.
   */
  async restartAll(): Promise<void> {
    const original = [...this.workers.values()].filter((w) => !w.leaving).map((w) => w.id);
    this.log.info({ workers: original.length }, 'rolling restart of the stream workers');
    for (const id of original) {
      if (this.stopping) return;
      await this.retire(id, true);
    }
    this.log.info({ ready: this.readyCount }, 'stream workers restarted');
  }

  /**
   * Per-worker CPU time, clients and memory, as each worker reports them now (which also refreshes
   * the stream counters `streamStats()` sums). A worker that does not answer within 1 s is left out.
   */
  async stats(): Promise<WorkerStats[]> {
    const live = [...this.workers.values()].filter((w) => w.joined);
    const answers = await Promise.all(
      live.map(
        (w) =>
          new Promise<WorkerStats | null>((resolve) => {
            const id = this.statsId++;
            const timer = setTimeout(() => {
              this.statsWaiters.delete(id);
              resolve(null);
            }, STATS_TIMEOUT_MS);
            this.statsWaiters.set(id, (s) => {
              clearTimeout(timer);
              resolve({ id: w.id, pid: w.child.pid ?? 0, clients: s.clients, cpuUserUs: s.cpuUserUs, cpuSystemUs: s.cpuSystemUs, rssBytes: s.rssBytes });
            });
            this.post(w, { t: 'stats', id });
          }),
      ),
    );
    return answers.filter((a): a is WorkerStats => a !== null);
  }

  /** `streamStats()` with every worker's counters as of now (frames and bytes move between client events). */
  async currentStreamStats(): Promise<StreamStats> {
    await this.stats();
    return this.streamStats();
  }

  private spawn(): WorkerHandle {
    const entry = workerEntry();
    const child = fork(entry.path, [], { execArgv: entry.execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const w: WorkerHandle = { id: this.nextId++, child, joined: false, ready: false, leaving: false, clients: 0, reportedClients: 0, sent: 0, handled: 0, stats: { ...NO_STREAM_STATS }, ips: new Map(), exited };
    this.workers.set(w.id, w);
    child.on('message', (message: FromWorker, socket?: Socket) => this.onMessage(w, message, socket));
    child.on('error', (err) => this.log.error({ err, worker: w.id }, 'stream worker error'));
    child.once('exit', (code, signal) => this.onExit(w, code, signal));
    this.post(w, { t: 'init', init: this.options.init });
    this.join(w);
    return w;
  }

  /** In one synchronous step: the latest surfaces, `synced`, and from then on every relayed event. */
  private join(w: WorkerHandle): void {
    for (const symbol of this.frames?.servedSymbols ?? []) {
      const entry = this.frames?.get(symbol);
      if (entry !== undefined) {
        this.post(w, { t: 'event', event: { type: 'surface', symbol, seq: entry.seq, payload: entry.payload, ...(entry.writer === undefined ? {} : { writer: entry.writer }) } });
      }
    }
    this.post(w, { t: 'synced' });
    w.joined = true;
  }

  private broadcast(event: RelayedEvent): void {
    for (const w of this.workers.values()) if (w.joined) this.post(w, { t: 'event', event });
  }

  /**
   * Send a message, with a socket to move to the worker. The socket is detached from the HTTP
   * server first: otherwise Node makes `server.close()` wait on the workers for it, and a worker
   * that has exited never answers. Once sent, this process's copy (its handle already gone) is
   * destroyed, which settles the server's connection count.
   */
  private post(w: WorkerHandle, message: ToWorker, socket?: Socket): void {
    if (!w.child.connected) {
      socket?.destroy();
      return;
    }
    if (socket !== undefined) (socket as unknown as { server: unknown }).server = null;
    w.child.send(message, socket as never, (err) => {
      socket?.destroy();
      if (err) this.log.warn({ err, worker: w.id, t: message.t }, 'message to stream worker failed');
    });
  }

  /** Counts a socket sent to `w` as its client until it reports having taken it in. */
  private sentTo(w: WorkerHandle): void {
    w.sent++;
    w.clients = w.reportedClients + w.sent - w.handled;
  }

  private pick(): WorkerHandle | null {
    let best: WorkerHandle | null = null;
    for (const w of this.workers.values()) {
      if (!w.ready || w.leaving) continue;
      if (best === null || w.clients < best.clients) best = w;
    }
    return best;
  }

  private onMessage(w: WorkerHandle, message: FromWorker, socket?: Socket): void {
    switch (message.t) {
      case 'ready':
        w.ready = true;
        this.restartDelayMs = RESTART_MIN_MS;
        this.log.info({ worker: w.id, pid: w.child.pid }, 'stream worker ready');
        for (const wake of [...this.readyWaiters]) wake();
        return;
      case 'clients':
        w.reportedClients = message.stats.clients;
        w.handled = message.handled;
        w.clients = w.reportedClients + w.sent - w.handled;
        w.stats = message.stats;
        return;
      case 'left':
        count(w.ips, message.ip, -1);
        return;
      case 'handoff':
        count(w.ips, message.state.ip, -1);
        if (socket !== undefined) this.adopt(message.state, message.head, socket);
        return;
      case 'drained':
        this.log.info({ worker: w.id, handedOff: message.handedOff, closed: message.closed }, 'stream worker handed its clients over');
        return;
      case 'stats':
        w.stats = message.stream;
        w.clients = message.stream.clients;
        this.statsWaiters.get(message.id)?.(message);
        this.statsWaiters.delete(message.id);
        return;
    }
  }

  private adopt(state: ClientHandoff, head: string, socket: Socket): void {
    const target = this.pick();
    if (target === null) {
      this.log.warn('no stream worker to adopt a handed-over client; closing it');
      socket.destroy();
      return;
    }
    count(target.ips, state.ip, 1);
    this.sentTo(target);
    this.post(target, { t: 'adopt', state, head }, socket);
  }

  private onExit(w: WorkerHandle, code: number | null, signal: NodeJS.Signals | null): void {
    this.workers.delete(w.id);
    for (const k of STAT_KEYS) if (k !== 'clients') this.retired = { ...this.retired, [k]: this.retired[k] + w.stats[k] };
    if (this.stopping || w.leaving) return;
    this.log.error({ worker: w.id, code, signal, clients: w.clients }, 'stream worker died; its clients reconnect; restarting it');
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(RESTART_MAX_MS, this.restartDelayMs * 2);
    setTimeout(() => {
      if (!this.stopping) this.spawn();
    }, delay).unref();
  }

  private async reap(w: WorkerHandle): Promise<void> {
    const timer = setTimeout(() => w.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await w.exited;
    clearTimeout(timer);
  }

  private whenReady(count: number): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.readyCount >= count || this.stopping) {
          this.readyWaiters.delete(check);
          resolve();
        }
      };
      this.readyWaiters.add(check);
      check();
    });
  }
}
