/**
 * Tick to wire: a tick entering the Aggregator → index → QuoteEngine (3 assets × 4 rounds × 11
 * strikes, changed quotes signed) → MemoryStore → the frame written to every subscriber. "Written"
 * is when the server's last socket write for that update returned (StreamHub onFanout). Clients
 * run in a separate process (bench/tick-to-wire-clients.ts) on loopback.
 *
 * Each scenario is followed, in the same run, by its baseline (bench/support/ws-baseline.ts): the
 * same number of clients on a plain `ws` server receiving a prebuilt frame of the same size. The
 * engine's tick→last send is reported as a ratio to the baseline's send loop.
 *
 * Metrics (GET /metrics) are on, as deployed; bench/metrics-overhead.bench.ts measures their cost.
 */
import { preciseNowMs } from '../engine/src/api/surface-frames.js';
import type { FanoutInfo } from '../engine/src/api/routes/ws/stream-hub.js';
import { MARKET_SYMBOLS, type MarketSymbol } from '../engine/src/feeds/types.js';
import { startBenchEngine } from './support/bench-engine.js';
import { startClients } from './support/client-process.js';
import { runBaseline } from './support/ws-baseline.js';
import { cols, pct, ratio } from './support/stats.js';

export interface Scenario {
  /** Stream worker processes (0: the API process writes to the sockets). */
  readonly workers?: number;
  readonly clients: number;
  readonly measured: number;
  /** Pause between ticks so the clients can drain their sockets. */
  readonly gapMs: number;
  readonly format: 'json' | 'binary';
  readonly updates: 'full' | 'delta';
  /** EXEC_METRICS (default true); when true, /metrics is rendered every `scrapeEveryMs` during the run. */
  readonly metrics?: boolean;
  readonly scrapeEveryMs?: number;
}

export interface ScenarioTimes {
  readonly written: number[];
  readonly received: number[];
  /** Duration of each /metrics render during the run (ms). */
  readonly scrapes: number[];
}

interface Sample {
  readonly tickToStore: number;
  readonly storeToBuilt: number;
  readonly encode: number;
  readonly sendLoop: number;
  readonly tickToWritten: number;
  readonly bytes: number;
  readonly signed: number;
  readonly key: string;
}

