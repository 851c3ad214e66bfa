/**
 * The writer's Redis writes as Lua scripts that check the writer lease first (writer-lease.ts): a
 * deposed writer's write is refused by Redis itself, atomically, and nothing of it is applied. One
 * EVALSHA per surface (the round trip the MULTI used to take). Stream entries carry the fencing
 * `token`, so gateways can refuse a stale writer too (redis-store.ts).
 */
import type { Redis } from 'ioredis';
import type { MarketSymbol } from '../feeds/types.js';
import type { RedisKeys } from './keys.js';

/**
 * KEYS: lease, markets:<S>, stream:surfaces:<S>, writer:seqs, quote:<id>…
 * ARGV: lease value, payload, seq, src, token, maxlen, symbol, then (quote json, ttl ms) per quote key.
 * → 1 written, 0 refused (not the lease holder).
 */
const SURFACE_LUA = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
for i = 5, #KEYS do
  local j = i - 4
  redis.call('SET', KEYS[i], ARGV[6 + 2 * j], 'PX', ARGV[7 + 2 * j])
end
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], '*', 'seq', ARGV[3], 'src', ARGV[4], 'token', ARGV[5], 'payload', ARGV[2])
redis.call('HSET', KEYS[4], ARGV[7], ARGV[3])
return 1
`;

/**
 * KEYS: lease, settlement:<S>:<expiry>, stream:settlements. ARGV: lease value, payload, ttl ms,
 * maxlen, symbol, src, token. A round's record is written once (NX): a standby that computed the
 * same round keeps the record already there. → 1 written, 2 already stored, 0 refused.
 */
const SETTLEMENT_LUA = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if not redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3], 'NX') then return 2 end
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', 'symbol', ARGV[5], 'src', ARGV[6], 'token', ARGV[7], 'payload', ARGV[2])
return 1
`;

export type FencedResult = 'written' | 'refused' | 'exists';

export interface FencedSurface {
  readonly symbol: MarketSymbol;
  readonly seq: number;
  readonly payload: string;
  /** Quotes to (re)write: id, JSON and TTL. */
  readonly quotes: ReadonlyArray<{ readonly id: string; readonly json: string; readonly ttlMs: number }>;
}

interface FencedCommands {
  execFencedSurface(numKeys: number, ...keysAndArgs: (string | number)[]): Promise<number>;
  execFencedSettlement(...keysAndArgs: (string | number)[]): Promise<number>;
}

export class FencedWrites {
  constructor(
    private readonly client: Redis,
    private readonly keys: RedisKeys,
    private readonly src: string,
    private readonly limits: { readonly surfaceStreamMaxLen: number; readonly settlementStreamMaxLen: number; readonly settlementTtlMs: number },
  ) {
    client.defineCommand('execFencedSurface', { lua: SURFACE_LUA });
    client.defineCommand('execFencedSettlement', { numberOfKeys: 3, lua: SETTLEMENT_LUA });
  }

  async surface(lease: { value: string; token: number }, s: FencedSurface): Promise<FencedResult> {
    const keys = [this.keys.writerLease(), this.keys.market(s.symbol), this.keys.surfaceStream(s.symbol), this.keys.writerSeqs()];
    const args: (string | number)[] = [lease.value, s.payload, s.seq, this.src, lease.token, this.limits.surfaceStreamMaxLen, s.symbol];
    for (const q of s.quotes) {
      keys.push(this.keys.quote(q.id));
      args.push(q.json, q.ttlMs);
    }
    const r = await (this.client as unknown as FencedCommands).execFencedSurface(keys.length, ...keys, ...args);
    return r === 1 ? 'written' : 'refused';
  }

  async settlement(lease: { value: string; token: number }, symbol: MarketSymbol, expiryTs: number, payload: string): Promise<FencedResult> {
    const r = await (this.client as unknown as FencedCommands).execFencedSettlement(
      this.keys.writerLease(),
      this.keys.settlement(symbol, expiryTs),
      this.keys.settlementStream(),
      lease.value,
      payload,
      this.limits.settlementTtlMs,
      this.limits.settlementStreamMaxLen,
      symbol,
      this.src,
      lease.token,
    );
    return r === 1 ? 'written' : r === 2 ? 'exists' : 'refused';
  }

  /** The last seq every symbol was written with (any writer): the floor of a new writer's seqs. */
  async storedSeqs(): Promise<Partial<Record<MarketSymbol, number>>> {
    const raw = await this.client.hgetall(this.keys.writerSeqs());
    const out: Partial<Record<MarketSymbol, number>> = {};
    for (const [symbol, seq] of Object.entries(raw)) {
      const n = Number(seq);
      if (Number.isSafeInteger(n)) out[symbol as MarketSymbol] = n;
    }
    return out;
  }
}
