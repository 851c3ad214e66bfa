/**
 * GET /metrics: every metric of this process in the Prometheus text format (engine/src/metrics).
 * On the API of roles `all` and `gateway`, and on the health listener of role `engine`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { EngineMetrics } from '../../../metrics/engine-metrics.js';
import { errorResponses } from '../../schemas/errors.js';

export const METRICS_PATH = '/metrics';

async function send(metrics: EngineMetrics, reply: FastifyReply): Promise<FastifyReply> {
  const body = await metrics.render();
  return reply.type(metrics.contentType).header('cache-control', 'no-store').send(body);
}

export function registerMetricsRoute(app: FastifyInstance, metrics: EngineMetrics): void {
  const schema = {
    tags: ['operations'],
    summary: 'Prometheus metrics of this process',
    description: 'Feeds, index, quotes, surface timing, stream (summed over stream workers), store and Redis, keeper, HTTP; README "Metrics" lists them.',
    response: { 200: { description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: z.string() } } }, ...errorResponses([]) },
  };
  app.get(METRICS_PATH, { schema }, async (_req, reply) => send(metrics, reply));
}

/** The same route on a Fastify instance without the API's schema compilers (the engine role's health listener). */
export function registerBareMetricsRoute(app: FastifyInstance, metrics: EngineMetrics): void {
  app.get(METRICS_PATH, async (_req, reply) => send(metrics, reply));
}
