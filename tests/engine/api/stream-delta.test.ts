/**
 * /v1/stream delta mode over real loopback sockets (so the hub's raw pre-framed writes are used):
 * a delta client rebuilds exactly the surfaces a full-mode client receives.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deriveSurface, makeSurface } from '../../helpers/market-surface.js';
import type { MarketSurface } from '../../../engine/src/market/types.js';
import { listenStream, signer, startApi, type Harness } from './harness.js';
import { SurfaceFollower } from './surface-follower.js';

const derive = (base: MarketSurface, seq: number, keep: (round: number, strike: number) => boolean, over: Partial<MarketSurface> = {}): MarketSurface =>
  deriveSurface(base, seq, signer, keep, over);

const quoteCount = (s: MarketSurface): number => s.rounds.reduce((n, r) => n + r.quotes.length, 0);

describe('WebSocket /v1/stream delta mode', () => {
  let h: Harness | undefined;
  const clients: SurfaceFollower[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await h?.close();
    h = undefined;
  });

  async function listen(): Promise<string> {
    h = await startApi();
    return listenStream(h);
  }

  async function open(url: string, mode: 'full' | 'delta'): Promise<SurfaceFollower> {
    const c = await SurfaceFollower.open(url, mode);
    clients.push(c);
    return c;
  }

  it('mixed full and delta clients on one symbol: every rebuilt surface equals the full one; only new quotes travel', async () => {
    // Given a published surface and a full-mode and a delta-mode client on BTCUSDT
    const url = await listen();
    const store = h?.store;
    if (!store) throw new Error('no store');
    const s1 = makeSurface({ symbol: 'BTCUSDT', seq: 1, signer });
    await store.publishSurface(s1);
    const full = await open(url, 'full');
    const delta = await open(url, 'delta');
    full.subscribe(['BTCUSDT']);
    delta.subscribe(['BTCUSDT']);
    await full.waitFor('BTCUSDT', 1);
    await delta.waitFor('BTCUSDT', 1);

    // When surfaces follow that reuse some quotes, replace others, drop a round, halt and resume
    const s2 = derive(s1, 2, (i, j) => (i + j) % 3 !== 0);
    const s3 = derive(s2, 3, () => true, { rounds: s2.rounds.slice(1) });
    const s4 = { ...derive(s3, 4, () => true), status: 'halted' as const, haltReason: 'index stale', rounds: s3.rounds.map((r) => ({ ...r, quotes: [] })) };
    const s5 = derive(s3, 5, () => false);
    const s6 = derive(s5, 6, (i) => i !== 1);
    const published = [s2, s3, s4, s5, s6];
    for (const s of published) await store.publishSurface(s);

    // Then both clients hold every seq, and the delta client's surfaces deep-equal the full ones
    for (const s of published) {
      const viaFull = await full.waitFor('BTCUSDT', s.seq);
      const viaDelta = await delta.waitFor('BTCUSDT', s.seq);
      expect(viaFull).toEqual(s);
      expect(viaDelta).toEqual(viaFull);
      expect(JSON.stringify(viaDelta)).toBe(JSON.stringify(viaFull));
    }
    expect(delta.log).toEqual(['snapshot:BTCUSDT:1', 'delta:BTCUSDT:2', 'delta:BTCUSDT:3', 'delta:BTCUSDT:4', 'delta:BTCUSDT:5', 'delta:BTCUSDT:6']);
    expect(full.log).toEqual(['snapshot:BTCUSDT:1', 'update:BTCUSDT:2', 'update:BTCUSDT:3', 'update:BTCUSDT:4', 'update:BTCUSDT:5', 'update:BTCUSDT:6']);
    // and a delta carries exactly the quotes its base did not hold
    const newQuotes = delta.deltas.map((d) => d.quotes.length);
    expect(newQuotes).toEqual([15, 0, 0, quoteCount(s5), 11]);
    expect(delta.deltas.map((d) => d.baseSeq)).toEqual([1, 2, 3, 4, 5]);
    expect(delta.resubscribes).toBe(0);
    expect(full.resubscribes).toBe(0);
  });

  it('status frames precede the delta; the ack echoes the mode', async () => {
    const url = await listen();
    const store = h?.store;
    if (!store) throw new Error('no store');
    const c = await open(url, 'delta');
    const frames: Array<{ type: string; seq?: number; updates?: string }> = [];
    c.ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString()) as { type: string }));
    c.subscribe(['ETHUSDT']);
    const s1 = makeSurface({ symbol: 'ETHUSDT', seq: 1, signer });
    const deadline = Date.now() + 3_000;
    while (frames.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await store.publishSurface(s1);
    await store.publishSurface(makeSurface({ symbol: 'ETHUSDT', seq: 2, signer, status: 'halted' }));
    await c.waitFor('ETHUSDT', 2);
    expect(frames[0]).toEqual({ type: 'ack', op: 'subscribe', symbols: ['ETHUSDT'], subscribed: ['ETHUSDT'], updates: 'delta' });
    // Subscribed before any surface: null snapshot, then the first surface as a snapshot (no base)
    expect(frames.slice(1).map((f) => `${f.type}:${String(f.seq)}`)).toEqual(['snapshot:null', 'snapshot:1', 'status:2', 'delta:2']);
  });

  it('a lost delta makes the client resubscribe; it recovers through a snapshot and keeps up', async () => {
    const url = await listen();
    const store = h?.store;
    if (!store) throw new Error('no store');
    let s: MarketSurface = makeSurface({ symbol: 'SOLUSDT', seq: 1, signer });
    await store.publishSurface(s);
    const full = await open(url, 'full');
    const delta = await open(url, 'delta');
    full.subscribe(['SOLUSDT']);
    delta.subscribe(['SOLUSDT']);
    await delta.waitFor('SOLUSDT', 1);
    await full.waitFor('SOLUSDT', 1);

    // When the delta of seq 3 is lost on the way
    delta.drop.add('SOLUSDT:3');
    for (let seq = 2; seq <= 5; seq++) {
      s = derive(s, seq, (_round, j) => j !== seq % 11);
      await store.publishSurface(s);
      if (seq === 4) await new Promise((r) => setTimeout(r, 100));
    }
    for (let seq = 6; seq <= 8; seq++) {
      s = derive(s, seq, (_round, j) => j !== seq % 11);
      await store.publishSurface(s);
    }

    // Then the delta of seq 4 does not apply (base 3 missing), the client resubscribes and a snapshot brings it back
    await delta.waitFor('SOLUSDT', 8);
    expect(delta.resubscribes).toBe(1);
    expect(delta.bySeq.get('SOLUSDT')?.has(3)).toBe(false);
    expect(delta.log.filter((l) => l.startsWith('snapshot')).length).toBe(2);
    for (const [seq, surface] of delta.bySeq.get('SOLUSDT') ?? []) expect(surface).toEqual(await full.waitFor('SOLUSDT', seq));
    expect(delta.ws.readyState).toBe(delta.ws.OPEN);
  });

  it('a seq gap from the store reaches delta clients as a snapshot, never as a delta against another base', async () => {
    const url = await listen();
    const store = h?.store;
    if (!store) throw new Error('no store');
    await store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 1, signer }));
    const full = await open(url, 'full');
    const delta = await open(url, 'delta');
    full.subscribe(['BTCUSDT']);
    delta.subscribe(['BTCUSDT']);
    await delta.waitFor('BTCUSDT', 1);
    await store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 2, signer }));
    await store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 5, signer }));
    await store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 6, signer }));
    expect(await delta.waitFor('BTCUSDT', 6)).toEqual(await full.waitFor('BTCUSDT', 6));
    expect(delta.log).toEqual(['snapshot:BTCUSDT:1', 'delta:BTCUSDT:2', 'snapshot:BTCUSDT:5', 'delta:BTCUSDT:6']);
    expect(delta.resubscribes).toBe(0);
  });

  it('a bad `updates` value gets the usual error frame and the connection stays up', async () => {
    const url = await listen();
    const c = await open(url, 'delta');
    c.ws.send(JSON.stringify({ op: 'subscribe', symbols: ['BTCUSDT'], updates: 'diff' }));
    c.ws.send(JSON.stringify({ op: 'subscribe', symbols: ['BTCUSDT'], updates: 1 }));
    const deadline = Date.now() + 3_000;
    while (c.errors.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(c.errors).toHaveLength(2);
    for (const e of c.errors) {
      expect(e).toMatchObject({ type: 'error', code: 'EXEC_ERR_WS_BAD_MESSAGE' });
      expect(String(e.message)).toContain('updates');
    }
    expect(h?.hub.subscriberCount('BTCUSDT')).toBe(0);
    await h?.store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 1, signer }));
    c.subscribe(['BTCUSDT']);
    expect((await c.waitFor('BTCUSDT', 1)).seq).toBe(1);
    expect(c.log).toEqual(['snapshot:BTCUSDT:1']);
  });
});
