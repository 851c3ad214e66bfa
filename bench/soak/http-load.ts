/**
 * HTTP load for the soak: `concurrency` keep-alive loops over the read routes and the transaction
 * route, each request timed. Loopback only.
 */
import { Agent, request } from 'node:http';
import { Reservoir, percentile } from './stats.js';

export interface RouteFigures {
  readonly route: string;
  readonly requests: number;
  readonly perSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly statuses: Record<string, number>;
}

interface Route {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  path(): string;
  readonly body?: string;
}

export async function runHttpLoad(base: string, durationMs: number, concurrency: number, quoteId: () => string | null): Promise<RouteFigures[]> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`loopback only: ${base}`);
  const trader = '11111111111111111111111111111111';
  const routes: Route[] = [
    { name: 'GET /v1/markets/:symbol', method: 'GET', path: () => '/v1/markets/BTCUSDT' },
    { name: 'GET /v1/quotes/:id', method: 'GET', path: () => `/v1/quotes/${quoteId() ?? '0'.repeat(32)}` },
    { name: 'GET /v1/oracle', method: 'GET', path: () => '/v1/oracle' },
    { name: 'GET /v1/health', method: 'GET', path: () => '/v1/health' },
    { name: 'POST /v1/quotes/:id/transaction', method: 'POST', path: () => `/v1/quotes/${quoteId() ?? '0'.repeat(32)}/transaction`, body: JSON.stringify({ trader, side: 'up', size: '1000000' }) },
  ];
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const send = (r: Route): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = request(`${base}${r.path()}`, { method: r.method, agent, headers: r.body ? { 'content-type': 'application/json' } : {} }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(r.body);
    });
  const stats = routes.map(() => ({ n: 0, lat: new Reservoir(50_000), statuses: {} as Record<string, number> }));
  const end = Date.now() + durationMs;
  let next = 0;
  const loop = async (): Promise<void> => {
    while (Date.now() < end) {
      const i = next++ % routes.length;
      const r = routes[i]!;
      const t = performance.now();
      try {
        const status = await send(r);
        stats[i]!.statuses[status] = (stats[i]!.statuses[status] ?? 0) + 1;
      } catch {
        stats[i]!.statuses['error'] = (stats[i]!.statuses['error'] ?? 0) + 1;
      }
      stats[i]!.n += 1;
      stats[i]!.lat.add(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  agent.destroy();
  return routes.map((r, i) => {
    const s = stats[i]!.lat.sorted();
    return { route: r.name, requests: stats[i]!.n, perSec: stats[i]!.n / (durationMs / 1000), p50Ms: percentile(s, 50), p99Ms: percentile(s, 99), statuses: stats[i]!.statuses };
  });
}
