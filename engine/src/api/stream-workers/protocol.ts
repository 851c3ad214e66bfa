/**
 * Messages between the process that holds the store (the primary: `all` or `gateway` role) and its
 * stream worker processes (EXEC_STREAM_WORKERS). One ordered IPC channel per worker carries the
 * store's events (so every worker builds the same surfaces with the same seqs), accepted client
 * connections (socket handles), and client handoffs when a worker is drained.
 */
import type { MarketSymbol } from '../../feeds/types.js';
import type { StreamLimits, StreamStats } from '../routes/ws/stream-hub.js';
import type { StreamFormat, UpdateMode } from '../schemas/client-message.js';
import type { SurfaceFilter } from '../stream/surface-view.js';

/** A store event as relayed: surfaces travel as their JSON payload and are parsed once per worker. */
export type RelayedEvent =
  | { readonly type: 'surface'; readonly symbol: MarketSymbol; readonly seq: number; readonly payload: string; readonly writer?: string }
  | { readonly type: 'settlement'; readonly symbol: MarketSymbol; readonly settlement: string }
  | { readonly type: 'store-status'; readonly healthy: boolean; readonly detail: string };

/** What a client's connection needs to carry on in another worker without a gap. */
export interface ClientHandoff {
  /** The client's address, counted against EXEC_WS_MAX_CONNECTIONS_PER_IP wherever it is served. */
  readonly ip: string;
  readonly format: StreamFormat;
  readonly updates: UpdateMode;
  /** Per subscribed symbol: its filter and the seq of the last surface frame the client was sent (null: none yet). */
  readonly symbols: ReadonlyArray<{ readonly symbol: MarketSymbol; readonly filter: SurfaceFilter; readonly lastSeq: number | null }>;
}

export interface WorkerInit {
  readonly symbols: readonly MarketSymbol[];
  readonly limits: StreamLimits;
  readonly logLevel: string;
  readonly simulated: boolean;
}

export type ToWorker =
  | { readonly t: 'init'; readonly init: WorkerInit }
  /** The state as of joining, then every event in order: `synced` marks the end of the first part. */
  | { readonly t: 'event'; readonly event: RelayedEvent }
  | { readonly t: 'synced' }
  /**
   * An accepted HTTP upgrade of /v1/stream, its socket attached to the message. The primary counts
   * connections per IP across all workers; `refused`: over the limit, answer with the error and close.
   */
  | { readonly t: 'upgrade'; readonly method: string; readonly url: string; readonly headers: Record<string, string | string[] | undefined>; readonly head: string; readonly ip: string; readonly refused: boolean }
  /** A live connection handed over from a drained worker, its socket attached. */
  | { readonly t: 'adopt'; readonly state: ClientHandoff; readonly head: string }
  /** Hand every client over (returned as `handoff` messages), then exit. */
  | { readonly t: 'drain' }
  /** Close every client with 1001 and exit. */
  | { readonly t: 'stop' }
  | { readonly t: 'stats'; readonly id: number };

export type FromWorker =
  | { readonly t: 'ready' }
  /** The worker's clients and abuse counters, sent whenever they change. */
  /** `handled`: sockets it has taken in so far (upgrades and adoptions), so the primary knows which are still in flight. */
  | { readonly t: 'clients'; readonly stats: StreamStats; readonly handled: number }
  /** A client from `ip` disconnected (not sent for clients handed over: their `handoff` says so). */
  | { readonly t: 'left'; readonly ip: string }
  /** One client to pass on, its socket attached; `head` holds bytes already read from it (base64). */
  | { readonly t: 'handoff'; readonly state: ClientHandoff; readonly head: string }
  | { readonly t: 'drained'; readonly handedOff: number; readonly closed: number }
  | { readonly t: 'stats'; readonly id: number; readonly clients: number; readonly cpuUserUs: number; readonly cpuSystemUs: number; readonly rssBytes: number; readonly stream: StreamStats };
