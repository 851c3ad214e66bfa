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
import { PublicKey } from '@solana/web3.js';
import { z } from 'zod';
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
import { liveQuote, quoteIdParam } from './live-quote.js';
import { parseTrader } from './trader-param.js';

const Body = z.object({ trader: z.unknown(), side: z.unknown(), size: z.unknown(), maxPrice: z.unknown() }).partial();

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

function parseSide(v: unknown): 'up' | 'down' {
  if (v === 'up' || v === 'down') return v;
  throw new ApiError('EXEC_ERR_BAD_SIDE', 400, 'side must be "up" or "down"');
}

function parseSize(v: unknown): bigint {
  if (typeof v !== 'string' || !/^[1-9]\d{0,19}$/.test(v)) {
    throw new ApiError('EXEC_ERR_BAD_SIZE', 400, 'size must be a positive integer string (collateral atoms of payout)');
  }
  const n = BigInt(v);
  if (n >= 1n << 64n) throw new ApiError('EXEC_ERR_BAD_SIZE', 400, 'size does not fit in a u64');
  return n;
}

/** Optional worst price for a v2 take, probability micro-units (1,000,000 = 1.0). */
function parseMaxPrice(v: unknown): bigint | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^(0|[1-9]\d{0,6})$/.test(v) || BigInt(v) > 1_000_000n) {
    throw new ApiError('EXEC_ERR_BAD_MAX_PRICE', 400, 'maxPrice must be an integer string of probability micro-units, 0..1000000');
  }
  return BigInt(v);
}

export function registerQuoteTransactionRoute(app: FastifyInstance, deps: QuoteTransactionDeps): void {
  const config = deps.rateLimit === undefined ? {} : { config: deps.rateLimit };
  app.post('/v1/quotes/:quoteId/transaction', config, async (req) => {
    const quoteId = quoteIdParam(req.params);
    const parsed = Body.safeParse(req.body ?? {});
    if (!parsed.success) throw new ApiError('EXEC_ERR_BAD_REQUEST', 400, 'body must be a JSON object {trader, side, size}');
    const trader = parseTrader(parsed.data.trader);
    const side = parseSide(parsed.data.side);
    const size = parseSize(parsed.data.size);
    const maxPrice = parseMaxPrice(parsed.data.maxPrice);

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
              format: 2,
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
      if (err instanceof ClientError) throw new ApiError(err.code, err.code === 'EXEC_ERR_QUOTE_EXPIRED' ? 410 : 422, err.message);
      throw err;
    }
  });
}

