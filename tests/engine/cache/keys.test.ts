import { describe, expect, it } from 'vitest';
import { createRedisKeys } from '../../../engine/src/cache/keys.js';

describe('redis keys', () => {
  it('builds every key without a prefix', () => {
    const k = createRedisKeys();
    expect(k.market('BTCUSDT')).toBe('markets:BTCUSDT');
    expect(k.quote('0f1e2d3c4b5a69788796a5b4c3d2e1f0')).toBe('quote:0f1e2d3c4b5a69788796a5b4c3d2e1f0');
    expect(k.settlement('SOLUSDT', 1_795_000_200)).toBe('settlement:SOLUSDT:1795000200');
    expect(k.surfaceStream('ETHUSDT')).toBe('stream:surfaces:ETHUSDT');
    expect(k.settlementStream()).toBe('stream:settlements');
    expect(k.oracle()).toBe('oracle');
  });

  it('namespaces every key with the prefix and rejects unsafe prefixes', () => {
    const k = createRedisKeys('exec:prod:');
    expect([k.market('BTCUSDT'), k.quote('ab'), k.settlement('BTCUSDT', 60), k.surfaceStream('BTCUSDT'), k.settlementStream(), k.oracle()]).toEqual([
      'exec:prod:markets:BTCUSDT',
      'exec:prod:quote:ab',
      'exec:prod:settlement:BTCUSDT:60',
      'exec:prod:stream:surfaces:BTCUSDT',
      'exec:prod:stream:settlements',
      'exec:prod:oracle',
    ]);
    expect(() => createRedisKeys('a b')).toThrow(RangeError);
    expect(() => createRedisKeys('x*')).toThrow(RangeError);
  });
});
