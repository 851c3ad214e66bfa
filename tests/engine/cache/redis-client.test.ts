import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../../engine/src/cache/redis-client.js';

describe('reconnect backoff', () => {
  it('doubles from 50 ms and is capped', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => reconnectDelayMs(n, 2_000))).toEqual([50, 100, 200, 400, 800, 1_600]);
    expect(reconnectDelayMs(7, 2_000)).toBe(2_000);
    expect(reconnectDelayMs(10_000, 2_000)).toBe(2_000);
    expect(reconnectDelayMs(3, 150)).toBe(150);
  });
});
