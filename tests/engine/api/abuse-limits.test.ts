/**
 * Abuse limits, security headers and CORS (issue 11), each against the real API: WebSocket limits
 * over real loopback sockets (so the limit sees the client's real IP), HTTP limits through inject.
 * Every rejection carries its documented code (docs/errors.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApi, type Harness } from './harness.js';
import type { ChainInfo } from '../../../engine/src/chain/chain-access.js';

interface Closed {
  readonly code: number;
  readonly frames: { type: string; code?: string }[];
}

/** Opens a client on the listening API and resolves when it closes (or after `openMs` still open: null). */
function client(base: string, onOpen: (ws: WebSocket) => void = () => undefined, openMs = 3_000): Promise<Closed | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${base}/v1/stream`);
    const frames: Closed['frames'] = [];
    const timer = setTimeout(() => {
      ws.terminate();
      resolve(null);
    }, openMs);
    ws.on('message', (d) => frames.push(JSON.parse(d.toString()) as Closed['frames'][number]));
    ws.on('open', () => onOpen(ws));
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, frames });
    });
  });
}

describe('abuse limits', () => {
  let h: Harness | undefined;
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await h?.close();
    h = undefined;
  });

  async function listening(options: Parameters<typeof startApi>[0]): Promise<string> {
    h = await startApi(options);
    const address = await h.app.listen({ host: '127.0.0.1', port: 0 });
    return address.replace('http', 'ws');
  }

  // With stream workers the limit must hold over all of them: connections from one IP are spread
  // over both workers, so a per-worker count would let twice as many in.
  it.each([0, 2])('connections per IP (%i stream workers): one more than EXEC_WS_MAX_CONNECTIONS_PER_IP gets EXEC_ERR_WS_TOO_MANY_CONNECTIONS and 1008', async (streamWorkers) => {
    const base = await listening({ ws: { maxConnectionsPerIp: 2 }, streamWorkers });
    const open = await Promise.all([0, 1].map(() => new Promise<WebSocket>((r) => {
      const ws = new WebSocket(`${base}/v1/stream`);
      sockets.push(ws);
      ws.once('open', () => r(ws));
    })));
    const third = await client(base, () => undefined, 2_000);
    expect(third?.code).toBe(1008);
    expect(third?.frames[0]).toMatchObject({ type: 'error', code: 'EXEC_ERR_WS_TOO_MANY_CONNECTIONS' });
    const health = async (): Promise<unknown> => ((await h!.app.inject({ method: 'GET', url: '/v1/health' })).json() as { stream: unknown }).stream;
    await expect.poll(health, { timeout: 2_000 }).toMatchObject({ clients: 2, connectionsRefused: 1 });
    // a slot frees when a client leaves
    open[0]!.close();
    await expect.poll(health, { timeout: 2_000 }).toMatchObject({ clients: 1 });
    expect(await client(base, () => undefined, 500)).toBeNull();
  });

  it('messages per second: a flood gets EXEC_ERR_WS_RATE_LIMITED and 1008; a client under the limit stays', async () => {
    const base = await listening({ ws: { maxMessagesPerSec: 5 } });
    const flood = await client(base, (ws) => {
      for (let i = 0; i < 12; i++) ws.send(JSON.stringify({ op: 'subscribe', symbols: ['BTCUSDT'] }));
    });
    expect(flood?.code).toBe(1008);
    expect(flood?.frames.at(-1)).toMatchObject({ type: 'error', code: 'EXEC_ERR_WS_RATE_LIMITED' });
    const polite = await client(base, (ws) => {
      let n = 0;
      const t = setInterval(() => (n++ < 8 ? ws.send(JSON.stringify({ op: 'subscribe', symbols: ['ETHUSDT'] })) : clearInterval(t)), 250);
    }, 2_500);
    expect(polite).toBeNull();
    expect(h!.hub.stats().rateLimitedClients).toBe(1);
  });

  it('HTTP per IP: 429 EXEC_ERR_RATE_LIMITED with Retry-After; the terminal files are not limited; the transaction route has its own lower limit', async () => {
    h = await startApi({ http: { rateLimitMax: 5, rateLimitWindowMs: 60_000, txRateLimitMax: 2 } });
    const get = (url: string) => h!.app.inject({ method: 'GET', url, remoteAddress: '10.1.2.3' });
    for (let i = 0; i < 5; i++) expect((await get('/v1/oracle')).statusCode).toBe(200);
    const limited = await get('/v1/oracle');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'EXEC_ERR_RATE_LIMITED' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // another IP is not affected, nor are the terminal's static files
    expect((await h.app.inject({ method: 'GET', url: '/v1/oracle', remoteAddress: '10.9.9.9' })).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) expect((await get('/')).statusCode).toBe(200);
    const tx = () => h!.app.inject({ method: 'POST', url: `/v1/quotes/${'ab'.repeat(16)}/transaction`, payload: {}, remoteAddress: '10.7.7.7' });
    expect((await tx()).statusCode).not.toBe(429);
    expect((await tx()).statusCode).not.toBe(429);
    expect((await tx()).statusCode).toBe(429);
  });

  it('security headers and a CSP that allows the terminal only its own origin', async () => {
    h = await startApi();
    const res = await h.app.inject({ method: 'GET', url: '/' });
    const csp = String(res.headers['content-security-policy']);
    for (const d of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) expect(csp).toContain(d);
    expect(csp).not.toContain('upgrade-insecure-requests'); // served over plain http on loopback
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it("CSP connect-src: the chain the oracle names (its RPC and PubSub origins), once it is known, and nothing else", async () => {
    let chain: ChainInfo = { status: 'starting', detail: 'building', rpcUrl: null, wsUrl: null, collateralMint: null, local: true };
    h = await startApi({ chainInfo: () => chain });
    const connectSrc = async (): Promise<string> => {
      const csp = String((await h!.app.inject({ method: 'GET', url: '/' })).headers['content-security-policy']);
      return /connect-src ([^;]*)/.exec(csp)?.[1]?.trim() ?? '';
    };
    expect(await connectSrc()).toBe("'self'");
    chain = { status: 'ready', detail: null, rpcUrl: 'http://127.0.0.1:41359/', wsUrl: 'ws://127.0.0.1:41360', collateralMint: null, local: true };
    expect(await connectSrc()).toBe("'self' http://127.0.0.1:41359 ws://127.0.0.1:41360");
  });

  it('CORS: no cross-origin access by default; configured origins only', async () => {
    h = await startApi();
    const plain = await h.app.inject({ method: 'GET', url: '/v1/oracle', headers: { origin: 'https://evil.example' } });
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    await h.close();
    h = await startApi({ http: { corsOrigins: ['https://app.example.com'] } });
    const ok = await h.app.inject({ method: 'GET', url: '/v1/oracle', headers: { origin: 'https://app.example.com' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const other = await h.app.inject({ method: 'GET', url: '/v1/oracle', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await h.app.inject({
      method: 'OPTIONS',
      url: '/v1/quotes/x/transaction',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
  });
});
