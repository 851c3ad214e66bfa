/**
 * /v1/stream binary format and targeted subscriptions over real loopback sockets: every client, in
 * any format, update mode or view, holds exactly the surfaces (or the part of them) that were
 * published, and every quote it holds verifies.
 */
import bs58 from 'bs58';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveSurface, makeSurface } from '../../helpers/market-surface.js';
import type { MarketSurface } from '../../../engine/src/market/types.js';
import { filterSurface } from '../../../engine/src/api/stream/surface-view.js';
import { QuoteVerifier } from '../../../engine/src/client/verify/quote-verifier.js';
import { listenStream, signer, startApi, type Harness } from './harness.js';
import { StreamProbe } from './stream-probe.js';
import type { SubscribeOptions } from '../../../engine/src/client/stream/subscribe.js';
import { v1 } from '../../helpers/market-surface.js';

const derive = (base: MarketSurface, seq: number, keep: (round: number, strike: number) => boolean, over: Partial<MarketSurface> = {}): MarketSurface =>
  deriveSurface(base, seq, signer, keep, over);

/** s1..s6: reused and fresh quotes, a dropped round, a halt, a resume with all fresh quotes. */
function series(symbol: 'BTCUSDT' | 'ETHUSDT' | 'SOLUSDT'): MarketSurface[] {
  const s1 = makeSurface({ symbol, seq: 1, signer });
  const s2 = derive(s1, 2, (i, j) => (i + j) % 3 !== 0);
  const s3 = derive(s2, 3, () => true, { rounds: s2.rounds.slice(1) });
  const s4 = { ...derive(s3, 4, () => true), status: 'halted' as const, haltReason: 'index stale', index: { ...s3.index, price: null, confidence: null }, rounds: s3.rounds.map((r) => ({ ...r, quotes: [] })) };
  const s5 = derive(s3, 5, () => false);
  const s6 = derive(s5, 6, (i) => i !== 1);
  return [s1, s2, s3, s4, s5, s6];
}

