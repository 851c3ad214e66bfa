/**
 * Every message of /v1/stream as a zod schema: the client's requests (the very schema the hub
 * validates with, client-message.ts) and each JSON message the server sends. docs/asyncapi.yaml is
 * generated from these (scripts/asyncapi.ts) and tests check real server frames against it.
 * Binary frames (docs/stream-format.md) are described there by their byte layout.
 */
import { z } from 'zod';
import { ClientMessage, STREAM_FORMATS, UPDATE_MODES } from './client-message.js';
import { DecimalString, IndexSchema, MarketSurfaceSchema, MarketSymbolSchema, SignedQuoteSchema, UnixMs, UnixSec } from './market.js';
import { SettlementRecordSchema } from './trading.js';

/** Server time a frame was built, unix ms with a microsecond fraction. */
const FrameTs = z.number().nonnegative().describe('when the server built the frame, unix ms (µs fraction)');
const Seq = z.number().int().positive();

export const SubscribeRequest = ClientMessage.extend({ op: z.literal('subscribe') }).meta({
  description:
    'Subscribe to symbols (case-insensitive). `updates`, `format` apply to the whole connection from the next frame; `rounds` and `strikes` to the listed symbols. Each symbol gets a `snapshot`, then one `update` (or `delta`) per published surface.',
  examples: [{ op: 'subscribe', symbols: ['BTCUSDT', 'ETHUSDT'] }, { op: 'subscribe', symbols: ['BTCUSDT'], format: 'binary', updates: 'delta', rounds: ['5m'], strikes: 3 }],
});

export const UnsubscribeRequest = ClientMessage.pick({ symbols: true }).extend({ op: z.literal('unsubscribe') }).meta({
  description: 'Stop receiving these symbols.',
  examples: [{ op: 'unsubscribe', symbols: ['ETHUSDT'] }],
});

export const AckMessage = z
  .strictObject({
    type: z.literal('ack'),
    op: z.enum(['subscribe', 'unsubscribe']),
    symbols: z.array(MarketSymbolSchema).describe('the symbols of the request, upper-cased'),
    subscribed: z.array(MarketSymbolSchema).describe('every symbol the connection is subscribed to now'),
    updates: z.enum(UPDATE_MODES).optional(),
    format: z.enum(STREAM_FORMATS).optional(),
    rounds: z.array(z.string()).optional().describe('the round filter, as labels ("5m")'),
    strikes: z.number().int().nonnegative().optional(),
  })
  .meta({ description: 'Confirms a subscribe or unsubscribe request.', examples: [{ type: 'ack', op: 'subscribe', symbols: ['BTCUSDT'], subscribed: ['BTCUSDT'], updates: 'delta' }] });

export const SnapshotMessage = z
  .strictObject({
    type: z.literal('snapshot'),
    symbol: MarketSymbolSchema,
    seq: Seq.nullable().describe('null (with surface null) until the symbol’s first surface is published'),
    ts: FrameTs,
    surface: MarketSurfaceSchema.nullable().describe('the whole surface (filtered by `rounds`/`strikes` when subscribed so)'),
  })
  .meta({ description: 'The current surface: after subscribing, after a store seq gap or an engine restart, and whenever a delta cannot apply.' });

export const UpdateMessage = z
  .strictObject({ type: z.literal('update'), symbol: MarketSymbolSchema, seq: Seq.describe('exactly the previous seq + 1: on a gap, resubscribe'), ts: FrameTs, surface: MarketSurfaceSchema })
  .meta({ description: 'Every published surface, in full (the default `updates: "full"`).' });

const DeltaRound = z.strictObject({
  durationSec: z.number().int().positive(),
  startTs: UnixSec,
  expiryTs: UnixSec,
  tradingCloseTs: UnixSec,
  volatility: DecimalString,
  quoteIds: z.array(z.string()).describe('the round’s quote ids in ladder order'),
});

