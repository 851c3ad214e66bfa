import pino, { type Logger } from 'pino';
import type { ConnectionTuning } from '../../../engine/src/feeds/connection/resilient-websocket.js';

/** Poll `cond` every 10 ms until true or `timeoutMs` passes (then throw with `what`). */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface CapturedLogger {
  readonly logger: Logger;
  readonly lines: Record<string, unknown>[];
  has(msg: string): boolean;
}

/** A real pino logger writing parsed JSON lines into an array. */
export function captureLogger(): CapturedLogger {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { logger, lines, has: (msg) => lines.some((l) => l['msg'] === msg) };
}

/** Short timeouts so connection behaviour is observable within a test. */
export const FAST_TUNING: Partial<ConnectionTuning> = {
  staleTimeoutMs: 2_000,
  symbolArrivalTimeoutMs: 2_000,
  connectTimeoutMs: 1_000,
  backoffInitialMs: 20,
  backoffMaxMs: 200,
  stableAfterMs: 10_000,
  logIntervalMs: 0,
};
