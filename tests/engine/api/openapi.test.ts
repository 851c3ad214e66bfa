/**
 * GET /v1/openapi.json describes every route the API registers, in every configuration (stream in
 * process or in stream workers, the demo faucet): each operation with its success response schema
 * and, for every error status, the exact EXEC_ERR_* codes it can carry (all documented in
 * docs/errors.md), with examples.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import bs58 from 'bs58';
import { z } from 'zod';
import { buildApi, type ApiApp } from '../../../engine/src/api/app.js';
import { MemoryStore } from '../../../engine/src/cache/memory-store.js';
import { DEFAULT_PROGRAM_ID } from '../../../engine/src/config/defaults.js';
import { signer, SETTLEMENT_SIGNER } from './harness.js';
import { EngineMetrics } from '../../../engine/src/metrics/engine-metrics.js';

interface Operation {
  readonly responses: Record<string, { description: string; content?: Record<string, { schema?: Record<string, unknown>; examples?: object; example?: object }> }>;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

let api: ApiApp | null = null;
afterEach(async () => {
  await api?.app.close();
  api = null;
});

async function build(options: { streamWorkers?: number; faucet?: boolean } = {}): Promise<ApiApp> {
  const logger = pino({ level: 'silent' });
  api = buildApi({
    logger,
    store: new MemoryStore({ logger, quoteRetentionMs: 10_000 }),
    symbols: ['BTCUSDT'],
    oracle: { signer: bs58.encode(signer.publicKey), settlementSigner: SETTLEMENT_SIGNER, programId: DEFAULT_PROGRAM_ID, cluster: 'devnet', epoch: 1n, simulated: true },
    ws: { maxSubscriptions: 3, maxFrameBytes: 4096, heartbeatMs: 5000, maxBufferedBytes: 1 << 20 },
    ...(options.faucet ? { faucet: () => null } : {}),
    ...(options.streamWorkers ? { streamWorkers: options.streamWorkers } : {}),
    metrics: new EngineMetrics({ role: 'all', version: 'test', simulated: true }),
    responseContract: 'throw',
  });
  await api.app.ready();
  return api;
}

async function documentOf(a: ApiApp): Promise<Doc> {
  const res = await a.app.inject({ url: '/v1/openapi.json' });
  expect(res.statusCode).toBe(200);
  return res.json<Doc>();
}

/** `/v1/quotes/:quoteId` → `/v1/quotes/{quoteId}` */
const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const docText = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

/** What is wrong with the document for these routes: each problem as one line (empty: nothing). */
function problems(doc: Doc, routes: ApiApp['routes']): string[] {
  const out: string[] = [];
  for (const { method, url } of routes) {
    if (method === 'HEAD') continue; // Fastify's automatic HEAD twin of every GET
    if (method === 'OPTIONS' && url === '*') continue; // @fastify/cors's preflight answer for every path (OpenAPI has no wildcard path)
    const op = doc.paths[openApiPath(url)]?.[method.toLowerCase()];
    if (op === undefined) {
      out.push(`${method} ${url}: missing from the document`);
      continue;
    }
    const statuses = Object.keys(op.responses);
    const success = statuses.filter((s) => s.startsWith('2'));
    if (success.length === 0 && url !== '/v1/stream') out.push(`${method} ${url}: no success response`);
    for (const s of success) if (!op.responses[s]?.content) out.push(`${method} ${url} ${s}: no response body schema`);
    for (const s of statuses.filter((x) => /^[45]/.test(x))) {
      const json = op.responses[s]?.content?.['application/json'];
      const codes = ((json?.schema?.properties as { error?: { properties?: { code?: { enum?: string[] } } } } | undefined)?.error?.properties?.code?.enum) ?? [];
      if (url === '/v1/health' && s === '503') continue; // `down`: the health body itself
      if (codes.length === 0) out.push(`${method} ${url} ${s}: no error codes`);
      if (json?.examples === undefined && json?.example === undefined) out.push(`${method} ${url} ${s}: no example`);
      for (const code of codes) if (!docText.includes(`\`${code}\``)) out.push(`${method} ${url} ${s}: ${code} is not in docs/errors.md`);
    }
    // the API answers 429 (rate limit) and 500 anywhere; the terminal's static files are exempt from the rate limit
    if (url.startsWith('/v1/') && (!statuses.includes('429') || !statuses.includes('500'))) out.push(`${method} ${url}: 429 and 500 must be documented`);
  }
  return out;
}

