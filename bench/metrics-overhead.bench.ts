/**
 * The cost of metrics on the tick path: tick-to-wire's 100-client binary-delta scenario with
 * EXEC_METRICS=false and =true, alternated (off, on, off, on) in this run, the `on` runs rendering
 * /metrics every second (Prometheus scrapes every 5 s in docker-compose), pooled and reported as
 * on ÷ off for tick→last send (the server's last socket write) and tick→client receipt.
 * End-to-end ratios on 2 shared cores are noisy, so it also times, in isolation, what metrics add
 * to each published surface: the two hooks the tick path calls (observeRegeneration in the quote
 * engine, observeSurfaceFrame in the API), per call, beside that tick's own tick→last send.
 */
import { runScenario, type Scenario, type ScenarioTimes } from './tick-to-wire.bench.js';
import { performance } from 'node:perf_hooks';
import { EngineMetrics } from '../engine/src/metrics/engine-metrics.js';
import { cols, pct, ratio } from './support/stats.js';

export default async function bench(log: (line: string) => void): Promise<void> {
  const rows = await metricsOverhead(log);
  log(`${'clients, mode'.padStart(28)} | measure               |        p50        p99        max |`);
  for (const row of rows) log(row);
  const perSurfaceNs = hookCost();
  const offP50Ms = pct(lastOffWritten, 50);
  log(`metrics hooks per published surface (observeRegeneration + observeSurfaceFrame, 200,000 surfaces over 3 symbols, best of 5): ${perSurfaceNs.toFixed(0)} ns = ${((perSurfaceNs / 1e6 / offP50Ms) * 100).toFixed(3)}% of tick→last send p50 with metrics off (${offP50Ms.toFixed(3)} ms)`);
  log('goal: metrics on ÷ off ≈ 1 (within run-to-run noise, which the two off runs show)');
}

let lastOffWritten: number[] = [];

/** ns per published surface spent in the two metrics hooks of the tick path (the real EngineMetrics). */
function hookCost(): number {
  const metrics = new EngineMetrics({ role: 'all', version: 'bench', simulated: true });
  const symbols = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
  const n = 200_000;
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const symbol = symbols[i % 3]!;
      const now = Date.now();
      metrics.observeRegeneration(symbol, 0.0004);
      // a new index every surface: the tick→frame histogram is observed too (the dearer path)
      metrics.observeSurfaceFrame({ symbol, generatedAtMs: now - 1, index: { ts: now - 2 - i / n } }, now);
    }
    best = Math.min(best, ((performance.now() - t0) * 1e6) / n);
  }
  return best;
}

async function metricsOverhead(log: (line: string) => void): Promise<string[]> {
  const base: Scenario = { clients: 100, measured: 300, gapMs: 20, format: 'binary', updates: 'delta' };
  const runs: Record<'off' | 'on', ScenarioTimes[]> = { off: [], on: [] };
  for (const mode of ['off', 'on', 'off', 'on'] as const) {
    log(`  running 100 clients, binary delta, metrics ${mode}…`);
    await runScenario({ ...base, metrics: mode === 'on', ...(mode === 'on' ? { scrapeEveryMs: 1_000 } : {}) }, (t) => runs[mode].push(t));
  }
  const all = (mode: 'off' | 'on', k: 'written' | 'received'): number[] => runs[mode].flatMap((r) => r[k]);
  const pad = ''.padStart(28);
  const scrapes = runs.on.flatMap((r) => r.scrapes);
  const rows: string[] = [];
  for (const [k, what] of [['written', 'tick→last send'], ['received', 'tick→client recv']] as const) {
    const off = all('off', k);
    const on = all('on', k);
    if (k === 'written') lastOffWritten = off;
    rows.push(`${'100 binary delta, metrics off'.padStart(28)} | ${what.padEnd(21)} | ${cols(off)} | ${off.length} samples`);
    rows.push(`${'metrics on'.padStart(28)} | ${what.padEnd(21)} | ${cols(on)} | on ÷ off: p50 ${ratio(pct(on, 50), pct(off, 50))}, p99 ${ratio(pct(on, 99), pct(off, 99))}; ${scrapes.length} scrapes during the runs, render p50 ${pct(scrapes, 50).toFixed(2)} ms, max ${Math.max(...scrapes).toFixed(2)} ms`);
  }
  const [off1, off2] = runs.off.map((r) => r.written);
  rows.push(`${pad} | (two off and two on runs, alternated, pooled; noise: off run 2 ÷ off run 1, tick→last send p50 ${ratio(pct(off2!, 50), pct(off1!, 50))}, p99 ${ratio(pct(off2!, 99), pct(off1!, 99))})`);
  return rows;
}
