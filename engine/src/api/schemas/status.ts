/** Response schemas of the status routes: GET /v1/health, /v1/feeds and /v1/oracle (see market.ts for why strict). */
import { z } from 'zod';
import { ASSETS, CLUSTERS } from '../../market/types.js';
import { Base58, DecimalString, MarketSymbolSchema, UnixMs } from './market.js';

const Count = z.number().int().nonnegative();

const SymbolFeedHealth = z.strictObject({
  symbol: MarketSymbolSchema,
  lastMessageTs: UnixMs.nullable(),
  messages: Count,
  silent: z.boolean().describe('subscribed but no data within the arrival timeout, or refused by the venue'),
});

export const FeedHealthSchema = z
  .strictObject({
    venue: z.string(),
    connected: z.boolean(),
    lastMessageTs: UnixMs.nullable(),
    lagMs: z.number().int().nullable().describe('receivedTs − exchangeTs of the last tick'),
    reconnects: Count,
    messages: Count,
    parseErrors: Count,
    gaps: Count,
    unhandled: Count.optional(),
    backoffResets: Count.optional(),
    symbols: z.array(SymbolFeedHealth),
  })
  .meta({ id: 'FeedHealth' });

const WriterStatus = z.strictObject({
  role: z.enum(['writer', 'standby', 'unknown']),
  held: z.boolean(),
  token: Count.nullable(),
  highestToken: Count,
  acquisitions: Count,
  losses: Count,
  standbySkipped: Count,
  refusedWrites: Count,
});

export const StoreHealthSchema = z
  .strictObject({
    backend: z.enum(['memory', 'redis']),
    healthy: z.boolean(),
    detail: z.string(),
    servingFromMemory: z.boolean().optional(),
    writer: WriterStatus.optional(),
  })
  .meta({ id: 'StoreHealth' });

const StreamHealth = z.strictObject({
  clients: Count,
  slowConsumersCut: Count,
  pingTimeouts: Count,
  connectionsRefused: Count,
  rateLimitedClients: Count,
  subscriptionLimitClients: Count,
  framesSent: Count.describe('frames written to clients'),
  bytesSent: Count.describe('bytes written to clients, WebSocket framing included'),
  workers: Count.describe('stream worker processes configured (0: this process serves /v1/stream)'),
  ready: Count,
});

const EventLoopDelay = z.strictObject({ p50Ms: z.number(), p99Ms: z.number(), maxMs: z.number(), windowMs: Count });

export const HealthSchema = z
  .strictObject({
    status: z.enum(['ok', 'degraded', 'down']),
    simulated: z.boolean(),
    uptimeSec: Count,
    store: StoreHealthSchema,
    symbols: z.array(
      z.strictObject({
        symbol: MarketSymbolSchema,
        status: z.enum(['open', 'halted', 'waiting']),
        seq: Count.nullable(),
        ageMs: Count.nullable(),
        haltReason: z.string().nullable(),
      }),
    ),
    feeds: z.array(FeedHealthSchema),
    stream: StreamHealth.optional(),
    process: z
      .strictObject({
        rssBytes: Count,
        heapUsedBytes: Count,
        eventLoopDelayP99Ms: z.number().nullable(),
        eventLoopDelay: EventLoopDelay.nullable(),
      })
      .optional(),
  })
  .meta({ id: 'Health', description: 'Process, store, feed, stream and per-symbol market status; `down` (503) only when the store is down and this process cannot serve current data.' });

export const FeedsSchema = z
  .strictObject({
    simulated: z.boolean(),
    connected: Count.describe('venue connections up'),
    venues: z.array(
      z.strictObject({
        venue: z.string(),
        connected: z.boolean(),
        lastMessageTs: UnixMs.nullable(),
        ageMs: Count.nullable(),
        lagMs: z.number().int().nullable(),
        reconnects: Count,
        messages: Count,
        parseErrors: Count,
        gaps: Count,
        unhandled: Count,
        silentSymbols: z.array(MarketSymbolSchema),
        symbols: z.array(
          z.strictObject({ symbol: MarketSymbolSchema, messages: Count, lastMessageTs: UnixMs.nullable(), ageMs: Count.nullable(), silent: z.boolean() }),
        ),
      }),
    ),
  })
  .meta({ id: 'Feeds', description: 'One entry per venue connection with its counters and, per symbol, when data last arrived.' });

export const OracleSchema = z
  .strictObject({
    signer: Base58.describe('the quote signer'),
    settlementSigner: Base58.describe('the settlement signer (a separate key)'),
    programId: Base58,
    cluster: z.enum(CLUSTERS),
    epoch: DecimalString,
    quoteFormat: z.strictObject({ version: Count, length: Count }),
    settlementFormat: z.strictObject({ version: Count, length: Count }),
    markets: z.array(z.strictObject({ symbol: MarketSymbolSchema, asset: z.enum(ASSETS), assetId: Count })),
    simulated: z.boolean(),
    notice: z.string().optional(),
    rpcUrl: z.string().nullable().describe('the Solana RPC transactions are built for (the demo: its local chain)'),
    wsUrl: z.string().nullable(),
    collateralMint: Base58.nullable(),
    chain: z.strictObject({
      status: z.enum(['none', 'starting', 'ready', 'failed']),
      detail: z.string().nullable(),
      local: z.boolean().describe('the demo’s own local chain (POST /v1/faucet serves it)'),
    }),
  })
  .meta({ id: 'Oracle', description: 'Who signs quotes and settlements, for which program and cluster, and where to trade.' });
