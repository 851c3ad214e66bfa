/**
 * Where the time of the stream path goes: the tick-to-wire scenario (100 clients, binary delta,
 * every tick regenerating one symbol) run under the CPU profiler, its self time split into
 * regeneration, signing, quote rendering, encoding, the store, socket writes and the rest. Only
 * the server process is profiled; the clients run in their own process.
 */
import type { FanoutInfo } from '../engine/src/api/routes/ws/stream-hub.js';
import { MARKET_SYMBOLS } from '../engine/src/feeds/types.js';
import { startBenchEngine } from './support/bench-engine.js';
import { startClients } from './support/client-process.js';
import { breakdown, profile, topFunctions } from './support/cpu-profile.js';

const CLIENTS = 100;
const TICKS = 600;
const GAP_MS = 10;

export default async function bench(log: (line: string) => void): Promise<void> {
  let fanouts = 0;
  const { runtime, feed, streamUrl, signed } = await startBenchEngine((_info: FanoutInfo) => {
    fanouts++;
  });
  const clients = await startClients(streamUrl, CLIENTS, MARKET_SYMBOLS, { format: 'binary', updates: 'delta' });
  for (let i = 0; i < 30; i++) feed.push(feed.tick(MARKET_SYMBOLS[i % 3] ?? 'BTCUSDT', Math.floor(i / 3)));
  const signedBefore = signed();
  const fanoutsBefore = fanouts;
  const { profile: p } = await profile(async () => {
    for (let i = 0; i < TICKS; i++) {
      feed.push(feed.tick(MARKET_SYMBOLS[i % 3] ?? 'BTCUSDT', Math.floor(i / 3)));
      await new Promise((r) => setTimeout(r, GAP_MS));
    }
  });
  await clients.report();
  await runtime.stop();
  const ticks = fanouts - fanoutsBefore;
  const stages = breakdown(p);
  const busy = stages.reduce((n, s) => n + s.ms, 0);
  log(`${TICKS} ticks, ${ticks} surfaces fanned out to ${CLIENTS} binary-delta clients, ${signed() - signedBefore} quotes signed; server busy ${busy.toFixed(0)} ms = ${(busy / ticks).toFixed(3)} ms per tick`);
  for (const s of stages) log(`  ${s.stage.padEnd(48)} ${s.ms.toFixed(0).padStart(6)} ms ${(100 * s.share).toFixed(1).padStart(5)} %  ${(s.ms / ticks).toFixed(3)} ms/tick`);
  log('  busiest functions:');
  for (const f of topFunctions(p, 30)) log(`    ${f.ms.toFixed(0).padStart(6)} ms  ${f.fn}`);
}
