/**
 * claim, executed natively: winners get the size, losers' size goes to the house, the position
 * closes with its rent to its payer, and anyone may crank it, but only towards the trader's own
 * token account and the house vault.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Keypair } from '@solana/web3.js';
import { buildClaimTx, execTradeEvents } from '../../engine/src/client/index.js';
import { fillAmounts } from '../../engine/src/client/fill.js';
import { positionPda } from '../../engine/src/client/pdas.js';
import { HOUSE_FUNDING, createEnv, expectOk, quoteIdOf, sendTx, stopEnvs, type Env, type Trader } from '../helpers/exec-trade-env.js';
import { expectRejected } from '../helpers/expect-rejected.js';
import { expectConserved } from '../helpers/conservation.js';

afterEach(stopEnvs);

/** An UP 200 and a DOWN 100 on one strike of one round, by two traders holding 1,000 each. */
async function twoSides(env: Env) {
  const up = await env.newTrader(1_000_000_000n);
  const down = await env.newTrader(1_000_000_000n);
  const q = await env.quote({ maxSize: 400_000_000n });
  expectOk(await env.take(up.kp, q, 'up', 200_000_000n, { openRound: true }));
  expectOk(await env.take(down.kp, q, 'down', 100_000_000n));
  const upPos = (await env.position(quoteIdOf(q), up.kp.publicKey))!;
  const downPos = (await env.position(quoteIdOf(q), down.kp.publicKey))!;
  return { up, down, q, expiryTs: BigInt(q.expiryTs), upPos, downPos };
}

/** The claim transaction for `trader`'s position with chosen accounts, signed by `cranker`. */
async function claimWith(env: Env, cranker: Keypair, owner: Trader, quoteId: Uint8Array, expiryTs: bigint, over: { traderToken?: Trader['ata']; payer?: Trader['ata'] }) {
  const tx = await buildClaimTx({
    program: env.program,
    feePayer: cranker.publicKey,
    recentBlockhash: (await env.connection.getLatestBlockhash()).blockhash,
    position: { quoteId, trader: owner.kp.publicKey, asset: 1, expiryTs, collateralMint: env.mint, payer: over.payer ?? owner.kp.publicKey, ...(over.traderToken ? { traderToken: over.traderToken } : {}) },
  });
  return sendTx(env.connection, tx, [cranker]);
}

describe('claim (native bank)', () => {
  it('pays the winner the size, returns the loser’s size to the house, closes both positions (rent to payer); a third party cranks', async () => {
    const env = await createEnv();
    const { up, down, q, expiryTs, upPos, downPos } = await twoSides(env);
    const [upFill, downFill] = [fillAmounts(200_000_000n, 523_417n), fillAmounts(100_000_000n, 496_583n)];
    expect(await env.roundVault(1, expiryTs)).toBe(300_000_000n);

    // When the round settles at the strike (tie → UP wins) and a third party cranks both claims
    await env.setTime(expiryTs + 1n);
    expectOk(await env.settle(1, expiryTs, BigInt(q.strike)));
    const cranker = Keypair.generate();
    const lamportsBefore = await env.connection.getBalance(up.kp.publicKey);
    const upClaim = await env.claim(upPos, cranker);
    expectOk(upClaim);
    const downClaim = await env.claim(downPos, cranker);
    expectOk(downClaim);
    // the program's record of each payout (emit_cpi, from the transactions' inner instructions)
    const claimed = async (sig: string) => {
      const [e, ...rest] = execTradeEvents(env.program, await env.connection.getTransaction(sig, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 }));
      expect(rest).toEqual([]);
      return { name: e?.name, toTrader: BigInt(String(e?.data['toTrader'])), toHouse: BigInt(String(e?.data['toHouse'])) };
    };
    expect(await claimed(upClaim.signature)).toEqual({ name: 'positionClaimedEvent', toTrader: 200_000_000n, toHouse: 0n });
    expect(await claimed(downClaim.signature)).toEqual({ name: 'positionClaimedEvent', toTrader: 0n, toHouse: 100_000_000n });

    // Then the winner holds its payout, the house got the loser's size, and the accounts are gone
    expect(await env.balance(up.ata)).toBe(1_000_000_000n - upFill.stake + 200_000_000n);
    expect(await env.balance(down.ata)).toBe(1_000_000_000n - downFill.stake);
    expect(await env.houseVault()).toBe(HOUSE_FUNDING - upFill.houseCollateral - downFill.houseCollateral + 100_000_000n);
    expect(await env.roundVault(1, expiryTs)).toBe(0n);
    expect(await env.accountExists(positionPda(quoteIdOf(q), up.kp.publicKey).address)).toBe(false);
    expect(await env.connection.getBalance(up.kp.publicKey)).toBeGreaterThan(lamportsBefore); // position (and exposure) rent back
    expect(await env.round(1, expiryTs)).toMatchObject({ openPositions: 0, totalSize: 0n, status: 'settled' });
    expect((await env.config()).houseLiability).toBe(0n);
    await expectConserved(env);
  });

  it('before settlement is RoundNotSettled; a double claim finds the position closed (AccountNotInitialized)', async () => {
    const env = await createEnv();
    const { expiryTs, upPos } = await twoSides(env);
    await expectRejected(env, () => env.claim(upPos), 'RoundNotSettled', 0);
    await env.setTime(expiryTs); // expired, still unsettled
    await expectRejected(env, () => env.claim(upPos), 'RoundNotSettled', 0);
    expectOk(await env.settle(1, expiryTs, 1n));
    expectOk(await env.claim(upPos));
    await expectRejected(env, () => env.claim(upPos), 'AccountNotInitialized', 0);
  });

  it('a crank cannot redirect the payout (WrongTraderToken) or the rent (WrongPayer)', async () => {
    const env = await createEnv();
    const { up, q, expiryTs } = await twoSides(env);
    const thief = await env.newTrader(1n); // any collateral creates its token account
    await env.setTime(expiryTs + 1n);
    expectOk(await env.settle(1, expiryTs, 99_000_000_000n)); // UP wins
    await expectRejected(env, () => claimWith(env, thief.kp, up, quoteIdOf(q), expiryTs, { traderToken: thief.ata }), 'WrongTraderToken', 0);
    await expectRejected(env, () => claimWith(env, thief.kp, up, quoteIdOf(q), expiryTs, { payer: thief.kp.publicKey }), 'WrongPayer', 0);
    expectOk(await claimWith(env, thief.kp, up, quoteIdOf(q), expiryTs, {})); // cranking it honestly is fine
    expect(await env.balance(thief.ata)).toBe(1n);
    await expectConserved(env);
  });
});
