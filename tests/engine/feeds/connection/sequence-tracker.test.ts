import { describe, expect, it } from 'vitest';
import { SequenceTracker } from '../../../../engine/src/feeds/connection/sequence-tracker.js';

describe('SequenceTracker', () => {
  it('consecutive: reports gaps and stale ids per key', () => {
    const s = new SequenceTracker('consecutive');
    expect(s.check('BTC', 10n)).toBe('first');
    expect(s.check('BTC', 11n)).toBe('ok');
    expect(s.check('BTC', 14n)).toBe('gap');
    expect(s.check('BTC', 12n)).toBe('stale');
    expect(s.check('BTC', 14n)).toBe('stale');
    expect(s.check('ETH', 1n)).toBe('first');
    expect(s.lastOf('BTC')).toBe(14n);
  });

  it('increasing: growth is fine, regressions are stale; reset forgets', () => {
    const s = new SequenceTracker('increasing');
    s.check('k', 22606535573n);
    expect(s.check('k', 22606535590n)).toBe('ok');
    expect(s.check('k', 22606535580n)).toBe('stale');
    s.reset('k');
    expect(s.check('k', 1n)).toBe('first');
    s.reset();
    expect(s.lastOf('k')).toBeUndefined();
  });
});
