/**
 * The market payloads as zod schemas: a signed quote, the index, a round, a whole surface. The
 * routes that serve them declare these as their response schemas, so GET /v1/openapi.json describes
 * exactly what the serializer checks (api/openapi.ts). Objects are strict: a field the document does
 * not name is a contract violation the API tests and schemathesis report.
 */
import { z } from 'zod';
import { MARKET_SYMBOLS } from '../../feeds/types.js';
import { ASSETS, CLUSTERS } from '../../market/types.js';

/** An unsigned decimal integer as a string (money and anything that may pass 2^53). */
export const DecimalString = z.string().regex(/^\d{1,39}$/);
export const Base58 = z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{1,88}$/);
export const UnixMs = z.number().int().nonnegative();
export const UnixSec = z.number().int().nonnegative();

export const MarketSymbolSchema = z.enum(MARKET_SYMBOLS).meta({ id: 'MarketSymbol', description: 'A quoted market (index in USDT).' });

export const SignedQuoteSchema = z
  .strictObject({
    quoteId: z.string().regex(/^[0-9a-f]{32}$/).describe('16 random bytes, lower-case hex'),
    symbol: MarketSymbolSchema,
    asset: z.enum(ASSETS),
    cluster: z.enum(CLUSTERS),
    programId: Base58.describe('the exec-trade program the quote is for'),
    epoch: DecimalString.describe('quote epoch (u64); the program refuses quotes of an older epoch'),
    expiryTs: UnixSec.describe('round expiry, unix seconds'),
    strike: DecimalString.describe('price micro-units (1e-6 USDT)'),
    upPrice: DecimalString.describe('probability micro-units (1_000_000 = 1.0) a taker pays per unit of payout for UP'),
    downPrice: DecimalString.describe('the same for DOWN'),
    maxSize: DecimalString.describe('largest payout a fill may take, collateral atoms'),
    validUntilMs: UnixMs.describe('the quote may not be taken after this (unix ms)'),
    generatedAtMs: UnixMs,
    refPrice: DecimalString.describe('the index price it was priced from, micro-units'),
    refTsMs: UnixMs.describe('exchange time of that index price'),
    simulated: z.boolean().describe('true when prices did not come from live exchanges (demo)'),
    message: z.string().describe('the exact signed bytes, base64 (docs/quote-format.md)'),
    signature: Base58.describe('ed25519 signature of `message`'),
    signer: Base58.describe('the oracle key that signed it (GET /v1/oracle `signer`)'),
  })
  .meta({
    id: 'SignedQuote',
    description: 'One signed quote. Every field except message, signature and signer is a decoded copy of `message`.',
    examples: [
      {
        quoteId: 'a97aa97fc5fbd1d1536d361c964b8700',
        symbol: 'BTCUSDT',
        asset: 'BTC',
        cluster: 'devnet',
        programId: 'EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3',
        epoch: '1',
        expiryTs: 1796523300,
        strike: '96500000000',
        upPrice: '523417',
        downPrice: '516583',
        maxSize: '1000000000',
        validUntilMs: 1796523254609,
        generatedAtMs: 1796523251609,
        refPrice: '96983160000',
        refTsMs: 1796523251542,
        simulated: true,
        message: 'RVhRVAEBAQED…',
        signature: '5EtGKQc8sxs6mw8bCAvbRNNAex3cFmkCWUvNZyKvnbYsPtj9WupTvGFeSLy1jkWAH2xSs5Z8cXmUhhZjQQeNF4b1',
        signer: 'uSjSESkKNxAfmFiqo5xWxRH3y2BzbCXoVWzHfFMeAJL',
      },
    ],
  });

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** Quote format v2 (docs/quote-format.md): one quote as a leaf of its round's signed ladder. */
export const LadderLeafSchema = SignedQuoteSchema.omit({ message: true, signature: true, signer: true })
  .extend({
    format: z.literal(2),
    decayMicrosPerSec: DecimalString.describe('probability micro-units added per started second of the quote’s age'),
    index: z.number().int().nonnegative().describe('the leaf’s index in the ladder'),
    leaf: Base64.describe('the leaf bytes, base64'),
  })
  .meta({ id: 'LadderLeaf', description: 'A quote format v2 quote as a round holds it: its signature is the round’s ladder’s.' });

