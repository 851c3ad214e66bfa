/**
 * What /metrics reads at scrape time: the health and stats the components already report (the
 * stream by its own type, imported as a type only; the others as the minimal shapes their health and
 * stats objects satisfy structurally, which the unit tests fill by hand). A source a process does not
 * have (a gateway has no feed, quote engine or keeper) is left out.
 */
import type { StreamStats } from '../api/routes/ws/stream-hub.js';

export interface FeedSource {
  readonly venue: string;
  readonly connected: boolean;
  readonly lastMessageTs: number | null;
  readonly lagMs: number | null;
  readonly reconnects: number;
  readonly messages: number;
  readonly parseErrors: number;
  readonly gaps: number;
  readonly symbols: ReadonlyArray<{ readonly symbol: string; readonly messages: number; readonly silent: boolean }>;
}

export interface IndexSource {
  readonly symbol: string;
  readonly open: boolean;
  /** Oldest exchange timestamp among the venues used (ms); null without a price. */
  readonly sourceTs: number | null;
  readonly providers: number;
}

export interface QuoteSource {
  readonly symbol: string;
  readonly seq: number;
  readonly status: 'open' | 'halted' | 'waiting';
  readonly quotesSigned: number;
  readonly quotesReused: number;
}

export interface StreamSource extends StreamStats {
  /** Stream worker processes configured and ready (0 and 0 when this process serves the stream). */
  readonly workers: number;
  readonly ready: number;
}

export interface StoreSource {
  readonly backend: string;
  readonly healthy: boolean;
  readonly writer?: {
    readonly held: boolean;
    readonly acquisitions: number;
    readonly losses: number;
    readonly standbySkipped: number;
    readonly refusedWrites: number;
  };
}

export interface KeeperSource {
  readonly settle: Readonly<Record<string, number>>;
  readonly preOpened: number;
  readonly preOpenFailures: number;
  readonly refusedRecords: number;
  readonly pending: number;
}

export interface MetricSources {
  readonly feeds?: () => readonly FeedSource[];
  readonly index?: () => readonly IndexSource[];
  readonly quotes?: () => readonly QuoteSource[];
  readonly stream?: () => StreamSource | Promise<StreamSource>;
  readonly store?: () => StoreSource;
  /** Round trip of a Redis PING in seconds; null when it failed (Redis-backed stores only). */
  readonly redisPing?: () => Promise<number | null>;
  readonly keeper?: () => KeeperSource | null;
}
