/**
 * What one subscriber receives for one symbol: the encoding (`json` | `binary`), the update mode
 * (`full` | `delta`) and the part of the surface (all of it, or some round durations and/or the
 * strikes within N of the money). Frames are built once per surface and view, and every subscriber
 * of that view gets the same bytes.
 */
import type { LadderLeafJson, MarketSurface, RoundSurface } from '../../market/types.js';
import { leafBytes, withLadderNodes } from '../../client/ladder-json.js';
import { ladderMultiproof, ladderTree } from '../../client/ladder-tree.js';
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
    const from = Math.max(0, atm - n);
    const quotes = round.quotes.slice(from, atm + n + 1);
    if (round.ladder === undefined || quotes.length === round.quotes.length) rounds.push({ ...round, quotes });
    else rounds.push({ ...round, quotes, ladder: partOfLadder(round, from, quotes.length) });
  }
  return { ...surface, rounds };
}

/**
 * The ladder of a round that keeps only `count` of its leaves from `from`: the same signed root,
 * with the multiproof of those leaves, so a client still rebuilds the root from what it receives.
 */
function partOfLadder(round: RoundSurface, from: number, count: number): NonNullable<RoundSurface['ladder']> {
  const leaves = round.quotes as readonly LadderLeafJson[];
  const levels = ladderTree(leaves.map((q) => leafBytes(q).leaf));
  const first = leaves[from]?.index ?? from;
  return withLadderNodes(round.ladder as NonNullable<RoundSurface['ladder']>, ladderMultiproof(levels, Array.from({ length: count }, (_, i) => first + i)));
}
