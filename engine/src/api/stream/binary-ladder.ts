/**
 * Server side of quote format v2 in binary /v1/stream frames (docs/stream-format.md, layouts 3
 * and 4; the decoder is client/stream/ladder-section.ts). A round's ladder goes once: its signed
 * root and signature, then the leaves without signatures, then the multiproof of the leaves when
 * the round is a part of the ladder (a `strikes` view).
 *
 * In a delta, a round whose root the base already holds names that base round (LADDER_SAME, 2
 * bytes instead of 170); its leaves are KEEP runs of base leaves. A new ladder's leaves are PATCHes
 * that send only the leaf fields differing both from the base leaf of the same strike and from the
 * leaf before it: a ladder re-signed because time passed costs per leaf its new quote id (and its
 * decay rate when that moved), the reference price and time being copied from the leaf before.
 */
import { isLadderLeafJson, type LadderLeafJson, type MarketSurface, type QuoteJson, type RoundSurface } from '../../market/types.js';
import { ladderBytes, leafBytes } from '../../client/ladder-json.js';
import { LADDER_NEW, LADDER_SAME, LEAF_FIELDS, NO_BASE, OP_PATCH } from '../../client/stream/layout.js';
import { EngineError } from '../../lib/errors.js';
import type { ByteWriter } from './byte-writer.js';
import { KeepRuns } from './keep-runs.js';


function fail(message: string): never {
  throw new EngineError('EXEC_ERR_STREAM_ENCODE', message);
}

/** The round's leaves, checked to be one contiguous span of its ladder. */
function leavesOf(round: RoundSurface): { first: number; leaves: readonly LadderLeafJson[] } {
  const leaves = round.quotes as readonly LadderLeafJson[];
  const first = leaves[0]?.index ?? 0;
  leaves.forEach((q, i) => {
    if (!isLadderLeafJson(q) || q.index !== first + i) fail(`round ${round.durationSec}s: ladder quotes must be leaves ${first}.. in order`);
  });
  return { first, leaves };
}

function writeNodes(w: ByteWriter, round: RoundSurface): void {
  const nodes = ladderBytes(round.ladder as NonNullable<RoundSurface['ladder']>).nodes;
  if (nodes.length > 0xff) fail(`${nodes.length} multiproof nodes`);
  w.u8(nodes.length);
  for (const n of nodes) w.bytes(n);
}

/** Layout 3: root, signature, first leaf index, leaves, multiproof nodes. */
export function writeLadderSection(w: ByteWriter, round: RoundSurface): void {
  const b = ladderBytes(round.ladder as NonNullable<RoundSurface['ladder']>);
  const { first, leaves } = leavesOf(round);
  w.bytes(b.root);
  w.bytes(b.signature);
  w.u16(first);
  for (const q of leaves) w.bytes(leafBytes(q).leaf);
  writeNodes(w, round);
}

const sameField = (a: Uint8Array, b: Uint8Array, offset: number, size: number): boolean => {
  for (let i = offset; i < offset + size; i++) if (a[i] !== b[i]) return false;
  return true;
};

export interface LadderDeltaWriter {
  /** Layout 4 for one v2 round of the new surface. */
  round(w: ByteWriter, round: RoundSurface): void;
}

/** Writes v2 rounds against `base`, whose quotes are numbered across all its rounds. */
export function ladderDeltaWriter(base: MarketSurface): LadderDeltaWriter {
  const roundByRoot = new Map<string, number>();
  const byLeaf = new Map<string, number>();
  const byStrike = new Map<string, number>();
  const baseLeaves: Array<Uint8Array | null> = [];
  base.rounds.forEach((round, r) => {
    if (round.ladder !== undefined && !roundByRoot.has(round.ladder.root)) roundByRoot.set(round.ladder.root, r);
    for (const q of round.quotes as readonly QuoteJson[]) {
      const i = baseLeaves.length;
      if (!isLadderLeafJson(q) || i >= NO_BASE) {
        baseLeaves.push(null);
        continue;
      }
      baseLeaves.push(leafBytes(q).leaf);
      byLeaf.set(q.leaf, i);
      byStrike.set(`${q.expiryTs}:${q.strike}`, i);
    }
  });
  return {
    round(w, round) {
      const ladder = round.ladder as NonNullable<RoundSurface['ladder']>;
      const same = roundByRoot.get(ladder.root);
      if (same !== undefined && same <= 0xff) {
        w.u8(LADDER_SAME);
        w.u8(same);
      } else {
        const b = ladderBytes(ladder);
        w.u8(LADDER_NEW);
        w.bytes(b.root);
        w.bytes(b.signature);
      }
      const { first, leaves } = leavesOf(round);
      w.u16(first);
      const runs = new KeepRuns(w);
      let prev: Uint8Array | null = null;
      for (const q of leaves) {
        const leaf = leafBytes(q).leaf;
        const kept = same === undefined ? undefined : byLeaf.get(q.leaf);
        if (kept !== undefined) {
          runs.keep(kept);
          prev = leaf;
          continue;
        }
        runs.flush();
        const ref = byStrike.get(`${q.expiryTs}:${q.strike}`);
        const refLeaf = ref === undefined ? null : (baseLeaves[ref] as Uint8Array);
        let fromBase = 0;
        let fromPrev = 0;
        LEAF_FIELDS.forEach(({ offset, size }, i) => {
          if (refLeaf !== null && sameField(refLeaf, leaf, offset, size)) fromBase |= 1 << i;
          else if (prev !== null && sameField(prev, leaf, offset, size)) fromPrev |= 1 << i;
        });
        w.u8(OP_PATCH);
        w.u16(refLeaf === null ? NO_BASE : (ref as number));
        w.u8(fromBase);
        w.u8(fromPrev);
        LEAF_FIELDS.forEach(({ offset, size }, i) => {
          if (((fromBase | fromPrev) & (1 << i)) === 0) w.bytes(leaf.subarray(offset, offset + size));
        });
        prev = leaf;
      }
      runs.flush();
      writeNodes(w, round);
    },
  };
}
