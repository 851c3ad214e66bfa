/** A bounds-checked little-endian reader over one binary frame; any overrun is a StreamFrameError. */
import { StreamFrameError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ByteReader {
  private readonly view: DataView;
  offset = 0;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  private need(n: number, what: string): number {
    const at = this.offset;
    if (at + n > this.bytes.length) throw new StreamFrameError(`frame truncated reading ${what} at byte ${at} (${this.bytes.length} bytes)`);
    this.offset = at + n;
    return at;
  }

  u8(what: string): number {
    return this.view.getUint8(this.need(1, what));
  }
  u16(what: string): number {
    return this.view.getUint16(this.need(2, what), true);
  }
  u32(what: string): number {
    return this.view.getUint32(this.need(4, what), true);
  }
  u64(what: string): bigint {
    return this.view.getBigUint64(this.need(8, what), true);
  }
  /** A u64 that must be a safe integer (seqs). */
  safeU64(what: string): number {
    const v = this.u64(what);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new StreamFrameError(`${what} ${v} is not a safe integer`);
    return Number(v);
  }
  f64(what: string): number {
    const v = this.view.getFloat64(this.need(8, what), true);
    if (!Number.isFinite(v)) throw new StreamFrameError(`${what} is not a finite number`);
    return v;
  }
  /** A view (not a copy) of the next `n` bytes. */
  bytesView(n: number, what: string): Uint8Array {
    const at = this.need(n, what);
    return this.bytes.subarray(at, at + n);
  }
  utf8(n: number, what: string): string {
    try {
      return utf8.decode(this.bytesView(n, what));
    } catch (err) {
      if (err instanceof StreamFrameError) throw err;
      throw new StreamFrameError(`${what} is not UTF-8`);
    }
  }
}
