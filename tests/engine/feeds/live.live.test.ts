/**
 * Against the real exchanges (network needed). Skipped unless RUN_LIVE_TESTS=1, and excluded from
 * the default vitest include; run with:
 *   RUN_LIVE_TESTS=1 npx vitest run -c tests/engine/feeds/vitest.live.config.ts
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createLiveFeed } from '../../../engine/src/feeds/live.js';
import { LIVE_VENUES, MARKET_SYMBOLS, type LiveVenue, type Tick } from '../../../engine/src/feeds/types.js';
import { waitFor } from './test-helpers.js';

const RUN = process.env['RUN_LIVE_TESTS'] === '1';

describe.skipIf(!RUN)('live exchanges (RUN_LIVE_TESTS=1)', () => {
  for (const venue of LIVE_VENUES) {
    it(`${venue}: every market ticks with exact decimal prices within 30 s`, { timeout: 45_000 }, async () => {
      const feed = createLiveFeed([venue as LiveVenue], { logger: pino({ level: 'warn' }), symbols: MARKET_SYMBOLS, now: Date.now });
      const ticks: Tick[] = [];
      feed.onTick((t) => ticks.push(t));
      await feed.start();
      try {
        await waitFor(() => new Set(ticks.map((t) => t.symbol)).size === MARKET_SYMBOLS.length, `${venue} ticks for every symbol`, 30_000);
        for (const t of ticks) {
          for (const p of [t.bid, t.ask, t.last]) if (p !== null) expect(p).toMatch(/^\d+(\.\d+)?$/);
          expect(t.simulated).toBe(false);
          expect(Math.abs(t.receivedTs - t.exchangeTs)).toBeLessThan(60_000);
        }
        const h = feed.health()[0]!;
        expect(h.connected).toBe(true);
        expect(h.parseErrors).toBe(0);
      } finally {
        await feed.stop();
      }
    });
  }
});
