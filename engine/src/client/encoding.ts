/**
 * Byte ↔ text conversions the SDK needs on hot paths, identical on Node and in browsers: Node's
 * Buffer is used when present (several times faster), plain JavaScript otherwise.
 */
interface NodeBufferView {
  toString(encoding: 'hex' | 'base64'): string;
}
interface NodeBufferStatic {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): NodeBufferView;
  from(text: string, encoding: 'base64'): Uint8Array;
}
const NodeBuffer = (globalThis as { Buffer?: NodeBufferStatic }).Buffer;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const view = (b: Uint8Array): NodeBufferView => (NodeBuffer as NodeBufferStatic).from(b.buffer, b.byteOffset, b.byteLength);

export function bytesToHex(bytes: Uint8Array): string {
  if (NodeBuffer !== undefined) return view(bytes).toString('hex');
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i] as number];
  return s;
}

export function bytesToBase64(bytes: Uint8Array): string {
  if (NodeBuffer !== undefined) return view(bytes).toString('base64');
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i] as number);
  return btoa(bin);
}

/** Strict base64 (standard alphabet, padded); throws RangeError on anything else. */
export function base64ToBytes(text: string): Uint8Array {
  if (!BASE64_RE.test(text)) throw new RangeError('not base64');
  if (NodeBuffer !== undefined) return new Uint8Array(NodeBuffer.from(text, 'base64'));
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
