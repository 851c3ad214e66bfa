import { EngineError } from '../../lib/errors.js';
import { LIVE_VENUES, isMarketSymbol, type LiveVenue, type MarketSymbol } from '../types.js';
import type { SimVenueFault } from './sim-feed.js';

const ITEM_RE = /^([a-z]+):(silent|[+-]?\d+bps)(?:@([A-Z,]+))?$/;

/**
 * Parses a demo fault list such as `kraken:silent,bybit:+80bps@ETHUSDT` (the EXEC_SIM_FAULTS
 * format): items separated by `,` or `;`, each `<venue>:silent` or `<venue>:<signed integer>bps`,
 * optionally limited to symbols with `@SYM` or `@SYM,SYM` (a comma followed by an upper-case name
 * continues the symbol list). Throws EXEC_ERR_FEED_OPTIONS naming the bad item.
 */
export function parseSimFaults(text: string): Partial<Record<LiveVenue, SimVenueFault>> {
  const faults: Partial<Record<LiveVenue, SimVenueFault>> = {};
  const items = text
    .split(/[;\s]+|,(?=[a-z])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const item of items) {
    const m = ITEM_RE.exec(item);
    const venue = m?.[1] as LiveVenue | undefined;
    if (!m || venue === undefined || !(LIVE_VENUES as readonly string[]).includes(venue)) {
      throw new EngineError('EXEC_ERR_FEED_OPTIONS', `bad sim fault "${item}": expected <venue>:silent or <venue>:<+/-N>bps[@SYMBOL]`);
    }
    let symbols: MarketSymbol[] | undefined;
    if (m[3] !== undefined) {
      const names = m[3].split(',').filter((s) => s !== '');
      const bad = names.filter((s) => !isMarketSymbol(s));
      if (bad.length > 0) throw new EngineError('EXEC_ERR_FEED_OPTIONS', `bad sim fault "${item}": unknown symbol ${bad.join(', ')}`);
      symbols = names.filter(isMarketSymbol);
    }
    const kind = m[2]!;
    const fault: SimVenueFault = kind === 'silent' ? { silent: true } : { deviationBps: Number.parseInt(kind, 10) };
    faults[venue] = symbols ? { ...fault, symbols } : fault;
  }
  return faults;
}
