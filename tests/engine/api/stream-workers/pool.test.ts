/**
 * Stream workers, as real processes on real sockets: clients spread over the workers all hold the
 * published surfaces at every seq; a retired worker's clients carry on in another worker with no
 * close and no missing seq (binary delta and JSON alike); a new worker joins mid-stream without a
 * gap; a killed worker's clients reconnect and resync, and the worker is replaced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { deriveSurface, makeSurface } from '../../../helpers/market-surface.js';
import type { MarketSurface } from '../../../../engine/src/market/types.js';
import type { MarketSymbol } from '../../../../engine/src/feeds/types.js';
import { filterSurface } from '../../../../engine/src/api/stream/surface-view.js';
import type { SubscribeOptions } from '../../../../engine/src/client/stream/subscribe.js';
import { listenStream, signer, startApi, type Harness } from '../harness.js';
import { StreamProbe } from '../stream-probe.js';

const SYMBOLS: MarketSymbol[] = ['BTCUSDT', 'ETHUSDT'];

describe('stream workers', () => {
  let h: Harness | undefined;
  const probes: StreamProbe[] = [];
  const publishers: Array<{ stop: () => Promise<void> }> = [];
  afterEach(async () => {
    for (const p of publishers.splice(0)) await p.stop();
    for (const p of probes.splice(0)) p.close();
    await h?.close();
    h = undefined;
  });

  async function listen(workers: number, maxBufferedBytes?: number): Promise<string> {
    h = await startApi({ streamWorkers: workers, ...(maxBufferedBytes === undefined ? {} : { ws: { maxBufferedBytes } }) });
    return listenStream(h);
  }

  async function open(url: string, options: SubscribeOptions, symbols: readonly string[] = SYMBOLS): Promise<StreamProbe> {
    const p = await StreamProbe.open(url, options);
    probes.push(p);
    p.subscribe(symbols);
    return p;
  }

  /** Publishes surface after surface of each symbol, some quotes kept, until stopped. */
  function publisher(every: number): { published: Map<string, MarketSurface>; stop: () => Promise<void>; last: (s: MarketSymbol) => number } {
    const published = new Map<string, MarketSurface>();
    const latest = new Map<MarketSymbol, MarketSurface>();
    const store = h?.store;
    let running = true;
    let i = 0;
    const done = (async () => {
      while (running) {
        const symbol = SYMBOLS[i++ % SYMBOLS.length] as MarketSymbol;
        const prev = latest.get(symbol);
        const next = prev === undefined ? makeSurface({ symbol, seq: 1, signer }) : deriveSurface(prev, prev.seq + 1, signer, (r, j) => (r + j + prev.seq) % 3 !== 0);
        latest.set(symbol, next);
        published.set(`${symbol}:${next.seq}`, next);
        await store?.publishSurface(next);
        await new Promise((r) => setTimeout(r, every));
      }
    })();
    const stop = async (): Promise<void> => {
      running = false;
      await done;
    };
    publishers.push({ stop });
    return { published, stop, last: (s) => latest.get(s)?.seq ?? 0 };
  }

  function expectHeld(p: StreamProbe, published: Map<string, MarketSurface>, filter = { rounds: null, strikes: null }): void {
    for (const symbol of SYMBOLS) {
      const seqs = [...(p.bySeq.get(symbol)?.keys() ?? [])];
      expect(seqs.length).toBeGreaterThan(3);
      for (const seq of seqs) expect(p.bySeq.get(symbol)?.get(seq), `${symbol}#${seq}`).toEqual(filterSurface(published.get(`${symbol}:${seq}`) as MarketSurface, filter));
    }
  }

  /** Seqs of a symbol's frames since its first snapshot: contiguous means no gap. */
  function expectContiguousSymbol(p: StreamProbe, symbol: string): void {
    const seqs = p.log.filter((l) => l.split(':')[1] === symbol).map((l) => Number(l.split(':')[2]));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i], `${symbol} after ${seqs[i - 1]} (${p.log.join(' ')})`).toBe((seqs[i - 1] as number) + 1);
  }

  function expectContiguous(p: StreamProbe): void {
    for (const symbol of SYMBOLS) expectContiguousSymbol(p, symbol);
  }

  it('clients spread over two workers hold the published surfaces with the same seqs', async () => {
    const url = await listen(2);
    expect(h?.workers?.readyCount).toBe(2);
    const pub = publisher(15);
    const clients = await Promise.all([0, 1, 2, 3].map((i) => open(url, i % 2 ? { format: 'binary', updates: 'delta' } : {})));
    await new Promise((r) => setTimeout(r, 600));
    await pub.stop();
    for (const symbol of SYMBOLS) for (const c of clients) await c.waitFor(symbol, pub.last(symbol));
    const stats = (await h?.workers?.stats()) ?? [];
    expect(stats.map((s) => s.clients).sort()).toEqual([2, 2]);
    const health = (await h?.app.inject({ method: 'GET', url: '/v1/health' }))?.json() as { stream: { framesSent: number; bytesSent: number } };
    expect(health.stream).toEqual({ workers: 2, ready: 2, clients: 4, connectionsRefused: 0, slowConsumersCut: 0, pingTimeouts: 0, rateLimitedClients: 0, subscriptionLimitClients: 0, framesSent: expect.any(Number), bytesSent: expect.any(Number) });
    // the workers' frame counters, summed by the primary, cover at least every surface frame the clients logged
    const logged = clients.reduce((n, c) => n + c.log.length, 0);
    expect(health.stream.framesSent).toBeGreaterThanOrEqual(logged);
    expect(health.stream.bytesSent).toBeGreaterThan(health.stream.framesSent * 2);
    for (const c of clients) {
      expectHeld(c, pub.published);
      expectContiguous(c);
      expect(c.resubscribes).toBe(0);
    }
  });

  it('retiring a worker hands its clients to another without a close or a missing seq', async () => {
    const url = await listen(2);
    const pub = publisher(10);
    const views: SubscribeOptions[] = [{ format: 'binary', updates: 'delta' }, {}, { format: 'binary', updates: 'delta', strikes: 1 }, { updates: 'delta' }];
    const clients = await Promise.all(views.map((v) => open(url, v)));
    for (const c of clients) await c.waitFor('BTCUSDT', 3);
    const before = (await h?.workers?.stats()) ?? [];
    const busiest = before.reduce((a, b) => (b.clients > a.clients ? b : a));
    expect(busiest.clients).toBeGreaterThan(0);
    const snapshots = clients.map((c) => c.log.filter((l) => l.startsWith('snapshot')).length);

    // When the worker with clients is retired mid-stream
    await h?.workers?.retire(busiest.id);
    await new Promise((r) => setTimeout(r, 400));
    await pub.stop();

    // Then every client is still connected, in the remaining worker, and saw every seq
    const after = (await h?.workers?.stats()) ?? [];
    expect(after.map((s) => s.id)).not.toContain(busiest.id);
    expect(after.reduce((n, s) => n + s.clients, 0)).toBe(clients.length);
    for (const [i, c] of clients.entries()) {
      for (const symbol of SYMBOLS) await c.waitFor(symbol, pub.last(symbol));
      expect(c.ws.readyState, 'still open').toBe(WebSocket.OPEN);
      expect(c.resubscribes).toBe(0);
      expect(c.log.filter((l) => l.startsWith('snapshot')), 'no snapshot since the handoff').toHaveLength(snapshots[i] as number);
      expectContiguous(c);
      expectHeld(c, pub.published, i === 2 ? { rounds: null, strikes: 1 } as never : undefined);
    }
  });

  it('retiring the only worker starts a replacement first; a client subscribed later is served by it', async () => {
    const url = await listen(1);
    const pub = publisher(10);
    const early = await open(url, { format: 'binary', updates: 'delta' });
    await early.waitFor('ETHUSDT', 3);
    const [only] = h?.workers?.workerIds ?? [];
    await h?.workers?.retire(only as number);
    const late = await open(url, { format: 'binary', updates: 'delta' });
    await new Promise((r) => setTimeout(r, 300));
    await pub.stop();
    for (const c of [early, late]) {
      for (const symbol of SYMBOLS) await c.waitFor(symbol, pub.last(symbol));
      expectContiguous(c);
      expectHeld(c, pub.published);
      expect(c.resubscribes).toBe(0);
    }
    expect(h?.workers?.workerIds).not.toContain(only);
    expect(h?.workers?.readyCount).toBe(1);
  });

  it('a rolling restart replaces every worker while every client keeps every seq', async () => {
    const url = await listen(2);
    const pub = publisher(10);
    const clients = await Promise.all([{ format: 'binary', updates: 'delta' } as const, {}, { updates: 'delta' } as const, { format: 'binary' } as const].map((v) => open(url, v)));
    for (const c of clients) await c.waitFor('BTCUSDT', 3);
    const before = h?.workers?.workerIds ?? [];
    await h?.workers?.restartAll();
    await new Promise((r) => setTimeout(r, 300));
    await pub.stop();
    const after = h?.workers?.workerIds ?? [];
    expect(after).toHaveLength(2);
    expect(after.filter((id) => before.includes(id))).toEqual([]);
    for (const c of clients) {
      for (const symbol of SYMBOLS) await c.waitFor(symbol, pub.last(symbol));
      expect(c.ws.readyState).toBe(WebSocket.OPEN);
      expect(c.resubscribes).toBe(0);
      expectContiguous(c);
      expectHeld(c, pub.published);
    }
  });

  it('a killed worker loses its clients, who reconnect and resync; the worker is restarted', async () => {
    const url = await listen(2);
    const pub = publisher(10);
    const first = await open(url, { format: 'binary', updates: 'delta' });
    await first.waitFor('BTCUSDT', 3);
    const stats = (await h?.workers?.stats()) ?? [];
    const victim = stats.find((s) => s.clients > 0);
    process.kill(victim?.pid as number, 'SIGKILL');
    await new Promise<void>((resolve) => first.ws.once('close', () => resolve()));
    const again = await open(url, { format: 'binary', updates: 'delta' });
    const deadline = Date.now() + 10_000;
    while ((h?.workers?.readyCount ?? 0) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(h?.workers?.readyCount).toBe(2);
    await new Promise((r) => setTimeout(r, 200));
    await pub.stop();
    for (const symbol of SYMBOLS) await again.waitFor(symbol, pub.last(symbol));
    expectContiguous(again);
    expectHeld(again, pub.published);
  });

  it('an upgrade to another path is refused; HTTP keeps working beside the workers', async () => {
    const url = await listen(1);
    const wrong = new WebSocket(url.replace('/v1/stream', '/v1/other'));
    const status = await new Promise<number>((resolve) => wrong.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(404);
    const res = await fetch(url.replace('ws', 'http').replace('/v1/stream', '/v1/health'));
    expect(res.status).toBe(200);
  });

  it('a worker still cuts off a client that stops reading, without delaying the others', async () => {
    const url = await listen(1, 64 * 1024);
    const slow = await open(url, { format: 'binary' }, ['BTCUSDT']);
    const fast = await open(url, { format: 'binary', updates: 'delta' }, ['BTCUSDT']);
    const store = h?.store;
    let s: MarketSurface = makeSurface({ symbol: 'BTCUSDT', seq: 1, signer });
    await store?.publishSurface(s);
    await slow.waitFor('BTCUSDT', 1);
    await fast.waitFor('BTCUSDT', 1);
    const closed = new Promise<number>((resolve) => slow.ws.once('close', (code) => resolve(code)));
    slow.ws.pause();
    const deadline = Date.now() + 20_000;
    let clients = 2;
    while (clients > 1 && Date.now() < deadline) {
      for (let i = 0; i < 20; i++) {
        s = deriveSurface(s, s.seq + 1, signer, () => false);
        await store?.publishSurface(s);
      }
      clients = ((await h?.workers?.stats()) ?? []).reduce((n, w) => n + w.clients, 0);
    }
    expect(clients).toBe(1);
    expect(await fast.waitFor('BTCUSDT', s.seq)).toEqual(s);
    expectContiguousSymbol(fast, 'BTCUSDT');
    slow.ws.resume();
    expect([4001, 1006]).toContain(await closed);
  }, 40_000);
});
