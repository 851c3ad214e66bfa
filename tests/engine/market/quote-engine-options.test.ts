import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUOTE_ENGINE_SETTINGS,
  quoteEngineSettingsFromFlat,
  resolveQuoteEngineSettings,
  type FlatQuoteEngineSettings,
} from '../../../engine/src/market/quote-engine-options.js';
import { EngineError } from '../../../engine/src/lib/errors.js';

const FLAT: FlatQuoteEngineSettings = {
  expiriesSec: [60, 300, 900, 3600],
  strikesPerSide: 5,
  strikeSpacing: { BTC: 100_000_000n, ETH: 10_000_000n, SOL: 1_000_000n },
  spreadBps: 200,
  quoteTtlMs: 3000,
  maxIndexAgeMs: 5000,
  moveThresholdBps: 2,
  minIntervalMs: 50,
  maxIntervalMs: 1000,
  maxSizeAtoms: { BTC: 1_000_000_000n, ETH: 500_000_000n, SOL: 250_000_000n },
};

describe('quote engine settings', () => {
  it('the flat configuration with default values gives exactly the defaults', () => {
    expect(quoteEngineSettingsFromFlat(FLAT)).toEqual(DEFAULT_QUOTE_ENGINE_SETTINGS);
    expect(resolveQuoteEngineSettings()).toEqual(DEFAULT_QUOTE_ENGINE_SETTINGS);
  });

  it('maps every flat field', () => {
    const s = quoteEngineSettingsFromFlat({
      ...FLAT,
      expiriesSec: [30, 120],
      closeOffsetsSec: [3, 20],
      strikesPerSide: 2,
      spreadBps: 150,
      minPriceMicros: 20_000n,
      maxPriceMicros: 980_000n,
      volatility: { sampleIntervalMs: 500, perAsset: { SOL: { defaultVol: 1.2 } } },
    });
    expect(s.schedule.rounds).toEqual([
      { durationSec: 30, closeOffsetSec: 3 },
      { durationSec: 120, closeOffsetSec: 20 },
    ]);
    expect(s.ladder.strikesPerSide).toBe(2);
    expect(s.pricing).toEqual({ spreadMicros: 15_000n, minPriceMicros: 20_000n, maxPriceMicros: 980_000n });
    expect(s.volatility.sampleIntervalMs).toBe(500);
    expect(s.volatility.perAsset.SOL).toEqual({ defaultVol: 1.2, floor: 0.3, cap: 3 });
    expect(s.volatility.perAsset.BTC).toEqual(DEFAULT_QUOTE_ENGINE_SETTINGS.volatility.perAsset.BTC);
  });

  it('rejects invalid values with EXEC_ERR_MARKET_CONFIG', () => {
    const bad: Array<Partial<FlatQuoteEngineSettings>> = [
      { minIntervalMs: 2000 },
      { quoteTtlMs: 0 },
      { maxSizeAtoms: { ...FLAT.maxSizeAtoms, SOL: 0n } },
      { expiriesSec: [60], closeOffsetsSec: [60] },
      { minPriceMicros: 1n, maxPriceMicros: 2n },
      { volatility: { perAsset: { BTC: { defaultVol: 9 } } } },
    ];
    for (const patch of bad) {
      let err: unknown;
      try {
        quoteEngineSettingsFromFlat({ ...FLAT, ...patch });
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(Object.keys(patch))).toBeInstanceOf(EngineError);
      expect((err as EngineError).code).toBe('EXEC_ERR_MARKET_CONFIG');
    }
  });
});
