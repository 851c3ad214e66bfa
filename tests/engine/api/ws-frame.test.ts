import { describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import { encodeTextFrame } from '../../../engine/src/api/ws-frame.js';

/** Decode frames with ws's own client-side Receiver, the parser a real client uses. */
function receive(wire: Buffer): Promise<string> {
  type ReceiverLike = NodeJS.WritableStream & { on(event: string, listener: (data: Buffer, isBinary: boolean) => void): void };
  const ReceiverCtor = (wsModule as unknown as { Receiver: new (options: object) => ReceiverLike }).Receiver;
  const receiver = new ReceiverCtor({ isServer: false, maxPayload: 0 });
  return new Promise((resolve, reject) => {
    receiver.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) reject(new Error('binary frame'));
      else resolve(data.toString());
    });
    receiver.on('error', reject as (d: Buffer, b: boolean) => void);
    receiver.write(wire);
  });
}

describe('encodeTextFrame', () => {
  it.each([0, 5, 125, 126, 300, 65_535, 65_536, 200_000])('a %i-byte payload round-trips through a ws client parser', async (len) => {
    const text = 'é'.repeat(Math.floor(len / 2)) + 'x'.repeat(len % 2);
    const payload = Buffer.from(text);
    expect(payload.length).toBe(len);
    const wire = encodeTextFrame(payload);
    const headerLen = len < 126 ? 2 : len < 65_536 ? 4 : 10;
    expect(wire.length).toBe(headerLen + len);
    expect(wire[0]).toBe(0x81);
    expect(await receive(wire)).toBe(text);
  });
});
