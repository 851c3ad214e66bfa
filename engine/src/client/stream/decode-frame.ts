/**
 * Decodes binary /v1/stream frames (docs/stream-format.md) into the objects JSON mode delivers: a
 * `snapshot`/`update` becomes `{type, symbol, seq, ts, surface}` with every quote rendered from its
 * signed bytes exactly as the engine renders it; a `delta` keeps its ops, which `applyBinaryDelta`
 * resolves against the surface the client holds. Malformed input throws StreamFrameError.
 */
import { StreamFrameError } from '../errors.js';
import { assetName, quoteJsonFromBytes, sameBytes, signerKey, type SignerKey } from '../quote-json.js';
import { decodeQuote } from '../quote-message.js';
import type { SignedQuote } from '../verify-quote.js';
import type { SurfaceIndexJson, SurfaceJson, SurfaceRoundJson } from '../surface-delta.js';
import { ByteReader } from './byte-reader.js';
import { readLadderDelta, readLadderSection, type LadderDeltaSection } from './ladder-section.js';
import {
  FRAME_DELTA,
  FRAME_TYPE_NAMES,
  HEADER_LEN,
  INDEX_HAS_CONFIDENCE,
  INDEX_HAS_PRICE,
  INDEX_HAS_SOURCE_TS,
  KNOWN_INDEX_FLAGS,
  KNOWN_SURFACE_FLAGS,
  NO_BASE,
  OP_KEEP,
  OP_PATCH,
  QUOTES_LADDER,
  QUOTES_LADDER_DELTA,
  QUOTES_V1,
  QUOTES_V1_DELTA,
  QUOTE_MESSAGE_LEN,
  SIGNATURE_LEN,
  SOURCE_HAS_MID,
  SOURCE_STATUS_IDS,
  STREAM_MAGIC_0,
  STREAM_MAGIC_1,
  STREAM_VERSION,
  SURFACE_HALTED,
  SURFACE_HAS_HALT_REASON,
  SURFACE_SIMULATED,
  V1_FIELDS,
  V1_FIELD_MASK,
} from './layout.js';

export interface RoundMetaJson {
  readonly durationSec: number;
  readonly startTs: number;
  readonly expiryTs: number;
  readonly tradingCloseTs: number;
  readonly volatility: string;
}

/** Everything of a surface except its rounds. */
export type SurfaceHead = Omit<SurfaceJson, 'rounds'>;

export interface SurfaceFrame {
  readonly type: 'snapshot' | 'update';
  readonly symbol: string;
  readonly seq: number;
  /** When the server built the frame: wall-clock ms with a µs fraction (as in JSON frames). */
  readonly ts: number;
  readonly surface: SurfaceJson;
}

export type DeltaOp =
  | { readonly op: 'keep'; readonly base: number; readonly count: number }
  | {
      readonly op: 'patch';
      /** Index into the base surface's quotes (all rounds, in order), or null. */
      readonly base: number | null;
      readonly fromBase: number;
      readonly fromPrev: number;
      /** The fields in neither mask, concatenated in field order. */
      readonly fields: Uint8Array;
      readonly signature: Uint8Array;
    };

/** A round of a delta frame: v1 quote ops (layout 2) or a quote format v2 ladder delta (layout 4). */
export type DeltaRound = RoundMetaJson & { readonly quoteCount: number } & (
    | { readonly layout: 'v1'; readonly ops: readonly DeltaOp[] }
    | ({ readonly layout: 'ladder' } & LadderDeltaSection)
  );

export interface BinaryDeltaFrame {
  readonly type: 'delta';
  readonly symbol: string;
  readonly seq: number;
  readonly baseSeq: number;
  readonly ts: number;
  readonly head: SurfaceHead;
  /** The key every patched quote is signed by; null when the frame names none. */
  readonly signer: SignerKey | null;
  readonly rounds: readonly DeltaRound[];
}

export type BinaryFrame = SurfaceFrame | BinaryDeltaFrame;

const STATUS_NAMES = new Map<number, string>(Object.entries(SOURCE_STATUS_IDS).map(([name, id]) => [id, name]));
let lastSigner: SignerKey | null = null;

function readSigner(r: ByteReader): SignerKey | null {
  const bytes = r.bytesView(32, 'signer');
  if (bytes.every((b) => b === 0)) return null;
  if (lastSigner === null || !sameBytes(lastSigner.bytes, bytes)) lastSigner = signerKey(bytes.slice());
  return lastSigner;
}

function decimal(r: ByteReader, what: string): string {
  return r.u64(what).toString();
}

