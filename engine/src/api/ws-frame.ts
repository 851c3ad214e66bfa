/**
 * RFC 6455 framing of a server→client message (text or binary), done once per published surface so the hub can
 * write the same bytes to every socket without ws re-framing them per client. Server frames are
 * never masked (RFC 6455 §5.1), and we never negotiate permessage-deflate, so the wire bytes of a
 * message are the same for every client.
 */
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';

const FIN_TEXT = 0x81;
const FIN_BINARY = 0x82;

/** One unmasked, unfragmented text frame: header followed by the payload bytes. */
export function encodeTextFrame(payload: Buffer): Buffer {
  return encodeFrame(FIN_TEXT, payload);
}

/** One unmasked, unfragmented binary frame. */
export function encodeBinaryFrame(payload: Buffer): Buffer {
  return encodeFrame(FIN_BINARY, payload);
}

function encodeFrame(first: number, payload: Buffer): Buffer {
  const len = payload.length;
  let header: Buffer;
  if (len < 126) {
    header = Buffer.from([first, len]);
  } else if (len < 65_536) {
    header = Buffer.allocUnsafe(4);
    header[0] = first;
    header[1] = 126;
    header.writeUInt16BE(len, 2);
  } else {
    header = Buffer.allocUnsafe(10);
    header[0] = first;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([header, payload], header.length + len);
}

/**
 * The TCP socket under a server-side `ws` connection, when writing pre-framed bytes to it is safe:
 * no compression and an ordinary net socket. Otherwise null, and the caller uses `ws.send`.
 */
export function rawSocketOf(ws: WebSocket): Duplex | null {
  if (ws.extensions !== '') return null;
  const socket = (ws as unknown as { _socket?: unknown })._socket;
  if (socket === null || typeof socket !== 'object') return null;
  const s = socket as Duplex & { remoteAddress?: string };
  return typeof s.write === 'function' && typeof s.remoteAddress === 'string' ? s : null;
}
