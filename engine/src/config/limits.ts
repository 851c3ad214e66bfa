/**
 * The abuse limits, security headers and failover timings (issue 11): every limit and timeout has a
 * named default here, a row in .env.example / the README table, and a test. Spread into EnvSchema.
 */
import { z } from 'zod';
import { int } from './vars.js';

export const LIMIT_DEFAULTS = {
  /** WebSocket connections one IP may hold open on /v1/stream at once. */
  wsMaxConnectionsPerIp: 50,
  /** Client messages (subscribe/unsubscribe…) per connection per second before it is closed. */
  wsMaxMessagesPerSec: 10,
  /** HTTP requests one IP may make per window, over every route except the terminal's files. */
  httpRateLimitMax: 600,
  httpRateLimitWindowMs: 60_000,
  /** POST /v1/quotes/:id/transaction per IP per window (each needs RPC calls). */
  httpTxRateLimitMax: 60,
  /** Writer lease: TTL in Redis and renewal interval; takeover within ttl + renew. */
  writerLeaseTtlMs: 3_000,
  writerLeaseRenewMs: 1_000,
} as const;

/** Comma-separated allowed browser origins, `*`, or empty (no cross-origin access). */
export const CorsOriginsVar = z.string().transform((v, ctx): string[] | '*' => {
  const items = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 1 && items[0] === '*') return '*';
  const bad = items.filter((o) => !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o));
  if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `"${bad.join('", "')}" not an origin like https://app.example.com; use * for any` });
  return items;
});

export const LIMIT_VARS = {
  EXEC_WS_MAX_CONNECTIONS_PER_IP: int(LIMIT_DEFAULTS.wsMaxConnectionsPerIp, 1, 100_000),
  EXEC_WS_MAX_MESSAGES_PER_SEC: int(LIMIT_DEFAULTS.wsMaxMessagesPerSec, 1, 10_000),
  EXEC_HTTP_RATE_LIMIT_MAX: int(LIMIT_DEFAULTS.httpRateLimitMax, 1, 10_000_000),
  EXEC_HTTP_RATE_LIMIT_WINDOW_MS: int(LIMIT_DEFAULTS.httpRateLimitWindowMs, 100, 3_600_000),
  EXEC_HTTP_TX_RATE_LIMIT_MAX: int(LIMIT_DEFAULTS.httpTxRateLimitMax, 1, 10_000_000),
  EXEC_CORS_ORIGINS: CorsOriginsVar.default([]),
  EXEC_WRITER_LEASE_TTL_MS: int(LIMIT_DEFAULTS.writerLeaseTtlMs, 200, 600_000),
  EXEC_WRITER_LEASE_RENEW_MS: int(LIMIT_DEFAULTS.writerLeaseRenewMs, 50, 300_000),
};

type LimitEnv = { [K in keyof typeof LIMIT_VARS]: z.output<(typeof LIMIT_VARS)[K]> };

/** The renewal must leave room for two missed renewals inside the TTL. */
export function refineLimits(v: LimitEnv, valid: (...names: (keyof LimitEnv)[]) => boolean, issue: (path: keyof LimitEnv, message: string) => void): void {
  if (valid('EXEC_WRITER_LEASE_TTL_MS', 'EXEC_WRITER_LEASE_RENEW_MS') && v.EXEC_WRITER_LEASE_RENEW_MS * 2 > v.EXEC_WRITER_LEASE_TTL_MS) {
    issue('EXEC_WRITER_LEASE_RENEW_MS', `must be at most half of EXEC_WRITER_LEASE_TTL_MS (${v.EXEC_WRITER_LEASE_TTL_MS})`);
  }
}

export function limitsOf(env: LimitEnv) {
  return {
    http: {
      rateLimitMax: env.EXEC_HTTP_RATE_LIMIT_MAX,
      rateLimitWindowMs: env.EXEC_HTTP_RATE_LIMIT_WINDOW_MS,
      txRateLimitMax: env.EXEC_HTTP_TX_RATE_LIMIT_MAX,
      corsOrigins: env.EXEC_CORS_ORIGINS,
    },
    writerLease: { ttlMs: env.EXEC_WRITER_LEASE_TTL_MS, renewMs: env.EXEC_WRITER_LEASE_RENEW_MS },
  };
}
