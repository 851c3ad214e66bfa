/**
 * GET /v1/health: process, store, feed and per-symbol market status. 503 `down` only when the store
 * is down and this process cannot serve current data (a gateway cut off from Redis); a store that
 * is down but serves from its own memory (the engine's writer in `all` mode) answers 200 `degraded`.
 */
import type { FastifyInstance } from 'fastify';
import type { FeedHealth } from '../../../feeds/types.js';
import type { SurfaceStore } from '../../../cache/types.js';
import type { SurfaceFrames } from '../../surface-frames.js';
import { errorResponses } from '../../schemas/errors.js';
import { HealthSchema } from '../../schemas/status.js';

export interface HealthDeps {
  readonly store: SurfaceStore;
  readonly frames: SurfaceFrames;
  readonly simulated: boolean;
  readonly startedAtMs: number;
  readonly now: () => number;
  readonly feedHealth?: () => readonly FeedHealth[];
  /** /v1/stream counters of this process's hub: clients, slow consumers cut, connections refused, clients rate limited. */
  readonly streamStats?: () => object | Promise<object>;
  /** RSS, heap and the event-loop delay of the last 10 s window (lib/process-stats.ts). */
  readonly processStats?: () => unknown;
  /** /v1/stream: its stream workers (0 when this process serves it), how many are ready, and connected clients. */
  readonly stream?: () => StreamHealth;
}

export interface StreamHealth {
  readonly workers: number;
  readonly ready: number;
  readonly clients: number;
}

export function registerHealthRoute(app: FastifyInstance, deps: HealthDeps): void {
  const schema = {
    tags: ['status'],
    summary: 'Process, store, feed, stream and per-symbol market status',
    response: { 200: HealthSchema, ...errorResponses([]), 503: HealthSchema },
  };
  app.get('/v1/health', { schema }, async (_req, reply) => {
    const now = deps.now();
    const store = deps.store.health();
    const symbols = deps.frames.servedSymbols.map((symbol) => {
      const entry = deps.frames.get(symbol);
      if (!entry) return { symbol, status: 'waiting', seq: null, ageMs: null, haltReason: null };
      return {
        symbol,
        status: entry.surface.status,
        seq: entry.seq,
        ageMs: Math.max(0, now - entry.surface.generatedAtMs),
        haltReason: entry.surface.haltReason,
      };
    });
    const allOpen = symbols.every((s) => s.status === 'open');
    const stream = deps.stream?.();
    // Stream workers configured but none ready: HTTP works, /v1/stream refuses (503) until one is.
    const streaming = stream === undefined || stream.workers === 0 || stream.ready > 0;
    const serving = store.healthy || store.servingFromMemory === true;
    const status = !serving ? 'down' : store.healthy && allOpen && streaming ? 'ok' : 'degraded';
    return reply.code(serving ? 200 : 503).send({
      status,
      simulated: deps.simulated,
      uptimeSec: Math.floor((now - deps.startedAtMs) / 1000),
      store,
      symbols,
      feeds: deps.feedHealth?.() ?? [],
      ...(stream === undefined && !deps.streamStats ? {} : { stream: { ...(await deps.streamStats?.()), ...stream } }),
      ...(deps.processStats ? { process: deps.processStats() } : {}),
    });
  });
}
