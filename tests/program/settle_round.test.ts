/**
 * settle_round, executed natively, and the settlement keeper driving it through the real
 * `RpcKeeperChain` (JSON-RPC to the local chain, preflight and confirmation included).
 */
import { afterEach, describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { pino } from 'pino';
import { Keypair, LAMPORTS_PER_SOL } from '@solana/web3.js';
import { createSigner } from '../../engine/src/signer/sign.js';
import { FLAG_SIMULATED, encodeSettlement, type SignedSettlement } from '../../engine/src/client/index.js';
import { MemoryStore } from '../../engine/src/cache/memory-store.js';
import { SettlementKeeper } from '../../engine/src/settlement/keeper.js';
import { RpcKeeperChain, type KeeperChain } from '../../engine/src/settlement/keeper-chain.js';
import { codeOf, createEnv, expectOk, stopEnvs, type Env } from '../helpers/exec-trade-env.js';
import { expectRejected } from '../helpers/expect-rejected.js';
import { expectConserved } from '../helpers/conservation.js';

const SETTLE_IX = 1;
const logger = pino({ level: 'silent' });

afterEach(stopEnvs);

/** The runtime's report of an exec-trade error in a preflight failure. */
/** The keeper chain's typed refusal: a ProgramError with the program's error name. */
const refusal = (name: string) => expect.objectContaining({ name: 'ProgramError', errorName: name, programCode: codeOf(name) });

async function roundWithPosition(env: Env): Promise<bigint> {
  const t = await env.newTrader();
  const q = await env.quote();
  expectOk(await env.take(t.kp, q, 'up', 10_000_000n, { openRound: true }));
  return BigInt(q.expiryTs);
}

function signedSettlement(env: Env, expiryTs: bigint, price: bigint): SignedSettlement {
  const message = encodeSettlement({
    cluster: 0,
    asset: 1,
    flags: 0,
    programId: env.program.programId.toBytes(),
    expiryTs,
    price,
    publishedAtMs: expiryTs * 1000n + 1_500n,
    method: 1,
    sourceCount: 3,
    sourcesHash: new Uint8Array(32),
  });
  return { message: Buffer.from(message).toString('base64'), signature: bs58.encode(env.settler.sign(message)), signer: bs58.encode(env.settler.publicKey) };
}

/** The real JSON-RPC keeper chain with its own funded fee payer. */
async function rpcKeeperChain(env: Env): Promise<RpcKeeperChain> {
  const payer = Keypair.generate();
  const signature = await env.connection.requestAirdrop(payer.publicKey, 10 * LAMPORTS_PER_SOL);
  await env.connection.confirmTransaction({ signature, ...(await env.connection.getLatestBlockhash()) });
  return new RpcKeeperChain(env.connection, env.program, payer, async () => env.mint);
}

/** Counts the settle_round transactions a keeper sends, delegating everything to `chain`. */
function counted(chain: KeeperChain, sends: { n: number }): KeeperChain {
  return {
    roundStatus: (asset, expiryTs) => chain.roundStatus(asset, expiryTs),
    settleRound: (settlement, authority) => {
      sends.n++;
      return chain.settleRound(settlement, authority);
    },
    openRound: (asset, expiryTs) => chain.openRound(asset, expiryTs),
  };
}

describe('settle_round (native bank)', () => {
  it('refuses to settle before expiry, and with a price published before expiry', async () => {
    const env = await createEnv();
    const expiryTs = await roundWithPosition(env);
    await expectRejected(env, () => env.settle(1, expiryTs, 97_000_000_000n, { publishedAtMs: expiryTs * 1000n }), 'SettlementBeforeExpiry', SETTLE_IX);
    expect(await env.setTime(expiryTs)).toBe(expiryTs);
    await expectRejected(env, () => env.settle(1, expiryTs, 97_000_000_000n, { publishedAtMs: expiryTs * 1000n - 1n }), 'SettlementPublishedBeforeExpiry', SETTLE_IX);
    expect((await env.round(1, expiryTs))!.status).toBe('open');
  });

  it('settles exactly once with the settlement authority’s price', async () => {
    const env = await createEnv();
    const expiryTs = await roundWithPosition(env);
    await env.setTime(expiryTs + 2n);
    expectOk(await env.settle(1, expiryTs, 97_400_000_000n));
    expect(await env.round(1, expiryTs)).toMatchObject({ status: 'settled', settlementPrice: 97_400_000_000n, settledAt: expiryTs + 2n });
    await expectRejected(env, () => env.settle(1, expiryTs, 1n), 'RoundAlreadySettled', SETTLE_IX);
    expect((await env.round(1, expiryTs))!.settlementPrice).toBe(97_400_000_000n);
    await expectConserved(env);
  });

  it('rejects a settlement signed by a wrong key (the oracle’s, a stranger’s), a SIMULATED one and a zero price', async () => {
    const env = await createEnv();
    const expiryTs = await roundWithPosition(env);
    await env.setTime(expiryTs + 1n);
    await expectRejected(env, () => env.settle(1, expiryTs, 97_000_000_000n, { signer: env.oracle }), 'Ed25519WrongSigner', SETTLE_IX);
    await expectRejected(env, () => env.settle(1, expiryTs, 97_000_000_000n, { signer: createSigner(new Uint8Array(32).fill(5)) }), 'Ed25519WrongSigner', SETTLE_IX);
    await expectRejected(env, () => env.settle(1, expiryTs, 97_000_000_000n, { flags: FLAG_SIMULATED }), 'SettlementSimulatedNotAllowed', SETTLE_IX);
    await expectRejected(env, () => env.settle(1, expiryTs, 0n), 'SettlementPriceZero', SETTLE_IX);
    expect((await env.round(1, expiryTs))!.status).toBe('open');
  });

  it('the keeper settles through RpcKeeperChain once; a second keeper reads the round and never sends', async () => {
    const env = await createEnv();
    const expiryTs = await roundWithPosition(env);
    await env.setTime(expiryTs + 2n);
    const store = new MemoryStore({ logger, quoteRetentionMs: 1_000 });
    const authority = bs58.encode(env.settler.publicKey);
    const [chainA, chainB] = [await rpcKeeperChain(env), await rpcKeeperChain(env)];
    const [sendsA, sendsB] = [{ n: 0 }, { n: 0 }];
    const keeper = (chain: KeeperChain) => new SettlementKeeper({ store, chain, logger, settlementAuthority: authority, symbols: ['BTCUSDT'], preOpenDurationsSec: [] });
    const [keeperA, keeperB] = [keeper(counted(chainA, sendsA)), keeper(counted(chainB, sendsB))];
    const settlement = signedSettlement(env, expiryTs, 97_500_000_000n);

    keeperA.enqueue('BTCUSDT', Number(expiryTs), settlement);
    keeperB.enqueue('BTCUSDT', Number(expiryTs), settlement);
    await keeperA.tick();
    await keeperB.tick();

    expect(keeperA.outcome('BTCUSDT', Number(expiryTs))).toBe('settled');
    expect(keeperB.outcome('BTCUSDT', Number(expiryTs))).toBe('already-settled');
    expect({ a: sendsA.n, b: sendsB.n }).toEqual({ a: 1, b: 0 });
    expect(await env.round(1, expiryTs)).toMatchObject({ status: 'settled', settlementPrice: 97_500_000_000n });
    // Had B sent anyway, the chain refuses it with the typed program error (decoded from the
    // runtime's failure log line: natively the program's own Anchor log lines go to stdout) and the
    // price stays.
    await expect(chainB.settleRound(signedSettlement(env, expiryTs, 1n), authority)).rejects.toEqual(refusal('RoundAlreadySettled'));
    expect((await env.round(1, expiryTs))!.settlementPrice).toBe(97_500_000_000n);
    await expectConserved(env);
  });

  it('a settlement reaching the keeper after the refund time is refused (SettlementTooLate): the keeper treats the round as refunding and it stays refundable', async () => {
    const env = await createEnv();
    const expiryTs = await roundWithPosition(env);
    await env.setTime((await env.round(1, expiryTs))!.refundAfterTs);
    const chain = await rpcKeeperChain(env);
    const keeper = new SettlementKeeper({ store: new MemoryStore({ logger, quoteRetentionMs: 1_000 }), chain, logger, settlementAuthority: bs58.encode(env.settler.publicKey), symbols: ['BTCUSDT'], preOpenDurationsSec: [] });
    keeper.enqueue('BTCUSDT', Number(expiryTs), signedSettlement(env, expiryTs, 97_500_000_000n));
    await keeper.tick();
    // The keeper counts it as done (the round refunds) instead of retrying or failing.
    expect(keeper.outcome('BTCUSDT', Number(expiryTs))).toBe('refunding');
    expect((await env.round(1, expiryTs))!.status).toBe('open');
    await expect(chain.settleRound(signedSettlement(env, expiryTs, 97_500_000_000n), bs58.encode(env.settler.publicKey))).rejects.toEqual(refusal('SettlementTooLate'));
    await expectConserved(env);
  });
});
