import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { EngineError } from '../lib/errors.js';
import { encodeTickLine } from './replay/tick-line.js';
import type { FeedAdapter, Tick } from './types.js';

export interface TickRecorderOptions {
  readonly logger: Logger;
  /** NDJSON output file; parent folders are created. */
  readonly path: string;
  /** Append to an existing file instead of truncating it (default false). */
  readonly append?: boolean;
  /** Buffered lines are written at least this often (default 1000 ms). */
  readonly flushIntervalMs?: number;
  /** Buffered bytes that trigger an immediate write (default 64 KiB). */
  readonly flushBytes?: number;
}

export const TICK_RECORDER_DEFAULTS = {
  append: false,
  flushIntervalMs: 1_000,
  flushBytes: 64 * 1024,
} as const;

export interface TickRecorderStats {
  readonly path: string;
  readonly recorded: number;
  readonly writeErrors: number;
}

/**
 * Appends every tick of the feeds it is attached to as one NDJSON line (the format ReplayFeed plays
 * back). Lines are buffered and written in batches; stop() writes the rest and closes the file.
 * Backs the `--record <file>` CLI flag: `const rec = await TickRecorder.create({ logger, path });
 * rec.attach(feed); await rec.start();` … `await rec.stop();`.
 */
export class TickRecorder {
  private readonly log: Logger;
  private readonly flushIntervalMs: number;
  private readonly flushBytes: number;
  private buffer: string[] = [];
  private bufferedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private recording = false;
  private recorded = 0;
  private writeErrors = 0;

  private constructor(
    private readonly path: string,
    private readonly stream: WriteStream,
    options: TickRecorderOptions,
  ) {
    this.log = options.logger.child({ module: 'feeds.recorder' });
    this.flushIntervalMs = options.flushIntervalMs ?? TICK_RECORDER_DEFAULTS.flushIntervalMs;
    this.flushBytes = options.flushBytes ?? TICK_RECORDER_DEFAULTS.flushBytes;
    stream.on('error', (err) => {
      this.writeErrors += 1;
      this.recording = false;
      this.log.error({ err, path }, 'tick recorder write failed; recording stopped');
    });
  }

  /** Opens (creates or truncates) the file; throws EXEC_ERR_RECORDER_OPEN if it cannot. */
  static async create(options: TickRecorderOptions): Promise<TickRecorder> {
    try {
      await mkdir(dirname(options.path), { recursive: true });
      const stream = createWriteStream(options.path, { flags: options.append ? 'a' : 'w' });
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
      return new TickRecorder(options.path, stream, options);
    } catch (err) {
      throw new EngineError('EXEC_ERR_RECORDER_OPEN', `cannot open tick recording ${options.path}`, { cause: err });
    }
  }

  /** Subscribe to a feed; ticks are written only between start() and stop(). */
  attach(feed: FeedAdapter): void {
    feed.onTick((tick) => this.write(tick));
  }

  async start(): Promise<void> {
    if (this.recording) return;
    this.recording = true;
    this.timer = setInterval(() => this.flush(), this.flushIntervalMs);
    this.log.info({ path: this.path }, 'recording ticks');
  }

  /** Writes what is buffered and closes the file. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.recording = false;
    this.flush();
    if (this.stream.writableEnded || this.stream.destroyed) return;
    await new Promise<void>((resolve) => {
      this.stream.end(() => resolve());
    });
    this.log.info({ path: this.path, recorded: this.recorded }, 'tick recording closed');
  }

  write(tick: Tick): void {
    if (!this.recording) return;
    const line = encodeTickLine(tick);
    this.buffer.push(line);
    this.bufferedBytes += line.length;
    this.recorded += 1;
    if (this.bufferedBytes >= this.flushBytes) this.flush();
  }

  stats(): TickRecorderStats {
    return { path: this.path, recorded: this.recorded, writeErrors: this.writeErrors };
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.bufferedBytes = 0;
    if (this.stream.writable) this.stream.write(chunk);
  }
}
