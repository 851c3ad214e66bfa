/**
 * Entry point of a stream worker process (forked by StreamWorkerPool). Waits for `init`, then hands
 * every message from the primary to a StreamWorker. Exits when told to or when the primary goes away.
 */
import type { Socket } from 'node:net';
import { createLogger } from '../../lib/logger.js';
import { StreamWorker } from './stream-worker.js';
import type { FromWorker, ToWorker } from './protocol.js';

let worker: StreamWorker | null = null;

const send = (message: FromWorker, socket?: Socket): void => {
  if (process.connected) process.send?.(message, socket);
};

process.on('message', (message: ToWorker, socket?: Socket) => {
  if (worker !== null) return worker.handle(message, socket);
  if (message.t !== 'init') return;
  const logger = createLogger({ level: message.init.logLevel, simulated: message.init.simulated });
  worker = new StreamWorker(message.init, send, logger, (code) => process.exit(code));
});
process.on('disconnect', () => process.exit(0));
// The primary owns a worker's lifecycle (`stop`, `drain`, or its channel closing): a Ctrl-C sent to the
// whole process group must not kill workers before the primary hands their clients over or closes them.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => undefined);
