import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { pino } from 'pino';
import { MemoryStore } from '../../../engine/src/cache/memory-store.js';
import { Settler } from '../../../engine/src/settlement/settler.js';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { verifySettlementRecord, type SettlementRecordJson } from '../../../engine/src/client/settlement-record.js';
import { EXEC_TRADE_PROGRAM_ID } from '../../../engine/src/client/constants.js';
import type { StoreEvent } from '../../../engine/src/cache/types.js';
import type { MarketSurface } from '../../../engine/src/market/types.js';

const logger = pino({ level: 'silent' });
const EXPIRY = 1_800_000_060;
const E = EXPIRY * 1000;

function surface(seq: number, expiryTs: number, simulated = false): MarketSurface {
  return {
    symbol: 'ETHUSDT',
    asset: 'ETH',
    seq,
    status: 'open',
    haltReason: null,
    simulated,
    generatedAtMs: E - 30_000,
    index: { price: '3500000000', ts: E - 30_000, sourceTs: E - 30_000, providers: 3, confidence: '0', sources: [] },
    rounds: [{ durationSec: 60, startTs: expiryTs - 60, expiryTs, tradingCloseTs: expiryTs - 10, volatility: '500000', quotes: [] }],
  };
}

describe('Settler', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function setup() {
    let now = E - 30_000;
    const store = new MemoryStore({ logger, quoteRetentionMs: 1_000 });
    await store.start();
    const signer = createSigner(randomBytes(32));
    const settler = new Settler({
      store,
      signer,
      logger,
      cluster: 0,
      programId: EXEC_TRADE_PROGRAM_ID.toBytes(),
      rule: { windowMs: 5_000, minProviders: 2 },
      settleDelayMs: 1_000,
      simulated: false,
      now: () => now,
      checkIntervalMs: 60_000,
    });
    await settler.start();
    cleanups.push(async () => {
      await settler.stop();
      await store.stop();
    });
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    return { store, settler, signer, events, setNow: (t: number) => (now = t) };
  }

  it('settles a round it saw on a surface, once, after expiry + delay, with a verifiable record', async () => {
    const { store, settler, signer, events, setNow } = await setup();
    await store.publishSurface(surface(1, EXPIRY));
    settler.observePrice('ETHUSDT', 'binance', 3_501_000_000n, E - 1_000);
    settler.observePrice('ETHUSDT', 'kraken', 3_502_000_000n, E - 100);
    settler.observePrice('ETHUSDT', 'coinbase', 3_503_000_000n, E - 2_000);
    settler.observePrice('ETHUSDT', 'coinbase', 3_600_000_000n, E + 500); // after expiry: ignored

    setNow(E + 999);
    await settler.tick();
    expect(await store.getSettlement('ETHUSDT', EXPIRY)).toBeUndefined();

    setNow(E + 1_000);
    await settler.tick();
    const rec = (await store.getSettlement('ETHUSDT', EXPIRY)) as unknown as SettlementRecordJson;
    expect(rec.price).toBe('3502000000');
    expect(rec.publishedAtMs).toBe(E + 1_000);
    const v = await verifySettlementRecord(rec, bs58.encode(signer.publicKey));
    expect(v.price).toBe(3_502_000_000n);
    expect(events.filter((e) => e.type === 'settlement')).toHaveLength(1);

    await store.publishSurface(surface(2, EXPIRY)); // seen again after settling
    await settler.tick();
    expect(events.filter((e) => e.type === 'settlement')).toHaveLength(1);
    expect(settler.health()).toMatchObject({ settled: 1, pending: 0 });
  });

  it('publishes nothing when too few venues priced inside the window', async () => {
    const { store, settler, setNow } = await setup();
    await store.publishSurface(surface(1, EXPIRY));
    settler.observePrice('ETHUSDT', 'binance', 3_501_000_000n, E - 1_000);
    settler.observePrice('ETHUSDT', 'kraken', 3_502_000_000n, E - 6_000);
    setNow(E + 5_000);
    await settler.tick();
    expect(await store.getSettlement('ETHUSDT', EXPIRY)).toBeUndefined();
    expect(settler.health()).toMatchObject({ settled: 0, unsettled: 1, pending: 0 });
  });

  it('marks settlements of simulated surfaces SIMULATED', async () => {
    const { store, settler, setNow } = await setup();
    await store.publishSurface(surface(1, EXPIRY, true));
    settler.observePrice('ETHUSDT', 'binance', 3_501_000_000n, E - 1_000);
    settler.observePrice('ETHUSDT', 'bybit', 3_503_000_000n, E - 1_000);
    setNow(E + 2_000);
    await settler.tick();
    const rec = (await store.getSettlement('ETHUSDT', EXPIRY)) as unknown as SettlementRecordJson;
    expect(rec.simulated).toBe(true);
    expect(rec.price).toBe('3502000000');
  });
});
