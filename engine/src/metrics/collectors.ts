/**
 * The scrape-time metrics: gauges and counters filled from the components' own health and stats
 * (one snapshot per scrape, taken by EngineMetrics.render), so the tick path does no metrics work
 * for them. Counters mirror cumulative component counters; a component restarted from zero (a new
 * feed connection object, a replaced stream worker's counters are kept by the pool) reads as a
 * counter reset, which Prometheus' rate() handles.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { FeedSource, IndexSource, KeeperSource, QuoteSource, StoreSource, StreamSource } from './sources.js';

/** Everything read from the sources for one scrape. */
export interface Snapshot {
  readonly nowMs: number;
  readonly feeds: readonly FeedSource[];
  readonly index: readonly IndexSource[];
  readonly quotes: readonly QuoteSource[];
  readonly stream: StreamSource | null;
  readonly store: StoreSource | null;
  readonly redisPingSec: number | null | undefined;
  readonly keeper: KeeperSource | null;
}

type Labels = Record<string, string>;
type Rows = ReadonlyArray<readonly [Labels, number]>;

/** Refills a scrape-time metric from its rows. */
function refill(metric: { reset(): void; remove(): void }, labelNames: readonly string[], rows: Rows, write: (labels: Labels, value: number) => void): void {
  metric.reset();
  for (const [labels, value] of rows) write(labels, value);
  // prom-client gives a metric without labels a 0 after reset; a source this process lacks shows no sample instead
  if (rows.length === 0 && labelNames.length === 0) metric.remove();
}

function gauge(registry: Registry, name: string, help: string, labelNames: readonly string[], rows: () => Rows): void {
  new Gauge({
    name,
    help,
    labelNames: [...labelNames],
    registers: [registry],
    collect() {
      refill(this, labelNames, rows(), (labels, value) => this.set(labels, value));
    },
  });
}

/** A counter whose value is a component's own cumulative count. */
function counter(registry: Registry, name: string, help: string, labelNames: readonly string[], rows: () => Rows): void {
  new Counter({
    name,
    help,
    labelNames: [...labelNames],
    registers: [registry],
    collect() {
      refill(this, labelNames, rows(), (labels, value) => this.inc(labels, Math.max(0, value)));
    },
  });
}

const seconds = (ms: number): number => ms / 1000;

function registerFeeds(r: Registry, s: () => Snapshot): void {
  const perVenue = (f: (v: FeedSource) => number | null): Rows =>
    s().feeds.flatMap((v) => {
      const value = f(v);
      return value === null ? [] : [[{ venue: v.venue }, value] as const];
    });
  gauge(r, 'exec_feed_connected', 'Venue connection up (1) or down (0).', ['venue'], () => perVenue((v) => (v.connected ? 1 : 0)));
  counter(r, 'exec_feed_messages_total', 'Market data messages received per venue.', ['venue'], () => perVenue((v) => v.messages));
  counter(r, 'exec_feed_symbol_messages_total', 'Market data messages received per venue and symbol.', ['venue', 'symbol'], () =>
    s().feeds.flatMap((v) => v.symbols.map((x) => [{ venue: v.venue, symbol: x.symbol }, x.messages] as const)),
  );
  gauge(r, 'exec_feed_lag_seconds', 'Receive time minus exchange time of the venue’s last tick.', ['venue'], () => perVenue((v) => (v.lagMs === null ? null : seconds(v.lagMs))));
  gauge(r, 'exec_feed_last_message_age_seconds', 'Time since the venue’s last message.', ['venue'], () =>
    perVenue((v) => (v.lastMessageTs === null ? null : seconds(Math.max(0, s().nowMs - v.lastMessageTs)))),
  );
  counter(r, 'exec_feed_reconnects_total', 'Reconnects per venue.', ['venue'], () => perVenue((v) => v.reconnects));
  counter(r, 'exec_feed_parse_errors_total', 'Unparseable messages per venue.', ['venue'], () => perVenue((v) => v.parseErrors));
  counter(r, 'exec_feed_gaps_total', 'Sequence gaps per venue (each forces a resync).', ['venue'], () => perVenue((v) => v.gaps));
  gauge(r, 'exec_feed_silent_symbols', 'Symbols subscribed on the venue that sent nothing within the arrival timeout (or were refused).', ['venue'], () =>
    perVenue((v) => v.symbols.filter((x) => x.silent).length),
  );
  gauge(r, 'exec_feed_symbol_silent', 'A symbol is silent on a venue (1) or delivering (0).', ['venue', 'symbol'], () =>
    s().feeds.flatMap((v) => v.symbols.map((x) => [{ venue: v.venue, symbol: x.symbol }, x.silent ? 1 : 0] as const)),
  );
}

