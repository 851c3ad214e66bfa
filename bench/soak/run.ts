/**
 * `npm run soak [-- --duration <sec>] [--clients <n>] [--slow <fraction>] [--workers <n>]` (default
 * 600 s, 1,000 clients, 5 % slow, the engine's default stream workers): the engine as its own process (`EXEC_FEEDS=live`) on four loopback venues that
 * speak the exchanges' protocols (tests/helpers/loopback-venues) and its own local chain
 * (EXEC_LOCAL_CHAIN=on), 1,000 stream clients in another
 * process (a fraction of them never read), and HTTP load on the read routes and the transaction
 * route from this one. Prints delivery latency p50/p99, lost updates of clients that keep up, slow
 * consumers cut, the engine's RSS slope and event-loop delay p99, HTTP throughput and p99 per route.
 * Loopback only. A measurement, not a pass/fail test.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../tests/helpers/free-port.js';
import { startLoopbackVenues } from '../../tests/helpers/loopback-venues/index.js';
import { runHttpLoad } from './http-load.js';
import { percentile, slope } from './stats.js';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const durationSec = arg('duration', 600);
const clientCount = arg('clients', 1_000);
const slowFraction = arg('slow', 0.05);
/** EXEC_STREAM_WORKERS for the engine; -1 keeps its default (one per core). */
const workers = arg('workers', -1);
const root = fileURLToPath(new URL('../../', import.meta.url));
const log = (line: string): void => void process.stdout.write(`${line}\n`);

const venues = await startLoopbackVenues({ tickHz: 10, heartbeatMs: 1_000 });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const engine = spawn(process.execPath, ['--import', 'tsx', 'engine/src/main.ts'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    PATH: process.env['PATH'],
    EXEC_PORT: String(port),
    EXEC_LOG_LEVEL: 'warn',
    EXEC_FEEDS: 'live',
    EXEC_DATA_DIR: `${root}.data/soak`,
    EXEC_BINANCE_WS_URL: venues.urls.binance,
    EXEC_COINBASE_WS_URL: venues.urls.coinbase,
    EXEC_KRAKEN_WS_URL: venues.urls.kraken,
    EXEC_BYBIT_WS_URL: venues.urls.bybit,
    // every soak client shares 127.0.0.1: the per-IP limits are raised for this run only
    EXEC_WS_MAX_CONNECTIONS_PER_IP: String(clientCount + 100),
    EXEC_HTTP_RATE_LIMIT_MAX: '10000000',
    EXEC_HTTP_TX_RATE_LIMIT_MAX: '10000000',
    // its own local chain (programs/exec-trade-bank), so POST /v1/quotes/:id/transaction builds real
    // transactions against real chain reads instead of answering 503
    EXEC_LOCAL_CHAIN: 'on',
    EXEC_LOCAL_CHAIN_PORT: '0',
    ...(workers >= 0 ? { EXEC_STREAM_WORKERS: String(workers) } : {}),
    // cargo (the local chain's build) needs its toolchain and may use a shared target dir
    ...Object.fromEntries(['HOME', 'CARGO_HOME', 'RUSTUP_HOME', 'CARGO_TARGET_DIR'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : []))),
  },
});
const health = async (): Promise<Record<string, unknown> | null> => {
  try {
    return (await (await fetch(`${base}/v1/health`)).json()) as Record<string, unknown>;
  } catch {
    return null;
  }
};
const deadline = Date.now() + 60_000;
while ((await health()) === null) {
  if (Date.now() > deadline || engine.exitCode !== null) {
    await venues.close();
    throw new Error('engine did not start');
  }
  await new Promise((r) => setTimeout(r, 250));
}
const chainReady = Date.now() + 15 * 60_000; // a cold cargo build of the local chain takes minutes
for (;;) {
  const oracle = (await (await fetch(`${base}/v1/oracle`)).json()) as { chain?: { status: string; detail: string | null } };
  if (oracle.chain?.status === 'ready') break;
  if (oracle.chain?.status === 'failed' || Date.now() > chainReady) {
    engine.kill('SIGTERM');
    await venues.close();
    throw new Error(`local chain not ready: ${oracle.chain?.status} ${oracle.chain?.detail ?? ''}`);
  }
  await new Promise((r) => setTimeout(r, 500));
}
let quoteId: string | null = null;
const quoteTimer = setInterval(async () => {
  try {
    const m = (await (await fetch(`${base}/v1/markets/BTCUSDT`)).json()) as { rounds?: { quotes: { quoteId: string }[] }[] };
    quoteId = m.rounds?.[0]?.quotes[0]?.quoteId ?? quoteId;
  } catch {
    // next time
  }
}, 500);
await new Promise((r) => setTimeout(r, 3_000));
log(`soak: ${durationSec} s, ${clientCount} clients (${slowFraction * 100} % slow), engine pid ${engine.pid}, four loopback venues at 10 Hz`);