function readIndex(r: ByteReader): SurfaceIndexJson {
  const flags = r.u8('index flags');
  if ((flags & ~KNOWN_INDEX_FLAGS) !== 0) throw new StreamFrameError(`unknown index flags 0x${flags.toString(16)}`);
  const ts = r.f64('index ts');
  const providers = r.u8('index providers');
  const price = flags & INDEX_HAS_PRICE ? decimal(r, 'index price') : null;
  const sourceTs = flags & INDEX_HAS_SOURCE_TS ? r.f64('index sourceTs') : null;
  const confidence = flags & INDEX_HAS_CONFIDENCE ? decimal(r, 'index confidence') : null;
  const count = r.u8('source count');
  const sources: SurfaceIndexJson['sources'][number][] = [];
  for (let i = 0; i < count; i++) {
    const venue = r.utf8(r.u8('venue length'), 'venue');
    const statusByte = r.u8('source status');
    const status = STATUS_NAMES.get(statusByte & ~SOURCE_HAS_MID);
    if (status === undefined) throw new StreamFrameError(`unknown source status ${statusByte & ~SOURCE_HAS_MID}`);
    const mid = statusByte & SOURCE_HAS_MID ? decimal(r, 'source mid') : null;
    sources.push({ venue, mid, exchangeTs: r.f64('source exchangeTs'), receivedTs: r.f64('source receivedTs'), status });
  }
  return { price, ts, sourceTs, providers, confidence, sources };
}

function readRoundMeta(r: ByteReader): RoundMetaJson {
  return {
    durationSec: r.u32('durationSec'),
    startTs: r.f64('startTs'),
    expiryTs: r.f64('expiryTs'),
    tradingCloseTs: r.f64('tradingCloseTs'),
    volatility: decimal(r, 'volatility'),
  };
}

/** Layout 1: `count` quotes as their signed bytes and signature. */
function readV1Quotes(r: ByteReader, count: number, signer: SignerKey | null, symbol: string): SignedQuote[] {
  if (count > 0 && signer === null) throw new StreamFrameError('quotes in a frame that names no signer');
  const quotes: SignedQuote[] = [];
  for (let i = 0; i < count; i++) {
    const message = r.bytesView(QUOTE_MESSAGE_LEN, 'quote message').slice();
    const signature = r.bytesView(SIGNATURE_LEN, 'quote signature').slice();
    quotes.push(renderQuote(message, signature, signer as SignerKey, symbol));
  }
  return quotes;
}

/** Layout 3, as a round's `quotes` and `ladder` (an empty ladder round is not sent as layout 3). */
function ladderRound(r: ByteReader, count: number, signer: SignerKey | null, symbol: string): Pick<SurfaceRoundJson, 'quotes' | 'ladder'> {
  if (count === 0) throw new StreamFrameError('a ladder section with no leaves');
  const { ladder, quotes } = readLadderSection(r, count, signer, symbol);
  return { quotes, ladder };
}

/** A quote rendered from bytes, refused when its asset is not the frame's symbol. */
export function renderQuote(message: Uint8Array, signature: Uint8Array, signer: SignerKey, symbol: string): SignedQuote {
  let quote: SignedQuote;
  try {
    quote = quoteJsonFromBytes(message, signature, signer, decodeQuote(message));
  } catch (err) {
    throw new StreamFrameError(`bad quote in frame: ${(err as Error).message}`);
  }
  if (quote.symbol !== symbol) throw new StreamFrameError(`a ${quote.symbol} quote in a ${symbol} frame`);
  return quote;
}

function explicitSize(mask: number): number {
  let size = 0;
  for (let i = 0; i < V1_FIELDS.length; i++) if ((mask & (1 << i)) === 0) size += (V1_FIELDS[i] as { size: number }).size;
  return size;
}

/** Layout 2: the ops of one round; checks they produce exactly `count` quotes. */
function readDeltaOps(r: ByteReader, count: number): DeltaOp[] {
  const ops: DeltaOp[] = [];
  let produced = 0;
  while (produced < count) {
    const op = r.u8('delta op');
    if (op === OP_KEEP) {
      const base = r.u16('keep base');
      const n = r.u16('keep count');
      if (n === 0) throw new StreamFrameError('keep of 0 quotes');
      ops.push({ op: 'keep', base, count: n });
      produced += n;
    } else if (op === OP_PATCH) {
      const baseRaw = r.u16('patch base');
      const fromBase = r.u16('patch fromBase');
      const fromPrev = r.u16('patch fromPrev');
      if ((fromBase | fromPrev) & ~V1_FIELD_MASK || (fromBase & fromPrev) !== 0) throw new StreamFrameError('patch masks overlap or name unknown fields');
      if (baseRaw === NO_BASE && fromBase !== 0) throw new StreamFrameError('patch copies from a base quote it does not name');
      const fields = r.bytesView(explicitSize(fromBase | fromPrev), 'patch fields');
      ops.push({ op: 'patch', base: baseRaw === NO_BASE ? null : baseRaw, fromBase, fromPrev, fields, signature: r.bytesView(SIGNATURE_LEN, 'patch signature') });
      produced++;
    } else {
      throw new StreamFrameError(`unknown delta op 0x${op.toString(16)}`);
    }
  }
  if (produced !== count) throw new StreamFrameError(`round ops make ${produced} quotes, header says ${count}`);
  return ops;
}

