/** A growable little-endian writer for binary stream frames; one per frame, then `finish()`. */
import { EngineError } from '../../lib/errors.js';

const DECIMAL_RE = /^(?:0|[1-9]\d{0,19})$/;
const U64_MAX = (1n << 64n) - 1n;
const utf8 = new TextEncoder();

export class ByteWriter {
  private buf: Buffer;
  private view: DataView;
  private at = 0;

  constructor(initial = 4_096) {
    this.buf = Buffer.allocUnsafe(initial);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  get length(): number {
    return this.at;
  }

  private room(n: number): number {
    if (this.at + n > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
      this.buf.copy(next, 0, 0, this.at);
      this.buf = next;
      this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
    }
    const at = this.at;
    this.at += n;
    return at;
  }

  u8(v: number): void {
    this.view.setUint8(this.room(1), v);
  }
  u16(v: number): void {
    this.view.setUint16(this.room(2), v, true);
  }
  u32(v: number): void {
    this.view.setUint32(this.room(4), v, true);
  }
  u64(v: bigint): void {
    this.view.setBigUint64(this.room(8), v, true);
  }
  f64(v: number): void {
    this.view.setFloat64(this.room(8), v, true);
  }
  bytes(b: Uint8Array): void {
    this.buf.set(b, this.room(b.length));
  }
  /** Overwrite a u16/u32 written earlier (lengths and counts known only afterwards). */
  patchU32(offset: number, v: number): void {
    this.view.setUint32(offset, v, true);
  }

  /** A JSON decimal string (price micro-units, volatility) as a u64; anything else is a bug upstream. */
  decimal(text: string, what: string): void {
    if (!DECIMAL_RE.test(text) || BigInt(text) > U64_MAX) throw new EngineError('EXEC_ERR_STREAM_ENCODE', `${what} "${text}" is not a u64 decimal`);
    this.u64(BigInt(text));
  }

  /** UTF-8 with a u8 (venue) or u16 (halt reason) length prefix. */
  text(s: string, lengthBytes: 1 | 2, what: string): void {
    const b = utf8.encode(s);
    const max = lengthBytes === 1 ? 0xff : 0xffff;
    if (b.length > max) throw new EngineError('EXEC_ERR_STREAM_ENCODE', `${what} is ${b.length} bytes, at most ${max}`);
    if (lengthBytes === 1) this.u8(b.length);
    else this.u16(b.length);
    this.bytes(b);
  }

  /** The bytes written, copied into an exactly-sized Buffer. */
  finish(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.at));
  }
}
