/**
 * The four venue protocols as the loopback venues speak them: subscribe handling with the venue's
 * acks, the top-of-book message each adapter subscribes to, and the venue's heartbeat. Shapes follow
 * /work/shared/docs/exchange-protocols.md and the adapters' messages.ts.
 */
import { BINANCE_SYMBOLS } from '../../../engine/src/feeds/binance/feed.js';
import { BYBIT_SYMBOLS } from '../../../engine/src/feeds/bybit/feed.js';
import { COINBASE_SYMBOLS } from '../../../engine/src/feeds/coinbase/feed.js';
import { KRAKEN_SYMBOLS } from '../../../engine/src/feeds/kraken/feed.js';
import type { LiveVenue, MarketSymbol } from '../../../engine/src/feeds/types.js';

export interface VenueConn {
  readonly subscribed: Set<MarketSymbol>;
  /** Per-connection counter (Coinbase `sequence_num`, Bybit `u`). */
  seq: number;
  send(text: string): unknown;
}

export interface VenueProtocol {
  readonly venue: LiveVenue;
  readonly path: string;
  onOpen?(conn: VenueConn): void;
  onMessage(conn: VenueConn, msg: unknown): void;
  book(conn: VenueConn, symbol: MarketSymbol, bid: string, ask: string): string;
  heartbeat?(conn: VenueConn): string;
}

type Req = Record<string, unknown>;
const asReq = (m: unknown): Req => (typeof m === 'object' && m !== null ? (m as Req) : {});
const invert = (map: Readonly<Record<MarketSymbol, string>>): Map<string, MarketSymbol> =>
  new Map(Object.entries(map).map(([s, v]) => [v, s as MarketSymbol]));

const binanceBySymbol = invert(BINANCE_SYMBOLS);
/** Binance spot; `bare`: the `/ws` form without the `{"stream","data"}` wrapper. */
export function binanceProtocol(bare = false): VenueProtocol {
  return {
    venue: 'binance',
    path: bare ? '/ws' : '/stream',
    onMessage(conn, m) {
      const req = asReq(m);
      if (req['method'] !== 'SUBSCRIBE' || !Array.isArray(req['params'])) return;
      for (const p of req['params']) {
        const s = binanceBySymbol.get(String(p).split('@')[0]!.toUpperCase());
        if (s !== undefined) conn.subscribed.add(s);
      }
      conn.send(JSON.stringify({ result: null, id: req['id'] ?? null }));
    },
    book(conn, symbol, bid, ask) {
      const data = `{"u":${++conn.seq},"s":"${BINANCE_SYMBOLS[symbol]}","b":"${bid}","B":"1.5","a":"${ask}","A":"2.0"}`;
      return bare ? data : `{"stream":"${BINANCE_SYMBOLS[symbol].toLowerCase()}@bookTicker","data":${data}}`;
    },
  };
}

const coinbaseBySymbol = invert(COINBASE_SYMBOLS);
function coinbaseEnvelope(conn: VenueConn, channel: string, events: string): string {
  return `{"channel":"${channel}","client_id":"","timestamp":"${new Date().toISOString()}","sequence_num":${conn.seq++},"events":${events}}`;
}
export const coinbaseProtocol: VenueProtocol = {
  venue: 'coinbase',
  path: '/',
  onMessage(conn, m) {
    const req = asReq(m);
    if (req['type'] !== 'subscribe' || !Array.isArray(req['product_ids'])) return;
    const products = req['product_ids'].map(String);
    if (req['channel'] === 'ticker') for (const p of products) {
      const s = coinbaseBySymbol.get(p);
      if (s !== undefined) conn.subscribed.add(s);
    }
    const subs = JSON.stringify({ [String(req['channel'])]: products });
    conn.send(coinbaseEnvelope(conn, 'subscriptions', `[{"subscriptions":${subs}}]`));
  },
  book(conn, symbol, bid, ask) {
    const t = `{"type":"ticker","product_id":"${COINBASE_SYMBOLS[symbol]}","price":"${bid}","best_bid":"${bid}","best_ask":"${ask}"}`;
    return coinbaseEnvelope(conn, 'ticker', `[{"type":"update","tickers":[${t}]}]`);
  },
  heartbeat(conn) {
    return coinbaseEnvelope(conn, 'heartbeats', `[{"current_time":"${new Date().toISOString()}","heartbeat_counter":${conn.seq}}]`);
  },
};

const krakenBySymbol = invert(KRAKEN_SYMBOLS);
export const krakenProtocol: VenueProtocol = {
  venue: 'kraken',
  path: '/v2',
  onOpen(conn) {
    conn.send('{"channel":"status","data":[{"api_version":"v2","connection_id":13834774380200032777,"system":"online","version":"2.0.0"}],"type":"update"}');
  },
  onMessage(conn, m) {
    const req = asReq(m);
    const now = new Date().toISOString();
    if (req['method'] === 'ping') return conn.send(JSON.stringify({ method: 'pong', req_id: req['req_id'], time_in: now, time_out: now }));
    const params = asReq(req['params']);
    if (req['method'] !== 'subscribe' || !Array.isArray(params['symbol'])) return;
    for (const v of params['symbol'].map(String)) {
      const s = krakenBySymbol.get(v);
      if (s !== undefined && params['channel'] === 'ticker') conn.subscribed.add(s);
      conn.send(JSON.stringify({ method: 'subscribe', req_id: req['req_id'], result: { channel: params['channel'], symbol: v }, success: true, time_in: now, time_out: now }));
    }
  },
  book(_conn, symbol, bid, ask) {
    return `{"channel":"ticker","type":"update","data":[{"symbol":"${KRAKEN_SYMBOLS[symbol]}","bid":${bid},"bid_qty":1.5,"ask":${ask},"ask_qty":2.0,"last":${bid}}]}`;
  },
  heartbeat: () => '{"channel":"heartbeat"}',
};

const bybitBySymbol = invert(BYBIT_SYMBOLS);
export const bybitProtocol: VenueProtocol = {
  venue: 'bybit',
  path: '/v5/public/spot',
  onMessage(conn, m) {
    const req = asReq(m);
    if (req['op'] === 'ping') return conn.send(JSON.stringify({ success: true, ret_msg: 'pong', conn_id: 'loopback', req_id: req['req_id'], op: 'ping' }));
    if (req['op'] !== 'subscribe' || !Array.isArray(req['args'])) return;
    for (const a of req['args'].map(String)) {
      const s = a.startsWith('orderbook.1.') ? bybitBySymbol.get(a.slice('orderbook.1.'.length)) : undefined;
      if (s !== undefined) conn.subscribed.add(s);
    }
    conn.send(JSON.stringify({ success: true, ret_msg: 'subscribe', conn_id: 'loopback', req_id: req['req_id'], op: 'subscribe' }));
  },
  book(conn, symbol, bid, ask) {
    const v = BYBIT_SYMBOLS[symbol];
    const ts = Date.now();
    return `{"topic":"orderbook.1.${v}","ts":${ts},"type":"snapshot","data":{"s":"${v}","b":[["${bid}","1.5"]],"a":[["${ask}","2.0"]],"u":${++conn.seq},"seq":${conn.seq}},"cts":${ts}}`;
  },
};

export const PROTOCOLS: Readonly<Record<LiveVenue, VenueProtocol>> = {
  binance: binanceProtocol(),
  coinbase: coinbaseProtocol,
  kraken: krakenProtocol,
  bybit: bybitProtocol,
};
