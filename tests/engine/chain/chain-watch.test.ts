/**
 * ChainWatch against a real local chain (issue #14 item 3): a real QuoteEngine stops signing, with
 * the reason on its published surface, while the chain clock is off wall time by more than the
 * bound (driven with the local chain's clock control), while the program is paused, or while the
 * on-chain schedule differs; it resumes when the cause goes, and it follows raise_quote_epoch.
 */
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { QuoteEngine } from '../../../engine/src/market/quote-engine.js';
import { ChainWatch } from '../../../engine/src/chain/chain-watch.js';
import type { MarketSurface } from '../../../engine/src/market/types.js';
import { SCHEDULE, createEnv, expectOk, stopEnvs } from '../../helpers/exec-trade-env.js';
import { signer, snap, BTC } from '../market/quote-engine-harness.js';

afterEach(stopEnvs);

const logger = pino({ level: 'silent' });

describe('ChainWatch (local chain)', () => {
  it('halts quoting on chain clock skew, pause and schedule mismatch, resumes, and follows the on-chain epoch', async () => {
    // Given a provisioned local chain whose clock stands still, and a quoting engine watching it
    const env = await createEnv();
    const published: MarketSurface[] = [];
    const engine = new QuoteEngine({ signer, publish: (s) => void published.push(s), logger, cluster: 'localnet', programId: env.program.programId.toBase58(), epoch: 0n, simulated: false, symbols: ['BTCUSDT'] });
    await engine.start();
    let wallOffsetMs = 0;
    const watch = new ChainWatch({ connection: env.connection, programId: env.program.programId, target: engine, schedule: SCHEDULE, cluster: 0, maxSkewSec: 5, checkMs: 60_000, logger, now: () => Date.now() + wallOffsetMs });
    await watch.start();
    engine.onIndex(snap(BTC));
    const last = (): MarketSurface => published[published.length - 1]!;
    expect(watch.reason).toBeNull();
    expect(last().status).toBe('open');

    // When wall time runs 10 s ahead of the chain clock (a lagging chain)
    wallOffsetMs = 10_000;
    await watch.check();
    // Then nothing is signed and the surface says why
    expect(last()).toMatchObject({ status: 'halted', haltReason: expect.stringMatching(/chain clock is (9|1\d) s behind wall time \(max 5 s\)/) });
    expect(last().rounds.every((r) => r.quotes.length === 0)).toBe(true);

    // When the clock is back within bounds, quoting resumes
    wallOffsetMs = 0;
    await env.chain.followWallClock();
    await watch.check();
    engine.onIndex(snap(BTC));
    expect(last().status).toBe('open');

    // When the chain clock jumps 30 s ahead (exec_advanceClock), quoting halts again
    await env.advance(30n);
    await watch.check();
    expect(last().haltReason).toMatch(/chain clock is (29|3\d) s ahead of wall time/);
    await env.advance(0n);
    wallOffsetMs = 30_000;
    await watch.check();
    engine.onIndex(snap(BTC));
    expect(last().status).toBe('open');

    // raise_quote_epoch on chain: the engine signs under the new epoch
    expectOk(await env.raiseEpoch(1n));
    await watch.check();
    expect(engine.currentEpoch()).toBe(1n);
    engine.onIndex(snap(BTC));
    expect(last().status).toBe('open');

    // A paused program halts quoting
    expectOk(await env.updateConfig({ paused: true }));
    await watch.check();
    expect(last().haltReason).toBe('program paused on chain');
    expectOk(await env.updateConfig({ paused: false }));
    await watch.check();
    engine.onIndex(snap(BTC));
    expect(last().status).toBe('open');

    // An engine whose schedule differs from the program's would sign quotes the program refuses
    const other = new ChainWatch({ connection: env.connection, programId: env.program.programId, target: engine, schedule: [{ durationSec: 60, closeOffsetSec: 10 }], cluster: 0, maxSkewSec: 5, checkMs: 60_000, logger, now: () => Date.now() + wallOffsetMs });
    await other.check();
    expect(last().haltReason).toMatch(/on-chain round schedule 60s:10s,300s:30s differs from the engine's 60s:10s/);
    await watch.stop();
    await other.stop();
    await engine.stop();
  }, 60_000);
});