function registerMarkets(r: Registry, s: () => Snapshot): void {
  gauge(r, 'exec_index_age_seconds', 'Age of the index: now minus the oldest exchange time among the venues it uses.', ['symbol'], () =>
    s().index.flatMap((i) => (i.sourceTs === null ? [] : [[{ symbol: i.symbol }, seconds(Math.max(0, s().nowMs - i.sourceTs))] as const])),
  );
  gauge(r, 'exec_index_providers', 'Venues the index uses right now.', ['symbol'], () => s().index.map((i) => [{ symbol: i.symbol }, i.providers] as const));
  gauge(r, 'exec_index_open', 'The index is open (1) or halted (0).', ['symbol'], () => s().index.map((i) => [{ symbol: i.symbol }, i.open ? 1 : 0] as const));
  counter(r, 'exec_quotes_signed_total', 'Quotes signed.', ['symbol'], () => s().quotes.map((q) => [{ symbol: q.symbol }, q.quotesSigned] as const));
  counter(r, 'exec_quotes_reused_total', 'Quotes carried over unchanged into the next surface instead of signed again.', ['symbol'], () =>
    s().quotes.map((q) => [{ symbol: q.symbol }, q.quotesReused] as const),
  );
  gauge(r, 'exec_market_halted', 'The symbol’s last published surface is halted (1) or open (0).', ['symbol'], () =>
    s().quotes.filter((q) => q.status !== 'waiting').map((q) => [{ symbol: q.symbol }, q.status === 'halted' ? 1 : 0] as const),
  );
  gauge(r, 'exec_surface_seq', 'Seq of the symbol’s last published surface.', ['symbol'], () => s().quotes.map((q) => [{ symbol: q.symbol }, q.seq] as const));
}

function registerStream(r: Registry, s: () => Snapshot): void {
  const one = (f: (x: StreamSource) => number): Rows => {
    const stream = s().stream;
    return stream === null ? [] : [[{}, f(stream)]];
  };
  gauge(r, 'exec_stream_clients', 'Connected /v1/stream clients (all stream workers).', [], () => one((x) => x.clients));
  counter(r, 'exec_stream_frames_sent_total', 'Frames written to /v1/stream clients (all stream workers).', [], () => one((x) => x.framesSent));
  counter(r, 'exec_stream_bytes_sent_total', 'Bytes written to /v1/stream clients, WebSocket framing included (all stream workers).', [], () => one((x) => x.bytesSent));
  counter(r, 'exec_stream_slow_consumer_drops_total', 'Clients cut off for exceeding the send buffer limit (close 4001).', [], () => one((x) => x.slowConsumersCut));
  counter(r, 'exec_stream_ping_timeouts_total', 'Clients dropped for missing a whole ping interval.', [], () => one((x) => x.pingTimeouts));
  counter(r, 'exec_stream_refused_connections_total', 'Connections refused: too many from one IP.', [], () => one((x) => x.connectionsRefused));
  counter(r, 'exec_stream_rate_limited_clients_total', 'Clients closed for sending too many messages.', [], () => one((x) => x.rateLimitedClients));
  counter(r, 'exec_stream_subscription_limit_clients_total', 'Clients closed for subscribing too many symbols.', [], () => one((x) => x.subscriptionLimitClients));
  gauge(r, 'exec_stream_workers', 'Stream worker processes configured and ready (0: the API process serves the stream).', ['state'], () => {
    const stream = s().stream;
    return stream === null ? [] : [[{ state: 'configured' }, stream.workers], [{ state: 'ready' }, stream.ready]];
  });
}