const durationMs = durationSec * 1000;
const clients = spawn(process.execPath, ['--import', 'tsx', 'bench/soak/clients.ts', `${base.replace('http', 'ws')}/v1/stream`, String(clientCount), String(slowFraction), String(durationMs)], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let clientOut = '';
clients.stdout.on('data', (d: Buffer) => (clientOut += d.toString()));
const clientsDone = new Promise((r) => clients.once('exit', r));

const samples: { tMin: number; rssMb: number; heapMb: number; eldP99: number | null; stream: unknown }[] = [];
const t0 = Date.now();
const sampler = setInterval(async () => {
  const h = await health();
  const p = h?.['process'] as { rssBytes: number; heapUsedBytes: number; eventLoopDelayP99Ms: number | null } | undefined;
  if (p) samples.push({ tMin: (Date.now() - t0) / 60_000, rssMb: p.rssBytes / 1_048_576, heapMb: p.heapUsedBytes / 1_048_576, eldP99: p.eventLoopDelayP99Ms, stream: h?.['stream'] });
}, 5_000);
const http = await runHttpLoad(base, durationMs, 8, () => quoteId);
await clientsDone;
clearInterval(sampler);
clearInterval(quoteTimer);
const final = await health();
engine.kill('SIGTERM');
await new Promise((r) => engine.once('exit', r));
await venues.close();

const c = JSON.parse(clientOut.trim().split('\n').at(-1) ?? '{}') as Record<string, number | null>;
const steady = samples.filter((s) => s.tMin >= (durationSec / 60) * 0.2);
const eld = samples.map((s) => s.eldP99).filter((v): v is number => v !== null).sort((a, b) => a - b);
const fmt = (n: number | null | undefined, d = 2): string => (n === null || n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(d));
log(`clients: ${c['opened']} opened, ${c['frames']} frames read by fast clients`);
log(`delivery latency (frame built -> client read), fast clients: p50 ${fmt(c['latencyP50Ms'])} ms, p99 ${fmt(c['latencyP99Ms'])} ms, max ${fmt(c['latencyMaxMs'])} ms`);
log(`lost updates (seq gaps) of fast clients: ${c['lostUpdatesFastClients']} (in ${c['fastClientsWithLoss']} clients); fast clients closed early: ${c['fastClientsClosedEarly']}`);
const stream = (final?.['stream'] ?? {}) as { slowConsumersCut?: number; pingTimeouts?: number };
log(`slow consumers: ${c['slowClients']} clients stop reading after 2 s; the engine cut ${stream.slowConsumersCut} over the send-buffer limit (4001) and dropped ${stream.pingTimeouts} that missed a ping interval`);
log(`engine RSS: ${fmt(samples[0]?.rssMb, 1)} MB -> ${fmt(samples.at(-1)?.rssMb, 1)} MB; slope after warm-up ${fmt(slope(steady.map((s) => ({ x: s.tMin, y: s.rssMb }))))} MB/min over ${steady.length} samples`);
log(`engine RSS by minute (MB): ${samples.filter((_, i) => i % 12 === 0).map((s) => s.rssMb.toFixed(0)).join(' ')}`);
log(`engine heap used: ${fmt(samples[0]?.heapMb, 1)} MB -> ${fmt(samples.at(-1)?.heapMb, 1)} MB; slope after warm-up ${fmt(slope(steady.map((s) => ({ x: s.tMin, y: s.heapMb }))))} MB/min`);
log(`engine event-loop delay p99 per 10 s window: median ${fmt(percentile(eld, 50))} ms, worst ${fmt(eld.at(-1))} ms`);
for (const r of http) log(`http ${r.route}: ${r.requests} requests, ${fmt(r.perSec, 0)}/s, p50 ${fmt(r.p50Ms)} ms, p99 ${fmt(r.p99Ms)} ms, statuses ${JSON.stringify(r.statuses)}`);
process.exit(0);
