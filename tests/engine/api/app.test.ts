import { afterEach, describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { makeSurface } from '../../helpers/market-surface.js';
import { DEFAULT_PROGRAM_ID } from '../../../engine/src/config/defaults.js';
import { SETTLEMENT_SIGNER, signer, startApi, type Harness } from './harness.js';

describe('HTTP API', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('GET /v1/oracle describes the signer, program, format and SIMULATED mode', async () => {
    h = await startApi({ simulated: true });
    const res = await h.app.inject({ method: 'GET', url: '/v1/oracle' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-exec-mode']).toBe('SIMULATED');
    const body = res.json();
    expect(body).toMatchObject({
      signer: bs58.encode(signer.publicKey),
      settlementSigner: SETTLEMENT_SIGNER,
      programId: DEFAULT_PROGRAM_ID,
      cluster: 'devnet',
      epoch: '1',
      quoteFormat: { version: 1, length: 128 },
      simulated: true,
    });
    expect(body.notice).toContain('SIMULATED');
    expect(body.markets).toEqual([
      { symbol: 'BTCUSDT', asset: 'BTC', assetId: 1 },
      { symbol: 'ETHUSDT', asset: 'ETH', assetId: 2 },
      { symbol: 'SOLUSDT', asset: 'SOL', assetId: 3 },
    ]);
  });

  it('a live configuration carries no SIMULATED marker', async () => {
    h = await startApi({ simulated: false });
    const res = await h.app.inject({ method: 'GET', url: '/v1/oracle' });
    expect(res.headers['x-exec-mode']).toBeUndefined();
    expect(res.json().simulated).toBe(false);
    expect(res.json().notice).toBeUndefined();
  });

  it('GET /v1/health reports store, uptime and per-symbol status', async () => {
    h = await startApi();
    let body = (await h.app.inject({ method: 'GET', url: '/v1/health' })).json();
    expect(body.status).toBe('degraded');
    expect(body.store).toMatchObject({ backend: 'memory', healthy: true });
    expect(body.symbols.map((s: { status: string }) => s.status)).toEqual(['waiting', 'waiting', 'waiting']);
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] as const) {
      await h.store.publishSurface(makeSurface({ symbol, seq: 1, signer }));
    }
    await h.store.publishSurface(makeSurface({ symbol: 'SOLUSDT', seq: 2, signer, status: 'halted' }));
    const res = await h.app.inject({ method: 'GET', url: '/v1/health' });
    expect(res.statusCode).toBe(200);
    body = res.json();
    expect(body.status).toBe('degraded');
    expect(body.symbols[0]).toMatchObject({ symbol: 'BTCUSDT', status: 'open', seq: 1 });
    expect(body.symbols[2]).toMatchObject({ symbol: 'SOLUSDT', status: 'halted', seq: 2, haltReason: '1 fresh provider, 2 required' });
    expect(typeof body.uptimeSec).toBe('number');
    await h.store.publishSurface(makeSurface({ symbol: 'SOLUSDT', seq: 3, signer }));
    expect((await h.app.inject({ method: 'GET', url: '/v1/health' })).json().status).toBe('ok');
  });

  it('GET /v1/markets/:symbol serves the stored payload byte for byte', async () => {
    h = await startApi();
    expect((await h.app.inject({ method: 'GET', url: '/v1/markets/BTCUSDT' })).statusCode).toBe(503);
    const surface = makeSurface({ symbol: 'BTCUSDT', seq: 7, signer });
    await h.store.publishSurface(surface);
    const res = await h.app.inject({ method: 'GET', url: '/v1/markets/BTCUSDT' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.body).toBe(h.store.getPayload('BTCUSDT'));
    const body = res.json();
    expect(body.seq).toBe(7);
    expect(body.status).toBe('open');
    expect(body.index.price).toBe(surface.index.price);
    expect(body.rounds).toHaveLength(4);
    expect(body.rounds[0].quotes).toHaveLength(11);
    expect((await h.app.inject({ method: 'GET', url: '/v1/markets/btcusdt' })).body).toBe(res.body);
  });

  it('GET /v1/markets lists every published market', async () => {
    h = await startApi();
    await h.store.publishSurface(makeSurface({ symbol: 'ETHUSDT', seq: 1, signer }));
    const body = (await h.app.inject({ method: 'GET', url: '/v1/markets' })).json();
    expect(body.simulated).toBe(true);
    expect(body.waiting).toEqual(['BTCUSDT', 'SOLUSDT']);
    expect(body.markets.map((m: { symbol: string }) => m.symbol)).toEqual(['ETHUSDT']);
  });

  it('an unknown or unserved symbol is a 404 with a code', async () => {
    h = await startApi({ symbols: ['BTCUSDT'] });
    for (const url of ['/v1/markets/DOGEUSDT', '/v1/markets/ETHUSDT']) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'EXEC_ERR_UNKNOWN_SYMBOL', message: expect.stringContaining('unknown symbol') } });
    }
  });

  it('GET /v1/quotes/:quoteId: 200, then 410 after validUntil, 404 unknown, 400 malformed', async () => {
    let now = Date.now();
    h = await startApi({ now: () => now });
    const surface = makeSurface({ symbol: 'SOLUSDT', seq: 1, signer, nowMs: now, validForMs: 2_000 });
    await h.store.publishSurface(surface);
    const quote = surface.rounds[1]?.quotes[3];
    if (!quote) throw new Error('fixture has no quote');
    const ok = await h.app.inject({ method: 'GET', url: `/v1/quotes/${quote.quoteId}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual(quote);
    expect((await h.app.inject({ method: 'GET', url: `/v1/quotes/${quote.quoteId.toUpperCase()}` })).statusCode).toBe(200);

    now += 2_001;
    const gone = await h.app.inject({ method: 'GET', url: `/v1/quotes/${quote.quoteId}` });
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.code).toBe('EXEC_ERR_QUOTE_EXPIRED');

    const missing = await h.app.inject({ method: 'GET', url: `/v1/quotes/${'ab'.repeat(16)}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('EXEC_ERR_QUOTE_NOT_FOUND');

    for (const bad of ['xyz', 'ab'.repeat(17), 'g'.repeat(32)]) {
      const res = await h.app.inject({ method: 'GET', url: `/v1/quotes/${bad}` });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('EXEC_ERR_BAD_QUOTE_ID');
    }
  });

  it('GET /v1/quotes/:quoteId: a quote still within its validity is withdrawn (409) once its market halts', async () => {
    h = await startApi();
    const open = makeSurface({ symbol: 'ETHUSDT', seq: 1, signer, validForMs: 60_000 });
    await h.store.publishSurface(open);
    const quote = open.rounds[0]?.quotes[0];
    if (!quote) throw new Error('fixture has no quote');
    expect((await h.app.inject({ method: 'GET', url: `/v1/quotes/${quote.quoteId}` })).statusCode).toBe(200);
    await h.store.publishSurface(makeSurface({ symbol: 'ETHUSDT', seq: 2, signer, status: 'halted' }));
    const res = await h.app.inject({ method: 'GET', url: `/v1/quotes/${quote.quoteId}` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'EXEC_ERR_MARKET_HALTED', message: expect.stringContaining('ETHUSDT is halted') });
  });

  it('unknown routes answer 404 with an error body', async () => {
    h = await startApi();
    const res = await h.app.inject({ method: 'GET', url: '/v2/nothing?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'EXEC_ERR_NOT_FOUND', message: 'no route GET /v2/nothing' } });
  });
});
