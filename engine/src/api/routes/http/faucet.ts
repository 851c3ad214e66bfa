/**
 * POST /v1/faucet {"trader":"<base58>"} (demo only, never registered otherwise): SOL for fees and
 * demo collateral for `trader` on the demo's local chain. 400 bad trader, 503 while the chain is
 * not ready.
 */
import type { FastifyInstance } from 'fastify';
import { PublicKey } from '@solana/web3.js';
import type { FaucetGrant } from '../../../chain/provision.js';
import { ApiError } from '../../api-error.js';
import { parseTrader } from './trader-param.js';

export type FaucetFn = (trader: PublicKey) => Promise<FaucetGrant>;

export function registerFaucetRoute(app: FastifyInstance, faucet: () => FaucetFn | null): void {
  app.post('/v1/faucet', async (req, reply) => {
    const trader = parseTrader((req.body as { trader?: unknown } | null)?.trader);
    const fn = faucet();
    if (!fn) throw new ApiError('EXEC_ERR_RPC_UNAVAILABLE', 503, 'the demo chain is not ready yet (GET /v1/oracle shows its status)');
    const grant = await fn(trader);
    return reply.send({
      trader: grant.trader.toBase58(),
      tokenAccount: grant.tokenAccount.toBase58(),
      lamports: grant.lamports,
      collateral: grant.collateral.toString(),
      signature: grant.signature,
    });
  });
}
