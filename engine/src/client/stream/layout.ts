/**
 * The binary /v1/stream frame layout (docs/stream-format.md): constants shared by the SDK's decoder
 * (client/stream/) and the server's encoders (api/stream/). All integers little-endian; times and
 * other JSON numbers are float64 (exact for every value the JSON form can hold).
 *
 * A frame is a fixed 72-byte header, the halt reason, the index and the rounds. Each round carries
 * its quotes in a self-delimiting section tagged with a quote layout: v1 quotes (1, delta 2) or a
 * quote format v2 ladder with one signature (3, delta 4). A decoder that predates a layout refuses
 * it by its tag with a clear error.
 */

/** "XS" (eXec Stream). */
export const STREAM_MAGIC_0 = 0x58;
export const STREAM_MAGIC_1 = 0x53;
export const STREAM_VERSION = 1;
export const HEADER_LEN = 72;

export const FRAME_SNAPSHOT = 1;
export const FRAME_UPDATE = 2;
export const FRAME_DELTA = 3;
export type FrameTypeName = 'snapshot' | 'update' | 'delta';
export const FRAME_TYPE_NAMES: Readonly<Record<number, FrameTypeName>> = { 1: 'snapshot', 2: 'update', 3: 'delta' };

/** Header byte 5. */
export const SURFACE_SIMULATED = 0x01;
export const SURFACE_HALTED = 0x02;
export const SURFACE_HAS_HALT_REASON = 0x04;
export const KNOWN_SURFACE_FLAGS = 0x07;

/** Index section flags. */
export const INDEX_HAS_PRICE = 0x01;
export const INDEX_HAS_SOURCE_TS = 0x02;
export const INDEX_HAS_CONFIDENCE = 0x04;
export const KNOWN_INDEX_FLAGS = 0x07;

/** Per-source status byte: the status id, with SOURCE_HAS_MID set when a mid follows. */
export const SOURCE_STATUS_IDS = { ok: 1, stale: 2, outlier: 3, invalid: 4 } as const;
export type SourceStatusName = keyof typeof SOURCE_STATUS_IDS;
export const SOURCE_HAS_MID = 0x80;

/** Round quote layouts. */
/** `count` × (128-byte signed v1 quote message, 64-byte signature). */
export const QUOTES_V1 = 1;
/** Delta ops against the base surface's quotes (delta frames only). */
export const QUOTES_V1_DELTA = 2;
/**
 * Quote format v2, one signature per round ladder: the 106-byte signed root message, its 64-byte
 * signature, u16 first leaf index, `count` × 60-byte leaves, u8 node count, nodes × 32 (the
 * multiproof of the leaves sent; none when the round holds the whole ladder).
 */
export const QUOTES_LADDER = 3;
/**
 * Delta of a v2 round (delta frames only): a ladder op (LADDER_SAME u8 base round, or LADDER_NEW
 * root + signature), u16 first leaf index, leaf ops (OP_KEEP as in layout 2, OP_PATCH with u8
 * masks over LEAF_FIELDS and no signature), u8 node count, nodes × 32.
 */
export const QUOTES_LADDER_DELTA = 4;
/** Ladder op: the root message and signature of the base surface's round given by the next u8. */
export const LADDER_SAME = 0x00;
/** Ladder op: a new root message (106 bytes) and its signature (64) follow. */
export const LADDER_NEW = 0x01;
/** A multiproof node: one sha256. */
export const NODE_LEN = 32;

/** The fields of a 60-byte ladder leaf, in leaf order (bit i of a leaf PATCH mask = field i). */
export const LEAF_FIELDS: ReadonlyArray<{ readonly name: string; readonly offset: number; readonly size: number }> = [
  { name: 'quoteId', offset: 0, size: 16 },
  { name: 'strike', offset: 16, size: 8 },
  { name: 'upPrice', offset: 24, size: 4 },
  { name: 'downPrice', offset: 28, size: 4 },
  { name: 'maxSize', offset: 32, size: 8 },
  { name: 'refPrice', offset: 40, size: 8 },
  { name: 'refTsMs', offset: 48, size: 8 },
  { name: 'decayMicrosPerSec', offset: 56, size: 4 },
];
export const LEAF_FIELD_MASK = (1 << LEAF_FIELDS.length) - 1;
/** Round header after the meta: layout u8, quote count u16, section length u32. */
export const ROUND_META_LEN = 4 + 8 + 8 + 8 + 8;

export const QUOTE_MESSAGE_LEN = 128;
export const SIGNATURE_LEN = 64;
export const V1_QUOTE_LEN = QUOTE_MESSAGE_LEN + SIGNATURE_LEN;

/** Delta ops. */
/** KEEP: u16 first base quote, u16 count: base quotes taken as they are (same id, bytes, signature). */
export const OP_KEEP = 0x01;
/**
 * PATCH: u16 base quote (NO_BASE for none), u16 fromBase mask, u16 fromPrev mask, the fields in
 * neither mask (in field order), 64-byte signature. A field is copied from the base quote, from the
 * quote before it in this frame, or sent.
 */
export const OP_PATCH = 0x02;
export const NO_BASE = 0xffff;

/** The fields of a v1 quote message after its 5-byte magic + version, in message order. */
export const V1_FIELDS: ReadonlyArray<{ readonly name: string; readonly offset: number; readonly size: number }> = [
  { name: 'cluster', offset: 5, size: 1 },
  { name: 'asset', offset: 6, size: 1 },
  { name: 'flags', offset: 7, size: 1 },
  { name: 'programId', offset: 8, size: 32 },
  { name: 'quoteId', offset: 40, size: 16 },
  { name: 'epoch', offset: 56, size: 8 },
  { name: 'expiryTs', offset: 64, size: 8 },
  { name: 'strike', offset: 72, size: 8 },
  { name: 'upPrice', offset: 80, size: 4 },
  { name: 'downPrice', offset: 84, size: 4 },
  { name: 'maxSize', offset: 88, size: 8 },
  { name: 'validUntilMs', offset: 96, size: 8 },
  { name: 'generatedAtMs', offset: 104, size: 8 },
  { name: 'refPrice', offset: 112, size: 8 },
  { name: 'refTsMs', offset: 120, size: 8 },
];
export const V1_FIELD_MASK = (1 << V1_FIELDS.length) - 1;
/** Bytes 0..4 of every v1 message: "EXQT" and version 1. */
export const V1_PREFIX_LEN = 5;
