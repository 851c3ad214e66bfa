/**
 * POST /v1/quotes/:quoteId/transaction {trader, side, size, maxPrice?}: the unsigned v0 transaction
 * that takes this quote, base64, with the fill amounts. The trader signs and sends it.
 *
 * - v1 quote: [open_round when the round account is missing, Ed25519(quote), take_quote].
 * - v2 quote (a leaf of a signed ladder): [open_round?, Ed25519(root), take_quote_v2(leaf, proof,
 *   max_price)] (client/take-quote-v2-tx.ts). The price decays with the quote's age: the answer
 *   gives the signed `quotedPrice`, the `price` it costs if it lands now, `priceAtLanding` after
 *   the landing allowance, and the `maxPrice` the program will hold the fill to (default: the
 *   price at landing; a taker may pass a higher or lower one).
 *
 * Errors: 400 malformed id/trader/side/size/maxPrice, 404 unknown quote, 410 expired, 409 market
 * halted, 422 size above the quote's max size, maxPrice below what the quote costs now, or not
 * tradeable, 503 no RPC configured / RPC unreachable.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PublicKey } from '@solana/web3.js';
import type { SurfaceStore } from '../../../cache/types.js';
import type { ChainView } from '../../../chain/chain-view.js';
import type { ExecTradeProgram } from '../../../client/program.js';
import { buildTakeQuoteTx } from '../../../client/transactions.js';
import { DEFAULT_LANDING_ALLOWANCE_MS, buildTakeQuoteV2Tx } from '../../../client/take-quote-v2-tx.js';
import { landingPrice } from '../../../client/ladder-quote.js';
import { ladderQuoteFromJson } from '../../../client/ladder-json.js';
import { isLadderLeafJson, type LadderQuoteJson } from '../../../market/types.js';
import { roundPda } from '../../../client/pdas.js';
import { ASSET_IDS } from '../../../client/constants.js';
import { ClientError } from '../../../client/errors.js';
import { FillError } from '../../../client/fill.js';
import { verifySignature } from '../../../signer/sign.js';
import { ApiError } from '../../api-error.js';
import { errorResponses, type ApiErrorCode } from '../../schemas/errors.js';
import { QuoteParams } from '../../schemas/http.js';
import { TransactionBodySchema, TransactionResponseSchema } from '../../schemas/trading.js';
import { LIVE_QUOTE_ERRORS, liveQuote } from './live-quote.js';

export interface QuoteTransactionDeps {
  readonly store: SurfaceStore;
  /** Route config of @fastify/rate-limit: the stricter per-IP limit of this route (api/security.ts). */
  readonly rateLimit?: { readonly rateLimit: { readonly max: number; readonly timeWindow: number } };
  /** Null when no RPC is configured (EXEC_RPC_URL unset): the route answers 503. */
  readonly chain: ChainView | null;
  readonly program: ExecTradeProgram;
  /** base58 oracle public key that signs the served quotes. */
  readonly oracleAuthority: string;
  readonly now: () => number;
}

/** SDK refusals of this quote and fill, answered 422 (anything else the SDK throws is a 500). */
const UNPROCESSABLE = [
  'EXEC_ERR_SIZE_ABOVE_MAX',
  'EXEC_ERR_FILL_NOT_TRADEABLE',
  'EXEC_ERR_QUOTE_TARGET',
  'EXEC_ERR_QUOTE_SIGNER_MISMATCH',
  'EXEC_ERR_QUOTE_BAD_SIGNATURE',
  'EXEC_ERR_QUOTE_FIELD_MISMATCH',
  'EXEC_ERR_QUOTE_FORMAT',
  'EXEC_ERR_TX_TOO_LARGE',
  'EXEC_ERR_CLIENT_ARGUMENT',
  'EXEC_ERR_QUOTE_PROOF',
  'EXEC_ERR_PRICE_ABOVE_MAX',
] as const satisfies readonly ApiErrorCode[];

const SCHEMA = {
  tags: ['trading'],
  summary: 'The unsigned transaction that takes this quote',
  description:
    'Returns `[open_round when the round account is missing, Ed25519(quote), take_quote]` as an unsigned v0 transaction (base64) with the fill amounts; the trader signs it and sends it to the RPC GET /v1/oracle names.',
  params: QuoteParams,
  body: TransactionBodySchema,
  response: {
    200: TransactionResponseSchema,
    ...errorResponses([
      ...LIVE_QUOTE_ERRORS,
      'EXEC_ERR_BAD_TRADER',
      'EXEC_ERR_BAD_SIDE',
      'EXEC_ERR_BAD_SIZE',
      'EXEC_ERR_BAD_MAX_PRICE',
      ...UNPROCESSABLE,
      'EXEC_ERR_RPC_NOT_CONFIGURED',
      'EXEC_ERR_RPC_UNAVAILABLE',
    ], { path: true, body: true }),
  },
};

