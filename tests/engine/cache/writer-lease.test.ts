/**
 * The writer lease and fenced writes against a real redis-server, in one process: a deposed writer's
 * write is refused by Redis itself (nothing of it is applied), a standby publishes nothing and takes
 * over above the seqs already written, and a gateway refuses a stream entry with a stale token.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore, type RedisStoreOptions } from '../../../engine/src/cache/redis-store.js';
import type { StoreEvent } from '../../../engine/src/cache/types.js';
import { startRedisServer, type RedisServerHandle } from '../../helpers/redis-server.js';
import { buildSignedSurface, testSigner } from './fixtures/signed-surface.js';

const signer = testSigner();
let server: RedisServerHandle;
let admin: Redis;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis(server.url);
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function store(prefix: string, over: Partial<RedisStoreOptions> = {}): Promise<RedisStore> {
  const s = new RedisStore({ url: server.url, mode: 'writer', logger: pino({ level: 'silent' }), keyPrefix: prefix, leaseTtlMs: 600, leaseRenewMs: 100, startTimeoutMs: 1_000, ...over });
  cleanup.push(() => s.stop());
  await s.start();
  return s;
}
/** The store's lease, to stop renewing as a dead process would (no release) or a clean stop does (release). */
const leaseOf = (s: RedisStore) => (s as unknown as { writer: { lease: { stop(release: boolean): Promise<void> } } }).writer.lease;
const surface = (seq: number) => buildSignedSurface({ signer, symbol: 'BTCUSDT', seq, nowMs: Date.now(), validForMs: 60_000 });
const until = async (cond: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('writer lease with fencing token', () => {
  it('Redis refuses the write of a writer whose lease was taken: nothing of it is applied, and it stands by', async () => {
    // Given a writer that wrote seq 1
    const prefix = `l${randomBytes(3).toString('hex')}:`;
    const a = await store(prefix);
    await a.publishSurface(surface(1));
    expect(a.writerStatus()).toMatchObject({ role: 'writer', held: true, token: 1 });
    // When another holder owns the lease in Redis (as after a pause past the TTL)
    await admin.set(`${prefix}writer:lease`, `2 someone-else`, 'PX', 60_000);
    await a.publishSurface(surface(2));
    // Then the script refused everything: no stream entry, no snapshot, no quote of seq 2
    expect(await admin.xlen(`${prefix}stream:surfaces:BTCUSDT`)).toBe(1);
    expect(JSON.parse((await admin.get(`${prefix}markets:BTCUSDT`)) ?? '{}').seq).toBe(1);
    expect(a.writerStatus()).toMatchObject({ role: 'standby', held: false, refusedWrites: 1, losses: 1 });
    // and later surfaces are not even attempted
    await a.publishSurface(surface(3));
    expect(a.writerStatus()!.refusedWrites).toBe(1);
    expect(a.writerStatus()!.standbySkipped).toBeGreaterThanOrEqual(1);
  });

  it('a standby publishes nothing, takes over when the lease expires, and continues above the written seq', async () => {
    const prefix = `l${randomBytes(3).toString('hex')}:`;
    const a = await store(prefix);
    const b = await store(prefix);
    const floors: Array<Record<string, number | undefined>> = [];
    b.onWriterChange((f) => floors.push(f));
    await a.publishSurface(surface(41));
    await b.publishSurface(surface(5));
    expect(b.writerStatus()).toMatchObject({ role: 'standby', standbySkipped: 1 });
    expect(await admin.xlen(`${prefix}stream:surfaces:BTCUSDT`)).toBe(1);
    // When A stops renewing (its process died: no release)
    await leaseOf(a).stop(false);
    const t0 = Date.now();
    await until(() => b.writerStatus()!.role === 'writer');
    // Then B took over within TTL + renew, learnt the floor 41, and a surface at or below it is not published
    expect(Date.now() - t0).toBeLessThan(600 + 100 + 500);
    expect(floors).toEqual([{ BTCUSDT: 41 }]);
    expect(b.writerStatus()!.token).toBe(2);
    await b.publishSurface(surface(41));
    expect(await admin.xlen(`${prefix}stream:surfaces:BTCUSDT`)).toBe(1);
    await b.publishSurface(surface(42));
    const entries = await admin.xrange(`${prefix}stream:surfaces:BTCUSDT`, '-', '+');
    expect(entries.map(([, f]) => [f[1], f[5]])).toEqual([['41', '1'], ['42', '2']]);
  });

  it('a gateway refuses a stream entry whose fencing token is below one it saw', async () => {
    const prefix = `l${randomBytes(3).toString('hex')}:`;
    const writer = await store(prefix);
    const gateway = await store(prefix, { mode: 'reader', blockMs: 200 });
    const seen: number[] = [];
    gateway.subscribe((e: StoreEvent) => e.type === 'surface' && seen.push(e.seq));
    await admin.set(`${prefix}writer:token`, '6');
    await leaseOf(writer).stop(true);
    const next = await store(prefix); // token 7
    await next.publishSurface(surface(10));
    await until(() => seen.includes(10));
    // When an entry fenced with an older token appears (a writer that bypassed Redis' check)
    const payload = JSON.stringify(surface(11));
    await admin.xadd(`${prefix}stream:surfaces:BTCUSDT`, '*', 'seq', '11', 'src', 'stale', 'token', '3', 'payload', payload);
    await next.publishSurface(surface(12));
    await until(() => seen.includes(12));
    // Then the gateway delivered 10 and 12, never 11
    expect(seen).toEqual([10, 12]);
    expect(gateway.staleWriterEntries).toBe(1);
  });
});
