/**
 * The settlement key signs at most one message per round (issue #14 item 7): the ledger refuses a
 * second, different message for a round, across restarts, and a settler that lost its store
 * publishes the message it signed before instead of signing a new one.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { MemoryStore } from '../../../engine/src/cache/memory-store.js';
import { Settler } from '../../../engine/src/settlement/settler.js';
import { buildUnsignedSettlementRecord, type UnsignedSettlementRecord } from '../../../engine/src/settlement/build-record.js';
import { RETAIN_MS, SettlementConflictError, SettlementLedger, settlementRoundKey } from '../../../engine/src/settlement/settlement-ledger.js';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { verifySettlementRecord } from '../../../engine/src/client/settlement-record.js';
import { EXEC_TRADE_PROGRAM_ID } from '../../../engine/src/client/constants.js';

const logger = pino({ level: 'silent' });
const EXPIRY = 1_800_000_060;
const E = EXPIRY * 1000;
const RULE = { windowMs: 5_000, minProviders: 2 };

async function unsigned(mids: [bigint, bigint], expiryTs = EXPIRY): Promise<UnsignedSettlementRecord> {
  const built = await buildUnsignedSettlementRecord({
    symbol: 'ETHUSDT',
    asset: 2,
    cluster: 0,
    programId: EXEC_TRADE_PROGRAM_ID.toBytes(),
    expiryTs,
    observations: [
      { venue: 'binance', mid: mids[0], exchangeTs: expiryTs * 1000 - 100 },
      { venue: 'kraken', mid: mids[1], exchangeTs: expiryTs * 1000 - 200 },
    ],
    rule: RULE,
    publishedAtMs: expiryTs * 1000 + 1_500,
    simulated: false,
  });
  if (!built.ok) throw new Error(built.reason);
  return built.record;
}

const tempLedgerPath = async (): Promise<string> => join(await mkdtemp(join(tmpdir(), 'exec-ledger-')), 'settlements-signed.jsonl');

describe('SettlementLedger', () => {
  it('refuses a second, different message for a round, also after a restart, and accepts the same one again', async () => {
    // Given a ledger on disk that recorded message A for a round
    const path = await tempLedgerPath();
    const ledger = await SettlementLedger.open(path, E);
    const a = await unsigned([3_500_000_000n, 3_501_000_000n]);
    const b = await unsigned([3_600_000_000n, 3_601_000_000n]);
    expect(a.message).not.toBe(b.message);
    await ledger.reserve(a);

    // Then A again is fine, B is refused before anything is signed, and nothing was written for B
    await ledger.reserve(a);
    await expect(ledger.reserve(b)).rejects.toBeInstanceOf(SettlementConflictError);
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(1);

    // And after a restart the same holds
    const reopened = await SettlementLedger.open(path, E);
    expect(reopened.get(settlementRoundKey(a))?.message).toBe(a.message);
    await expect(reopened.reserve(b)).rejects.toThrow(/refusing to sign a second, different settlement/);
  });

  it('drops rounds that can no longer be settled and rewrites the file without them; tolerates a torn last line', async () => {
    const path = await tempLedgerPath();
    const old = await unsigned([1n, 2n], EXPIRY - 9 * 24 * 3_600);
    const recent = await unsigned([3n, 4n]);
    await writeFile(path, `${JSON.stringify(old)}\n${JSON.stringify(recent)}\n{"torn`);
    const ledger = await SettlementLedger.open(path, E + 60_000);
    expect(ledger.get(settlementRoundKey(old))).toBeNull();
    expect(ledger.get(settlementRoundKey(recent))?.message).toBe(recent.message);
    expect((await readFile(path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l).expiryTs)).toEqual([EXPIRY]);
    expect(RETAIN_MS).toBeGreaterThan(7 * 24 * 3_600_000);
  });

  it('refuses to open a ledger whose middle line is corrupt (it will not guess what was signed)', async () => {
    const path = await tempLedgerPath();
    await writeFile(path, `not json\n${JSON.stringify(await unsigned([3n, 4n]))}\n`);
    await expect(SettlementLedger.open(path, E)).rejects.toThrow(/line 1 is not JSON/);
  });
});

describe('Settler with a ledger', () => {
  it('after losing its store, publishes the message it signed before, never a new one from newer prices', async () => {
    const path = await tempLedgerPath();
    const signer = createSigner(randomBytes(32));
    const run = async (mids: [bigint, bigint]) => {
      const store = new MemoryStore({ logger, quoteRetentionMs: 1_000 });
      await store.start();
      const settler = new Settler({
        store,
        signer,
        ledger: await SettlementLedger.open(path, E),
        logger,
        cluster: 0,
        programId: EXEC_TRADE_PROGRAM_ID.toBytes(),
        rule: RULE,
        settleDelayMs: 1_000,
        simulated: false,
        now: () => E + 2_000,
        checkIntervalMs: 60_000,
      });
      await settler.start();
      settler.observePrice('ETHUSDT', 'binance', mids[0], E - 100);
      settler.observePrice('ETHUSDT', 'kraken', mids[1], E - 200);
      settler.track('ETHUSDT', EXPIRY);
      await settler.tick();
      const record = await store.getSettlement('ETHUSDT', EXPIRY);
      await settler.stop();
      await store.stop();
      if (!record) throw new Error('no settlement published');
      return record as unknown as Parameters<typeof verifySettlementRecord>[0];
    };
    // Given a settler that signed and published a settlement, then lost its store (a restart on an emptied Redis)
    const first = await run([3_500_000_000n, 3_501_000_000n]);
    // When it runs again with other prices in its history
    const second = await run([3_700_000_000n, 3_701_000_000n]);
    // Then it publishes exactly the first message and signature: no second message was signed
    expect(second.message).toBe(first.message);
    expect(second.signature).toBe(first.signature);
    expect((await verifySettlementRecord(second, first.signer)).price).toBe(3_500_500_000n);
  });
});
