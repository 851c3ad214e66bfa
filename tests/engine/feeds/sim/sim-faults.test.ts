import { describe, expect, it } from 'vitest';
import { parseSimFaults } from '../../../../engine/src/feeds/sim/sim-faults.js';

describe('parseSimFaults', () => {
  it('reads silent venues and signed deviations, optionally per symbol', () => {
    expect(parseSimFaults('kraken:silent,bybit:+80bps')).toEqual({ kraken: { silent: true }, bybit: { deviationBps: 80 } });
    expect(parseSimFaults('coinbase:-120bps@ETHUSDT; binance:silent@BTCUSDT,SOLUSDT')).toEqual({
      coinbase: { deviationBps: -120, symbols: ['ETHUSDT'] },
      binance: { silent: true, symbols: ['BTCUSDT', 'SOLUSDT'] },
    });
    expect(parseSimFaults('')).toEqual({});
  });

  it('names the bad item', () => {
    expect(() => parseSimFaults('mtgox:silent')).toThrow(/mtgox:silent/);
    expect(() => parseSimFaults('kraken:80')).toThrow(expect.objectContaining({ code: 'EXEC_ERR_FEED_OPTIONS' }));
    expect(() => parseSimFaults('kraken:silent@DOGEUSDT')).toThrow(/DOGEUSDT/);
  });
});
