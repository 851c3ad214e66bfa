/**
 * Graceful shutdown (STYLE.md 3.7). SIGTERM/SIGINT are handled once; a second signal while shutting
 * down is logged and ignored. Steps registered by main.ts run in registration order, each awaited; a
 * failing step is logged and the next one still runs. A hard deadline exits with code 1 if the steps
 * hang. `uncaughtException` / `unhandledRejection` log fatal with `{ err }` and shut down with code 1.
 */
import type { Logger } from 'pino';
import { SHUTDOWN_DEADLINE_MS } from '../config/defaults.js';

export type ShutdownStep = () => Promise<void> | void;

/** The slice of `process` this module uses; tests pass an EventEmitter. */
export interface ProcessLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface ShutdownOptions {
  readonly logger: Logger;
  readonly deadlineMs?: number;
  readonly proc?: ProcessLike;
  readonly exit?: (code: number) => void;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export class Shutdown {
  private readonly log: Logger;
  private readonly deadlineMs: number;
  private readonly proc: ProcessLike;
  private readonly exit: (code: number) => void;
  private readonly steps: Array<{ name: string; run: ShutdownStep }> = [];
  private readonly handlers = new Map<string, (...args: unknown[]) => void>();
  private running: Promise<void> | null = null;

  constructor(options: ShutdownOptions) {
    this.log = options.logger.child({ module: 'lib.shutdown' });
    this.deadlineMs = options.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
    this.proc = options.proc ?? (process as unknown as ProcessLike);
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  /** Add a step; steps run in the order they were added. */
  register(name: string, run: ShutdownStep): void {
    this.steps.push({ name, run });
  }

  get inProgress(): boolean {
    return this.running !== null;
  }

  /** Install the signal and fatal-error handlers. Calling it twice is a no-op. */
  install(): void {
    if (this.handlers.size > 0) return;
    for (const signal of SIGNALS) {
      this.handlers.set(signal, () => void this.trigger(signal, 0));
    }
    this.handlers.set('uncaughtException', (err) => {
      this.log.fatal({ err }, 'uncaught exception');
      void this.trigger('uncaughtException', 1);
    });
    this.handlers.set('unhandledRejection', (err) => {
      this.log.fatal({ err }, 'unhandled promise rejection');
      void this.trigger('unhandledRejection', 1);
    });
    for (const [event, handler] of this.handlers) this.proc.on(event, handler);
  }

  uninstall(): void {
    for (const [event, handler] of this.handlers) this.proc.off(event, handler);
    this.handlers.clear();
  }

  /**
   * Run every step, then exit with `exitCode` (or 1 if a step failed). Re-entrant calls return the
   * shutdown already under way.
   */
  trigger(reason: string, exitCode: number): Promise<void> {
    if (this.running) {
      this.log.warn({ reason }, 'shutdown already in progress');
      return this.running;
    }
    this.log.info({ reason, deadlineMs: this.deadlineMs }, 'shutting down');
    const deadline = setTimeout(() => {
      this.log.fatal({ reason, deadlineMs: this.deadlineMs }, 'shutdown deadline passed, exiting');
      this.exit(1);
    }, this.deadlineMs);
    deadline.unref();
    this.running = this.runSteps().then((failed) => {
      clearTimeout(deadline);
      const code = failed ? 1 : exitCode;
      this.log.info({ reason, exitCode: code }, 'shutdown complete');
      this.log.flush();
      this.exit(code);
    });
    return this.running;
  }

  private async runSteps(): Promise<boolean> {
    let failed = false;
    for (const step of this.steps) {
      try {
        await step.run();
        this.log.debug({ step: step.name }, 'shutdown step done');
      } catch (err) {
        failed = true;
        this.log.error({ err, step: step.name }, 'shutdown step failed');
      }
    }
    return failed;
  }
}
