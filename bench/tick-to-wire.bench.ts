/**
 * Tick to wire: a tick entering the Aggregator → index → QuoteEngine (3 assets × 4 rounds × 11
 * strikes, every quote signed) → MemoryStore → the WebSocket frame written to every subscriber.
 * "Written" is when the server's last `ws.send` for that update returned (StreamHub onFanout).
 * Clients run in a separate process (bench/tick-to-wire-clients.ts) on loopback and report receive
 * time minus the frame's embedded build time; adding the server's tick→build time gives the
 * client-observed tick→receive latency (both processes read the same wall clock). Delta rows: the
 * clients subscribe with `"updates":"delta"` and get per surface only the quotes that are new.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../engine/src/config/index.js';
import { createRuntime } from '../engine/src/runtime.js';
import { MemoryStore } from '../engine/src/cache/memory-store.js';
import type { MarketSurface } from '../engine/src/market/types.js';
import { createSigner } from '../engine/src/signer/sign.js';
import { preciseNowMs } from '../engine/src/api/surface-frames.js';
import type { FanoutInfo } from '../engine/src/api/routes/ws/stream-hub.js';
import { LIVE_VENUES, MARKET_SYMBOLS, type FeedAdapter, type MarketSymbol, type Tick, type TickListener } from '../engine/src/feeds/types.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const BASE: Record<MarketSymbol, number> = { BTCUSDT: 97_000, ETHUSDT: 3_400, SOLUSDT: 150 };
const STEP: Record<MarketSymbol, number> = { BTCUSDT: 0.5, ETHUSDT: 0.05, SOLUSDT: 0.001 };

/** A MemoryStore that notes when each surface reaches it (splits quote engine from API time). */
class TimedStore extends MemoryStore {
  lastPublishAtMs = 0;
  override publishSurface(surface: MarketSurface): Promise<void> {
    this.lastPublishAtMs = preciseNowMs();
    return super.publishSurface(surface);
  }
}