export function registerQuoteTransactionRoute(app: FastifyInstance, deps: QuoteTransactionDeps): void {
  const config = deps.rateLimit === undefined ? {} : { config: deps.rateLimit };
  app.withTypeProvider<ZodTypeProvider>().post('/v1/quotes/:quoteId/transaction', { ...config, schema: SCHEMA }, async (req) => {
    const quoteId = req.params.quoteId.toLowerCase();
    const trader = new PublicKey(req.body.trader);
    const side = req.body.side;
    const size = BigInt(req.body.size);
    const maxPrice = req.body.maxPrice === undefined ? undefined : BigInt(req.body.maxPrice);

    const now = deps.now();
    const quote = await liveQuote(deps.store, quoteId, now);
    if (size > BigInt(quote.maxSize)) {
      throw new ApiError('EXEC_ERR_SIZE_ABOVE_MAX', 422, `size ${size} is above the quote's max size ${quote.maxSize}`);
    }
    if (!deps.chain) {
      throw new ApiError('EXEC_ERR_RPC_NOT_CONFIGURED', 503, 'transaction building needs a Solana RPC: set EXEC_RPC_URL');
    }
    const round = roundPda(ASSET_IDS[quote.asset], BigInt(quote.expiryTs), deps.program.programId).address;
    const [recent, collateralMint, roundExists] = await Promise.all([deps.chain.latestBlockhash(), deps.chain.collateralMint(), deps.chain.accountExists(round)]);
    const common = {
      program: deps.program,
      oracleAuthority: deps.oracleAuthority,
      trader,
      side,
      size,
      collateralMint,
      recentBlockhash: recent.blockhash,
      openRound: !roundExists,
      nowMs: now,
    };
    try {
      const ladder = isLadderLeafJson(quote) ? (quote as LadderQuoteJson) : null;
      const builtV2 = ladder === null ? null : await buildTakeQuoteV2Tx({ ...common, quote: ladderQuoteFromJson(ladder), ...(maxPrice === undefined ? {} : { maxPrice }) });
      const built = builtV2 ?? (await buildTakeQuoteTx({ ...common, quote: quote as Exclude<typeof quote, LadderQuoteJson>, verifySignature }));
      const v2 =
        builtV2 === null
          ? {}
          : {
              format: 2 as const,
              quotedPrice: builtV2.quotedPrice.toString(),
              decayMicrosPerSec: builtV2.verified.leaf.decayMicrosPerSec.toString(),
              landingAllowanceMs: DEFAULT_LANDING_ALLOWANCE_MS,
              priceAtLanding: landingPrice(builtV2.verified, side, BigInt(Math.ceil((now + DEFAULT_LANDING_ALLOWANCE_MS) / 1000))).toString(),
              maxPrice: builtV2.maxPrice.toString(),
              worstCaseStake: builtV2.worstCase.stake.toString(),
            };
      return {
        transaction: Buffer.from(built.transaction.serialize()).toString('base64'),
        quoteId: quote.quoteId,
        symbol: quote.symbol,
        trader: trader.toBase58(),
        side,
        size: size.toString(),
        price: built.price.toString(),
        stake: built.stake.toString(),
        houseCollateral: built.houseCollateral.toString(),
        payout: built.payout.toString(),
        expiresAtMs: quote.validUntilMs,
        blockhash: recent.blockhash,
        lastValidBlockHeight: recent.lastValidBlockHeight,
        openRound: !roundExists,
        round: built.round.toBase58(),
        position: built.position.toBase58(),
        collateralMint: collateralMint.toBase58(),
        serializedSize: built.serializedSize,
        simulated: quote.simulated,
        ...v2,
      };
    } catch (err) {
      if (err instanceof FillError) throw new ApiError('EXEC_ERR_FILL_NOT_TRADEABLE', 422, err.message);
      if (err instanceof ClientError && err.code === 'EXEC_ERR_QUOTE_EXPIRED') throw new ApiError(err.code, 410, err.message);
      if (err instanceof ClientError && (UNPROCESSABLE as readonly string[]).includes(err.code)) throw new ApiError(err.code, 422, err.message);
      throw err;
    }
  });
}

