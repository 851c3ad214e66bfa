/**
 * The one pino root logger (STYLE.md 3.5). main.ts creates it from config and hands it to Fastify as
 * `loggerInstance`; components take `logger.child({ module })`. Key material never reaches a line:
 * the redact paths below cover every field name we use for secrets, and auth headers.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export const REDACT_PATHS: readonly string[] = [
  'secret',
  'secretKey',
  'privateKey',
  'seed',
  'keypair',
  'apiKey',
  'apiSecret',
  'password',
  '*.secret',
  '*.secretKey',
  '*.privateKey',
  '*.seed',
  '*.keypair',
  '*.apiKey',
  '*.apiSecret',
  '*.password',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
];

export interface LoggerOptions {
  readonly level: string;
  /** When true, every line carries `mode: "SIMULATED"`. */
  readonly simulated: boolean;
  /** Defaults to stdout (fd 1). */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: options.simulated ? { pid: process.pid, mode: 'SIMULATED' } : { pid: process.pid },
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
