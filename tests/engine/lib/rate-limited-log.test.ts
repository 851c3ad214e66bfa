import { describe, expect, it } from 'vitest';
import { RateLimitedLog } from '../../../engine/src/lib/rate-limited-log.js';
import { captureLogger } from '../feeds/test-helpers.js';

describe('RateLimitedLog', () => {
  it('logs once per key per interval and reports how many were suppressed', () => {
    let now = 0;
    const log = captureLogger();
    const limited = new RateLimitedLog(log.logger, 1_000, () => now);
    for (let i = 0; i < 5; i += 1) limited.warn('a', { i }, 'bad');
    limited.warn('b', {}, 'other');
    now = 1_000;
    limited.warn('a', { i: 99 }, 'bad');
    expect(log.lines.map((l) => [l['msg'], l['i'], l['suppressed']])).toEqual([
      ['bad', 0, 0],
      ['other', undefined, 0],
      ['bad', 99, 4],
    ]);
  });

  it('keeps its key table bounded when keys come from venue input', () => {
    const log = captureLogger();
    const limited = new RateLimitedLog(log.logger, 60_000, () => 0);
    for (let i = 0; i < 5_000; i += 1) limited.warn(`unexpected:channel-${i}`, {}, 'unexpected');
    expect(log.lines).toHaveLength(5_000);
    limited.warn('unexpected:channel-4999', {}, 'unexpected');
    expect(log.lines).toHaveLength(5_000);
  });
});
