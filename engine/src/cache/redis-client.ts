/**
 * ioredis connections configured for a hot path that must never pile up work while Redis is away:
 * no offline queue (a command sent while disconnected fails at once), no retry of in-flight commands
 * (the store rewrites its state on reconnect instead), and reconnection forever with capped
 * exponential backoff. An error listener is always attached, so a dead Redis never crashes the process.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export interface RedisClientOptions {
  readonly url: string;
  /** CLIENT SETNAME, visible in `CLIENT LIST` and RedisInsight. */
  readonly connectionName: string;
  /** Upper bound of the reconnect backoff. */
  readonly maxBackoffMs: number;
  readonly connectTimeoutMs: number;
  readonly logger: Logger;
}

const BASE_BACKOFF_MS = 50;

/** Reconnect delay for attempt n (1-based): 50, 100, 200 … ms, capped at maxBackoffMs. */
export function reconnectDelayMs(attempt: number, maxBackoffMs: number): number {
  const exp = BASE_BACKOFF_MS * 2 ** Math.min(Math.max(attempt - 1, 0), 16);
  return Math.min(exp, maxBackoffMs);
}

export function createRedisClient(options: RedisClientOptions): Redis {
  const redisOptions: RedisOptions = {
    lazyConnect: true,
    connectionName: options.connectionName,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    enableReadyCheck: true,
    connectTimeout: options.connectTimeoutMs,
    retryStrategy: (attempt: number) => reconnectDelayMs(attempt, options.maxBackoffMs),
  };
  const client = new Redis(options.url, redisOptions);
  // Transitions are logged by the store; individual failed attempts only at debug level.
  client.on('error', (err: Error) => {
    options.logger.debug({ err, connection: options.connectionName }, 'redis connection error');
  });
  return client;
}

/** Resolves when `client` is ready, or false once `signal` aborts or `timeoutMs` elapses. */
export function waitForReady(client: Redis, signal: AbortSignal, timeoutMs?: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (ready: boolean): void => {
      client.off('ready', onReady);
      signal.removeEventListener('abort', onAbort);
      if (timer !== undefined) clearTimeout(timer);
      resolve(ready);
    };
    const onReady = (): void => finish(true);
    const onAbort = (): void => finish(false);
    client.on('ready', onReady);
    signal.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined) timer = setTimeout(() => finish(client.status === 'ready'), timeoutMs);
  });
}
