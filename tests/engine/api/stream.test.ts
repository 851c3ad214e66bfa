import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeSurface } from '../../helpers/market-surface.js';
import { CLOSE_SLOW_CONSUMER } from '../../../engine/src/api/routes/ws/stream-hub.js';
import { signer, startApi, type Harness } from './harness.js';
import { WsProbe } from './ws-client.js';

describe('WebSocket /v1/stream', () => {
  let h: Harness | undefined;
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await h?.close();
    h = undefined;
  });

  async function connect(): Promise<WsProbe> {
    if (!h) throw new Error('no app');
    const ws = await h.app.injectWS('/v1/stream');
    sockets.push(ws);
    return new WsProbe(ws);
  }

  it('subscribe: ack, snapshot with seq, then updates with consecutive seqs', async () => {
    h = await startApi();
    await h.store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 41, signer }));
    const c = await connect();
    c.send({ op: 'subscribe', symbols: ['BTCUSDT', 'ETHUSDT'] });
    expect(await c.next()).toEqual({ type: 'ack', op: 'subscribe', symbols: ['BTCUSDT', 'ETHUSDT'], subscribed: ['BTCUSDT', 'ETHUSDT'] });
    const snap = await c.next();
    expect(snap).toMatchObject({ type: 'snapshot', symbol: 'BTCUSDT', seq: 41 });
    expect((snap.surface as { seq: number }).seq).toBe(41);
    expect(await c.next()).toMatchObject({ type: 'snapshot', symbol: 'ETHUSDT', seq: null, surface: null });

    for (let seq = 42; seq <= 44; seq++) await h.store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq, signer }));
    await h.store.publishSurface(makeSurface({ symbol: 'SOLUSDT', seq: 1, signer }));
    await h.store.publishSurface(makeSurface({ symbol: 'ETHUSDT', seq: 1, signer }));
    const seqs: string[] = [];
    for (let i = 0; i < 4; i++) {
      const u = await c.next();
      expect(u.type).toBe('update');
      expect(typeof u.ts).toBe('number');
      expect((u.surface as { seq: number }).seq).toBe(u.seq);
      seqs.push(`${String(u.symbol)}#${String(u.seq)}`);
    }
    expect(seqs).toEqual(['BTCUSDT#42', 'BTCUSDT#43', 'BTCUSDT#44', 'ETHUSDT#1']);
  });

  it('every subscriber receives the identical frame bytes', async () => {
    h = await startApi();
    const raw: string[][] = [[], []];
    const a = await connect();
    const b = await connect();
    a.ws.on('message', (d) => raw[0]?.push(d.toString()));
    b.ws.on('message', (d) => raw[1]?.push(d.toString()));
    a.send({ op: 'subscribe', symbols: ['SOLUSDT'] });
    b.send({ op: 'subscribe', symbols: ['SOLUSDT'] });
    await a.next((f) => f.type === 'snapshot');
    await b.next((f) => f.type === 'snapshot');
    await h.store.publishSurface(makeSurface({ symbol: 'SOLUSDT', seq: 1, signer }));
    await a.next((f) => f.type === 'update');
    await b.next((f) => f.type === 'update');
    expect(raw[0]?.at(-1)).toBe(raw[1]?.at(-1));
    expect(raw[0]?.at(-1)).toContain(h.store.getPayload('SOLUSDT'));
  });

  it('unsubscribe stops updates; resubscribing sends a fresh snapshot', async () => {
    h = await startApi();
    const c = await connect();
    c.send({ op: 'subscribe', symbols: ['ETHUSDT'] });
    await c.next((f) => f.type === 'snapshot');
    c.send({ op: 'unsubscribe', symbols: ['ETHUSDT'] });
    expect(await c.next()).toEqual({ type: 'ack', op: 'unsubscribe', symbols: ['ETHUSDT'], subscribed: [] });
    await h.store.publishSurface(makeSurface({ symbol: 'ETHUSDT', seq: 1, signer }));
    c.send({ op: 'subscribe', symbols: ['ETHUSDT'] });
    await c.next((f) => f.type === 'ack');
    expect(await c.next()).toMatchObject({ type: 'snapshot', symbol: 'ETHUSDT', seq: 1 });
    expect(c.frames.filter((f) => f.type === 'update')).toHaveLength(0);
  });

  it('sends a status frame on halt and on resume', async () => {
    h = await startApi();
    await h.store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 1, signer }));
    const c = await connect();
    c.send({ op: 'subscribe', symbols: ['BTCUSDT'] });
    await c.next((f) => f.type === 'snapshot');
    await h.store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 2, signer, status: 'halted' }));
    await h.store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 3, signer, status: 'halted' }));
    await h.store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 4, signer }));
    const types: string[] = [];
    for (let i = 0; i < 5; i++) {
      const f = await c.next();
      types.push(f.type === 'status' ? `status:${String(f.status)}#${String(f.seq)}` : `${f.type}#${String(f.seq)}`);
    }
    expect(types).toEqual(['status:halted#2', 'update#2', 'update#3', 'status:open#4', 'update#4']);
    const halted = c.frames.find((f) => f.type === 'status');
    expect(halted?.haltReason).toBe('1 fresh provider, 2 required');
  });

  it('heartbeats carry the latest seq per subscribed symbol and the server time', async () => {
    h = await startApi({ ws: { heartbeatMs: 100 } });
    await h.store.publishSurface(makeSurface({ symbol: 'SOLUSDT', seq: 9, signer }));
    const c = await connect();
    c.send({ op: 'subscribe', symbols: ['SOLUSDT', 'BTCUSDT'] });
    const hb = await c.next((f) => f.type === 'heartbeat');
    expect(hb.seqs).toEqual({ SOLUSDT: 9, BTCUSDT: null });
    expect(Math.abs(Number(hb.ts) - Date.now())).toBeLessThan(1_000);
  });

  it('malformed JSON, unknown ops, bad shapes and binary frames get error frames; the connection stays up', async () => {
    h = await startApi();
    const c = await connect();
    c.send('{not json');
    expect(await c.next()).toMatchObject({ type: 'error', code: 'EXEC_ERR_WS_BAD_JSON' });
    c.send({ op: 'explode' });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'EXEC_ERR_WS_UNKNOWN_OP' });
    c.send('42');
    expect(await c.next()).toMatchObject({ type: 'error', code: 'EXEC_ERR_WS_UNKNOWN_OP' });
    c.send({ op: 'subscribe', symbols: 'BTCUSDT' });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'EXEC_ERR_WS_BAD_MESSAGE' });
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'EXEC_ERR_WS_BINARY' });
    c.send({ op: 'subscribe', symbols: ['BTCUSDT', 'DOGEUSDT'] });
    const err = await c.next();
    expect(err).toMatchObject({ type: 'error', code: 'EXEC_ERR_WS_UNKNOWN_SYMBOL' });
    expect(err.message).toContain('DOGEUSDT');
    c.send({ op: 'subscribe', symbols: ['btcusdt', 'BTCUSDT'] });
    expect(await c.next()).toMatchObject({ type: 'ack', symbols: ['BTCUSDT'], subscribed: ['BTCUSDT'] });
    expect(c.closed).toBeNull();
  });

  it('a frame over the size limit closes with 1009', async () => {
    h = await startApi({ ws: { maxFrameBytes: 256 } });
    const c = await connect();
    c.send({ op: 'subscribe', symbols: Array.from({ length: 40 }, () => 'BTCUSDT') });
    expect((await c.waitClosed()).code).toBe(1009);
    expect(h.hub.clientCount).toBe(0);
  });

  it('more subscriptions than allowed: error frame, then close 1008 with a reason', async () => {
    h = await startApi({ ws: { maxSubscriptions: 2 } });
    const c = await connect();
    c.send({ op: 'subscribe', symbols: ['BTCUSDT', 'ETHUSDT'] });
    await c.next((f) => f.type === 'ack');
    c.send({ op: 'subscribe', symbols: ['SOLUSDT'] });
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'EXEC_ERR_WS_TOO_MANY_SUBSCRIPTIONS' });
    expect(await c.waitClosed()).toEqual({ code: 1008, reason: 'too many subscriptions' });
    expect(h.hub.clientCount).toBe(0);
    expect(h.hub.subscriberCount('BTCUSDT')).toBe(0);
  });

  it('closing the app closes clients with 1001', async () => {
    h = await startApi();
    const c = await connect();
    c.send({ op: 'subscribe', symbols: ['BTCUSDT'] });
    await c.next((f) => f.type === 'ack');
    await h.close();
    h = undefined;
    expect((await c.waitClosed()).code).toBe(1001);
  });

  it('cuts off a client that stops reading (real socket) and frees its state', async () => {
    // Given a server on a loopback port with a 64 KiB send-buffer limit and two clients
    h = await startApi({ ws: { maxBufferedBytes: 64 * 1024 } });
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    const address = h.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const url = `ws://127.0.0.1:${address.port}/v1/stream`;
    const open = (): Promise<WebSocket> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(url);
        sockets.push(ws);
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const slow = new WsProbe(await open());
    const fast = new WsProbe(await open());
    slow.send({ op: 'subscribe', symbols: ['BTCUSDT'] });
    fast.send({ op: 'subscribe', symbols: ['BTCUSDT'] });
    await slow.next((f) => f.type === 'snapshot');
    await fast.next((f) => f.type === 'snapshot');

    // When the slow one stops reading its socket and surfaces keep coming
    slow.ws.pause();
    let seq = 1;
    const deadline = Date.now() + 10_000;
    while (h.hub.subscriberCount('BTCUSDT') > 1 && Date.now() < deadline) {
      await h.store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: seq++, signer }));
      await new Promise((r) => setImmediate(r));
    }

    // Then the server dropped it (state freed) while the reading client still gets every update
    expect(h.hub.subscriberCount('BTCUSDT')).toBe(1);
    expect(h.hub.clientCount).toBe(1);
    const last = seq - 1;
    expect(await fast.next((f) => f.type === 'update' && f.seq === last, 5_000)).toBeDefined();
    slow.ws.resume();
    const closed = await slow.waitClosed(5_000);
    expect([CLOSE_SLOW_CONSUMER, 1006]).toContain(closed.code);
    expect(fast.closed).toBeNull();
  });

  it('drops a client that does not answer pings for a whole heartbeat interval', async () => {
    h = await startApi({ ws: { heartbeatMs: 100 } });
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    const address = h.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const ws = new WebSocket(`ws://127.0.0.1:${address.port}/v1/stream`, { autoPong: false });
    sockets.push(ws);
    const probe = new WsProbe(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    probe.send({ op: 'subscribe', symbols: ['ETHUSDT'] });
    await probe.next((f) => f.type === 'heartbeat');
    const closed = await probe.waitClosed(3_000);
    expect(closed.code).toBe(1006);
    expect(h.hub.clientCount).toBe(0);
    expect(h.hub.subscriberCount('ETHUSDT')).toBe(0);
  });
});