/** Decode one binary frame. */
export function decodeStreamFrame(bytes: Uint8Array): BinaryFrame {
  const r = new ByteReader(bytes);
  if (bytes.length < HEADER_LEN) throw new StreamFrameError(`frame is ${bytes.length} bytes, header needs ${HEADER_LEN}`);
  if (r.u8('magic') !== STREAM_MAGIC_0 || r.u8('magic') !== STREAM_MAGIC_1) throw new StreamFrameError('bad magic: not an exec-trade stream frame');
  const version = r.u8('version');
  if (version !== STREAM_VERSION) throw new StreamFrameError(`unsupported stream frame version ${version}`);
  const typeId = r.u8('frame type');
  const type = FRAME_TYPE_NAMES[typeId];
  if (type === undefined) throw new StreamFrameError(`unknown frame type ${typeId}`);
  const assetId = r.u8('asset');
  const asset = assetName(assetId);
  if (asset.startsWith('#')) throw new StreamFrameError(`unknown asset id ${assetId}`);
  const symbol = `${asset}USDT`;
  const flags = r.u8('surface flags');
  if ((flags & ~KNOWN_SURFACE_FLAGS) !== 0) throw new StreamFrameError(`unknown surface flags 0x${flags.toString(16)}`);
  r.u16('reserved');
  const seq = r.safeU64('seq');
  const baseSeq = r.safeU64('baseSeq');
  const ts = r.f64('ts');
  const generatedAtMs = r.f64('generatedAtMs');
  const signer = readSigner(r);
  const haltReason = flags & SURFACE_HAS_HALT_REASON ? r.utf8(r.u16('halt reason length'), 'halt reason') : null;
  const head: SurfaceHead = {
    symbol,
    asset,
    seq,
    status: flags & SURFACE_HALTED ? 'halted' : 'open',
    haltReason,
    simulated: (flags & SURFACE_SIMULATED) !== 0,
    generatedAtMs,
    index: readIndex(r),
  };
  const roundCount = r.u8('round count');
  const fullRounds: SurfaceRoundJson[] = [];
  const deltaRounds: DeltaRound[] = [];
  for (let i = 0; i < roundCount; i++) {
    const meta = readRoundMeta(r);
    const layout = r.u8('quote layout');
    const quoteCount = r.u16('quote count');
    const sectionLen = r.u32('section length');
    const section = new ByteReader(r.bytesView(sectionLen, 'round section'));
    const known = typeId === FRAME_DELTA ? [QUOTES_V1_DELTA, QUOTES_LADDER_DELTA] : [QUOTES_V1, QUOTES_LADDER];
    if (!known.includes(layout)) throw new StreamFrameError(`round ${i}: quote layout ${layout} in a ${type} frame (this SDK reads layouts ${known.join(' and ')})`);
    if (layout === QUOTES_V1_DELTA) deltaRounds.push({ ...meta, quoteCount, layout: 'v1', ops: readDeltaOps(section, quoteCount) });
    else if (layout === QUOTES_LADDER_DELTA) deltaRounds.push({ ...meta, quoteCount, layout: 'ladder', ...readLadderDelta(section, quoteCount) });
    else if (layout === QUOTES_V1) fullRounds.push({ ...meta, quotes: readV1Quotes(section, quoteCount, signer, symbol) });
    else fullRounds.push({ ...meta, ...ladderRound(section, quoteCount, signer, symbol) });
    if (section.remaining !== 0) throw new StreamFrameError(`round ${i}: ${section.remaining} bytes left in its section`);
  }
  if (r.remaining !== 0) throw new StreamFrameError(`${r.remaining} bytes after the last round`);
  if (typeId === FRAME_DELTA) return { type: 'delta', symbol, seq, baseSeq, ts, head, signer, rounds: deltaRounds };
  return { type, symbol, seq, ts, surface: { ...head, rounds: fullRounds } } as SurfaceFrame;
}