function registerStore(r: Registry, s: () => Snapshot): void {
  gauge(r, 'exec_store_up', 'The surface store (memory or Redis) is healthy (1) or not (0).', ['backend'], () => {
    const store = s().store;
    return store === null ? [] : [[{ backend: store.backend }, store.healthy ? 1 : 0]];
  });
  gauge(r, 'exec_redis_ping_seconds', 'Round trip of a PING to Redis at scrape time (absent when it failed or no Redis is used).', [], () => {
    const ping = s().redisPingSec;
    return ping === null || ping === undefined ? [] : [[{}, ping]];
  });
  const writer = (f: (w: NonNullable<StoreSource['writer']>) => number): Rows => {
    const w = s().store?.writer;
    return w === undefined ? [] : [[{}, f(w)]];
  };
  gauge(r, 'exec_store_writer_lease_held', 'This engine holds the Redis writer lease (1) or is standby (0).', [], () => writer((w) => (w.held ? 1 : 0)));
  counter(r, 'exec_store_writer_lease_acquisitions_total', 'Times this engine won the writer lease.', [], () => writer((w) => w.acquisitions));
  counter(r, 'exec_store_writer_lease_losses_total', 'Times this engine lost the writer lease.', [], () => writer((w) => w.losses));
  counter(r, 'exec_store_standby_skipped_total', 'Surfaces not written because another engine holds the lease.', [], () => writer((w) => w.standbySkipped));
  counter(r, 'exec_store_refused_writes_total', 'Writes Redis refused (fenced: another writer holds the lease).', [], () => writer((w) => w.refusedWrites));
}

function registerKeeper(r: Registry, s: () => Snapshot): void {
  const keeper = (f: (k: KeeperSource) => Rows): Rows => {
    const k = s().keeper;
    return k === null ? [] : f(k);
  };
  counter(r, 'exec_keeper_actions_total', 'Keeper actions by kind and outcome (settle: settled, already-settled, refunding, no-round, retry, failed; pre_open: opened).', ['action', 'outcome'], () =>
    keeper((k) => [...Object.entries(k.settle).map(([outcome, n]) => [{ action: 'settle', outcome }, n] as const), [{ action: 'pre_open', outcome: 'opened' }, k.preOpened] as const]),
  );
  counter(r, 'exec_keeper_failures_total', 'Keeper actions that failed (settle: for good, after retries; pre_open: each failed attempt).', ['action'], () =>
    keeper((k) => [
      [{ action: 'settle' }, k.settle.failed ?? 0],
      [{ action: 'pre_open' }, k.preOpenFailures],
    ]),
  );
  counter(r, 'exec_keeper_refused_records_total', 'Settlement records the keeper refused to submit (bad signature or round).', [], () => keeper((k) => [[{}, k.refusedRecords]]));
  gauge(r, 'exec_keeper_pending_settlements', 'Settlements queued and not yet landed.', [], () => keeper((k) => [[{}, k.pending]]));
}

/** Registers every scrape-time metric on `registry`, reading `snapshot()` (the current scrape's). */
export function registerCollectors(registry: Registry, snapshot: () => Snapshot): void {
  registerFeeds(registry, snapshot);
  registerMarkets(registry, snapshot);
  registerStream(registry, snapshot);
  registerStore(registry, snapshot);
  registerKeeper(registry, snapshot);
}
