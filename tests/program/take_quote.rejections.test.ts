/**
 * take_quote refusals other than the signature, executed natively (solana-program-test bank, real
 * Ed25519 precompile and SPL Token, driven through JSON-RPC by the client SDK). Each refusal names
 * the program error at take_quote's index, leaves every token balance unchanged and conservation
 * holding. The round is opened first, so a take is [Ed25519, take_quote].
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FLAG_SIMULATED } from '../../engine/src/client/index.js';
import { CLOSE_OFFSET_SEC, LIMITS, LONG_CLOSE_OFFSET_SEC, createEnv, expectOk, stopEnvs, type Env } from '../helpers/exec-trade-env.js';
import { ACCOUNT_ALREADY_IN_USE, expectRejected } from '../helpers/expect-rejected.js';
import { expectConserved } from '../helpers/conservation.js';

const TAKE_IX = 1;

afterEach(stopEnvs);

/** An env whose next default expiry's round is open. */
async function openEnv(): Promise<{ env: Env; expiryTs: bigint }> {
  const env = await createEnv();
  const expiryTs = await env.expiry();
  expectOk(await env.openRound(1, expiryTs));
  return { env, expiryTs };
}

describe('take_quote refusals (native bank)', () => {
  it('a quote id replayed past its max size: QuoteOverfilled for a new trader, AccountAlreadyInUse for the same one', async () => {
    const { env, expiryTs } = await openEnv();
    const [a, b, c] = [await env.newTrader(), await env.newTrader(), await env.newTrader()];
    const q = await env.quote({ expiryTs, maxSize: 150_000_000n });
    expectOk(await env.take(a.kp, q, 'up', 100_000_000n));
    expectOk(await env.take(b.kp, q, 'down', 50_000_000n));
    await expectRejected(env, () => env.take(c.kp, q, 'up', 1_000_000n), 'QuoteOverfilled', TAKE_IX);
    await expectRejected(env, () => env.take(a.kp, q, 'up', 1_000_000n), ACCOUNT_ALREADY_IN_USE, TAKE_IX);
    expect((await env.round(1, expiryTs))!.totalSize).toBe(150_000_000n);
  });

  it('a size above the quote max (the client refuses to build it) is QuoteOverfilled', async () => {
    const { env, expiryTs } = await openEnv();
    const t = await env.newTrader();
    const q = await env.quote({ expiryTs, maxSize: 50_000_000n });
    await expectRejected(env, () => env.takeRaw(t.kp, q, 0, 50_000_001n), 'QuoteOverfilled', TAKE_IX);
    expectOk(await env.takeRaw(t.kp, q, 0, 50_000_000n));
    await expectConserved(env);
  });

  it('an expired quote: fillable at valid_until, QuoteExpired one second later (chain time verified)', async () => {
    const { env, expiryTs } = await openEnv();
    const t = await env.newTrader();
    const start = await env.now();
    const [q1, q2] = [await env.quote({ expiryTs }), await env.quote({ expiryTs })];
    expect(BigInt(q1.validUntilMs)).toBe(start * 1000n + 3_000n);
    expect(await env.setTime(start + 3n)).toBe(start + 3n);
    expectOk(await env.take(t.kp, q1, 'up', 1_000_000n));
    expect(await env.advance(1n)).toBe(start + 4n);
    await expectRejected(env, () => env.take(t.kp, q2, 'up', 1_000_000n), 'QuoteExpired', TAKE_IX);
  });

  it('a 1-minute expiry closes 10 s before expiry: fills at −11 s, TradingClosed at −10 s', async () => {
    const { env, expiryTs } = await openEnv();
    expect(expiryTs % 300n).not.toBe(0n);
    expect((await env.round(1, expiryTs))!.tradingCloseTs).toBe(expiryTs - CLOSE_OFFSET_SEC);
    const t = await env.newTrader();
    await env.setTime(expiryTs - CLOSE_OFFSET_SEC - 1n);
    expectOk(await env.take(t.kp, await env.quote({ expiryTs }), 'up', 1_000_000n));
    await env.setTime(expiryTs - CLOSE_OFFSET_SEC);
    await expectRejected(env, async () => env.take(t.kp, await env.quote({ expiryTs }), 'up', 1_000_000n), 'TradingClosed', TAKE_IX);
  });

  it('a 5-minute-boundary expiry (shared by the 60 s and 300 s rounds) closes 30 s before: TradingClosed from −30 s, even at −20 s', async () => {
    const env = await createEnv();
    const now = await env.now();
    let expiryTs = (now / 300n + 1n) * 300n;
    if (expiryTs - now < 60n) expiryTs += 300n;
    expectOk(await env.openRound(1, expiryTs));
    expect((await env.round(1, expiryTs))!.tradingCloseTs).toBe(expiryTs - LONG_CLOSE_OFFSET_SEC);
    const t = await env.newTrader();
    await env.setTime(expiryTs - LONG_CLOSE_OFFSET_SEC - 1n);
    expectOk(await env.take(t.kp, await env.quote({ expiryTs }), 'up', 1_000_000n));
    await env.setTime(expiryTs - LONG_CLOSE_OFFSET_SEC);
    await expectRejected(env, async () => env.take(t.kp, await env.quote({ expiryTs }), 'up', 1_000_000n), 'TradingClosed', TAKE_IX);
    // A 60 s round alone would still trade here; the shared round keeps the larger offset. (Before
    // the fix one global 5 s offset applied, so this fill landed with the outcome nearly known.)
    await env.setTime(expiryTs - CLOSE_OFFSET_SEC - 10n);
    await expectRejected(env, async () => env.take(t.kp, await env.quote({ expiryTs }), 'down', 1_000_000n), 'TradingClosed', TAKE_IX);
  });

  it('prices below par (UP + DOWN < 1.0) are QuoteBelowPar; exactly par fills', async () => {
    const { env, expiryTs } = await openEnv();
    const t = await env.newTrader();
    await expectRejected(env, async () => env.take(t.kp, await env.quote({ expiryTs, upPrice: 500_000n, downPrice: 499_999n }), 'up', 1_000_000n), 'QuoteBelowPar', TAKE_IX);
    expectOk(await env.take(t.kp, await env.quote({ expiryTs, upPrice: 500_000n, downPrice: 500_000n }), 'down', 1_000_000n));
    await expectConserved(env);
  });

  it('size above max_position_size is PositionLimit, below min_position_size PositionTooSmall; both bounds fill', async () => {
    const { env, expiryTs } = await openEnv();
    const t = await env.newTrader();
    const q = await env.quote({ expiryTs, maxSize: LIMITS.maxPositionSize * 2n });
    await expectRejected(env, () => env.take(t.kp, q, 'up', LIMITS.maxPositionSize + 1n), 'PositionLimit', TAKE_IX);
    await expectRejected(env, () => env.take(t.kp, q, 'up', LIMITS.minPositionSize - 1n), 'PositionTooSmall', TAKE_IX);
    expectOk(await env.take(t.kp, q, 'up', LIMITS.maxPositionSize));
    expectOk(await env.take(t.kp, await env.quote({ expiryTs }), 'down', LIMITS.minPositionSize));
    await expectConserved(env);
  });

  it('the wallet cap counts every position of the wallet in the round: 800 fills, 1 more is WalletLimit', async () => {
    const { env, expiryTs } = await openEnv();
    const a = await env.newTrader();
    const b = await env.newTrader();
    const quote = () => env.quote({ expiryTs, maxSize: LIMITS.maxPositionSize });
    // UP then DOWN at one strike: the round's worst case stays far below its limit, only the wallet fills up.
    expectOk(await env.take(a.kp, await quote(), 'up', 500_000_000n));
    expectOk(await env.take(a.kp, await quote(), 'down', LIMITS.maxWalletRoundSize - 500_000_000n));
    await expectRejected(env, async () => env.take(a.kp, await quote(), 'down', LIMITS.minPositionSize), 'WalletLimit', TAKE_IX);
    expectOk(await env.take(b.kp, await quote(), 'down', LIMITS.minPositionSize)); // another wallet is not affected
    await expectConserved(env);
  });

  it('a quote of an old epoch is QuoteEpochMismatch after raise_quote_epoch', async () => {
    const { env, expiryTs } = await openEnv();
    const t = await env.newTrader();
    const old = await env.quote({ expiryTs });
    expectOk(await env.raiseEpoch((await env.config()).quoteEpoch + 1n));
    await expectRejected(env, () => env.take(t.kp, old, 'up', 1_000_000n), 'QuoteEpochMismatch', TAKE_IX);
  });

  it('a SIMULATED quote on a config that does not allow them is QuoteSimulatedNotAllowed', async () => {
    // A localnet build always holds cluster 0, where allow_simulated may be true; that it can never
    // be true on another cluster (SimulatedOnlyOnLocalnet) is proved by the rules crate:
    // programs/exec-trade-rules/tests/adversarial/admin.rs `simulated_prices_are_allowed_only_on_localnet`.
    const { env, expiryTs } = await openEnv();
    const t = await env.newTrader();
    expect((await env.config()).allowSimulated).toBe(false);
    await expectRejected(env, async () => env.take(t.kp, await env.quote({ expiryTs, flags: FLAG_SIMULATED }), 'up', 1_000_000n), 'QuoteSimulatedNotAllowed', TAKE_IX);
  });

  it('a quote signed for another cluster (devnet) is QuoteWrongCluster on this localnet build', async () => {
    const { env, expiryTs } = await openEnv();
    const t = await env.newTrader();
    await expectRejected(env, async () => env.take(t.kp, await env.quote({ expiryTs, cluster: 1 }), 'up', 1_000_000n), 'QuoteWrongCluster', TAKE_IX);
  });
});
