/**
 * settle_round on the real program (LiteSVM + target/deploy/exec_trade.so), and the keeper driving
 * it through a LiteSVM-backed chain. Skipped (and reported) while the .so is absent.
 */
import { describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { pino } from 'pino';
import { Keypair } from '@solana/web3.js';
import { createSigner } from '../../engine/src/signer/sign.js';
import { FLAG_SIMULATED, encodeSettlement } from '../../engine/src/client/quote-message.js';
import { buildSettleRoundTx, programErrorFromCode, type RoundStatusName, type SignedSettlement } from '../../engine/src/client/index.js';
import { RpcError } from '../../engine/src/client/errors.js';
import { MemoryStore } from '../../engine/src/cache/memory-store.js';
import { SettlementKeeper } from '../../engine/src/settlement/keeper.js';
import type { KeeperChain } from '../../engine/src/settlement/keeper-chain.js';
import { fund, hasProgram, signAndSend, SKIP_REASON } from '../helpers/svm.js';
import { createEnv, expectProgramError, type Env } from '../helpers/exec-trade-env.js';

if (!hasProgram) process.stdout.write(`[settle_round] ${SKIP_REASON}\n`);

const SETTLE_IX = 1;

async function roundWithPosition(env: Env): Promise<bigint> {
  const t = env.newTrader();
  const q = env.quote();
  const out = await env.take(t.kp, q, 'up', 10_000_000n, { openRound: true });
  if (!out.ok) throw new Error(out.text);
  return BigInt(q.expiryTs);
}

/** The keeper's chain interface over LiteSVM: what RpcKeeperChain does over JSON-RPC. */
function svmKeeperChain(env: Env, settleCalls: { n: number }): KeeperChain {
  const payer = Keypair.generate();
  fund(env.ctx.svm, payer.publicKey);
  return {
    async roundStatus(asset, expiryTs): Promise<RoundStatusName | null> {
      return env.round(asset, expiryTs)?.status ?? null;
    },
    async settleRound(settlement: SignedSettlement, authority: string) {
      settleCalls.n++;
      env.ctx.svm.expireBlockhash();
      const { transaction } = await buildSettleRoundTx({ program: env.program, settlement, settlementAuthority: authority, payer: payer.publicKey, recentBlockhash: env.ctx.svm.latestBlockhash() });
      const out = signAndSend(env.ctx.svm, transaction, [payer]);
      if (out.ok) return 'sig';
      const pe = out.index === SETTLE_IX && out.custom !== null ? programErrorFromCode(out.custom, out.logs) : null;
      throw pe ?? new RpcError(out.text, false);
    },
    async openRound() {
      throw new RpcError('not used', false);
    },
  };
}

describe.skipIf(!hasProgram)('settle_round', () => {
  it('refuses to settle before expiry, and with a price published before expiry', async () => {
    const env = await createEnv();
    const expiry = await roundWithPosition(env);
    expectProgramError(await env.settle(1, expiry, 97_000_000_000n, { publishedAtMs: expiry * 1000n }), 'SettlementBeforeExpiry', SETTLE_IX);
    env.setTime(expiry);
    expect(env.now()).toBe(expiry);
    expectProgramError(await env.settle(1, expiry, 97_000_000_000n, { publishedAtMs: expiry * 1000n - 1n }), 'SettlementPublishedBeforeExpiry', SETTLE_IX);
  });

  it('settles exactly once with the settlement authority’s price', async () => {
    const env = await createEnv();
    const expiry = await roundWithPosition(env);
    env.setTime(expiry + 2n);
    const out = await env.settle(1, expiry, 97_400_000_000n);
    expect(out.ok, out.ok ? '' : out.text).toBe(true);
    expect(env.round(1, expiry)).toMatchObject({ status: 'settled', settlementPrice: 97_400_000_000n, settledAt: expiry + 2n });
    expectProgramError(await env.settle(1, expiry, 1n), 'RoundAlreadySettled', SETTLE_IX);
    expect(env.round(1, expiry)!.settlementPrice).toBe(97_400_000_000n);
  });

  it('rejects a settlement signed by the oracle key (wrong authority) and a SIMULATED one', async () => {
    const env = await createEnv();
    const expiry = await roundWithPosition(env);
    env.setTime(expiry + 1n);
    expectProgramError(await env.settle(1, expiry, 97_000_000_000n, { signer: env.oracle }), 'Ed25519WrongSigner', SETTLE_IX);
    expectProgramError(await env.settle(1, expiry, 97_000_000_000n, { signer: createSigner(new Uint8Array(32).fill(5)) }), 'Ed25519WrongSigner', SETTLE_IX);
    expectProgramError(await env.settle(1, expiry, 97_000_000_000n, { flags: FLAG_SIMULATED }), 'SettlementSimulatedNotAllowed', SETTLE_IX);
    expect(env.round(1, expiry)!.status).toBe('open');
  });

  it('the keeper settles a published settlement once and treats a second keeper as done', async () => {
    const env = await createEnv();
    const expiry = await roundWithPosition(env);
    env.setTime(expiry + 2n);
    const logger = pino({ level: 'silent' });
    const store = new MemoryStore({ logger, quoteRetentionMs: 1_000 });
    const calls = { n: 0 };
    const authority = bs58.encode(env.settler.publicKey);
    const keeperA = new SettlementKeeper({ store, chain: svmKeeperChain(env, calls), logger, settlementAuthority: authority, symbols: ['BTCUSDT'], preOpenDurationsSec: [] });
    const keeperB = new SettlementKeeper({ store, chain: svmKeeperChain(env, calls), logger, settlementAuthority: authority, symbols: ['BTCUSDT'], preOpenDurationsSec: [] });
    const message = encodeSettlement({
      cluster: 0, asset: 1, flags: 0, programId: env.program.programId.toBytes(), expiryTs: expiry, price: 97_500_000_000n,
      publishedAtMs: expiry * 1000n + 1_500n, method: 1, sourceCount: 3, sourcesHash: new Uint8Array(32),
    });
    const settlement = { message: Buffer.from(message).toString('base64'), signature: bs58.encode(env.settler.sign(message)), signer: authority };
    keeperA.enqueue('BTCUSDT', Number(expiry), settlement);
    keeperB.enqueue('BTCUSDT', Number(expiry), settlement);
    await keeperA.tick();
    await keeperB.tick();
    expect(keeperA.outcome('BTCUSDT', Number(expiry))).toBe('settled');
    expect(keeperB.outcome('BTCUSDT', Number(expiry))).toBe('already-settled');
    expect(calls.n).toBe(1); // B read the round status first and never sent
    expect(env.round(1, expiry)).toMatchObject({ status: 'settled', settlementPrice: 97_500_000_000n });
  });
});
