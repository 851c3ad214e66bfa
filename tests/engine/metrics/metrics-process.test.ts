/**
 * GET /metrics of a real demo engine process (two stream workers, its local chain and keeper, a real
 * redis-server as its store): every metric the README lists is exposed with samples, and the values
 * move with what happens: clients connecting and leaving (summed over the workers), frames and
 * bytes sent, requests by route and status, quotes signed, surfaces timed, the keeper's actions,
 * Redis going away and coming back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEngine, type EngineProcess } from '../../helpers/engine-process.js';
import { demoChainReady, until } from '../../helpers/demo-chain.js';
import { startRedisServer, type RedisServerHandle } from '../../helpers/redis-server.js';
import { declaredNames, metricValue, parseMetrics, readmeMetricNames, sampledNames, type Sample } from '../../helpers/prometheus.js';

/** Counted only when it happens (a route label is known only then). */
const ON_EVENT_ONLY = new Set(['exec_http_response_contract_violations_total']);

describe('GET /metrics on a demo engine process', () => {
  let engine: EngineProcess;
  let redis: RedisServerHandle;
  const dataDir = mkdtempSync(join(tmpdir(), 'exec-metrics-'));
  const scrape = async (): Promise<Sample[]> => {
    const res = await fetch(`${engine.base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseMetrics(await res.text());
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    engine = await startEngine(
      ['--demo'],
      {
        EXEC_REDIS_URL: redis.url,
        EXEC_REDIS_KEY_PREFIX: `m${randomBytes(3).toString('hex')}:`,
        EXEC_DATA_DIR: dataDir,
        EXEC_SYMBOLS: 'BTCUSDT',
        EXEC_EXPIRIES: '15s',
        EXEC_TRADING_CLOSE_SEC: '4',
        EXEC_STREAM_WORKERS: '2',
      },
      60_000,
    );
    await demoChainReady(engine.base);
  }, 200_000);

  afterAll(async () => {
    await engine?.stop();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exposes every metric the README lists, with samples, in the Prometheus text format', async () => {
    const listed = readmeMetricNames();
    expect(listed.length).toBeGreaterThan(30);
    const text = async (): Promise<string> => (await fetch(`${engine.base}/metrics`)).text();
    const declared = declaredNames(await text());
    expect(listed.filter((n) => !declared.has(n))).toEqual([]);
    // keeper actions appear once the keeper pre-opened the next rounds
    const wanted = listed.filter((n) => !ON_EVENT_ONLY.has(n));
    const names = await until('every listed metric', 30_000, async () => {
      const have = sampledNames(parseMetrics(await text()));
      return wanted.every((n) => have.has(n)) ? have : null;
    }).catch(async () => sampledNames(parseMetrics(await text())));
    expect(wanted.filter((n) => !names.has(n))).toEqual([]);
    expect(names.has('process_cpu_seconds_total') && names.has('nodejs_eventloop_lag_seconds')).toBe(true);
  }, 60_000);

  it('moves with the stream (summed over both workers), HTTP requests, signing and surface timing', async () => {
    const before = await scrape();
    const clients = await Promise.all(
      [0, 1, 2].map(async () => {
        const ws = new WebSocket(`${engine.base.replace('http', 'ws')}/v1/stream`);
        await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
        ws.send(JSON.stringify({ op: 'subscribe', symbols: ['BTCUSDT'] }));
        return ws;
      }),
    );
    const sent = (s: Sample[], name: string): number => (metricValue(s, name) ?? 0) - (metricValue(before, name) ?? 0);
    // 3 clients, each sent at least its ack and snapshot
    const during = await until('3 stream clients with their first frames', 30_000, async () => {
      const s = await scrape();
      return metricValue(s, 'exec_stream_clients') === 3 && sent(s, 'exec_stream_frames_sent_total') >= 6 ? s : null;
    });
    expect(metricValue(during, 'exec_stream_workers', { state: 'ready' })).toBe(2);
    expect(sent(during, 'exec_stream_bytes_sent_total')).toBeGreaterThan(1_000);

    clients[0]?.close();
    await until('2 stream clients', 30_000, async () => (metricValue(await scrape(), 'exec_stream_clients') === 2 ? true : null));
    for (const ws of clients) ws.close();

    const route = { method: 'GET', route: '/v1/quotes/:quoteId', status: '400' };
    const bad400 = metricValue(await scrape(), 'exec_http_requests_total', route) ?? 0;
    expect((await fetch(`${engine.base}/v1/quotes/not-a-quote-id`)).status).toBe(400);
    expect(metricValue(await scrape(), 'exec_http_requests_total', route)).toBe(bad400 + 1);
    const moving = ['exec_quotes_signed_total', 'exec_surface_regeneration_seconds_count', 'exec_tick_to_frame_seconds_count', 'exec_store_surface_lag_seconds_count', 'exec_feed_messages_total'];
    const after = await until('signing, surfaces and feeds to move', 30_000, async () => {
      const s = await scrape();
      return moving.every((name) => (metricValue(s, name) ?? 0) > (metricValue(before, name) ?? 0)) ? s : null;
    });
    expect(metricValue(after, 'exec_index_providers', { symbol: 'BTCUSDT' })).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('counts the keeper settling rounds on the local chain', async () => {
    const settled = await until('a settle_round outcome', 60_000, async () => {
      const s = await scrape();
      const n = ['settled', 'already-settled', 'no-round'].reduce((sum, outcome) => sum + (metricValue(s, 'exec_keeper_actions_total', { action: 'settle', outcome }) ?? 0), 0);
      return n > 0 ? s : null;
    });
    expect(metricValue(settled, 'exec_keeper_actions_total', { action: 'pre_open', outcome: 'opened' }) ?? 0).toBeGreaterThan(0);
    expect(metricValue(settled, 'exec_keeper_failures_total', { action: 'settle' })).toBe(0);
  }, 90_000);

  it('shows Redis going away and coming back', async () => {
    const up = await scrape();
    expect(metricValue(up, 'exec_store_up', { backend: 'redis' })).toBe(1);
    expect(metricValue(up, 'exec_redis_ping_seconds')).toBeGreaterThanOrEqual(0);
    expect(metricValue(up, 'exec_store_writer_lease_held')).toBe(1);
    await redis.kill();
    const down = await until('the store down', 30_000, async () => {
      const s = await scrape();
      return metricValue(s, 'exec_store_up', { backend: 'redis' }) === 0 ? s : null;
    });
    expect(metricValue(down, 'exec_redis_ping_seconds')).toBeUndefined();
    await redis.restart();
    await until('the store back', 30_000, async () => (metricValue(await scrape(), 'exec_store_up', { backend: 'redis' }) === 1 ? true : null));
  }, 60_000);
});
