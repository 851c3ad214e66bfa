/** base58 text of a fixed byte length (a key, a signature), or the caller's typed error. */
import bs58 from 'bs58';

export function base58Bytes(text: string, len: number, what: string, fail: (message: string) => Error): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = bs58.decode(text);
  } catch {
    throw fail(`${what} is not base58`);
  }
  if (bytes.length !== len) throw fail(`${what} must be ${len} bytes, got ${bytes.length}`);
  return bytes;
}
