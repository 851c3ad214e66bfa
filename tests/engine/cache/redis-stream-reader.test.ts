import { describe, expect, it } from 'vitest';
import { compareStreamIds } from '../../../engine/src/cache/redis-stream-reader.js';

describe('stream id order', () => {
  it('orders by milliseconds, then by sequence, beyond 2^53', () => {
    expect(compareStreamIds('1-0', '1-0')).toBe(0);
    expect(compareStreamIds('1-1', '1-0')).toBe(1);
    expect(compareStreamIds('1732000000000-5', '1732000000001-0')).toBe(-1);
    expect(compareStreamIds('0-0', '1732000000000-0')).toBe(-1);
    expect(compareStreamIds('18446744073709551615-1', '18446744073709551615-0')).toBe(1);
  });
});
