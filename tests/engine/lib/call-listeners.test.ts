import { describe, expect, it } from 'vitest';
import { callListeners } from '../../../engine/src/lib/call-listeners.js';

describe('callListeners', () => {
  it('calls every listener in order; one that throws is reported with the value and the rest still run', () => {
    // Given three listeners, the second of which throws
    const calls: string[] = [];
    const boom = new Error('boom');
    const listeners = [
      (v: number) => void calls.push(`a${v}`),
      () => {
        throw boom;
      },
      (v: number) => void calls.push(`c${v}`),
    ];
    const errors: Array<[unknown, number]> = [];

    // When a value is delivered
    callListeners(listeners, 7, (err, v) => errors.push([err, v]));

    // Then the others saw it, in order, and the failure was handed over once with the value
    expect(calls).toEqual(['a7', 'c7']);
    expect(errors).toEqual([[boom, 7]]);
  });

  it('works over a Set and with no listeners at all', () => {
    const seen: number[] = [];
    callListeners(new Set([(v: number) => void seen.push(v)]), 1, () => undefined);
    callListeners(new Set<(v: number) => void>(), 2, () => {
      throw new Error('never called');
    });
    expect(seen).toEqual([1]);
  });
});
