/**
 * KEEP runs of a binary delta round (layouts 2 and 4): consecutive base quotes (or leaves) kept
 * unchanged are written as one `OP_KEEP base count` op instead of one op each.
 */
import { OP_KEEP } from '../../client/stream/layout.js';
import type { ByteWriter } from './byte-writer.js';

const MAX_RUN = 0xffff;

export class KeepRuns {
  private base = 0;
  private count = 0;

  constructor(private readonly w: ByteWriter) {}

  /** Keep base entry `index`: extends the open run when it follows it, else starts a new one. */
  keep(index: number): void {
    if (this.count > 0 && index === this.base + this.count && this.count < MAX_RUN) {
      this.count++;
      return;
    }
    this.flush();
    this.base = index;
    this.count = 1;
  }

  /** Writes the open run, if any (before any other op, and at the end of the round). */
  flush(): void {
    if (this.count === 0) return;
    this.w.u8(OP_KEEP);
    this.w.u16(this.base);
    this.w.u16(this.count);
    this.count = 0;
  }
}