/** A feed the benchmark pushes ticks into by hand. */
class PushFeed implements FeedAdapter {
  readonly name = 'bench';
  readonly simulated = true;
  private readonly listeners: TickListener[] = [];
  onTick(listener: TickListener): void {
    this.listeners.push(listener);
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  health() {
    return [];
  }
  push(tick: Tick): void {
    for (const l of this.listeners) l(tick);
  }
}

interface Scenario {
  readonly clients: number;
  readonly measured: number;
  /** Pause between ticks so the clients can drain their sockets. */
  readonly gapMs: number;
  /** Pre-framed writes to the TCP socket (the default) or ws.send per client. */
  readonly rawWrites: boolean;
  /** Update mode every client subscribes with. */
  readonly updates: 'full' | 'delta';
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}
const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(3)} ms` : 'n/a');
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function runScenario(s: Scenario, log: (line: string) => void): Promise<string[]> {
  const logger = pino({ level: 'silent' });
  const config = loadConfig({
    env: {
      EXEC_PORT: '0',
      EXEC_WS_HEARTBEAT_MS: '60000',
      EXEC_WS_MAX_BUFFERED_BYTES: String(64 * 1024 * 1024),
      EXEC_WS_RAW_WRITES: String(s.rawWrites),
    },
    argv: ['--demo'],
  });
  const signer = createSigner(new Uint8Array(32).fill(5));
  const feed = new PushFeed();
  let measuring: { symbol: MarketSymbol; t0: number } | null = null;
  const store = new TimedStore({ logger, quoteRetentionMs: 10_000 });
  const fanouts: Array<{
    tickToStore: number;
    tickToBuilt: number;
    tickToWritten: number;
    sendLoop: number;
    clients: number;
    bytes: number;
    deltaBytes: number | null;
    key: string;
  }> = [];
  const onFanout = (info: FanoutInfo): void => {
    if (measuring === null || info.symbol !== measuring.symbol) return;
    fanouts.push({
      tickToStore: store.lastPublishAtMs - measuring.t0,
      tickToBuilt: info.builtAtMs - measuring.t0,
      tickToWritten: info.writtenAtMs - measuring.t0,
      sendLoop: info.writtenAtMs - info.builtAtMs,
      clients: info.clients,
      bytes: info.views.find((v) => v.view.startsWith('json|full'))?.bytes ?? Number.NaN,
      deltaBytes: info.views.find((v) => v.view.includes('|delta|'))?.bytes ?? null,
      key: `${info.symbol}:${info.seq}`,
    });
  };
  const runtime = await createRuntime({
    config,
    logger,
    signer,
    signerBase58: 'bench',
    feed,
    store,
    market: { minIntervalMs: 0, moveThresholdBps: 0, maxIntervalMs: 600_000 },
    onFanout,
  });
  const address = await runtime.start();

  // Every venue quotes each symbol; each new tick lifts the oldest venue above the others so the
  // median (and therefore the surface) moves on every tick.
  let level = 0;
  const tick = (symbol: MarketSymbol, venueIndex: number): Tick => {
    level++;
    const price = (BASE[symbol] + level * STEP[symbol]).toFixed(6);
    const t = Date.now();
    return { venue: LIVE_VENUES[venueIndex % 4] ?? 'binance', symbol, bid: price, ask: price, last: price, exchangeTs: t, receivedTs: t, simulated: true };
  };
  for (let i = 0; i < 8; i++) for (const symbol of MARKET_SYMBOLS) feed.push(tick(symbol, i));

  const rssBefore = process.memoryUsage().rss;
  const child = spawn(`${root}node_modules/.bin/tsx`, ['bench/tick-to-wire-clients.ts', `${address.replace('http', 'ws')}/v1/stream`, String(s.clients), MARKET_SYMBOLS.join(','), s.updates], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const nextLine = (): Promise<string> => new Promise((resolve) => lines.once('line', resolve));
  const ready = await nextLine();
  const rssConnected = process.memoryUsage().rss;
  log(`  ${s.clients} clients connected (${ready}), hub clients ${runtime.api.hub.clientCount}`);

  const warmup = 30;
  for (let i = 0; i < warmup + s.measured; i++) {
    const symbol = MARKET_SYMBOLS[i % 3] ?? 'BTCUSDT';
    const t = tick(symbol, Math.floor(i / 3));
    if (i === warmup) fanouts.length = 0;
    measuring = { symbol, t0: preciseNowMs() };
    feed.push(t);
    measuring = null;
    await new Promise((r) => setTimeout(r, s.gapMs));
  }
  await new Promise((r) => setTimeout(r, 500));
  const rssAfter = process.memoryUsage().rss;
  child.stdin.write('REPORT\n');
  const report = JSON.parse(await nextLine()) as { keys: string[]; deltas: number[]; frames: number; closes: Record<string, number> };
  await new Promise((r) => child.once('exit', r));
  await runtime.stop();

  const built = new Map(fanouts.map((f) => [f.key, f.tickToBuilt]));
  const clientLatency: number[] = [];
  report.keys.forEach((key, i) => {
    const b = built.get(key);
    const d = report.deltas[i];
    if (b !== undefined && d !== undefined) clientLatency.push(b + d);
  });
  const col = (xs: number[]) => `${ms(pct(xs, 50)).padStart(10)} ${ms(pct(xs, 99)).padStart(10)} ${ms(pct(xs, 100)).padStart(10)}`;
  const written = fanouts.map((f) => f.tickToWritten);
  const fullBytes = pct(fanouts.map((f) => f.bytes), 50);
  const sentBytes = s.updates === 'delta' ? pct(fanouts.map((f) => f.deltaBytes ?? Number.NaN), 50) : fullBytes;
  return [
    `${`${s.clients} (${s.rawWrites ? 'raw' : 'ws.send'}, ${s.updates})`.padStart(22)} | tick→store publish | ${col(fanouts.map((f) => f.tickToStore))} | aggregator + quote engine (44 signatures)`,
    `${''.padStart(22)} | tick→frame built   | ${col(fanouts.map((f) => f.tickToBuilt))} | ${fanouts.length} updates`,
    `${''.padStart(22)} | send loop          | ${col(fanouts.map((f) => f.sendLoop))} | ${fanouts[0]?.clients ?? 0} sends × ${sentBytes} B (p50)`,
    `${''.padStart(22)} | frame size p50     | full update ${fullBytes} B${s.updates === 'delta' ? `, delta ${sentBytes} B (${((100 * sentBytes) / fullBytes).toFixed(1)} %)` : ''}`,
    `${''.padStart(22)} | tick→last ws.send  | ${col(written)} | p99 target ≤ 2 ms at 100 clients`,
    `${''.padStart(22)} | tick→client recv   | ${col(clientLatency)} | ${clientLatency.length} receipts, closes ${JSON.stringify(report.closes)}`,
    `${''.padStart(22)} | server RSS         | before ${mib(rssBefore)}, clients connected ${mib(rssConnected)}, after ${mib(rssAfter)}`,
  ];
}

export default async function bench(log: (line: string) => void): Promise<void> {
  const scenarios: Scenario[] = [
    { clients: 100, measured: 300, gapMs: 20, rawWrites: false, updates: 'full' },
    { clients: 100, measured: 300, gapMs: 20, rawWrites: true, updates: 'full' },
    { clients: 100, measured: 300, gapMs: 20, rawWrites: true, updates: 'delta' },
    { clients: 1000, measured: 150, gapMs: 120, rawWrites: true, updates: 'full' },
    { clients: 1000, measured: 150, gapMs: 120, rawWrites: true, updates: 'delta' },
  ];
  const rows: string[] = [];
  for (const s of scenarios) rows.push(...(await runScenario(s, log)));
  log('clients (writes, mode)  | measure            |        p50        p99        max |');
  for (const r of rows) log(r);
}
