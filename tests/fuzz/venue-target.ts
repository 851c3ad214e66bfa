/**
 * One fuzz target per exchange adapter: the adapter's whole inbound path (`onText`: lossless JSON,
 * zod schemas, mapper, sequence tracking) on hostile text. It must never throw, and every tick it
 * emits must be a well-formed normalized tick of a subscribed market.
 */
import pino from 'pino';
import { expect } from 'vitest';
import type { VenueFeedOptions } from '../../engine/src/feeds/connection/venue-feed-options.js';
import { MARKET_SYMBOLS, type FeedAdapter, type Tick } from '../../engine/src/feeds/types.js';
import { fixtureLines } from '../engine/feeds/fake-venue-server.js';
import { fuzzTarget, hostileText } from './fuzz.js';

const DECIMAL = /^\d+(\.\d+)?$/;

export function fuzzVenue(venue: string, make: (o: VenueFeedOptions) => FeedAdapter, extraSamples: readonly string[] = []): void {
  const samples = [...fixtureLines(venue, 'stream'), ...extraSamples];
  const feed = make({ logger: pino({ level: 'silent' }), tuning: { logIntervalMs: 60_000 } });
  const ticks: Tick[] = [];
  feed.onTick((t) => ticks.push(t));
  const onText = (feed as unknown as { onText(text: string, receivedTs: number): void }).onText.bind(feed);
  fuzzTarget(`${venue} messages`, hostileText(samples), (text) => {
    ticks.length = 0;
    onText(text, Date.now());
    for (const t of ticks) {
      expect(MARKET_SYMBOLS).toContain(t.symbol);
      expect(t.venue).toBe(venue);
      for (const p of [t.bid, t.ask, t.last]) if (p !== null) expect(p).toMatch(DECIMAL);
      expect(Number.isFinite(t.exchangeTs)).toBe(true);
    }
  });
}
