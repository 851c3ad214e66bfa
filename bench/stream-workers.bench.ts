/**
 * Fan-out across stream workers: N binary-delta clients (in a separate process) on the API served by
 * 0 (in-process), 1 or 2 stream workers, while presigned surfaces of three symbols are published at
 * a fixed rate. Reports deliveries/s reaching the clients and server CPU (API process + workers)
 * per delivery, in one run. Surfaces are signed before the clock starts: this measures fan-out, not
 * signing. Loopback only; the client process shares the machine's cores with the server.
 */
import { pino } from 'pino';
import bs58 from 'bs58';
import { buildApi } from '../engine/src/api/app.js';
import { MemoryStore } from '../engine/src/cache/memory-store.js';
import { createSigner } from '../engine/src/signer/sign.js';
import { DEFAULT_PROGRAM_ID } from '../engine/src/config/defaults.js';
import type { MarketSurface } from '../engine/src/market/types.js';
import { MARKET_SYMBOLS, type MarketSymbol } from '../engine/src/feeds/types.js';
import { deriveSurface, makeSurface } from '../tests/helpers/market-surface.js';
import { startClients } from './support/client-process.js';

const signer = createSigner(new Uint8Array(32).fill(11));
const RATE_PER_SYMBOL_HZ = 20;
const SECONDS = 8;

/** Each symbol's surfaces, seq 1.., about a third of the quotes re-signed per surface (like the demo). */
function presign(count: number): Map<MarketSymbol, MarketSurface[]> {
  const out = new Map<MarketSymbol, MarketSurface[]>();
  for (const symbol of MARKET_SYMBOLS) {
    const list = [makeSurface({ symbol, seq: 1, signer, validForMs: 600_000 })];
    for (let seq = 2; seq <= count; seq++) {
      const prev = list[list.length - 1] as MarketSurface;
      list.push(deriveSurface(prev, seq, signer, (r, j) => (r + j + seq) % 3 !== 0) as (typeof list)[number]);
    }
    out.set(symbol, list);
  }
  return out;
}

async function run(clients: number, workers: number, surfaces: Map<MarketSymbol, MarketSurface[]>): Promise<string> {
  const logger = pino({ level: 'silent' });
  const store = new MemoryStore({ logger, quoteRetentionMs: 600_000 });
  await store.start();
  const api = buildApi({
    logger,
    store,
    symbols: MARKET_SYMBOLS,
    oracle: { signer: bs58.encode(signer.publicKey), programId: DEFAULT_PROGRAM_ID, cluster: 'devnet', epoch: 1n, simulated: true, settlementSigner: bs58.encode(signer.publicKey) },
    ws: { maxSubscriptions: 3, maxFrameBytes: 4096, heartbeatMs: 60_000, maxBufferedBytes: 64 * 1024 * 1024 },
    streamWorkers: workers,
  });
  const address = await api.app.listen({ host: '127.0.0.1', port: 0 });
  let next = 0;
  const publish = async (): Promise<void> => {
    for (const symbol of MARKET_SYMBOLS) await store.publishSurface((surfaces.get(symbol) as MarketSurface[])[next] as MarketSurface);
    next++;
  };
  await publish();
  const client = await startClients(`${address.replace('http', 'ws')}/v1/stream`, clients, MARKET_SYMBOLS, { format: 'binary', updates: 'delta' });
  const cpu0 = process.cpuUsage();
  const w0 = (await api.workers?.stats()) ?? [];
  const t0 = performance.now();
  const startedAtMs = performance.timeOrigin + t0;
  const ticks = SECONDS * RATE_PER_SYMBOL_HZ;
  for (let i = 0; i < ticks; i++) {
    await publish();
    const due = t0 + ((i + 1) * 1000) / RATE_PER_SYMBOL_HZ;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
  const elapsedMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 500));
  const cpu1 = process.cpuUsage(cpu0);
  const w1 = (await api.workers?.stats()) ?? [];
  const report = await client.report();
  await api.app.close();
  await store.stop();
  const expected = ticks * MARKET_SYMBOLS.length * clients;
  const deliveries = report.keys.length;
  const workerCpuUs = w1.reduce((n, w) => n + w.cpuUserUs + w.cpuSystemUs, 0) - w0.reduce((n, w) => n + w.cpuUserUs + w.cpuSystemUs, 0);
  const serverCpuUs = cpu1.user + cpu1.system + workerCpuUs;
  // From the first publish to the last frame any client received (the clients may lag the publisher).
  const spanMs = Math.max(elapsedMs, report.lastAtMs - startedAtMs);
  const perSec = (deliveries / spanMs) * 1000;
  return (
    `${String(clients).padStart(6)} clients, ${workers === 0 ? 'in-process' : `${workers} worker${workers > 1 ? 's' : ''}`.padEnd(10)} | ` +
    `${Math.round(perSec).toLocaleString('en-US').padStart(9)} deliveries/s of ${((expected / elapsedMs) * 1000).toFixed(0)} offered (${deliveries}/${expected} delivered) | ` +
    `server CPU ${(serverCpuUs / 1000).toFixed(0).padStart(6)} ms = ${(serverCpuUs / Math.max(1, deliveries)).toFixed(2)} µs/delivery ` +
    `(API ${((cpu1.user + cpu1.system) / 1000).toFixed(0)} ms, workers ${(workerCpuUs / 1000).toFixed(0)} ms) | ` +
    `${(report.bytes / Math.max(1, report.frames)).toFixed(0)} B/frame, closes ${JSON.stringify(report.closes)}`
  );
}

export default async function bench(log: (line: string) => void): Promise<void> {
  const surfaces = presign(SECONDS * RATE_PER_SYMBOL_HZ + 2);
  log(`3 symbols × ${RATE_PER_SYMBOL_HZ} surfaces/s each for ${SECONDS} s, binary delta, clients in one separate process`);
  for (const clients of [1_000, 5_000]) {
    for (const workers of [0, 1, 2]) log(await run(clients, workers, surfaces));
  }
}
