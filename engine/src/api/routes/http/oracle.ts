/**
 * GET /v1/oracle: who signs quotes and settlements, for which program and cluster, in which format,
 * and where to trade: `rpcUrl` (+ `wsUrl`, `collateralMint`) of the chain the engine builds
 * transactions for, with its status (`chain.status`: none | starting | ready | failed). In the demo
 * that is its own local chain.
 */
import type { FastifyInstance } from 'fastify';
import type { MarketSymbol } from '../../../feeds/types.js';
import { ASSET_IDS, SYMBOL_ASSET, type ClusterName } from '../../../market/types.js';
import { QUOTE_LEN, QUOTE_VERSION, SETTLEMENT_LEN, SETTLEMENT_VERSION } from '../../../signer/quote-message.js';
import { LADDER_LEAF_LEN, LADDER_ROOT_LEN, LADDER_ROOT_VERSION, MAX_LADDER_LEAVES } from '../../../client/ladder.js';
import type { QuoteFormat } from '../../../market/quote-engine-options.js';
import type { ChainInfo } from '../../../chain/chain-access.js';
import { errorResponses } from '../../schemas/errors.js';
import { OracleSchema } from '../../schemas/status.js';

export interface OracleInfo {
  /** base58 public key of the quote signer. */
  readonly signer: string;
  /**
   * base58 public key of the settlement signer (a separate key): every settlement record must verify
   * under it (`verifySettlementRecord(record, oracleInfo)` in the SDK).
   */
  readonly settlementSigner: string;
  readonly programId: string;
  readonly cluster: ClusterName;
  readonly epoch: bigint;
  readonly simulated: boolean;
  /** What the engine signs (EXEC_QUOTE_FORMAT); absent means v1 (an engine that predates v2). */
  readonly quoteFormat?: QuoteFormat;
}

/** `quoteFormat` of GET /v1/oracle: the layout of what the quotes' signatures cover. */
function quoteFormatInfo(format: QuoteFormat | undefined): object {
  if (format === 'v2') {
    return { version: LADDER_ROOT_VERSION, rootLength: LADDER_ROOT_LEN, leafLength: LADDER_LEAF_LEN, maxLeaves: MAX_LADDER_LEAVES, decay: true };
  }
  return { version: QUOTE_VERSION, length: QUOTE_LEN };
}

const NO_CHAIN: ChainInfo = { status: 'none', detail: 'no chain configured', rpcUrl: null, wsUrl: null, collateralMint: null, local: false };

export function registerOracleRoute(app: FastifyInstance, oracle: OracleInfo, symbols: readonly MarketSymbol[], chainInfo: () => ChainInfo = () => NO_CHAIN): void {
  const fixed = {
    signer: oracle.signer,
    settlementSigner: oracle.settlementSigner,
    programId: oracle.programId,
    cluster: oracle.cluster,
    epoch: oracle.epoch.toString(),
    quoteFormat: quoteFormatInfo(oracle.quoteFormat),
    settlementFormat: { version: SETTLEMENT_VERSION, length: SETTLEMENT_LEN },
    markets: symbols.map((symbol) => ({ symbol, asset: SYMBOL_ASSET[symbol], assetId: ASSET_IDS[SYMBOL_ASSET[symbol]] })),
    simulated: oracle.simulated,
    ...(oracle.simulated ? { notice: 'SIMULATED: prices do not come from live exchanges' } : {}),
  };
  const schema = { tags: ['status'], summary: 'Who signs quotes and settlements, for which program and cluster, and the chain to trade on', response: { 200: OracleSchema, ...errorResponses([]) } };
  app.get('/v1/oracle', { schema }, async (_req, reply) => {
    const chain = chainInfo();
    const body = { ...fixed, rpcUrl: chain.rpcUrl, wsUrl: chain.wsUrl, collateralMint: chain.collateralMint, chain: { status: chain.status, detail: chain.detail, local: chain.local } };
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  });
}
