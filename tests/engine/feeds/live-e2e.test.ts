/**
 * End to end: the four fake exchange servers feed the engine started the way `npm start` starts it
 * (`tsx engine/src/main.ts`, EXEC_FEEDS=live, the four EXEC_<VENUE>_WS_URL overrides, a free port,
 * `--record <file>`). Checked over HTTP: every index, its provider count and its sources; /v1/feeds;
 * then SIGTERM must give exit code 0 and the recording must hold real (non-simulated) ticks of all
 * four venues. tsx is spawned directly because `npx` does not forward SIGTERM to its child.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBinanceServer } from './binance/fake-binance-server.js';
import { FakeBybitServer } from './bybit/fake-bybit-server.js';
import { FakeCoinbaseServer } from './coinbase/fake-coinbase-server.js';
import { FakeKrakenServer } from './kraken/fake-kraken-server.js';
import { waitFor } from './test-helpers.js';
import { spawnEngine, type EngineChild } from '../../helpers/engine-process.js';

/** [bid, ask] per venue and symbol; mids chosen so the 4-venue median is known exactly. */
const BOOKS = {
  BTCUSDT: { binance: ['97000.00', '97000.10'], coinbase: ['96999.90', '97000.10'], kraken: ['97000.10', '97000.30'], bybit: ['96999.80', '97000.00'] },
  ETHUSDT: { binance: ['3400.00', '3400.02'], coinbase: ['3399.98', '3400.02'], kraken: ['3400.02', '3400.04'], bybit: ['3399.96', '3400.00'] },
  SOLUSDT: { binance: ['240.00', '240.02'], coinbase: ['240.00', '240.01'], kraken: ['240.01', '240.03'], bybit: ['239.99', '240.01'] },
} as const;
/** Median of the four mids in price micro-units (mean of the middle two, half up). */
const EXPECTED_INDEX = { BTCUSDT: '97000025000', ETHUSDT: '3400005000', SOLUSDT: '240007500' } as const;
const MIDS = {
  BTCUSDT: { binance: '97000050000', coinbase: '97000000000', kraken: '97000200000', bybit: '96999900000' },
  ETHUSDT: { binance: '3400010000', coinbase: '3400000000', kraken: '3400030000', bybit: '3399980000' },
  SOLUSDT: { binance: '240010000', coinbase: '240005000', kraken: '240020000', bybit: '240000000' },
} as const;
type Sym = keyof typeof BOOKS;
const SYMBOLS = Object.keys(BOOKS) as Sym[];
const VENUE_SYMBOL = {
  coinbase: { BTCUSDT: 'BTC-USDT', ETHUSDT: 'ETH-USDT', SOLUSDT: 'SOL-USDT' },
  kraken: { BTCUSDT: 'BTC/USDT', ETHUSDT: 'ETH/USDT', SOLUSDT: 'SOL/USDT' },
} as const;

interface IndexBody {
  price: string | null;
  providers: number;
  sources: { venue: string; mid: string | null; status: string }[];
}

