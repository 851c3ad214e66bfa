import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { MemoryStore } from '../../../engine/src/cache/memory-store.js';
import type { StoreEvent } from '../../../engine/src/cache/types.js';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { makeSurface } from '../../helpers/market-surface.js';

const signer = createSigner(new Uint8Array(32).fill(7));
const logger = pino({ level: 'silent' });

describe('MemoryStore', () => {
  let store: MemoryStore | undefined;
  afterEach(async () => {
    await store?.stop();
  });

  it('keeps the latest surface per symbol with the payload serialized once', async () => {
    // Given a started store
    store = new MemoryStore({ logger, quoteRetentionMs: 1_000 });
    await store.start();
    // When two BTC surfaces and one ETH surface are published
    const s1 = makeSurface({ symbol: 'BTCUSDT', seq: 1, signer });
    const s2 = makeSurface({ symbol: 'BTCUSDT', seq: 2, signer });
    const e1 = makeSurface({ symbol: 'ETHUSDT', seq: 1, signer });
    await store.publishSurface(s1);
    await store.publishSurface(s2);
    await store.publishSurface(e1);
    // Then each symbol has its latest surface, and the payload is its JSON
    expect((await store.getSurface('BTCUSDT'))?.seq).toBe(2);
    expect((await store.getSurface('ETHUSDT'))?.seq).toBe(1);
    expect(await store.getSurface('SOLUSDT')).toBeUndefined();
    expect(JSON.parse(store.getPayload('BTCUSDT') ?? 'null')).toEqual(JSON.parse(JSON.stringify(s2)));
  });

  it('rejects a surface whose seq is not after the stored one', async () => {
    store = new MemoryStore({ logger, quoteRetentionMs: 1_000 });
    await store.publishSurface(makeSurface({ symbol: 'SOLUSDT', seq: 5, signer }));
    await expect(store.publishSurface(makeSurface({ symbol: 'SOLUSDT', seq: 5, signer }))).rejects.toMatchObject({
      code: 'EXEC_ERR_STORE_SEQ',
    });
    expect((await store.getSurface('SOLUSDT'))?.seq).toBe(5);
  });

  it('notifies subscribers synchronously, in publish order, with the payload', async () => {
    store = new MemoryStore({ logger, quoteRetentionMs: 1_000 });
    const seen: StoreEvent[] = [];
    const off = store.subscribe((e) => seen.push(e));
    const p = store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 1, signer }));
    // synchronously: before the promise is awaited
    expect(seen).toHaveLength(1);
    await p;
    await store.publishSurface(makeSurface({ symbol: 'ETHUSDT', seq: 1, signer }));
    await store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 2, signer }));
    await store.publishSettlement({ symbol: 'BTCUSDT', expiryTs: 1_700_000_000, price: '1' });
    off();
    await store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 3, signer }));
    expect(seen.map((e) => (e.type === 'surface' ? `${e.symbol}#${e.seq}` : e.type))).toEqual([
      'BTCUSDT#1',
      'ETHUSDT#1',
      'BTCUSDT#2',
      'settlement',
    ]);
    const first = seen[0];
    expect(first?.type === 'surface' && JSON.parse(first.payload).seq).toBe(1);
  });

  it('a throwing subscriber does not stop the others', async () => {
    store = new MemoryStore({ logger, quoteRetentionMs: 1_000 });
    let reached = 0;
    store.subscribe(() => {
      throw new Error('boom');
    });
    store.subscribe(() => {
      reached++;
    });
    await store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 1, signer }));
    expect(reached).toBe(1);
  });

  it('indexes every quote and evicts it after validUntil + retention', async () => {
    // Given a clock we control and a 1 s retention
    let now = 1_800_000_000_000;
    store = new MemoryStore({ logger, quoteRetentionMs: 1_000, now: () => now });
    const surface = makeSurface({ symbol: 'ETHUSDT', seq: 1, signer, nowMs: now, validForMs: 3_000 });
    await store.publishSurface(surface);
    const ids = surface.rounds.flatMap((r) => r.quotes.map((q) => q.quoteId));
    expect(ids).toHaveLength(44);
    expect(store.quoteCount).toBe(44);
    for (const id of ids) expect((await store.getQuote(id))?.quoteId).toBe(id);
    // When time passes validUntil but stays within retention, the quote is still returned
    now += 3_500;
    expect(store.sweep()).toBe(0);
    expect(await store.getQuote(ids[0] ?? '')).toBeDefined();
    // Then past validUntil + retention it is gone, even before the sweep
    now += 600;
    expect(await store.getQuote(ids[0] ?? '')).toBeUndefined();
    expect(store.sweep()).toBe(44);
    expect(store.quoteCount).toBe(0);
  });

  it('the sweep timer evicts without being called and stop() clears it', async () => {
    store = new MemoryStore({ logger, quoteRetentionMs: 0, sweepIntervalMs: 20 });
    await store.start();
    await store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 1, signer, validForMs: 10 }));
    expect(store.quoteCount).toBe(44);
    const deadline = Date.now() + 2_000;
    while (store.quoteCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(store.quoteCount).toBe(0);
    await store.stop();
    await store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 2, signer, validForMs: 10 }));
    await new Promise((r) => setTimeout(r, 80));
    expect(store.quoteCount).toBe(44);
  });

  it('keeps settlements by symbol and expiry', async () => {
    store = new MemoryStore({ logger, quoteRetentionMs: 1_000, maxSettlementsPerSymbol: 2 });
    await store.publishSettlement({ symbol: 'BTCUSDT', expiryTs: 100, price: '1' });
    await store.publishSettlement({ symbol: 'BTCUSDT', expiryTs: 200, price: '2' });
    await store.publishSettlement({ symbol: 'BTCUSDT', expiryTs: 300, price: '3' });
    expect(await store.getSettlement('BTCUSDT', 100)).toBeUndefined();
    expect((await store.getSettlement('BTCUSDT', 300))?.price).toBe('3');
    expect(await store.getSettlement('ETHUSDT', 300)).toBeUndefined();
    expect(store.health()).toMatchObject({ backend: 'memory', healthy: true });
  });
});
