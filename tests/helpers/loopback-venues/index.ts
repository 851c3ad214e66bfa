/** Four loopback venues on one shared price walk (see loopback-venue.ts). */
import { LIVE_VENUES, type LiveVenue } from '../../../engine/src/feeds/types.js';
import { LoopbackVenue } from './loopback-venue.js';
import { PriceWalk } from './price-walk.js';
import { PROTOCOLS, type VenueProtocol } from './protocols.js';

export { LoopbackVenue } from './loopback-venue.js';
export { PriceWalk } from './price-walk.js';
export { PROTOCOLS, binanceProtocol, type VenueProtocol } from './protocols.js';

export interface LoopbackVenues {
  readonly venues: Readonly<Record<LiveVenue, LoopbackVenue>>;
  /** EXEC_<VENUE>_WS_URL values pointing at the loopback venues. */
  readonly urls: Readonly<Record<LiveVenue, string>>;
  close(): Promise<void>;
}

export async function startLoopbackVenues(
  opts: { tickHz?: number; heartbeatMs?: number; seed?: number; protocols?: Partial<Record<LiveVenue, VenueProtocol>> } = {},
): Promise<LoopbackVenues> {
  const prices = new PriceWalk(opts.seed ?? 1);
  const walk = setInterval(() => prices.step(), 1000 / (opts.tickHz ?? 10));
  const entries = await Promise.all(
    LIVE_VENUES.map(async (v) => [v, await LoopbackVenue.start({ protocol: opts.protocols?.[v] ?? PROTOCOLS[v], prices, ...opts })] as const),
  );
  const venues = Object.fromEntries(entries) as Record<LiveVenue, LoopbackVenue>;
  const urls = Object.fromEntries(entries.map(([v, lv]) => [v, lv.url])) as Record<LiveVenue, string>;
  return {
    venues,
    urls,
    async close() {
      clearInterval(walk);
      await Promise.all(Object.values(venues).map((v) => v.close()));
    },
  };
}
