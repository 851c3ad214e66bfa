/**
 * Aggregator hot path: time from a tick entering Aggregator.ingest() to the IndexSnapshot reaching
 * a listener, over realistic sim ticks (4 venues x 3 symbols, one venue an outlier, one silent at
 * times). Also the raw cost of producing sim ticks.
 */
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { Aggregator } from '../engine/src/aggregator/aggregator.js';
import { SimFeed } from '../engine/src/feeds/sim/sim-feed.js';
import type { Tick } from '../engine/src/feeds/types.js';

function pct(sorted: Float64Array, p: number): string {
  const v = sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
  return `${(v * 1000).toFixed(1)} µs`;
}

export default async function bench(log: (line: string) => void): Promise<void> {
  const logger = pino({ level: 'silent' });
  let t = 1_700_000_000_000;
  const now = (): number => t;
  const sim = new SimFeed({ logger, manual: true, seed: 9, now });
  const ticks: Tick[] = [];
  sim.onTick((x) => ticks.push(x));
  sim.deviate('bybit', 80, ['ETHUSDT']);
  const steps = 20_000;
  const simStart = performance.now();
  for (let i = 0; i < steps; i += 1) {
    t += 100;
    if (i === steps / 2) sim.silence('kraken');
    sim.step();
  }
  const simMs = performance.now() - simStart;
  log(`sim: ${ticks.length} ticks in ${simMs.toFixed(0)} ms (${((ticks.length / simMs) * 1000).toFixed(0)} ticks/s)`);

  const agg = new Aggregator({ logger, allowSimulated: true, now, evaluateIntervalMs: 0 });
  let received = 0;
  let sent = 0;
  agg.onSnapshot(() => {
    received += 1;
  });
  await agg.start();
  const lat = new Float64Array(ticks.length);
  const loopStart = performance.now();
  for (let i = 0; i < ticks.length; i += 1) {
    const tick = ticks[i]!;
    t = tick.receivedTs;
    const s = performance.now();
    agg.ingest(tick);
    lat[i] = performance.now() - s;
    sent += 1;
  }
  const loopMs = performance.now() - loopStart;
  await agg.stop();
  lat.sort();
  log(`aggregator throughput: ${((sent / loopMs) * 1000).toFixed(0)} ticks/s (mean ${((loopMs / sent) * 1000).toFixed(1)} µs/tick incl. timing)`);
  log(`aggregator ingest->snapshot: n=${sent} snapshots=${received} p50=${pct(lat, 50)} p99=${pct(lat, 99)} p99.9=${pct(lat, 99.9)} max=${pct(lat, 100)}`);
}
