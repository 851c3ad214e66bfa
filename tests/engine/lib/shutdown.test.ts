import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Shutdown } from '../../../engine/src/lib/shutdown.js';

const logger = pino({ level: 'silent' });

function setup(deadlineMs = 1_000) {
  const proc = new EventEmitter();
  const exits: number[] = [];
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((r) => {
    resolveExit = r;
  });
  const shutdown = new Shutdown({
    logger,
    deadlineMs,
    proc,
    exit: (code) => {
      exits.push(code);
      resolveExit(code);
    },
  });
  return { proc, exits, exited, shutdown };
}

describe('Shutdown', () => {
  it('runs the steps in order on SIGTERM, once, and exits 0', async () => {
    const { proc, exits, exited, shutdown } = setup();
    const order: string[] = [];
    shutdown.register('api', async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('api');
    });
    shutdown.register('feeds', () => {
      order.push('feeds');
    });
    shutdown.install();
    shutdown.install();
    expect(proc.listenerCount('SIGTERM')).toBe(1);
    proc.emit('SIGTERM');
    proc.emit('SIGINT');
    expect(await exited).toBe(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(order).toEqual(['api', 'feeds']);
    expect(exits).toEqual([0]);
    shutdown.uninstall();
    expect(proc.listenerCount('SIGTERM')).toBe(0);
  });

  it('a failing step does not stop the next one, and the exit code becomes 1', async () => {
    const { exited, shutdown } = setup();
    const order: string[] = [];
    shutdown.register('bad', () => {
      throw new Error('stop failed');
    });
    shutdown.register('after', () => {
      order.push('after');
    });
    await shutdown.trigger('test', 0);
    expect(await exited).toBe(1);
    expect(order).toEqual(['after']);
  });

  it('uncaught exceptions and unhandled rejections shut down with exit 1', async () => {
    const a = setup();
    a.shutdown.install();
    a.proc.emit('uncaughtException', new Error('boom'));
    expect(await a.exited).toBe(1);
    const b = setup();
    b.shutdown.install();
    b.proc.emit('unhandledRejection', new Error('nope'));
    expect(await b.exited).toBe(1);
  });

  it('exits 1 at the hard deadline when a step hangs', async () => {
    const { exits, exited, shutdown } = setup(100);
    shutdown.register('hang', () => new Promise<void>(() => undefined));
    const started = Date.now();
    void shutdown.trigger('SIGTERM', 0);
    expect(await exited).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(exits).toEqual([1]);
  });
});
