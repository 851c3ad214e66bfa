/**
 * Quote format v2 round sections of binary /v1/stream frames (docs/stream-format.md, layouts 3
 * and 4): one signed root and signature per round, leaves without signatures, and the multiproof
 * of the leaves when the round holds only part of its ladder. Leaves render exactly as the engine
 * renders them (client/ladder-json.ts), so a binary client holds what a JSON client holds.
 * Nothing here verifies: QuoteVerifier.verifyRound does, once per ladder.
 */
import { StreamFrameError, SurfaceDeltaError } from '../errors.js';
import { LADDER_LEAF_LEN, LADDER_ROOT_LEN, decodeLadderRoot, type LadderRootFields } from '../ladder.js';
import { isLadderLeaf, ladderBytes, ladderJson, ladderLeafJson, leafBytes, type LadderJson, type LadderLeafQuote, type SurfaceQuote } from '../ladder-json.js';
import type { SignerKey } from '../quote-json.js';
import type { ByteReader } from './byte-reader.js';
import { LADDER_NEW, LADDER_SAME, LEAF_FIELDS, LEAF_FIELD_MASK, NODE_LEN, NO_BASE, OP_KEEP, OP_PATCH, SIGNATURE_LEN } from './layout.js';

export type LeafOp =
  | { readonly op: 'keep'; readonly base: number; readonly count: number }
  | { readonly op: 'patch'; readonly base: number | null; readonly fromBase: number; readonly fromPrev: number; readonly fields: Uint8Array };

/** A layout 4 section, decoded. */
export interface LadderDeltaSection {
  readonly ladder: { readonly op: 'same'; readonly baseRound: number } | { readonly op: 'new'; readonly root: Uint8Array; readonly signature: Uint8Array };
  readonly first: number;
  readonly ops: readonly LeafOp[];
  readonly nodes: readonly Uint8Array[];
}

function readNodes(r: ByteReader): Uint8Array[] {
  const n = r.u8('node count');
  const nodes: Uint8Array[] = [];
  for (let i = 0; i < n; i++) nodes.push(r.bytesView(NODE_LEN, 'node').slice());
  return nodes;
}

function decodeRoot(root: Uint8Array): LadderRootFields {
  try {
    return decodeLadderRoot(root);
  } catch (err) {
    throw new StreamFrameError(`bad ladder root in frame: ${(err as Error).message}`);
  }
}

/** The leaves first..first+count must lie in the ladder; a round holding them all sends no nodes. */
function checkSpan(root: LadderRootFields, first: number, count: number, nodes: readonly Uint8Array[]): void {
  if (first + count > root.leafCount) throw new StreamFrameError(`leaves ${first}..${first + count} outside a ladder of ${root.leafCount}`);
  if (count === root.leafCount && nodes.length > 0) throw new StreamFrameError('nodes sent for a round that holds its whole ladder');
}

function renderLeaf(root: LadderRootFields, leaf: Uint8Array, index: number, symbol: string): LadderLeafQuote {
  let quote: LadderLeafQuote;
  try {
    quote = ladderLeafJson(root, leaf, index);
  } catch (err) {
    throw new StreamFrameError(`bad ladder leaf in frame: ${(err as Error).message}`);
  }
  if (quote.symbol !== symbol) throw new StreamFrameError(`a ${quote.symbol} ladder in a ${symbol} frame`);
  return quote;
}

/** Layout 3: a round's ladder and its `count` leaves. */
export function readLadderSection(r: ByteReader, count: number, signer: SignerKey | null, symbol: string): { ladder: LadderJson; quotes: LadderLeafQuote[] } {
  if (signer === null) throw new StreamFrameError('a ladder in a frame that names no signer');
  const root = r.bytesView(LADDER_ROOT_LEN, 'ladder root').slice();
  const signature = r.bytesView(SIGNATURE_LEN, 'ladder signature').slice();
  const fields = decodeRoot(root);
  const first = r.u16('first leaf');
  const leaves: Uint8Array[] = [];
  for (let i = 0; i < count; i++) leaves.push(r.bytesView(LADDER_LEAF_LEN, 'ladder leaf').slice());
  const nodes = readNodes(r);
  checkSpan(fields, first, count, nodes);
  const quotes = leaves.map((leaf, i) => renderLeaf(fields, leaf, first + i, symbol));
  return { ladder: ladderJson(root, fields, signature, signer, count === fields.leafCount ? undefined : nodes), quotes };
}

const explicitSize = (mask: number): number => LEAF_FIELDS.reduce((n, f, i) => ((mask & (1 << i)) === 0 ? n + f.size : n), 0);

