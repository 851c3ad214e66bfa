/**
 * HTTP abuse limits and browser security, registered before every route (issue 11):
 * - per-IP rate limit over the API (429 `EXEC_ERR_RATE_LIMITED` with `Retry-After`), stricter on the
 *   transaction route (each request costs RPC calls); the terminal's static files are exempt;
 * - security headers and a Content-Security-Policy that lets the terminal load only its own
 *   scripts and styles and talk only to its own origin and the configured chain's RPC (helmet);
 * - a CORS policy: no cross-origin access unless origins are configured (`EXEC_CORS_ORIGINS`).
 * The official Fastify plugins do the work; this file only configures them.
 */
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error.js';

export interface HttpLimits {
  readonly rateLimitMax: number;
  readonly rateLimitWindowMs: number;
  readonly txRateLimitMax: number;
  /** Allowed cross-origin callers: a list of origins, '*' (any), or [] (same origin only). */
  readonly corsOrigins: readonly string[] | '*';
}

/** Defaults for callers that build the API without a config (tests, benchmarks): generous. */
export const OPEN_HTTP_LIMITS: HttpLimits = { rateLimitMax: 1_000_000, rateLimitWindowMs: 60_000, txRateLimitMax: 1_000_000, corsOrigins: [] };

/**
 * The terminal's CSP: only its own files; fetch and WebSocket to its own origin and to the chain the
 * engine trades on (the `rpcUrl`/`wsUrl` origins of GET /v1/oracle, read per response because the
 * demo chain comes up after the API); no framing, no plugins.
 */
export function terminalCsp(chainOrigins: () => readonly string[] = () => []) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", () => chainOrigins().join(' ')],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  };
}

/** The origins of a chain's JSON-RPC and PubSub URLs (`http://127.0.0.1:8899`, `ws://127.0.0.1:8900`); malformed ones are left out. */
export function chainOriginsOf(urls: ReadonlyArray<string | null>): string[] {
  const origins = new Set<string>();
  for (const url of urls) {
    if (url === null) continue;
    try {
      const origin = new URL(url).origin;
      if (origin !== 'null') origins.add(origin);
    } catch {
      // not a URL: never allowed
    }
  }
  return [...origins];
}

const rateLimited = (afterText: string): ApiError =>
  new ApiError('EXEC_ERR_RATE_LIMITED', 429, `rate limit exceeded, retry in ${afterText} (see the Retry-After header)`);

/** Per-route option: the transaction route's stricter limit. */
export function txRouteRateLimit(limits: HttpLimits) {
  return { rateLimit: { max: limits.txRateLimitMax, timeWindow: limits.rateLimitWindowMs } };
}

/** Registers the three plugins on `app` itself (they are not encapsulated), before any route. */
export function registerSecurity(app: FastifyInstance, limits: HttpLimits, chainOrigins?: () => readonly string[]): void {
  void app.register(helmet, {
    contentSecurityPolicy: terminalCsp(chainOrigins),
    // the API is served over plain http on loopback and private networks: never upgrade or pin https here
    strictTransportSecurity: false,
  });
  void app.register(cors, {
    origin: limits.corsOrigins === '*' ? '*' : limits.corsOrigins.length === 0 ? false : [...limits.corsOrigins],
    methods: ['GET', 'POST'],
    maxAge: 600,
  });
  void app.register(rateLimit, {
    global: true,
    max: limits.rateLimitMax,
    timeWindow: limits.rateLimitWindowMs,
    // the plugin's default key, minus its crash on a request without a socket address (injected requests)
    keyGenerator: (req) => (req.ip === undefined ? 'no-address' : normalizeIP(req.ip)),
    errorResponseBuilder: (_req, context) => rateLimited(context.after),
    onExceeded: (req) => req.log.warn({ ip: req.ip, url: req.url.split('?')[0] }, 'http rate limit exceeded (429)'),
  });
}
