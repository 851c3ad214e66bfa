/**
 * take_quote on the real program (LiteSVM 1.5 + target/deploy/exec_trade.so). Skipped, and reported
 * as skipped, while the .so is absent. Each test builds its own deployment; every transaction gets a
 * fresh blockhash so "already processed" can never decide an outcome.
 */
import { describe, expect, it } from 'vitest';
import { createSigner } from '../../engine/src/signer/sign.js';
import { FLAG_SIMULATED } from '../../engine/src/client/quote-message.js';
import { fillAmounts } from '../../engine/src/client/fill.js';
import { hasProgram, SKIP_REASON } from '../helpers/svm.js';
import { CLOSE_OFFSET_SEC, HOUSE_FUNDING, LIMITS, createEnv, expectProgramError, quoteIdOf } from '../helpers/exec-trade-env.js';

if (!hasProgram) process.stdout.write(`[take_quote] ${SKIP_REASON}\n`);

/** [Ed25519, take_quote] without open_round: take_quote is instruction 1; with open_round it is 2. */
const TAKE_IX = 1;

describe.skipIf(!hasProgram)('take_quote', () => {
  it('escrows stake and house collateral and records the position (opening the round in the same transaction)', async () => {
    // Given a funded house and a trader with 1,000 collateral
    const env = await createEnv();
    const { kp, ata } = env.newTrader(1_000_000_000n);
    const q = env.quote();
    const { stake, houseCollateral } = fillAmounts(100_000_000n, 523_417n);

    // When the trader takes 100 UP
    const out = await env.take(kp, q, 'up', 100_000_000n, { openRound: true });

    // Then the money moved exactly and the records say so
    expect(out.ok, out.ok ? '' : out.text).toBe(true);
    expect(env.balance(ata)).toBe(1_000_000_000n - stake);
    expect(env.roundVault(1, BigInt(q.expiryTs))).toBe(100_000_000n);
    expect(env.houseVault()).toBe(HOUSE_FUNDING - houseCollateral);
    const pos = env.position(quoteIdOf(q), kp.publicKey)!;
    expect(pos).toMatchObject({ side: 'up', size: 100_000_000n, stake, houseCollateral, strike: 97_300_000_000n });
    expect(pos.payer.equals(kp.publicKey)).toBe(true);
    const round = env.round(1, BigInt(q.expiryTs))!;
    expect(round).toMatchObject({ status: 'open', totalSize: 100_000_000n, openPositions: 1, tradingCloseTs: BigInt(q.expiryTs) - CLOSE_OFFSET_SEC });
    expect(env.config().houseLiability).toBe(houseCollateral);
  });

  it('blocks a replay by the same trader, lets another trader fill the rest, and rejects an overfill', async () => {
    const env = await createEnv();
    const a = env.newTrader();
    const b = env.newTrader();
    const c = env.newTrader();
    const q = env.quote({ maxSize: 150_000_000n });
    expect((await env.take(a.kp, q, 'up', 100_000_000n, { openRound: true })).ok).toBe(true);

    // Same trader, same quote: the Position PDA already exists (system program "already in use", Custom(0)).
    const replay = await env.take(a.kp, q, 'up', 10_000_000n);
    expect(replay.ok).toBe(false);
    if (!replay.ok) expect({ index: replay.index, custom: replay.custom }).toEqual({ index: TAKE_IX, custom: 0 });

    expect((await env.take(b.kp, q, 'down', 50_000_000n)).ok).toBe(true);
    expectProgramError(await env.take(c.kp, q, 'up', 1_000_000n), 'QuoteOverfilled', TAKE_IX);
    expect(env.round(1, BigInt(q.expiryTs))!.totalSize).toBe(150_000_000n);
  });

  it('rejects an expired quote once the Clock passes valid_until (time verified)', async () => {
    const env = await createEnv();
    const t = env.newTrader();
    const q = env.quote();
    expect((await env.take(t.kp, env.quote({ expiryTs: BigInt(q.expiryTs) }), 'up', 1_000_000n, { openRound: true })).ok).toBe(true);
    env.setTime(env.now() + 4n); // valid_until = start + 3 s
    expect(env.now() * 1000n).toBeGreaterThan(BigInt(q.validUntilMs));
    expectProgramError(await env.take(t.kp, q, 'up', 1_000_000n), 'QuoteExpired', TAKE_IX);
  });

  it('rejects fills at or after trading close', async () => {
    const env = await createEnv();
    const t = env.newTrader();
    const expiryTs = ((env.now() / 60n) + 2n) * 60n;
    expect((await env.take(t.kp, env.quote({ expiryTs }), 'up', 1_000_000n, { openRound: true })).ok).toBe(true);
    env.setTime(expiryTs - CLOSE_OFFSET_SEC);
    const late = env.quote({ expiryTs });
    expectProgramError(await env.take(t.kp, late, 'up', 1_000_000n), 'TradingClosed', TAKE_IX);
  });

  it('rejects a quote signed by another key (the program pins the oracle authority)', async () => {
    const env = await createEnv();
    const t = env.newTrader();
    const q = env.quote({}, createSigner(Uint8Array.from({ length: 32 }, (_, i) => i + 1)));
    expectProgramError(await env.take(t.kp, q, 'up', 1_000_000n, { openRound: true }), 'Ed25519WrongSigner', 2);
  });

  it('a forged signature fails in the Ed25519 precompile itself (Custom(2) at its index)', async () => {
    const env = await createEnv();
    const t = env.newTrader();
    const q = env.quote();
    const out = await env.take(t.kp, q, 'up', 1_000_000n, {
      openRound: true,
      tamper: (tx) => {
        const ed = tx.message.compiledInstructions[1]!;
        ed.data[48] = ed.data[48]! ^ 0x01; // first signature byte
      },
    });
    expect(out.ok).toBe(false);
    if (!out.ok) expect({ index: out.index, custom: out.custom }).toEqual({ index: 1, custom: 2 });
  });

  it('raise_quote_epoch cancels every quote signed under the old epoch', async () => {
    const env = await createEnv();
    const t = env.newTrader();
    const old = env.quote();
    expect((await env.raiseEpoch(env.config().quoteEpoch + 1n)).ok).toBe(true);
    expectProgramError(await env.take(t.kp, old, 'up', 1_000_000n, { openRound: true }), 'QuoteEpochMismatch', 2);
    expect((await env.take(t.kp, env.quote({ expiryTs: BigInt(old.expiryTs) }), 'up', 1_000_000n, { openRound: true })).ok).toBe(true);
    expect((await env.raiseEpoch(env.config().quoteEpoch)).ok).toBe(false); // must increase
  });

  it('refuses every fill while paused, and fills again after unpausing', async () => {
    const env = await createEnv();
    const t = env.newTrader();
    expect((await env.updateConfig({ paused: true })).ok).toBe(true);
    expectProgramError(await env.take(t.kp, env.quote(), 'up', 1_000_000n, { openRound: true }), 'Paused', 2);
    expect((await env.updateConfig({ paused: false })).ok).toBe(true);
    expect((await env.take(t.kp, env.quote(), 'up', 1_000_000n, { openRound: true })).ok).toBe(true);
  });

  it('refuses SIMULATED quotes unless the config allows them', async () => {
    const env = await createEnv();
    const t = env.newTrader();
    expectProgramError(await env.take(t.kp, env.quote({ flags: FLAG_SIMULATED }), 'up', 1_000_000n, { openRound: true }), 'QuoteSimulatedNotAllowed', 2);
    const local = await createEnv({ allowSimulated: true });
    const u = local.newTrader();
    expect((await local.take(u.kp, local.quote({ flags: FLAG_SIMULATED }), 'up', 1_000_000n, { openRound: true })).ok).toBe(true);
  });

  it('enforces the per-position limit and rejects untradeable fills', async () => {
    const env = await createEnv();
    const t = env.newTrader();
    const q = env.quote({ maxSize: LIMITS.maxPositionSize * 2n });
    expectProgramError(await env.take(t.kp, q, 'up', LIMITS.maxPositionSize + 1n, { openRound: true }), 'PositionLimit', 2);
    expectProgramError(await env.takeRaw(t.kp, env.quote({ upPrice: 10_000n, downPrice: 990_000n }), 0, 1n, { openRound: true }), 'NoHouseCollateral', 2);
    expectProgramError(await env.takeRaw(t.kp, env.quote(), 0, 0n, { openRound: true }), 'ZeroSize', 2);
    expectProgramError(await env.takeRaw(t.kp, env.quote(), 2, 1_000_000n, { openRound: true }), 'InvalidSide', 2);
  });

  it('requires the quote_id argument (PDA seeds) to equal the signed quote id', async () => {
    const env = await createEnv();
    const t = env.newTrader();
    const q = env.quote();
    const other = quoteIdOf(env.quote());
    expectProgramError(await env.takeRaw(t.kp, q, 0, 1_000_000n, { openRound: true, quoteIdArg: other }), 'QuoteIdMismatch', 2);
  });
});
