import { describe, expect, it } from 'vitest';
import { STALENESS_DEFAULTS, staleReason } from '../../../engine/src/aggregator/staleness.js';

const NOW = 1_700_000_000_000;

describe('staleness', () => {
  it('is fresh within both ages', () => {
    expect(staleReason(NOW - 2_000, NOW - 2_000, NOW, STALENESS_DEFAULTS)).toBeNull();
  });

  it('is stale by exchange time even when the message just arrived', () => {
    // Given a venue that delivers old data promptly (lagging matching engine)
    expect(staleReason(NOW - 2_001, NOW, NOW, STALENESS_DEFAULTS)).toBe('exchange-age');
  });

  it('is stale by receive time when nothing arrived for too long', () => {
    const opts = { ...STALENESS_DEFAULTS, maxExchangeAgeMs: 10_000 };
    expect(staleReason(NOW - 2_500, NOW - 2_500, NOW, opts)).toBe('receive-age');
    expect(staleReason(NOW - 1_000, NOW - 2_001, NOW, STALENESS_DEFAULTS)).toBe('receive-age');
  });

  it('rejects exchange timestamps too far in the future', () => {
    expect(staleReason(NOW + 1_000, NOW, NOW, STALENESS_DEFAULTS)).toBeNull();
    expect(staleReason(NOW + 1_001, NOW, NOW, STALENESS_DEFAULTS)).toBe('future-skew');
  });
});
