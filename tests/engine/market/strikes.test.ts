import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, buildLadder, ladderCentre, validateLadder } from '../../../engine/src/market/strikes.js';
import { EngineError } from '../../../engine/src/lib/errors.js';

const usdt = (n: number): bigint => BigInt(Math.round(n * 1_000_000));

describe('strike ladder', () => {
  it('uses 100 / 10 / 1 USDT spacing and 5 strikes per side by default', () => {
    expect(DEFAULT_LADDER.spacing).toEqual({ BTC: usdt(100), ETH: usdt(10), SOL: usdt(1) });
    expect(DEFAULT_LADDER.strikesPerSide).toBe(5);
  });

  it('BTC: 11 strikes every 100 USDT around the rounded index', () => {
    const strikes = buildLadder(97_312_345_678n, DEFAULT_LADDER.spacing.BTC, 5);
    expect(strikes).toHaveLength(11);
    expect(strikes[0]).toBe(usdt(96_800));
    expect(strikes[5]).toBe(usdt(97_300));
    expect(strikes[10]).toBe(usdt(97_800));
    for (let i = 1; i < strikes.length; i++) expect(strikes[i]! - strikes[i - 1]!).toBe(usdt(100));
  });

  it('ETH and SOL centres round to the nearest 10 and 1 USDT', () => {
    expect(ladderCentre(usdt(3_456.78), DEFAULT_LADDER.spacing.ETH)).toBe(usdt(3_460));
    expect(ladderCentre(usdt(3_454.99), DEFAULT_LADDER.spacing.ETH)).toBe(usdt(3_450));
    expect(ladderCentre(usdt(145.499999), DEFAULT_LADDER.spacing.SOL)).toBe(usdt(145));
    expect(ladderCentre(usdt(145.500001), DEFAULT_LADDER.spacing.SOL)).toBe(usdt(146));
  });

  it('an exact tie rounds up', () => {
    expect(ladderCentre(usdt(97_350), DEFAULT_LADDER.spacing.BTC)).toBe(usdt(97_400));
    expect(ladderCentre(usdt(97_349.999999), DEFAULT_LADDER.spacing.BTC)).toBe(usdt(97_300));
    expect(ladderCentre(usdt(145.5), DEFAULT_LADDER.spacing.SOL)).toBe(usdt(146));
    expect(ladderCentre(usdt(0.5), DEFAULT_LADDER.spacing.SOL)).toBe(usdt(1));
  });

  it('an index on a multiple is its own centre', () => {
    expect(buildLadder(usdt(150), usdt(1), 2)).toEqual([usdt(148), usdt(149), usdt(150), usdt(151), usdt(152)]);
  });

  it('never produces a strike <= 0 for small prices', () => {
    expect(buildLadder(usdt(3.2), usdt(1), 5)).toEqual([usdt(1), usdt(2), usdt(3), usdt(4), usdt(5), usdt(6), usdt(7), usdt(8)]);
    expect(buildLadder(usdt(0.2), usdt(1), 5)).toEqual([usdt(1), usdt(2), usdt(3), usdt(4), usdt(5)]);
    expect(buildLadder(1n, usdt(100), 5).every((k) => k > 0n)).toBe(true);
  });

  it('rejects a non-positive price or spacing and bad options', () => {
    expect(() => buildLadder(0n, usdt(1), 5)).toThrow(EngineError);
    expect(() => ladderCentre(usdt(1), 0n)).toThrow(/spacing/);
    expect(() => validateLadder({ ...DEFAULT_LADDER, strikesPerSide: -1 })).toThrow(/strikesPerSide/);
    expect(() => validateLadder({ ...DEFAULT_LADDER, spacing: { ...DEFAULT_LADDER.spacing, ETH: 0n } })).toThrow(/ETH/);
  });
});
