/**
 * Redis fan-out: a writer RedisStore (the engine's side) publishes full signed surfaces (4 rounds x
 * 11 strikes = 44 quotes per symbol) through a real redis-server to TWO gateways (reader RedisStore +
 * the real Fastify/WebSocket API), each with CLIENTS_PER_GATEWAY real `ws` clients.
 *
 * Everything runs in THIS process (engine, both gateways, all clients share one event loop and the
 * machine's cores with redis-server), so the latencies include client-side parsing and are an upper
 * bound for a deployment where gateways and clients run elsewhere.
 *
 * Clients read symbol and seq from the frame head (`{"type":"update","symbol":…,"seq":…,`) without
 * JSON-parsing the 34 kB body, as a latency-sensitive consumer would.
 * Latency = publishSurface() called on the engine -> frame received by a client (same clock).
 * Phase 1 paces updates at a fixed rate for latency; phase 2 publishes back-to-back for throughput.
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import WebSocket from 'ws';
import { RedisStore } from '../engine/src/cache/redis-store.js';
import type { MarketSymbol } from '../engine/src/feeds/types.js';
import type { MarketSurface } from '../engine/src/market/types.js';
import { startRedisServer } from '../tests/helpers/redis-server.js';
import { startGateway, type TestGateway } from '../tests/engine/cache/fixtures/gateway.js';
import { buildSignedSurface, testSigner } from '../tests/engine/cache/fixtures/signed-surface.js';

const SYMBOLS: readonly MarketSymbol[] = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
const CLIENTS_PER_GATEWAY = 10;
const PACED_UPDATES = 1_500;
const PACED_INTERVAL_MS = 5;
const BURST_UPDATES = 3_000;
const nowMs = (): number => performance.timeOrigin + performance.now();

function pct(sorted: readonly number[], p: number): string {
  const v = sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
  return `${v.toFixed(2)} ms`;
}

const HEAD_RE = /^\{"type":"update","symbol":"([A-Z]+)","seq":(\d+),/;

interface LightClient {
  /** Latency samples (ms) since the last drain. */
  readonly samples: number[];
  updates: number;
  close(): Promise<void>;
}

async function connectLightClient(port: number, sentAt: ReadonlyMap<string, number>): Promise<LightClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/stream`);
  const client: LightClient = {
    samples: [],
    updates: 0,
    close: async () => {
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      ws.close();
      await closed;
    },
  };
  ws.on('message', (data: Buffer) => {
    const m = HEAD_RE.exec(data.toString('latin1', 0, 64));
    if (m === null) return;
    const t0 = sentAt.get(`${m[1]}:${m[2]}`);
    client.updates++;
    if (t0 !== undefined) client.samples.push(nowMs() - t0);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ op: 'subscribe', symbols: SYMBOLS }));
  return client;
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

export default async function bench(log: (line: string) => void): Promise<void> {
  const logger = pino({ level: 'silent' });
  const redis = await startRedisServer();
  const signer = testSigner('bench oracle');
  const engine = new RedisStore({ url: redis.url, mode: 'writer', logger, keyPrefix: 'bench:' });
  const gateways: TestGateway[] = [];
  const clients: LightClient[] = [];
  const sentAt = new Map<string, number>();
  try {
    await engine.start();
    for (let g = 0; g < 2; g++) {
      const gw = await startGateway({ url: redis.url, keyPrefix: 'bench:', symbols: SYMBOLS, logger, signer: 'bench' });
      gateways.push(gw);
      for (let c = 0; c < CLIENTS_PER_GATEWAY; c++) clients.push(await connectLightClient(gw.port, sentAt));
    }
    const templates = new Map<MarketSymbol, MarketSurface>(
      SYMBOLS.map((s) => [s, buildSignedSurface({ signer, symbol: s, seq: 0, nowMs: Date.now(), validForMs: 600_000 })]),
    );
    const payloadBytes = JSON.stringify(templates.get('BTCUSDT')).length;
    const seqs = new Map<MarketSymbol, number>();
    const writeMs: number[] = [];
    const publishOne = async (i: number): Promise<void> => {
      const symbol = SYMBOLS[i % SYMBOLS.length] ?? 'BTCUSDT';
      const seq = (seqs.get(symbol) ?? 0) + 1;
      seqs.set(symbol, seq);
      const surface = { ...(templates.get(symbol) as MarketSurface), seq, generatedAtMs: Date.now() };
      const t0 = nowMs();
      sentAt.set(`${symbol}:${seq}`, t0);
      await engine.publishSurface(surface);
      writeMs.push(nowMs() - t0);
    };
    const received = (): number => clients.reduce((n, c) => n + c.updates, 0);
    const drain = (): number[] => clients.flatMap((c) => c.samples.splice(0)).sort((x, y) => x - y);
    log(`setup: 1 engine -> redis-server -> 2 gateways x ${CLIENTS_PER_GATEWAY} ws clients (all in-process); surface payload ${payloadBytes} bytes (44 signed quotes)`);

    // Phase 1: paced.
    let base = received();
    let i = 0;
    for (; i < PACED_UPDATES; i++) {
      await publishOne(i);
      await new Promise((r) => setTimeout(r, PACED_INTERVAL_MS));
    }
    let expected = base + PACED_UPDATES * clients.length;
    await waitFor(() => received() >= expected, 20_000);
    const paced = drain();
    const w = [...writeMs].sort((x, y) => x - y);
    log(`paced (${PACED_UPDATES} updates, 1 per ${PACED_INTERVAL_MS} ms + write time): delivered ${received() - base}/${expected - base}`);
    log(`  engine write (one MULTI round trip): p50=${pct(w, 50)} p99=${pct(w, 99)}`);
    log(`  publish -> ws client: p50=${pct(paced, 50)} p99=${pct(paced, 99)} max=${pct(paced, 100)}`);

    // Phase 2: back-to-back.
    writeMs.length = 0;
    base = received();
    const start = nowMs();
    for (let k = 0; k < BURST_UPDATES; k++) await publishOne(i + k);
    const publishedMs = nowMs() - start;
    expected = base + BURST_UPDATES * clients.length;
    const complete = await waitFor(() => received() >= expected, 60_000);
    const elapsedMs = nowMs() - start;
    const burst = drain();
    const wb = [...writeMs].sort((x, y) => x - y);
    log(`burst (${BURST_UPDATES} updates back-to-back): engine ${((BURST_UPDATES / publishedMs) * 1000).toFixed(0)} updates/s written`);
    log(`  deliveries: ${received() - base}/${expected - base}${complete ? '' : ' (timed out)'} in ${elapsedMs.toFixed(0)} ms = ${(((received() - base) / elapsedMs) * 1000).toFixed(0)} deliveries/s (${(((received() - base) * payloadBytes) / elapsedMs / 1000).toFixed(1)} MB/s to clients)`);
    log(`  engine write under load: p50=${pct(wb, 50)} p99=${pct(wb, 99)}`);
    log(`  publish -> ws client under load: p50=${pct(burst, 50)} p99=${pct(burst, 99)}`);
  } finally {
    for (const c of clients) await c.close();
    for (const gw of gateways) await gw.close();
    await engine.stop();
    await redis.stop();
  }
}
