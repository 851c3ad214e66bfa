import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../engine/src/lib/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString().split('\n').filter((l) => l !== ''));
      cb();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('redacts key material and auth headers, keeps the rest', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', simulated: false, destination });
    log.child({ module: 'signer' }).info(
      { secretKey: [1, 2, 3], signer: { publicKey: 'PUB', seed: 'SEED' }, req: { headers: { authorization: 'Bearer x' } } },
      'key loaded',
    );
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line.secretKey).toBe('[redacted]');
    expect(line.signer).toEqual({ publicKey: 'PUB', seed: '[redacted]' });
    expect(line.req.headers.authorization).toBe('[redacted]');
    expect(line.module).toBe('signer');
    expect(line.msg).toBe('key loaded');
    expect(line.mode).toBeUndefined();
  });

  it('marks every line SIMULATED in simulated mode', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'debug', simulated: true, destination });
    log.debug('a');
    log.child({ module: 'x' }).warn('b');
    expect(lines.map((l) => JSON.parse(l).mode)).toEqual(['SIMULATED', 'SIMULATED']);
  });
});
