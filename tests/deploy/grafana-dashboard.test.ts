/**
 * ops/: the Grafana dashboard queries only metrics that GET /metrics exposes (asked of the real API
 * route), every panel queries the provisioned Prometheus data source, and Prometheus scrapes the
 * compose services on the port that serves /metrics for their role.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import bs58 from 'bs58';
import { parse } from 'yaml';
import { buildApi, type ApiApp } from '../../engine/src/api/app.js';
import { MemoryStore } from '../../engine/src/cache/memory-store.js';
import { DEFAULT_PROGRAM_ID } from '../../engine/src/config/defaults.js';
import { loadConfig } from '../../engine/src/config/index.js';
import { EngineMetrics } from '../../engine/src/metrics/engine-metrics.js';
import { createSigner } from '../../engine/src/signer/sign.js';
import { declaredNames } from '../helpers/prometheus.js';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

interface Panel {
  readonly type: string;
  readonly title: string;
  readonly datasource?: { readonly type: string; readonly uid: string };
  readonly targets?: ReadonlyArray<{ readonly expr: string; readonly datasource?: { readonly uid: string } }>;
}

const dashboard = JSON.parse(read('ops/grafana/dashboards/exec-trade.json')) as { uid: string; title: string; panels: Panel[] };
const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

/** Metric names in a PromQL expression: identifiers that are not functions, keywords or label names. */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const names = new Set<string>();
  for (const m of bare.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)) {
    const name = m[1] as string;
    if (!/^(and|or|unless|offset|bool)$/.test(name)) names.add(name);
  }
  return [...names];
}

/** The names a query uses that `exposed` (families declared by /metrics) does not provide. */
function unknownMetrics(expr: string, exposed: ReadonlySet<string>): string[] {
  return metricNamesIn(expr).filter((n) => !exposed.has(n) && !exposed.has(n.replace(/_(bucket|sum|count)$/, '')));
}

describe('ops/grafana and ops/prometheus', () => {
  let api: ApiApp;
  let exposed: Set<string>;
  beforeAll(async () => {
    const logger = pino({ level: 'silent' });
    api = buildApi({
      logger,
      store: new MemoryStore({ logger, quoteRetentionMs: 10_000 }),
      symbols: ['BTCUSDT'],
      oracle: { signer: bs58.encode(createSigner(new Uint8Array(32).fill(3)).publicKey), settlementSigner: bs58.encode(createSigner(new Uint8Array(32).fill(4)).publicKey), programId: DEFAULT_PROGRAM_ID, cluster: 'devnet', epoch: 1n, simulated: true },
      ws: { maxSubscriptions: 3, maxFrameBytes: 4096, heartbeatMs: 5000, maxBufferedBytes: 1 << 20 },
      metrics: new EngineMetrics({ role: 'all', version: 'test', simulated: true }),
    });
    await api.app.ready();
    const res = await api.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    exposed = declaredNames(res.body);
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('the dashboard queries only metrics GET /metrics exposes', () => {
    expect(queries.length).toBeGreaterThan(40);
    const used = new Set(queries.flatMap((q) => metricNamesIn(q.expr)));
    expect(used.size).toBeGreaterThan(30);
    expect(queries.flatMap((q) => unknownMetrics(q.expr, exposed).map((n) => `${q.panel}: ${n}`))).toEqual([]);
    // and covers every exec_ family but build info
    const families = [...exposed].filter((n) => n.startsWith('exec_') && n !== 'exec_build_info');
    expect(families.filter((f) => ![...used].some((u) => u === f || u.replace(/_(bucket|sum|count)$/, '') === f))).toEqual([]);
  });

  it('the check can fail: a misspelt or removed metric is reported', () => {
    expect(unknownMetrics('sum by (venue) (rate(exec_feed_mesages_total[1m]))', exposed)).toEqual(['exec_feed_mesages_total']);
    expect(unknownMetrics('histogram_quantile(0.99, sum by (le) (rate(exec_tick_to_frame_seconds_bucket[5m])))', exposed)).toEqual([]);
    expect(unknownMetrics('exec_stream_clients{state="ready"} and on (instance) up', exposed)).toEqual(['up']);
  });

  it('every panel queries the provisioned Prometheus data source, which the dashboard provider loads', () => {
    const sources = parse(read('ops/grafana/provisioning/datasources/prometheus.yml')) as { datasources: Array<{ uid: string; type: string; url: string }> };
    const prometheus = sources.datasources.find((d) => d.type === 'prometheus');
    expect(prometheus?.url).toBe('http://prometheus:9090');
    for (const p of dashboard.panels.filter((x) => x.type !== 'row')) {
      expect(p.datasource?.uid, p.title).toBe(prometheus?.uid);
      for (const t of p.targets ?? []) expect(t.datasource?.uid ?? p.datasource?.uid, p.title).toBe(prometheus?.uid);
    }
    const providers = parse(read('ops/grafana/provisioning/dashboards/exec-trade.yml')) as { providers: Array<{ options: { path: string } }> };
    expect(providers.providers[0]?.options.path).toBe('/var/lib/grafana/dashboards');
  });

  it('Prometheus scrapes /metrics of the engine and the gateway on the port their role serves it', () => {
    const config = parse(read('ops/prometheus/prometheus.yml')) as { scrape_configs: Array<{ metrics_path: string; static_configs: Array<{ targets: string[] }> }> };
    const job = config.scrape_configs[0];
    expect(job?.metrics_path).toBe('/metrics');
    const compose = parse(read('docker-compose.yml')) as { services: Record<string, { environment?: Record<string, string> }> };
    const targets = job?.static_configs.flatMap((s) => s.targets) ?? [];
    expect(targets.sort()).toEqual(['engine:8080', 'gateway:8080']);
    for (const target of targets) {
      const [service, port] = target.split(':');
      const env = Object.fromEntries(Object.entries(compose.services[service as string]?.environment ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));
      const cfg = loadConfig({ env, argv: [] });
      // role engine serves /metrics on its health listener (EXEC_PORT), gateway on its API (EXEC_PORT)
      expect([service, cfg.server.port, cfg.metrics.enabled]).toEqual([service, Number(port), true]);
    }
  });
});
