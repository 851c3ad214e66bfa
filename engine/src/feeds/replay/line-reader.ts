import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/**
 * Reads a text file line by line in fixed-size chunks, so a long recording is never held in memory
 * and a slow consumer (real-time playback) naturally applies backpressure. Closing the iterator
 * early (break/return) closes the file. Accepts LF and CRLF line endings.
 */
export async function* readLines(path: string, chunkBytes = 64 * 1024): AsyncGenerator<string> {
  const handle = await open(path, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buf = Buffer.allocUnsafe(chunkBytes);
    let pending = '';
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      pending += decoder.write(buf.subarray(0, bytesRead));
      let nl = pending.indexOf('\n');
      while (nl !== -1) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        yield line.endsWith('\r') ? line.slice(0, -1) : line;
        nl = pending.indexOf('\n');
      }
    }
    pending += decoder.end();
    if (pending !== '') yield pending.endsWith('\r') ? pending.slice(0, -1) : pending;
  } finally {
    await handle.close();
  }
}
