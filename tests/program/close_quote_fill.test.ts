/**
 * close_quote_fill, executed natively: a quote's replay record (QuoteFill) returns its rent only
 * through this instruction, only to the wallet that first filled the quote, and only once the
 * quote has expired (issue 14 item 8). Claims and refunds close positions, never the record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEnv, expectOk, quoteFillAddress, quoteIdOf, stopEnvs } from '../helpers/exec-trade-env.js';
import { expectRejected } from '../helpers/expect-rejected.js';
import { expectConserved } from '../helpers/conservation.js';

afterEach(stopEnvs);

describe('close_quote_fill (native bank)', () => {
  it('returns the record rent to its first payer after the quote expired, not before, not to a later filler, and not through claim', async () => {
    const env = await createEnv();
    const [first, later] = [await env.newTrader(), await env.newTrader()];
    const q = await env.quote();
    const expiryTs = BigInt(q.expiryTs);
    expectOk(await env.take(first.kp, q, 'up', 10_000_000n, { openRound: true }));
    expectOk(await env.take(later.kp, q, 'down', 10_000_000n));
    const record = quoteFillAddress(q);
    const rent = (await env.connection.getAccountInfo(record))!.lamports;

    await expectRejected(env, () => env.closeQuoteFill(quoteIdOf(q), first.kp.publicKey), 'QuoteFillStillValid', 0);
    await expectRejected(env, () => env.closeQuoteFill(quoteIdOf(q), later.kp.publicKey), 'WrongPayer', 0);

    // Settling and claiming both positions leaves the record (and its rent) where it was.
    await env.setTime(expiryTs + 1n);
    expectOk(await env.settle(1, expiryTs, 97_000_000_000n));
    expectOk(await env.claim((await env.position(quoteIdOf(q), first.kp.publicKey))!));
    expectOk(await env.claim((await env.position(quoteIdOf(q), later.kp.publicKey))!));
    expect((await env.connection.getAccountInfo(record))?.lamports).toBe(rent);

    await expectRejected(env, () => env.closeQuoteFill(quoteIdOf(q), later.kp.publicKey), 'WrongPayer', 0);
    const before = await env.connection.getBalance(first.kp.publicKey);
    expectOk(await env.closeQuoteFill(quoteIdOf(q), first.kp.publicKey)); // the admin cranks and pays the fee
    expect(await env.connection.getBalance(first.kp.publicKey)).toBe(before + rent);
    expect(await env.accountExists(record)).toBe(false);
    await expectConserved(env);
  });

  it('a closed record cannot be used to replay the quote: the replay is QuoteExpired', async () => {
    const env = await createEnv();
    const [a, b] = [await env.newTrader(), await env.newTrader()];
    const q = await env.quote({ maxSize: 10_000_000n });
    expectOk(await env.take(a.kp, q, 'up', 10_000_000n, { openRound: true }));
    await env.advance(5n); // past valid_until (3 s), still before trading close
    expectOk(await env.closeQuoteFill(quoteIdOf(q), a.kp.publicKey));
    // The record is gone, so a replay would start from filled = 0; the validity check stops it.
    await expectRejected(env, () => env.take(b.kp, q, 'up', 10_000_000n), 'QuoteExpired', 1);
  });
});