describe('WebSocket /v1/stream: binary frames and targeted subscriptions', () => {
  let h: Harness | undefined;
  const probes: StreamProbe[] = [];
  afterEach(async () => {
    for (const p of probes.splice(0)) p.close();
    await h?.close();
    h = undefined;
  });

  async function listen(): Promise<string> {
    h = await startApi();
    return listenStream(h);
  }

  async function open(url: string, options: SubscribeOptions = {}): Promise<StreamProbe> {
    const p = await StreamProbe.open(url, options);
    probes.push(p);
    return p;
  }

  it('json/binary × full/delta clients hold the same surfaces at every seq; binary costs a fraction', async () => {
    // Given a published surface and one client per format and update mode
    const url = await listen();
    const [s1, ...rest] = series('BTCUSDT');
    await h?.store.publishSurface(s1 as MarketSurface);
    const modes = [
      { format: 'json', updates: 'full' },
      { format: 'json', updates: 'delta' },
      { format: 'binary', updates: 'full' },
      { format: 'binary', updates: 'delta' },
    ] as const;
    const clients = await Promise.all(modes.map((m) => open(url, m)));
    for (const c of clients) c.subscribe(['BTCUSDT']);
    for (const c of clients) await c.waitFor('BTCUSDT', 1);

    // When the rest of the series is published
    for (const s of rest) await h?.store.publishSurface(s);

    // Then every client holds every surface, deep-equal to the published one
    for (const s of [s1 as MarketSurface, ...rest]) {
      for (const c of clients) expect(await c.waitFor('BTCUSDT', s.seq), `${c.options.format}/${c.options.updates} #${s.seq}`).toEqual(s);
    }
    for (const c of clients) expect(c.resubscribes).toBe(0);
    const [jsonFull, jsonDelta, binFull, binDelta] = clients as [StreamProbe, StreamProbe, StreamProbe, StreamProbe];
    expect(binDelta.log).toEqual(['snapshot:BTCUSDT:1', ...rest.map((s) => `delta:BTCUSDT:${s.seq}`)]);
    expect(binFull.log).toEqual(['snapshot:BTCUSDT:1', ...rest.map((s) => `update:BTCUSDT:${s.seq}`)]);
    // and binary clients got binary WebSocket frames only for surfaces, JSON ones none
    expect(binFull.binaryFrames).toHaveLength(6);
    expect(jsonFull.binaryFrames).toHaveLength(0);
    // and binary is a fraction of JSON, delta a fraction of full
    expect(binFull.bytes.update).toBeLessThan(jsonFull.bytes.update / 3);
    expect(binDelta.bytes.delta).toBeLessThan(jsonDelta.bytes.delta / 3);
    expect(binDelta.bytes.delta).toBeLessThan(binFull.bytes.update / 2);
    // and every quote a binary client holds verifies against the oracle key
    const verifier = await QuoteVerifier.create();
    const quotes = [...(binDelta.bySeq.get('BTCUSDT')?.values() ?? [])].flatMap((s) => s.rounds.flatMap((r) => r.quotes));
    const verdicts = await verifier.verifyAll(quotes.map(v1), { expectedSigner: bs58.encode(signer.publicKey) });
    expect(verdicts.every((v) => v.ok)).toBe(true);
  });

  it('a JSON client that sets nothing still receives byte-identical update frames', async () => {
    const url = await listen();
    const s1 = makeSurface({ symbol: 'ETHUSDT', seq: 1, signer });
    const ws = new WebSocket(url);
    await new Promise((r) => ws.once('open', r));
    const texts: string[] = [];
    ws.on('message', (d: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(false);
      texts.push(d.toString());
    });
    ws.send(JSON.stringify({ op: 'subscribe', symbols: ['ETHUSDT'] }));
    while (texts.length < 2) await new Promise((r) => setTimeout(r, 5));
    await h?.store.publishSurface(s1);
    while (texts.length < 3) await new Promise((r) => setTimeout(r, 5));
    ws.terminate();
    expect(JSON.parse(texts[0] as string)).toEqual({ type: 'ack', op: 'subscribe', symbols: ['ETHUSDT'], subscribed: ['ETHUSDT'] });
    const ts = (JSON.parse(texts[2] as string) as { ts: number }).ts;
    expect(texts[2]).toBe(`{"type":"update","symbol":"ETHUSDT","seq":1,"ts":${ts},"surface":${JSON.stringify(s1)}}`);
  });

  it('a lost binary delta makes the client resubscribe; a binary snapshot brings it back', async () => {
    const url = await listen();
    const all = series('SOLUSDT');
    await h?.store.publishSurface(all[0] as MarketSurface);
    const c = await open(url, { format: 'binary', updates: 'delta' });
    c.subscribe(['SOLUSDT']);
    await c.waitFor('SOLUSDT', 1);
    c.drop.add('SOLUSDT:3');
    for (const s of all.slice(1)) {
      await h?.store.publishSurface(s);
      await new Promise((r) => setTimeout(r, 30));
    }
    await c.waitFor('SOLUSDT', 6);
    expect(c.resubscribes).toBe(1);
    expect(c.log.filter((l) => l.startsWith('snapshot'))).toHaveLength(2);
    for (const s of all) {
      const held = c.bySeq.get('SOLUSDT')?.get(s.seq);
      if (held) expect(held).toEqual(s);
    }
  });

  it('rounds and strikes narrow a symbol: the client receives and pays for that part only, in both formats', async () => {
    const url = await listen();
    const all = series('BTCUSDT');
    await h?.store.publishSurface(all[0] as MarketSurface);
    const views = [
      { format: 'json', updates: 'full', rounds: ['5m'] },
      { format: 'binary', updates: 'delta', rounds: ['5m', '1h'], strikes: 1 },
      { format: 'binary', updates: 'delta', strikes: 0 },
    ] as const;
    const whole = await open(url, { format: 'binary', updates: 'delta' });
    whole.subscribe(['BTCUSDT']);
    const narrow = await Promise.all(views.map((v) => open(url, v)));
    for (const c of narrow) c.subscribe(['BTCUSDT']);
    for (const c of [whole, ...narrow]) await c.waitFor('BTCUSDT', 1);
    for (const s of all.slice(1)) await h?.store.publishSurface(s);
    for (const [i, v] of views.entries()) {
      const c = narrow[i] as StreamProbe;
      const filter = { rounds: 'rounds' in v ? v.rounds.map((r) => ({ '5m': 300, '1h': 3600 })[r]) : null, strikes: 'strikes' in v ? v.strikes : null };
      for (const s of all) expect(await c.waitFor('BTCUSDT', s.seq), `${JSON.stringify(v)} #${s.seq}`).toEqual(filterSurface(s, filter));
      expect(c.resubscribes).toBe(0);
    }
    const atm = (await (narrow[2] as StreamProbe).waitFor('BTCUSDT', 2)).rounds.map((r) => r.quotes.length);
    expect(atm).toEqual([1, 1, 1, 1]);
    const ack = await (narrow[1] as StreamProbe).waitMessage((m) => m.type === 'ack');
    expect(ack).toEqual({ type: 'ack', op: 'subscribe', symbols: ['BTCUSDT'], subscribed: ['BTCUSDT'], updates: 'delta', format: 'binary', rounds: ['5m', '1h'], strikes: 1 });
    await whole.waitFor('BTCUSDT', 6);
    expect((narrow[1] as StreamProbe).bytes.delta).toBeLessThan(whole.bytes.delta / 2);
  });

  it('refuses an unknown round, a bad label and a bad strike count with error frames; the connection stays up', async () => {
    const url = await listen();
    await h?.store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 1, signer, rounds: 2 }));
    const c = await open(url);
    c.ws.send(JSON.stringify({ op: 'subscribe', symbols: ['BTCUSDT'], rounds: ['15m'] }));
    const unknown = await c.waitMessage((m) => m.type === 'error');
    expect(unknown).toMatchObject({ code: 'EXEC_ERR_WS_UNKNOWN_ROUND' });
    expect(String(unknown.message)).toBe('BTCUSDT has no 15m round (rounds: 1m, 5m)');
    for (const bad of [{ rounds: ['5 minutes'] }, { rounds: [] }, { strikes: -1 }, { strikes: 1.5 }, { format: 'cbor' }]) {
      c.messages.length = 0;
      c.ws.send(JSON.stringify({ op: 'subscribe', symbols: ['BTCUSDT'], ...bad }));
      expect(await c.waitMessage((m) => m.type === 'error'), JSON.stringify(bad)).toMatchObject({ code: 'EXEC_ERR_WS_BAD_MESSAGE' });
    }
    expect(h?.hub.subscriberCount('BTCUSDT')).toBe(0);
    c.subscribe(['BTCUSDT'], { rounds: ['5m'] });
    expect((await c.waitFor('BTCUSDT', 1)).rounds.map((r) => r.durationSec)).toEqual([300]);
  });

  it('switching the connection to binary applies to symbols already subscribed, from their next frame', async () => {
    const url = await listen();
    const btc = series('BTCUSDT');
    await h?.store.publishSurface(btc[0] as MarketSurface);
    const c = await open(url, { updates: 'delta' });
    c.subscribe(['BTCUSDT']);
    await c.waitFor('BTCUSDT', 1);
    c.subscribe(['ETHUSDT'], { format: 'binary' });
    await c.waitMessage((m) => m.type === 'snapshot' && m.symbol === 'ETHUSDT');
    await h?.store.publishSurface(btc[1] as MarketSurface);
    expect(await c.waitFor('BTCUSDT', 2)).toEqual(btc[1]);
    expect(c.binaryFrames).toHaveLength(1);
    expect(c.resubscribes).toBe(0);
  });
});
