/**
 * The binary /v1/stream frame layout (docs/stream-format.md): constants shared by the SDK's decoder
 * (client/stream/) and the server's encoders (api/stream/). All integers little-endian; times and
 * other JSON numbers are float64 (exact for every value the JSON form can hold).
 *
 * A frame is a fixed 72-byte header, the halt reason, the index and the rounds. Each round carries
 * its quotes in a self-delimiting section tagged with a quote layout, so a later layout (one
 * signature per round ladder, issue 13) is a new tag and an old decoder can tell it apart.
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
/** Reserved for issue 13: one signed root per round ladder, leaves without signatures. */
export const QUOTES_LADDER_V2_RESERVED = 3;
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
