/**
 * take_quote, executed natively: the program compiled for the host in a solana-program-test bank
 * (real Ed25519 precompile, real SPL Token), driven through JSON-RPC by the client SDK. Each test
 * builds its own chain; the chain clock moves only when the test moves it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSigner } from '../../engine/src/signer/sign.js';
import { FLAG_SIMULATED } from '../../engine/src/client/quote-message.js';
import { fillAmounts } from '../../engine/src/client/fill.js';
import { CLOSE_OFFSET_SEC, HOUSE_FUNDING, LIMITS, createEnv, expectOk, expectProgramError, quoteIdOf, stopEnvs } from '../helpers/exec-trade-env.js';
import { expectConserved } from '../helpers/conservation.js';

/** [Ed25519, take_quote] without open_round: take_quote is instruction 1; with open_round it is 2. */
const TAKE_IX = 1;

afterEach(stopEnvs);

describe('take_quote (native bank)', () => {
  it('escrows stake and house collateral and records the position (opening the round in the same transaction)', async () => {
    // Given a funded house and a trader with 1,000 collateral
    const env = await createEnv();
    const { kp, ata } = await env.newTrader(1_000_000_000n);
    const q = await env.quote();
    const { stake, houseCollateral } = fillAmounts(100_000_000n, 523_417n);

    // When the trader takes 100 UP
    const out = await env.take(kp, q, 'up', 100_000_000n, { openRound: true });

    // Then the money moved exactly and the records say so
    expectOk(out);
    expect(await env.balance(ata)).toBe(1_000_000_000n - stake);
    expect(await env.roundVault(1, BigInt(q.expiryTs))).toBe(100_000_000n);
    expect(await env.houseVault()).toBe(HOUSE_FUNDING - houseCollateral);
    const pos = (await env.position(quoteIdOf(q), kp.publicKey))!;
    expect(pos).toMatchObject({ side: 'up', size: 100_000_000n, stake, houseCollateral, strike: 97_300_000_000n });
    expect(pos.payer.equals(kp.publicKey)).toBe(true);
    const round = (await env.round(1, BigInt(q.expiryTs)))!;
    expect(round).toMatchObject({ status: 'open', totalSize: 100_000_000n, openPositions: 1, tradingCloseTs: BigInt(q.expiryTs) - CLOSE_OFFSET_SEC });
    expect(round.worstCaseNetPayout).toBe(houseCollateral);
    expect((await env.config()).houseLiability).toBe(houseCollateral);
    await expectConserved(env);
  });

  it('blocks a replay by the same trader, lets another trader fill the rest, and rejects an overfill', async () => {
    const env = await createEnv();
    const [a, b, c] = [await env.newTrader(), await env.newTrader(), await env.newTrader()];
    const q = await env.quote({ maxSize: 150_000_000n });
    expectOk(await env.take(a.kp, q, 'up', 100_000_000n, { openRound: true }));

    // Same trader, same quote: the Position PDA already exists (system program "already in use", Custom(0)).
    const replay = await env.take(a.kp, q, 'up', 10_000_000n);
    expect(replay.ok).toBe(false);
    if (!replay.ok) expect({ index: replay.index, custom: replay.custom }).toEqual({ index: TAKE_IX, custom: 0 });

    expectOk(await env.take(b.kp, q, 'down', 50_000_000n));
    expectProgramError(await env.take(c.kp, q, 'up', 1_000_000n), 'QuoteOverfilled', TAKE_IX);
    expect((await env.round(1, BigInt(q.expiryTs)))!.totalSize).toBe(150_000_000n);
    await expectConserved(env);
  });

  it('rejects an expired quote once the clock passes valid_until (time verified)', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    const q = await env.quote();
    expectOk(await env.take(t.kp, await env.quote({ expiryTs: BigInt(q.expiryTs) }), 'up', 1_000_000n, { openRound: true }));
    const now = await env.advance(4n); // valid_until = start + 3 s
    expect(now * 1000n).toBeGreaterThan(BigInt(q.validUntilMs));
    expectProgramError(await env.take(t.kp, q, 'up', 1_000_000n), 'QuoteExpired', TAKE_IX);
    await expectConserved(env);
  });

  it('rejects fills at or after trading close, and one second before it fills', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    const expiryTs = await env.expiry();
    expectOk(await env.take(t.kp, await env.quote({ expiryTs }), 'up', 1_000_000n, { openRound: true }));
    await env.setTime(expiryTs - CLOSE_OFFSET_SEC - 1n);
    expectOk(await env.take(t.kp, await env.quote({ expiryTs }), 'up', 1_000_000n));
    await env.setTime(expiryTs - CLOSE_OFFSET_SEC);
    expectProgramError(await env.take(t.kp, await env.quote({ expiryTs }), 'up', 1_000_000n), 'TradingClosed', TAKE_IX);
    await expectConserved(env);
  });

  it('rejects a quote signed by another key (the program pins the oracle authority)', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    const q = await env.quote({}, createSigner(Uint8Array.from({ length: 32 }, (_, i) => i + 1)));
    expectProgramError(await env.take(t.kp, q, 'up', 1_000_000n, { openRound: true }), 'Ed25519WrongSigner', 2);
    await expectConserved(env);
  });

  it('a forged signature fails in the Ed25519 precompile itself (Custom(2) at its index), and nothing moves', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    const q = await env.quote();
    const before = await env.tokenAccounts();
    const out = await env.take(t.kp, q, 'up', 1_000_000n, {
      openRound: true,
      tamper: (tx) => {
        const ed = tx.message.compiledInstructions[1]!;
        ed.data[48] = ed.data[48]! ^ 0x01; // first signature byte
      },
    });
    expect(out.ok).toBe(false);
    if (!out.ok) expect({ index: out.index, custom: out.custom }).toEqual({ index: 1, custom: 2 });
    expect(await env.tokenAccounts()).toEqual(before);
    expect(await env.round(1, BigInt(q.expiryTs))).toBeNull();
    await expectConserved(env);
  });

  it('raise_quote_epoch cancels every quote signed under the old epoch and accepts only current + 1', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    const old = await env.quote();
    const epoch = (await env.config()).quoteEpoch;
    expectProgramError(await env.raiseEpoch(epoch + 2n), 'EpochNotNext', 0);
    expectOk(await env.raiseEpoch(epoch + 1n));
    expectProgramError(await env.take(t.kp, old, 'up', 1_000_000n, { openRound: true }), 'QuoteEpochMismatch', 2);
    expectOk(await env.take(t.kp, await env.quote({ expiryTs: BigInt(old.expiryTs) }), 'up', 1_000_000n, { openRound: true }));
    expectProgramError(await env.raiseEpoch(epoch + 1n), 'EpochNotNext', 0); // a retried raise does not raise twice
    expectProgramError(await env.raiseEpoch(2n ** 64n - 1n), 'EpochNotNext', 0); // the cancel-all switch cannot be jammed
    await expectConserved(env);
  });

  it('refuses every fill while paused, and fills again after unpausing', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    expectOk(await env.updateConfig({ paused: true }));
    expectProgramError(await env.take(t.kp, await env.quote(), 'up', 1_000_000n, { openRound: true }), 'Paused', 2);
    expectOk(await env.updateConfig({ paused: false }));
    expectOk(await env.take(t.kp, await env.quote(), 'up', 1_000_000n, { openRound: true }));
    await expectConserved(env);
  });

  it('refuses SIMULATED quotes unless the config allows them', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    expectProgramError(await env.take(t.kp, await env.quote({ flags: FLAG_SIMULATED }), 'up', 1_000_000n, { openRound: true }), 'QuoteSimulatedNotAllowed', 2);
    const local = await createEnv({ allowSimulated: true });
    const u = await local.newTrader();
    expectOk(await local.take(u.kp, await local.quote({ flags: FLAG_SIMULATED }), 'up', 1_000_000n, { openRound: true }));
  });

  it('enforces the position size limits and rejects untradeable fills', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    const q = await env.quote({ maxSize: LIMITS.maxPositionSize * 2n });
    expectProgramError(await env.take(t.kp, q, 'up', LIMITS.maxPositionSize + 1n, { openRound: true }), 'PositionLimit', 2);
    expectProgramError(await env.take(t.kp, q, 'up', LIMITS.minPositionSize - 1n, { openRound: true }), 'PositionTooSmall', 2);
    expectProgramError(await env.takeRaw(t.kp, await env.quote({ upPrice: 10_000n, downPrice: 990_000n }), 0, 1n, { openRound: true }), 'NoHouseCollateral', 2);
    expectProgramError(await env.takeRaw(t.kp, await env.quote(), 0, 0n, { openRound: true }), 'ZeroSize', 2);
    expectProgramError(await env.takeRaw(t.kp, await env.quote(), 2, 1_000_000n, { openRound: true }), 'InvalidSide', 2);
    await expectConserved(env);
  });

  it('requires the quote_id argument (PDA seeds) to equal the signed quote id', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    const q = await env.quote();
    const other = quoteIdOf(await env.quote());
    expectProgramError(await env.takeRaw(t.kp, q, 0, 1_000_000n, { openRound: true, quoteIdArg: other }), 'QuoteIdMismatch', 2);
    await expectConserved(env);
  });
});