export async function runScenario(s: Scenario, times?: (t: ScenarioTimes) => void): Promise<string[]> {
  let measuring: { symbol: MarketSymbol; t0: number; signedBefore: number } | null = null;
  const samples: Sample[] = [];
  let signedCount = (): number => 0;
  let storeAt = (): number => 0;
  const onFanout = (info: FanoutInfo): void => {
    if (measuring === null || info.symbol !== measuring.symbol) return;
    samples.push({
      tickToStore: storeAt() - measuring.t0,
      storeToBuilt: info.builtAtMs - storeAt(),
      encode: info.encodedAtMs - info.builtAtMs,
      sendLoop: info.writtenAtMs - info.encodedAtMs,
      tickToWritten: info.writtenAtMs - measuring.t0,
      bytes: info.views[0]?.bytes ?? Number.NaN,
      signed: signedCount() - measuring.signedBefore,
      key: `${info.symbol}:${info.seq}`,
    });
  };
  const workers = s.workers ?? 0;
  const { runtime, feed, store, streamUrl, signed } = await startBenchEngine(onFanout, { EXEC_STREAM_WORKERS: String(workers), EXEC_METRICS: String(s.metrics ?? true) });
  const scrapes: number[] = [];
  const scraper =
    s.scrapeEveryMs === undefined || runtime.metrics === null
      ? null
      : setInterval(() => {
          const t0 = preciseNowMs();
          void runtime.metrics?.render().then(() => scrapes.push(preciseNowMs() - t0));
        }, s.scrapeEveryMs);
  signedCount = signed;
  storeAt = () => store.lastPublishAtMs;
  const tickAt = new Map<string, number>();

  const clients = await startClients(streamUrl, s.clients, MARKET_SYMBOLS, { format: s.format, updates: s.updates });
  const warmup = 30;
  for (let i = 0; i < warmup + s.measured; i++) {
    const symbol = MARKET_SYMBOLS[i % 3] ?? 'BTCUSDT';
    const t = feed.tick(symbol, Math.floor(i / 3));
    if (i === warmup) samples.length = 0;
    measuring = { symbol, t0: preciseNowMs(), signedBefore: signedCount() };
    feed.push(t);
    if (i >= warmup) tickAt.set(`${symbol}:${runtime.api.frames.get(symbol)?.seq}`, measuring.t0);
    measuring = null;
    await new Promise((r) => setTimeout(r, s.gapMs));
  }
  await new Promise((r) => setTimeout(r, 500));
  if (scraper !== null) clearInterval(scraper);
  const report = await clients.report();
  await runtime.stop();

  // Both processes read the same wall clock: receive time minus the time the tick was pushed.
  const received: number[] = [];
  report.keys.forEach((key, i) => {
    const t0 = tickAt.get(key);
    const at = report.receivedAt[i];
    if (t0 !== undefined && at !== undefined) received.push(at - t0);
  });
  if (times !== undefined) {
    times({ written: samples.map((f) => f.tickToWritten), received, scrapes });
    return [];
  }
  const label = `${s.clients} ${s.format} ${s.updates}${workers > 0 ? `, ${workers} workers` : ''}`.padStart(28);
  const pad = ''.padStart(28);
  if (workers > 0) {
    return [`${label} | tick→client recv      | ${cols(received)} | ${received.length} receipts through the workers (IPC + JSON parse per worker), closes ${JSON.stringify(report.closes)}`];
  }
  const frameBytes = pct(samples.map((f) => f.bytes), 50);
  const base = await runBaseline(s.clients, frameBytes, s.measured, s.gapMs);
  const written = samples.map((f) => f.tickToWritten);
  return [
    `${label} | tick→store publish    | ${cols(samples.map((f) => f.tickToStore))} | aggregator + quote engine; ${pct(samples.map((f) => f.signed), 50)} signatures per tick (p50)`,
    `${pad} | store→entry           | ${cols(samples.map((f) => f.storeToBuilt))} | store (JSON payload) + frame cache`,
    `${pad} | encode                | ${cols(samples.map((f) => f.encode))} | one ${s.format} ${s.updates} frame, ${frameBytes} B (p50)`,
    `${pad} | send loop             | ${cols(samples.map((f) => f.sendLoop))} | ${s.clients} pre-framed socket writes`,
    `${pad} | tick→last send        | ${cols(written)} | ${samples.length} updates; ÷ baseline: p50 ${ratio(pct(written, 50), pct(base.sendLoop, 50))}, p99 ${ratio(pct(written, 99), pct(base.sendLoop, 99))}`,
    `${pad} | baseline send loop    | ${cols(base.sendLoop)} | plain ws: ${s.clients} × ws.send of a prebuilt ${frameBytes} B frame`,
    `${pad} | tick→client recv      | ${cols(received)} | ${received.length} receipts, closes ${JSON.stringify(report.closes)}`,
    `${pad} | baseline client recv  | ${cols(base.received)} | ${base.received.length} receipts`,
  ];
}

export default async function bench(log: (line: string) => void): Promise<void> {
  const scenarios: Scenario[] = [
    { clients: 100, measured: 300, gapMs: 20, format: 'binary', updates: 'delta' },
    { clients: 100, measured: 300, gapMs: 20, format: 'json', updates: 'full' },
    { clients: 1000, measured: 150, gapMs: 100, format: 'binary', updates: 'delta' },
    { clients: 1000, measured: 150, gapMs: 120, format: 'json', updates: 'full' },
    { clients: 100, measured: 300, gapMs: 20, format: 'binary', updates: 'delta', workers: 2 },
  ];
  const rows: string[] = [];
  for (const s of scenarios) {
    log(`  running ${s.clients} clients, ${s.format} ${s.updates}${s.workers ? `, ${s.workers} workers` : ' (+ baseline)'}…`);
    rows.push(...(await runScenario(s)));
  }
  log(`${'clients, mode'.padStart(28)} | measure               |        p50        p99        max |`);
  for (const r of rows) log(r);
  log('goals: binary delta at 100 clients: tick→last send p99 ≤ 1 ms; at 100 and 1,000 clients ≤ 1.2× baseline');
}