/** Layout 4: the ops of one v2 round; checks they produce exactly `count` leaves. */
export function readLadderDelta(r: ByteReader, count: number): LadderDeltaSection {
  const op = r.u8('ladder op');
  let ladder: LadderDeltaSection['ladder'];
  if (op === LADDER_SAME) ladder = { op: 'same', baseRound: r.u8('base round') };
  else if (op === LADDER_NEW) ladder = { op: 'new', root: r.bytesView(LADDER_ROOT_LEN, 'ladder root').slice(), signature: r.bytesView(SIGNATURE_LEN, 'ladder signature').slice() };
  else throw new StreamFrameError(`unknown ladder op 0x${op.toString(16)}`);
  const first = r.u16('first leaf');
  const ops: LeafOp[] = [];
  let produced = 0;
  while (produced < count) {
    const code = r.u8('leaf op');
    if (code === OP_KEEP) {
      if (ladder.op === 'new') throw new StreamFrameError('keep of base leaves under a new ladder');
      const base = r.u16('keep base');
      const n = r.u16('keep count');
      if (n === 0) throw new StreamFrameError('keep of 0 leaves');
      ops.push({ op: 'keep', base, count: n });
      produced += n;
    } else if (code === OP_PATCH) {
      const baseRaw = r.u16('patch base');
      const fromBase = r.u8('patch fromBase');
      const fromPrev = r.u8('patch fromPrev');
      if ((fromBase | fromPrev) & ~LEAF_FIELD_MASK || (fromBase & fromPrev) !== 0) throw new StreamFrameError('leaf patch masks overlap');
      if (baseRaw === NO_BASE && fromBase !== 0) throw new StreamFrameError('leaf patch copies from a base leaf it does not name');
      ops.push({ op: 'patch', base: baseRaw === NO_BASE ? null : baseRaw, fromBase, fromPrev, fields: r.bytesView(explicitSize(fromBase | fromPrev), 'leaf patch fields').slice() });
      produced++;
    } else {
      throw new StreamFrameError(`unknown leaf op 0x${code.toString(16)}`);
    }
  }
  if (produced !== count) throw new StreamFrameError(`round ops make ${produced} leaves, header says ${count}`);
  return { ladder, first, ops, nodes: readNodes(r) };
}

function rebuildLeaf(op: Extract<LeafOp, { op: 'patch' }>, base: Uint8Array | null, prev: Uint8Array | null): Uint8Array {
  const leaf = new Uint8Array(LADDER_LEAF_LEN);
  let at = 0;
  for (let i = 0; i < LEAF_FIELDS.length; i++) {
    const { offset, size, name } = LEAF_FIELDS[i] as (typeof LEAF_FIELDS)[number];
    const bit = 1 << i;
    if (op.fromBase & bit) leaf.set((base as Uint8Array).subarray(offset, offset + size), offset);
    else if (op.fromPrev & bit) {
      if (prev === null) throw new StreamFrameError(`leaf patch copies ${name} from a previous leaf, but it is the first of its round`);
      leaf.set(prev.subarray(offset, offset + size), offset);
    } else {
      leaf.set(op.fields.subarray(at, at + size), offset);
      at += size;
    }
  }
  return leaf;
}

export interface LadderDeltaContext {
  readonly symbol: string;
  readonly seq: number;
  readonly signer: SignerKey | null;
  /** The base surface's rounds and its quotes numbered across them. */
  readonly baseRounds: ReadonlyArray<{ readonly ladder?: LadderJson }>;
  baseQuote(i: number): SurfaceQuote;
}

/** The round a layout 4 section describes: its ladder and leaves, from the base the client holds. */
export function applyLadderDelta(section: LadderDeltaSection, ctx: LadderDeltaContext): { ladder: LadderJson; quotes: LadderLeafQuote[] } {
  if (ctx.signer === null) throw new StreamFrameError('a ladder in a frame that names no signer');
  let root: Uint8Array;
  let signature: Uint8Array;
  if (section.ladder.op === 'same') {
    const base = ctx.baseRounds[section.ladder.baseRound]?.ladder;
    if (base === undefined) throw new SurfaceDeltaError(`${ctx.symbol}: delta seq ${ctx.seq} names base round ${section.ladder.baseRound}, which has no ladder`);
    ({ root, signature } = ladderBytes(base));
  } else {
    ({ root, signature } = section.ladder);
  }
  const fields = decodeRoot(root);
  const leafOf = (i: number): LadderLeafQuote => {
    const q = ctx.baseQuote(i);
    if (!isLadderLeaf(q)) throw new SurfaceDeltaError(`${ctx.symbol}: delta seq ${ctx.seq} names base quote ${i}, which is not a ladder leaf`);
    return q;
  };
  const quotes: LadderLeafQuote[] = [];
  let prev: Uint8Array | null = null;
  for (const op of section.ops) {
    if (op.op === 'keep') {
      for (let i = op.base; i < op.base + op.count; i++) {
        const q = leafOf(i);
        if (q.index !== section.first + quotes.length) throw new SurfaceDeltaError(`${ctx.symbol}: delta seq ${ctx.seq} keeps leaf ${q.index} at position ${section.first + quotes.length}`);
        quotes.push(q);
        prev = leafBytes(q).leaf;
      }
      continue;
    }
    const leaf = rebuildLeaf(op, op.base === null ? null : leafBytes(leafOf(op.base)).leaf, prev);
    quotes.push(renderLeaf(fields, leaf, section.first + quotes.length, ctx.symbol));
    prev = leaf;
  }
  checkSpan(fields, section.first, quotes.length, section.nodes);
  return { ladder: ladderJson(root, fields, signature, ctx.signer, quotes.length === fields.leafCount ? undefined : section.nodes), quotes };
}
