import { describe, expect, it } from 'vitest';
import { FillError, fillAmounts } from '../../../engine/src/client/fill.js';

describe('fillAmounts (twin of exec_trade_rules::fill_amounts)', () => {
  it('rounds the stake up, against the trader', () => {
    expect(fillAmounts(250_000_000n, 523_417n)).toEqual({ stake: 130_854_250n, houseCollateral: 119_145_750n, payout: 250_000_000n });
    expect(fillAmounts(3n, 500_000n)).toEqual({ stake: 2n, houseCollateral: 1n, payout: 3n });
    expect(fillAmounts(1_000_001n, 1n)).toEqual({ stake: 2n, houseCollateral: 999_999n, payout: 1_000_001n });
  });

  it('handles u64-sized fills exactly', () => {
    const max = (1n << 64n) - 1n;
    const f = fillAmounts(max, 999_999n);
    expect(f.stake + f.houseCollateral).toBe(max);
    expect(f.stake).toBe((max * 999_999n + 999_999n) / 1_000_000n);
  });

  it('rejects zero size, untradeable prices and a stake equal to the size', () => {
    const reason = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        return e instanceof FillError ? e.reason : 'other';
      }
      return 'none';
    };
    expect(reason(() => fillAmounts(0n, 500_000n))).toBe('zero-size');
    expect(reason(() => fillAmounts(10n, 0n))).toBe('price-not-tradeable');
    expect(reason(() => fillAmounts(10n, 1_000_000n))).toBe('price-not-tradeable');
    expect(reason(() => fillAmounts(1n, 10_000n))).toBe('no-house-collateral');
    expect(reason(() => fillAmounts(1n << 64n, 10_000n))).toBe('overflow');
  });
});
