/**
 * What one subscriber receives for one symbol: the encoding (`json` | `binary`), the update mode
 * (`full` | `delta`) and the part of the surface (all of it, or some round durations and/or the
 * strikes within N of the money). Frames are built once per surface and view, and every subscriber
 * of that view gets the same bytes.
 */
import type { MarketSurface, RoundSurface } from '../../market/types.js';
import type { StreamFormat, UpdateMode } from '../schemas/client-message.js';

export interface SurfaceFilter {
  /** Round durations (seconds) to keep, ascending; null keeps every round. */
  readonly rounds: readonly number[] | null;
  /** Strikes kept on each side of the at-the-money strike; null keeps the whole ladder. */
  readonly strikes: number | null;
}

export interface StreamView {
  /** Identifies the view: equal keys get equal bytes. */
  readonly key: string;
  readonly format: StreamFormat;
  readonly updates: UpdateMode;
  readonly filter: SurfaceFilter;
  /** Identifies the filter alone ('' for the whole surface). */
  readonly filterKey: string;
}

export const WHOLE_SURFACE: SurfaceFilter = { rounds: null, strikes: null };

export function filterKeyOf(filter: SurfaceFilter): string {
  const r = filter.rounds === null ? '' : `r${filter.rounds.join(',')}`;
  const s = filter.strikes === null ? '' : `s${filter.strikes}`;
  return r && s ? `${r};${s}` : r + s;
}

const views = new Map<string, StreamView>();

/** The (interned) view of these settings. */
export function streamView(format: StreamFormat, updates: UpdateMode, filter: SurfaceFilter = WHOLE_SURFACE): StreamView {
  const rounds = filter.rounds === null ? null : [...new Set(filter.rounds)].sort((a, b) => a - b);
  const normal: SurfaceFilter = { rounds, strikes: filter.strikes };
  const filterKey = filterKeyOf(normal);
  const key = `${format}|${updates}|${filterKey}`;
  let view = views.get(key);
  if (view === undefined) {
    view = { key, format, updates, filter: normal, filterKey };
    if (views.size < 10_000) views.set(key, view);
  }
  return view;
}

/**
 * Index of the at-the-money quote of a ladder (ascending strikes): the strike nearest the index
 * price, the lower one on a tie.
 */
function atmIndex(round: RoundSurface, price: bigint): number {
  let best = 0;
  let bestDistance: bigint | null = null;
  round.quotes.forEach((q, i) => {
    const d = BigInt(q.strike) - price;
    const distance = d < 0n ? -d : d;
    if (bestDistance === null || distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}

/** The part of `surface` the filter keeps (the surface itself when it keeps everything). */
export function filterSurface(surface: MarketSurface, filter: SurfaceFilter): MarketSurface {
  if (filter.rounds === null && filter.strikes === null) return surface;
  const keep = filter.rounds === null ? null : new Set(filter.rounds);
  const price = surface.index.price === null ? null : BigInt(surface.index.price);
  const n = filter.strikes;
  const rounds: RoundSurface[] = [];
  for (const round of surface.rounds) {
    if (keep !== null && !keep.has(round.durationSec)) continue;
    if (n === null || round.quotes.length === 0 || price === null) {
      rounds.push(round);
      continue;
    }
    const atm = atmIndex(round, price);
    rounds.push({ ...round, quotes: round.quotes.slice(Math.max(0, atm - n), atm + n + 1) });
  }
  return { ...surface, rounds };
}
