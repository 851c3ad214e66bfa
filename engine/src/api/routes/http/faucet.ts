/**
 * POST /v1/faucet {"trader":"<base58>"} (demo only, never registered otherwise): SOL for fees and
 * demo collateral for `trader` on the demo's local chain. 400 bad trader, 503 while the chain is
 * not ready.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PublicKey } from '@solana/web3.js';
import type { FaucetGrant } from '../../../chain/provision.js';
import { ApiError } from '../../api-error.js';
import { errorResponses } from '../../schemas/errors.js';
import { FaucetBodySchema, FaucetResponseSchema } from '../../schemas/trading.js';

export type FaucetFn = (trader: PublicKey) => Promise<FaucetGrant>;

export function registerFaucetRoute(app: FastifyInstance, faucet: () => FaucetFn | null): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/faucet',
    {
      schema: {
        tags: ['trading'],
        summary: 'Demo only: SOL for fees and demo collateral for a wallet on the demo’s local chain',
        body: FaucetBodySchema,
        response: { 200: FaucetResponseSchema, ...errorResponses(['EXEC_ERR_BAD_TRADER', 'EXEC_ERR_RPC_UNAVAILABLE'], { body: true }) },
      },
    },
    async (req) => {
      const fn = faucet();
      if (!fn) throw new ApiError('EXEC_ERR_RPC_UNAVAILABLE', 503, 'the demo chain is not ready yet (GET /v1/oracle shows its status)');
      const grant = await fn(new PublicKey(req.body.trader));
      return {
        trader: grant.trader.toBase58(),
        tokenAccount: grant.tokenAccount.toBase58(),
        lamports: grant.lamports,
        collateral: grant.collateral.toString(),
        signature: grant.signature,
      };
    },
  );
}