describe('GET /v1/openapi.json', () => {
  it('is OpenAPI 3.1 with every registered route, its success schema and every error status with its codes (stream in process, demo faucet)', async () => {
    const a = await build({ faucet: true });
    const doc = await documentOf(a);
    expect(doc.openapi).toBe('3.1.0');
    const urls = new Set(a.routes.map((r) => r.url));
    for (const url of ['/v1/health', '/v1/oracle', '/v1/markets', '/v1/markets/:symbol', '/v1/quotes/:quoteId', '/v1/quotes/:quoteId/transaction', '/v1/settlements/:symbol/:expiryTs', '/v1/feeds', '/v1/faucet', '/v1/stream', '/v1/openapi.json', '/metrics']) {
      expect(urls, url).toContain(url);
    }
    expect(problems(doc, a.routes)).toEqual([]);
    expect(doc.paths['/v1/quotes/{quoteId}/transaction']?.post?.responses['400']?.content?.['application/json']?.schema).toMatchObject({
      properties: { error: { properties: { code: { enum: expect.arrayContaining(['EXEC_ERR_BAD_TRADER', 'EXEC_ERR_BAD_SIDE', 'EXEC_ERR_BAD_SIZE', 'EXEC_ERR_BAD_QUOTE_ID']) } } } },
    });
  });

  it('describes the same routes when stream workers serve /v1/stream', async () => {
    const a = await build({ streamWorkers: 1 });
    const doc = await documentOf(a);
    expect(a.routes.some((r) => r.url === '/v1/stream')).toBe(true);
    expect(problems(doc, a.routes)).toEqual([]);
  }, 60_000);

  it('reports a route the document lacks or leaves undescribed (the check can fail)', async () => {
    const a = await build();
    const doc = await documentOf(a);
    const extra = [
      { method: 'GET', url: '/v1/not-described' },
      { method: 'DELETE', url: '/v1/markets/:symbol' },
    ];
    expect(problems(doc, [...a.routes, ...extra])).toEqual(['GET /v1/not-described: missing from the document', 'DELETE /v1/markets/:symbol: missing from the document']);
    const bare: Doc = { ...doc, paths: { ...doc.paths, '/v1/oracle': { get: { responses: { 200: { description: 'Default Response' } } } } } };
    expect(problems(bare, a.routes.filter((r) => r.url === '/v1/oracle'))).toEqual(['GET /v1/oracle 200: no response body schema', 'GET /v1/oracle: 429 and 500 must be documented']);
  });

  it('validates requests with the documented schemas: the codes of the 400s are the ones the document lists', async () => {
    const a = await build();
    const doc = await documentOf(a);
    const documented = (path: string, method: string, status: string): string[] =>
      ((doc.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema?.properties as { error: { properties: { code: { enum: string[] } } } }).error.properties.code.enum);
    const cases: Array<[string, string, object | undefined, string]> = [
      ['GET', '/v1/quotes/xyz', undefined, 'EXEC_ERR_BAD_QUOTE_ID'],
      ['GET', '/v1/settlements/BTCUSDT/soon', undefined, 'EXEC_ERR_BAD_EXPIRY'],
      ['POST', `/v1/quotes/${'ab'.repeat(16)}/transaction`, { side: 'up', size: '1' }, 'EXEC_ERR_BAD_TRADER'],
      ['POST', `/v1/quotes/${'ab'.repeat(16)}/transaction`, { trader: bs58.encode(signer.publicKey), side: 'left', size: '1' }, 'EXEC_ERR_BAD_SIDE'],
      ['POST', `/v1/quotes/${'ab'.repeat(16)}/transaction`, { trader: bs58.encode(signer.publicKey), side: 'up', size: '1.5' }, 'EXEC_ERR_BAD_SIZE'],
      ['POST', `/v1/quotes/${'ab'.repeat(16)}/transaction`, [1, 2], 'EXEC_ERR_BAD_REQUEST'],
    ];
    for (const [method, url, body, code] of cases) {
      const res = await a.app.inject({ method: method as 'GET', url, ...(body === undefined ? {} : { payload: body }) });
      expect([url, res.statusCode, res.json<{ error: { code: string } }>().error.code]).toEqual([url, 400, code]);
      const path = Object.keys(doc.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(url)) as string;
      expect(documented(path, method.toLowerCase(), '400')).toContain(code);
    }
  });

  it('a response that breaks its schema is reported, never silently reshaped', async () => {
    const { contractSerializer, ResponseContractError } = await import('../../../engine/src/api/openapi.js');
    const schema = z.strictObject({ a: z.number() });
    const reported: unknown[] = [];
    const report = contractSerializer('report', (v) => reported.push(v))({ schema, method: 'GET', url: '/x', httpStatus: '200' });
    expect(report({ a: 1, b: 2 })).toBe('{"a":1,"b":2}');
    expect(reported).toHaveLength(1);
    const strict = contractSerializer('throw', () => undefined)({ schema, method: 'GET', url: '/x', httpStatus: '200' });
    expect(() => strict({ a: 'one' })).toThrow(ResponseContractError);
    expect(strict({ a: 1 })).toBe('{"a":1}');
  });
});
