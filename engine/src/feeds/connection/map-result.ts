import type { MarketSymbol, Tick } from '../types.js';

/** Ids were skipped on a sequence: `previous` was seen, then `got` (both as exact decimal strings). */
export interface GapEvent {
  readonly symbol: MarketSymbol | 'connection';
  readonly stream: string;
  readonly previous: string;
  readonly got: string;
}

/** What a mapper made of one data message: zero or more ticks and any gaps it detected. */
export interface MapResult {
  readonly ticks: readonly Tick[];
  readonly gaps: readonly GapEvent[];
}

export const EMPTY_RESULT: MapResult = { ticks: [], gaps: [] };