export const DeltaMessage = z
  .strictObject({
    type: z.literal('delta'),
    symbol: MarketSymbolSchema,
    seq: Seq,
    baseSeq: Seq.describe('the seq it applies to (seq − 1); if yours differs, resubscribe'),
    ts: FrameTs,
    status: z.enum(['open', 'halted']),
    haltReason: z.string().nullable(),
    simulated: z.boolean(),
    generatedAtMs: UnixMs,
    index: IndexSchema,
    rounds: z.array(DeltaRound),
    quotes: z.array(SignedQuoteSchema).describe('every quote the base does not hold (by quoteId and signature)'),
  })
  .meta({ description: 'A published surface against the previous one (`updates: "delta"`); rebuild it with applyDelta(base, delta) from the SDK.' });

export const StatusMessage = z
  .strictObject({ type: z.literal('status'), symbol: MarketSymbolSchema, seq: Seq, status: z.enum(['open', 'halted']), haltReason: z.string().nullable() })
  .meta({ description: 'Sent before the surface frame when a symbol halts or resumes.', examples: [{ type: 'status', symbol: 'BTCUSDT', seq: 43, status: 'halted', haltReason: '1 fresh provider, 2 required' }] });

export const SettlementMessage = z
  .strictObject({ type: z.literal('settlement'), symbol: MarketSymbolSchema, settlement: SettlementRecordSchema })
  .meta({ description: 'The signed settlement record of a round, at its expiry (also GET /v1/settlements/{symbol}/{expiryTs}).' });

export const StoreStatusMessage = z
  .strictObject({ type: z.literal('store-status'), healthy: z.boolean(), detail: z.string(), ts: UnixMs })
  .meta({ description: 'The server’s store (Redis, for a gateway) went away or came back: surfaces may pause while unhealthy.' });

export const HeartbeatMessage = z
  .strictObject({ type: z.literal('heartbeat'), ts: UnixMs, seqs: z.partialRecord(MarketSymbolSchema, Seq.nullable()).describe('the latest seq of each subscribed symbol') })
  .meta({ description: 'Every EXEC_WS_HEARTBEAT_MS, with a WebSocket ping; a client that misses a whole interval is dropped.', examples: [{ type: 'heartbeat', ts: 1796523251609, seqs: { BTCUSDT: 43 } }] });

export const STREAM_ERROR_CODES = [
  'EXEC_ERR_WS_BAD_JSON',
  'EXEC_ERR_WS_UNKNOWN_OP',
  'EXEC_ERR_WS_BAD_MESSAGE',
  'EXEC_ERR_WS_UNKNOWN_SYMBOL',
  'EXEC_ERR_WS_UNKNOWN_ROUND',
  'EXEC_ERR_WS_BINARY',
  'EXEC_ERR_WS_TOO_MANY_SUBSCRIPTIONS',
  'EXEC_ERR_WS_TOO_MANY_CONNECTIONS',
  'EXEC_ERR_WS_RATE_LIMITED',
] as const;

export const ErrorMessage = z
  .strictObject({ type: z.literal('error'), code: z.enum(STREAM_ERROR_CODES), message: z.string() })
  .meta({
    description: 'A refused request (the connection stays up), or the reason of the close that follows (too many subscriptions, connections or messages: 1008). docs/errors.md lists each code.',
    examples: [{ type: 'error', code: 'EXEC_ERR_WS_UNKNOWN_SYMBOL', message: 'unknown symbol(s): DOGEUSDT' }],
  });

/** The JSON messages the server sends, by their `type`. */
export const SERVER_MESSAGES = {
  ack: AckMessage,
  snapshot: SnapshotMessage,
  update: UpdateMessage,
  delta: DeltaMessage,
  status: StatusMessage,
  settlement: SettlementMessage,
  'store-status': StoreStatusMessage,
  heartbeat: HeartbeatMessage,
  error: ErrorMessage,
} as const;
