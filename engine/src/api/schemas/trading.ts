/**
 * Request and response schemas of the routes that trade and settle: the quote transaction, the demo
 * faucet and settlement records. Request fields that have their own error code say so in
 * `FIELD_ERROR_CODES` (schemas/validation.ts).
 */
import { z } from 'zod';
import { PublicKey } from '@solana/web3.js';
import { Base58, DecimalString, MarketSymbolSchema, UnixMs, UnixSec } from './market.js';

const U64_LIMIT = 1n << 64n;

/** A canonical base58 key on the ed25519 curve: one a wallet can sign for (a PDA cannot). */
function isWalletKey(text: string): boolean {
  try {
    const key = new PublicKey(text);
    return key.toBase58() === text && PublicKey.isOnCurve(key.toBytes());
  } catch {
    return false;
  }
}

/** A wallet: a canonical base58 public key. */
export const TraderKey = z
  .string({ error: 'trader must be a base58 public key' })
  .regex(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/, { abort: true, error: (iss) => `trader "${String(iss.input).slice(0, 60)}" is not a base58 public key` })
  .refine(isWalletKey, { error: (iss) => `trader "${String(iss.input).slice(0, 60)}" is not a wallet's base58 public key (canonical, on the ed25519 curve)` })
  .meta({ description: 'the wallet (base58 ed25519 public key, on the curve: a PDA cannot sign); it pays the fees and signs', examples: ['9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin'] });

export const TransactionBodySchema = z
  .object({
    trader: TraderKey,
    side: z.enum(['up', 'down'], { error: 'side must be "up" or "down"' }),
    size: z
      .string({ error: 'size must be a positive integer string (collateral atoms of payout)' })
      .regex(/^[1-9]\d{0,19}$/, { abort: true, error: 'size must be a positive integer string (collateral atoms of payout)' })
      .refine((s) => BigInt(s) < U64_LIMIT, { error: 'size does not fit in a u64' })
      .meta({ description: 'payout if the side wins, collateral atoms (u64 as a decimal string)', examples: ['10000000'] }),
    maxPrice: z
      .string({ error: 'maxPrice must be an integer string of probability micro-units, 0..1000000' })
      .regex(/^(0|[1-9]\d{0,6})$/, { abort: true, error: 'maxPrice must be an integer string of probability micro-units, 0..1000000' })
      .refine((s) => BigInt(s) <= 1_000_000n, { error: 'maxPrice must be an integer string of probability micro-units, 0..1000000' })
      .optional()
      .meta({ description: 'v2 quotes only: the worst price (probability micro-units) the program may charge; default the price at landing', examples: ['530000'] }),
  })
  .meta({ id: 'TransactionRequest', description: 'Which side to take, how much payout, for which wallet.', examples: [{ trader: '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin', side: 'up', size: '10000000' }] });

export const TransactionResponseSchema = z
  .strictObject({
    transaction: z.string().describe('the unsigned v0 transaction, base64: [open_round if the round is missing, Ed25519(quote), take_quote]; fee payer = trader'),
    quoteId: z.string(),
    symbol: MarketSymbolSchema,
    trader: Base58,
    side: z.enum(['up', 'down']),
    size: DecimalString,
    price: DecimalString.describe('probability micro-units charged per unit of payout'),
    stake: DecimalString.describe('collateral atoms the trader escrows'),
    houseCollateral: DecimalString.describe('collateral atoms the house escrows against it'),
    payout: DecimalString,
    expiresAtMs: UnixMs.describe('the quote’s validUntilMs: the transaction must land before it'),
    blockhash: z.string(),
    lastValidBlockHeight: z.number().int().nonnegative(),
    openRound: z.boolean(),
    round: Base58,
    position: Base58,
    collateralMint: Base58,
    serializedSize: z.number().int().positive().describe('bytes once signed (≤ 1232)'),
    simulated: z.boolean(),
    // quote format v2 (a ladder leaf; the price decays with the quote's age)
    format: z.literal(2).optional().describe('2 for a ladder-leaf quote; absent for v1'),
    quotedPrice: DecimalString.optional().describe('v2: the signed price, probability micro-units'),
    decayMicrosPerSec: DecimalString.optional().describe('v2: price added per second of quote age'),
    landingAllowanceMs: z.number().int().nonnegative().optional().describe('v2: the landing time priceAtLanding allows for'),
    priceAtLanding: DecimalString.optional().describe('v2: what it costs after the landing allowance'),
    maxPrice: DecimalString.optional().describe('v2: the price the program holds the fill to'),
    worstCaseStake: DecimalString.optional().describe('v2: the stake at maxPrice'),
  })
  .meta({ id: 'TransactionResponse', description: 'The unsigned transaction and what the fill costs and pays.' });

export const FaucetBodySchema = z.object({ trader: TraderKey }).meta({ id: 'FaucetRequest' });

export const FaucetResponseSchema = z
  .strictObject({
    trader: Base58,
    tokenAccount: Base58.describe('the trader’s associated token account of the collateral mint'),
    lamports: z.number().int().nonnegative(),
    collateral: DecimalString.describe('collateral atoms granted'),
    signature: Base58,
  })
  .meta({ id: 'FaucetResponse', description: 'What the faucet sent to the wallet.' });

export const SettlementRecordSchema = z
  .strictObject({
    symbol: MarketSymbolSchema,
    asset: z.number().int().positive(),
    cluster: z.number().int().nonnegative(),
    programId: Base58,
    expiryTs: UnixSec,
    method: z.number().int().describe('1: median of the venue mids at expiry'),
    windowMs: z.number().int().nonnegative(),
    minProviders: z.number().int().positive(),
    sources: z.array(z.strictObject({ venue: z.string(), mid: DecimalString, exchangeTs: UnixMs })).describe('ascending venue name'),
    sourceCount: z.number().int().nonnegative(),
    sourcesHash: z.string().regex(/^[0-9a-f]{64}$/).describe('sha256 of the canonical sources record, hex'),
    price: DecimalString.describe('settlement price, micro-units'),
    publishedAtMs: UnixMs,
    simulated: z.boolean(),
    message: z.string().describe('the signed 98-byte settlement message, base64'),
    signature: Base58,
    signer: Base58.describe('GET /v1/oracle `settlementSigner`'),
  })
  .meta({ id: 'SettlementRecord', description: 'Check it with verifySettlementRecord(record, oracleInfo) from the SDK.' });