describe('live feeds end to end (engine process + four fake exchanges)', () => {
  let binance: FakeBinanceServer;
  let coinbase: FakeCoinbaseServer;
  let kraken: FakeKrakenServer;
  let bybit: FakeBybitServer;
  let pump: NodeJS.Timeout | null = null;
  let engine: EngineChild | null = null;
  let baseUrl = '';
  const dir = mkdtempSync(join(tmpdir(), 'exec-live-e2e-'));
  const recordFile = join(dir, 'ticks.ndjson');

  function pumpOnce(u: number): void {
    const nowMs = Date.now();
    for (const symbol of SYMBOLS) {
      const b = BOOKS[symbol];
      const lower = symbol.toLowerCase();
      binance.push(JSON.stringify({ stream: `${lower}@bookTicker`, data: { u, s: symbol, b: b.binance[0], B: '1.0', a: b.binance[1], A: '1.0' } }));
      bybit.push(
        `{"topic":"orderbook.1.${symbol}","ts":${nowMs},"type":"snapshot","data":{"s":"${symbol}","b":[["${b.bybit[0]}","1"]],"a":[["${b.bybit[1]}","1"]],"u":${u},"seq":${u}},"cts":${nowMs}}`,
      );
      for (const conn of coinbase.server.openConnections) {
        if (conn.received.length < 2) continue;
        coinbase.sendEnvelope(conn, {
          channel: 'ticker',
          client_id: '',
          timestamp: new Date(nowMs).toISOString().replace('Z', '123456Z'),
          events: [{ type: 'update', tickers: [{ type: 'ticker', product_id: VENUE_SYMBOL.coinbase[symbol], price: b.coinbase[1], best_bid: b.coinbase[0], best_ask: b.coinbase[1] }] }],
        });
      }
      for (const conn of kraken.server.openConnections) {
        if (conn.received.length < 2) continue;
        // raw JSON floats, as Kraken sends them
        conn.send(
          `{"channel":"ticker","type":"update","data":[{"symbol":"${VENUE_SYMBOL.kraken[symbol]}","bid":${b.kraken[0]},"bid_qty":1.0,"ask":${b.kraken[1]},"ask_qty":1.0,"last":${b.kraken[1]},"volume":1.0,"vwap":1.0,"low":1.0,"high":1.0,"change":0.0,"change_pct":0.0}]}`,
        );
      }
    }
  }

  beforeAll(async () => {
    // The fakes send no fixture data of their own here: only the pump's fresh books
    binance = await FakeBinanceServer.start({ lines: [] });
    coinbase = await FakeCoinbaseServer.start({ heartbeatMs: 1_000 });
    kraken = await FakeKrakenServer.start({ tickerLines: [], tradeLines: [] });
    bybit = await FakeBybitServer.start({ lines: [] });
    let u = 1_000;
    pump = setInterval(() => pumpOnce((u += 1)), 100);

    const child = spawnEngine(['--record', recordFile], {
      EXEC_FEEDS: 'live',
      EXEC_HOST: '127.0.0.1',
      EXEC_PORT: '0',
      EXEC_LOG_LEVEL: 'info',
      EXEC_DATA_DIR: join(dir, 'data'),
      EXEC_BINANCE_WS_URL: binance.url,
      EXEC_COINBASE_WS_URL: coinbase.url,
      EXEC_KRAKEN_WS_URL: kraken.url,
      EXEC_BYBIT_WS_URL: bybit.url,
    });
    engine = child;
    await waitFor(() => /"msg":"exec-trade engine listening"/.test(child.output()), `engine listening\n${child.output()}`, 60_000);
    const line = child
      .output()
      .split('\n')
      .find((l) => l.includes('"msg":"exec-trade engine listening"'))!;
    baseUrl = (JSON.parse(line) as { address: string }).address;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await fetch(`${baseUrl}/v1/health`).catch(() => null);
      if (res !== null && res.status === 200 && ((await res.json()) as { status: string }).status === 'ok') break;
      if (Date.now() > deadline) throw new Error(`health never ok\n${child.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 90_000);

  afterAll(async () => {
    if (pump !== null) clearInterval(pump);
    if (engine !== null && engine.child.exitCode === null && engine.child.signalCode === null) {
      engine.child.kill('SIGKILL');
      await engine.exited;
    }
    await Promise.all([binance?.close(), coinbase?.close(), kraken?.close(), bybit?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes each index as the median of all four venues, with every source listed', { timeout: 70_000 }, async () => {
    for (const symbol of SYMBOLS) {
      // surfaces are republished on moves or on the max interval: wait for one built from all venues
      type Surface = { simulated: boolean; status: string; index: IndexBody };
      let surface: Surface | null = null;
      const deadline = Date.now() + 20_000;
      while (surface === null || surface.index.providers < 4) {
        if (Date.now() > deadline) break;
        const res = await fetch(`${baseUrl}/v1/markets/${symbol}`);
        expect(res.status).toBe(200);
        surface = (await res.json()) as Surface;
        if (surface.index.providers < 4) await new Promise((r) => setTimeout(r, 200));
      }
      if (surface === null) throw new Error('no surface');
      expect(surface.simulated).toBe(false);
      expect(surface.status).toBe('open');
      expect(surface.index.providers).toBe(4);
      expect(surface.index.price).toBe(EXPECTED_INDEX[symbol]);
      const sources = [...surface.index.sources].sort((a, b) => a.venue.localeCompare(b.venue));
      expect(sources.map((s) => [s.venue, s.mid, s.status])).toEqual(
        (['binance', 'bybit', 'coinbase', 'kraken'] as const).map((v) => [v, MIDS[symbol][v], 'ok']),
      );
    }
  });

  it('GET /v1/feeds shows four connected venues with no silent symbol and no errors', async () => {
    const res = await fetch(`${baseUrl}/v1/feeds`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      simulated: boolean;
      connected: number;
      venues: { venue: string; connected: boolean; silentSymbols: string[]; parseErrors: number; messages: number; symbols: { symbol: string; messages: number }[] }[];
    };
    expect(body.simulated).toBe(false);
    expect(body.connected).toBe(4);
    expect(body.venues.map((v) => v.venue).sort()).toEqual(['binance', 'bybit', 'coinbase', 'kraken']);
    for (const v of body.venues) {
      expect(v).toMatchObject({ connected: true, silentSymbols: [], parseErrors: 0 });
      expect(v.symbols.map((s) => s.symbol)).toEqual(SYMBOLS);
      for (const s of v.symbols) expect(s.messages).toBeGreaterThan(0);
    }
  });

  it('exits 0 on SIGTERM and leaves a recording of real ticks from all four venues', async () => {
    engine!.child.kill('SIGTERM');
    expect((await engine!.exited).code).toBe(0);
    const lines = readFileSync(recordFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { venue: string; simulated: boolean; symbol: string });
    expect(lines.length).toBeGreaterThan(12);
    expect(new Set(lines.map((l) => l.venue))).toEqual(new Set(['binance', 'coinbase', 'kraken', 'bybit']));
    expect(lines.every((l) => l.simulated === false)).toBe(true);
  });
});
