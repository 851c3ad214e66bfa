/**
 * Fixed little-endian byte layouts of the signed messages (quote, settlement, ladder root, leaf):
 * a checked writer and a reader, and the shared header and flag checks. Every failure is a
 * QuoteFormatError naming the field.
 */
import { QuoteFormatError } from './errors.js';

const U16_MAX = 0xffff;
const U32_MAX = 0xffff_ffffn;
const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
/** Flag bit 0: the prices were simulated, not taken from live exchanges. */
export const FLAG_SIMULATED = 0x01;
export const KNOWN_FLAGS = FLAG_SIMULATED;

export class Writer {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  private off = 0;
  constructor(len: number) {
    this.bytes = new Uint8Array(len);
    this.view = new DataView(this.bytes.buffer);
  }
  raw(b: Uint8Array, len: number, name: string): void {
    if (b.length !== len) throw new QuoteFormatError(`${name}: expected ${len} bytes, got ${b.length}`);
    this.bytes.set(b, this.off);
    this.off += len;
  }
  u8(v: number, name: string): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new QuoteFormatError(`${name}: not a u8: ${v}`);
    this.view.setUint8(this.off, v);
    this.off += 1;
  }
  u16(v: number, name: string): void {
    if (!Number.isInteger(v) || v < 0 || v > U16_MAX) throw new QuoteFormatError(`${name}: not a u16: ${v}`);
    this.view.setUint16(this.off, v, true);
    this.off += 2;
  }
  u32(v: bigint, name: string): void {
    if (v < 0n || v > U32_MAX) throw new QuoteFormatError(`${name}: not a u32: ${v}`);
    this.view.setUint32(this.off, Number(v), true);
    this.off += 4;
  }
  u64(v: bigint, name: string): void {
    if (v < 0n || v > U64_MAX) throw new QuoteFormatError(`${name}: not a u64: ${v}`);
    this.view.setBigUint64(this.off, v, true);
    this.off += 8;
  }
  i64(v: bigint, name: string): void {
    if (v < I64_MIN || v > I64_MAX) throw new QuoteFormatError(`${name}: not an i64: ${v}`);
    this.view.setBigInt64(this.off, v, true);
    this.off += 8;
  }
  done(): Uint8Array {
    if (this.off !== this.bytes.length) throw new QuoteFormatError(`layout wrote ${this.off} of ${this.bytes.length} bytes`);
    return this.bytes;
  }
}

export class Reader {
  private readonly view: DataView;
  private off = 0;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  raw(len: number): Uint8Array {
    const out = this.bytes.slice(this.off, this.off + len);
    this.off += len;
    return out;
  }
  u8(): number {
    return this.view.getUint8(this.off++);
  }
  u16(): number {
    const v = this.view.getUint16(this.off, true);
    this.off += 2;
    return v;
  }
  u32(): bigint {
    const v = this.view.getUint32(this.off, true);
    this.off += 4;
    return BigInt(v);
  }
  u64(): bigint {
    const v = this.view.getBigUint64(this.off, true);
    this.off += 8;
    return v;
  }
  i64(): bigint {
    const v = this.view.getBigInt64(this.off, true);
    this.off += 8;
    return v;
  }
}

export function checkHeader(bytes: Uint8Array, magic: Uint8Array, version: number, len: number, what: string): void {
  if (bytes.length !== len) throw new QuoteFormatError(`${what}: expected ${len} bytes, got ${bytes.length}`);
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== magic[i]) throw new QuoteFormatError(`${what}: bad magic`);
  }
  if (bytes[4] !== version) throw new QuoteFormatError(`${what}: unsupported version ${bytes[4]}`);
}

export function checkFlags(flags: number, what: string): void {
  if ((flags & ~KNOWN_FLAGS) !== 0) throw new QuoteFormatError(`${what}: unknown flag bits 0x${flags.toString(16)}`);
}