/** A v2 quote on its own (GET /v1/quotes/:id): the leaf with its ladder's root, signature and proof. */
export const LadderQuoteSchema = LadderLeafSchema.extend({
  root: Base64.describe('the signed ladder root message, base64'),
  signature: Base58.describe('ed25519 signature of `root`'),
  signer: Base58,
  proof: z.array(Base64).readonly().describe('sibling hashes from the leaf up'),
}).meta({ id: 'LadderQuote', description: 'A quote format v2 quote with everything a taker needs.' });

export const LadderSchema = z
  .strictObject({
    root: Base64.describe('the 106-byte signed root message, base64'),
    signature: Base58,
    signer: Base58,
    leafCount: z.number().int().positive(),
    nodes: z.array(Base64).optional().describe('multiproof of the round’s quotes when it holds only some leaves'),
  })
  .meta({ id: 'Ladder', description: 'Quote format v2: the round’s one signed ladder.' });

/** A quote as GET /v1/quotes/:id serves it: v1 signed alone, or a v2 ladder leaf with its proof. */
export const TakerQuoteSchema = z.union([SignedQuoteSchema, LadderQuoteSchema]);

const SourceSchema = z.strictObject({
  venue: z.string(),
  mid: DecimalString.nullable().describe('venue mid, price micro-units; null without a usable price'),
  exchangeTs: UnixMs,
  receivedTs: UnixMs,
  status: z.enum(['ok', 'stale', 'outlier', 'invalid']).describe('whether the venue counts towards the index'),
});

export const IndexSchema = z
  .strictObject({
    price: DecimalString.nullable().describe('median of the fresh, non-outlier venue mids; null while halted'),
    ts: UnixMs.describe('when the index was computed'),
    sourceTs: UnixMs.nullable().describe('oldest exchange time among the venues used: the age the index really has'),
    providers: z.number().int().nonnegative(),
    confidence: DecimalString.nullable().describe('every venue used lies within price ± confidence (micro-units)'),
    sources: z.array(SourceSchema),
  })
  .meta({ id: 'Index' });

export const RoundSchema = z
  .strictObject({
    durationSec: z.number().int().positive(),
    startTs: UnixSec,
    expiryTs: UnixSec,
    tradingCloseTs: UnixSec.describe('no quote is valid after this'),
    volatility: DecimalString.describe('annualised volatility used for pricing, micro-units (1_000_000 = 100%)'),
    quotes: z.array(z.union([SignedQuoteSchema, LadderLeafSchema])).describe('one per strike, ascending strike; empty once trading closed or while halted'),
    ladder: LadderSchema.optional().describe('quote format v2 only'),
  })
  .meta({ id: 'Round' });

export const MarketSurfaceSchema = z
  .strictObject({
    symbol: MarketSymbolSchema,
    asset: z.enum(ASSETS),
    seq: z.number().int().positive().describe('increases by exactly 1 per published surface'),
    status: z.enum(['open', 'halted']),
    haltReason: z.string().nullable(),
    simulated: z.boolean(),
    generatedAtMs: UnixMs,
    index: IndexSchema,
    rounds: z.array(RoundSchema),
  })
  .meta({ id: 'MarketSurface', description: 'The whole live surface of one symbol.' });

export const MarketsSchema = z
  .strictObject({
    simulated: z.boolean(),
    waiting: z.array(MarketSymbolSchema).describe('served symbols with no surface published yet'),
    markets: z.array(MarketSurfaceSchema),
  })
  .meta({ id: 'Markets', description: 'Every served market: its surface, or its name under `waiting` until the first one.' });
