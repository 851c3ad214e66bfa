/**
 * Entry point of a stream worker process (forked by StreamWorkerPool). Waits for `init`, then hands
 * every message from the primary to a StreamWorker. Exits when the primary goes away.
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
