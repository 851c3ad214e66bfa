import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { SolanaJSONRPCError } from '@solana/web3.js';
import { MemoryStore } from '../../../engine/src/cache/memory-store.js';
import { SettlementKeeper } from '../../../engine/src/settlement/keeper.js';
import { classifyChainError, type KeeperChain } from '../../../engine/src/settlement/keeper-chain.js';
import { ProgramError, RpcError } from '../../../engine/src/client/errors.js';
import { programErrorByName } from '../../../engine/src/client/decode-error.js';
import type { RoundStatusName } from '../../../engine/src/client/accounts.js';
import type { SignedSettlement } from '../../../engine/src/client/transactions.js';
import { decodeSettlement, encodeSettlement } from '../../../engine/src/client/quote-message.js';
import { ASSET_IDS, SYMBOL_ASSET } from '../../../engine/src/market/types.js';
import { createSigner, type Ed25519Signer } from '../../../engine/src/signer/sign.js';
import type { MarketSymbol } from '../../../engine/src/feeds/types.js';

const logger = pino({ level: 'silent' });
const settler = createSigner(randomBytes(32));
const AUTH = bs58.encode(settler.publicKey);

/** A real signed settlement message for the round (symbol, expiryTs), signed by `key`. */
function signed(symbol: MarketSymbol, expiryTs: number, key: Ed25519Signer = settler, claimedSigner?: string): SignedSettlement {
  const message = encodeSettlement({
    cluster: 1,
    asset: ASSET_IDS[SYMBOL_ASSET[symbol]],
    flags: 0,
    programId: new Uint8Array(32).fill(7),
    expiryTs: BigInt(expiryTs),
    price: 97_000_000_000n,
    publishedAtMs: BigInt(expiryTs) * 1000n + 1_500n,
    method: 1,
    sourceCount: 3,
    sourcesHash: new Uint8Array(32).fill(1),
  });
  return { message: Buffer.from(message).toString('base64'), signature: bs58.encode(key.sign(message)), signer: claimedSigner ?? bs58.encode(key.publicKey) };
}

/** A chain whose answers each test scripts; it records every call the keeper makes. */
class ScriptedChain implements KeeperChain {
  readonly statuses = new Map<string, RoundStatusName>();
  readonly calls: string[] = [];
  settleResults: Array<Error | 'ok'> = [];
  async roundStatus(asset: number, expiryTs: bigint): Promise<RoundStatusName | null> {
    this.calls.push(`status ${asset}:${expiryTs}`);
    return this.statuses.get(`${asset}:${expiryTs}`) ?? null;
  }
  async settleRound(s: SignedSettlement, authority: string): Promise<string> {
    this.calls.push(`settle ${decodeSettlement(Buffer.from(s.message, 'base64')).expiryTs} by ${authority}`);
    const next = this.settleResults.shift() ?? 'ok';
    if (next !== 'ok') throw next;
    return 'signature';
  }
  async openRound(asset: number, expiryTs: bigint): Promise<string> {
    this.calls.push(`open ${asset}:${expiryTs}`);
    this.statuses.set(`${asset}:${expiryTs}`, 'open');
    return 'signature';
  }
}

describe('SettlementKeeper', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const s of stops.splice(0)) await s();
  });

  function setup(opts: { preOpen?: number[]; store?: MemoryStore; backfill?: { durationsSec: number[]; lookbackSec: number } } = {}) {
    let now = 1_800_000_100_000;
    const chain = new ScriptedChain();
    const keeper = new SettlementKeeper({
      store: opts.store ?? new MemoryStore({ logger, quoteRetentionMs: 1_000 }),
      ...(opts.backfill ? { backfill: opts.backfill } : {}),
      chain,
      logger,
      settlementAuthority: AUTH,
      symbols: ['BTCUSDT'],
      preOpenDurationsSec: opts.preOpen ?? [],
      retryBaseMs: 100,
      retryMaxMs: 400,
      maxAttempts: 5,
      now: () => now,
    });
    return { chain, keeper, advance: (ms: number) => (now += ms) };
  }

  it('catches up at start: stored settlements of recent expiries are settled, older ones and foreign signers are not', async () => {
    // Given settlements already in the store (published before this keeper started)
    const store = new MemoryStore({ logger, quoteRetentionMs: 1_000 });
    const publish = (expiryTs: number, key = settler) => store.publishSettlement({ symbol: 'BTCUSDT', expiryTs, ...signed('BTCUSDT', expiryTs, key) });
    await publish(1_800_000_060); // 40 s ago: within the look-back
    await publish(1_799_999_760); // 340 s ago: within the look-back (a 5m expiry)
    await publish(1_799_996_400); // 3,700 s ago: beyond the look-back
    await publish(1_800_000_000, createSigner(randomBytes(32))); // not the settlement authority
    const { chain, keeper } = setup({ store, backfill: { durationsSec: [60, 300], lookbackSec: 3_600 } });
    for (const t of [1_800_000_060, 1_799_999_760, 1_799_996_400, 1_800_000_000]) chain.statuses.set(`1:${t}`, 'open');
    // When the keeper starts and runs once
    await keeper.start();
    stops.push(() => keeper.stop());
    await keeper.tick();
    // Then exactly the recent, authority-signed ones were submitted
    expect(chain.calls.filter((c) => c.startsWith('settle')).sort()).toEqual([`settle 1799999760 by ${AUTH}`, `settle 1800000060 by ${AUTH}`]);
    expect(keeper.outcome('BTCUSDT', 1_799_996_400)).toBeUndefined();
  });

  it('settles an open round exactly once, even if the settlement is queued again', async () => {
    const { chain, keeper } = setup();
    chain.statuses.set('1:1800000060', 'open');
    keeper.enqueue('BTCUSDT', 1_800_000_060, signed('BTCUSDT', 1_800_000_060));
    await keeper.tick();
    keeper.enqueue('BTCUSDT', 1_800_000_060, signed('BTCUSDT', 1_800_000_060));
    await keeper.tick();
    expect(chain.calls.filter((c) => c.startsWith('settle'))).toEqual([`settle 1800000060 by ${AUTH}`]);
    expect(keeper.outcome('BTCUSDT', 1_800_000_060)).toBe('settled');
  });

  it('checks the round first: settled, refunding or missing rounds are never sent', async () => {
    const { chain, keeper } = setup();
    chain.statuses.set('1:60', 'settled');
    chain.statuses.set('1:120', 'refunding');
    keeper.enqueue('BTCUSDT', 60, signed('BTCUSDT', 60));
    keeper.enqueue('BTCUSDT', 120, signed('BTCUSDT', 120));
    keeper.enqueue('BTCUSDT', 180, signed('BTCUSDT', 180));
    await keeper.tick();
    expect(chain.calls.some((c) => c.startsWith('settle'))).toBe(false);
    expect([keeper.outcome('BTCUSDT', 60), keeper.outcome('BTCUSDT', 120), keeper.outcome('BTCUSDT', 180)]).toEqual(['already-settled', 'refunding', 'no-round']);
  });

  it('treats the program’s RoundAlreadySettled (a race with another keeper) as done, without retrying', async () => {
    const { chain, keeper, advance } = setup();
    chain.statuses.set('1:60', 'open');
    chain.settleResults = [programErrorByName('RoundAlreadySettled')!];
    keeper.enqueue('BTCUSDT', 60, signed('BTCUSDT', 60));
    await keeper.tick();
    advance(10_000);
    await keeper.tick();
    expect(chain.calls.filter((c) => c.startsWith('settle'))).toHaveLength(1);
    expect(keeper.outcome('BTCUSDT', 60)).toBe('already-settled');
  });

  it('retries retryable RPC errors with capped exponential backoff, then succeeds', async () => {
    const { chain, keeper, advance } = setup();
    chain.statuses.set('1:60', 'open');
    chain.settleResults = [new RpcError('503', true), new RpcError('503', true), new RpcError('503', true), 'ok'];
    keeper.enqueue('BTCUSDT', 60, signed('BTCUSDT', 60));
    const settles = () => chain.calls.filter((c) => c.startsWith('settle')).length;
    await keeper.tick(); // attempt 1 fails → wait 100
    advance(99);
    await keeper.tick();
    expect(settles()).toBe(1);
    advance(1);
    await keeper.tick(); // attempt 2 fails → wait 200
    advance(200);
    await keeper.tick(); // attempt 3 fails → wait 400
    advance(399);
    await keeper.tick();
    expect(settles()).toBe(3);
    advance(1);
    await keeper.tick(); // attempt 4 succeeds
    expect(settles()).toBe(4);
    expect(keeper.outcome('BTCUSDT', 60)).toBe('settled');
  });

  it('gives up at once on non-retryable errors and after maxAttempts on retryable ones', async () => {
    const { chain, keeper, advance } = setup();
    chain.statuses.set('1:60', 'open');
    chain.statuses.set('1:120', 'open');
    chain.settleResults = [programErrorByName('SettlementBeforeExpiry')!];
    keeper.enqueue('BTCUSDT', 60, signed('BTCUSDT', 60));
    await keeper.tick();
    expect(keeper.outcome('BTCUSDT', 60)).toBe('failed');
    chain.settleResults = Array.from({ length: 10 }, () => new RpcError('timeout', true));
    keeper.enqueue('BTCUSDT', 120, signed('BTCUSDT', 120));
    for (let i = 0; i < 10; i++) {
      await keeper.tick();
      advance(1_000);
    }
    expect(keeper.outcome('BTCUSDT', 120)).toBe('failed');
    expect(chain.calls.filter((c) => c.startsWith('settle'))).toHaveLength(1 + 5);
  });

  it('refuses settlements not signed by the settlement authority, whatever their signer field says', async () => {
    const { chain, keeper } = setup();
    chain.statuses.set('1:60', 'open');
    const other = createSigner(randomBytes(32));
    // Given: signed by another key; another key's signature under the authority's name; the
    // authority's signature over another round; a broken signature
    const foreign = signed('BTCUSDT', 60, other);
    const forged = signed('BTCUSDT', 60, other, AUTH);
    const otherRound = signed('BTCUSDT', 120);
    const broken = { ...signed('BTCUSDT', 60), signature: 'x' };
    // When they are queued
    const queued = [foreign, forged, otherRound, broken].map((s) => keeper.enqueue('BTCUSDT', 60, s));
    keeper.enqueue('ETHUSDT', 60, signed('BTCUSDT', 60)); // a BTC message for the ETH round
    await keeper.tick();
    // Then nothing reached the chain
    expect(queued).toEqual([false, false, false, false]);
    expect(chain.calls).toEqual([]);
    expect(keeper.outcome('BTCUSDT', 60)).toBeUndefined();
    expect(keeper.refusedCount).toBe(5);
  });

  it('picks up settlements published to the store', async () => {
    const store = new MemoryStore({ logger, quoteRetentionMs: 1_000 });
    await store.start();
    const chain = new ScriptedChain();
    chain.statuses.set('2:1800000060', 'open');
    const keeper = new SettlementKeeper({ store, chain, logger, settlementAuthority: AUTH, symbols: ['ETHUSDT'], preOpenDurationsSec: [], intervalMs: 60_000 });
    await keeper.start();
    stops.push(async () => {
      await keeper.stop();
      await store.stop();
    });
    await store.publishSettlement({ symbol: 'ETHUSDT', expiryTs: 1_800_000_060, ...signed('ETHUSDT', 1_800_000_060) });
    await keeper.tick();
    expect(keeper.outcome('ETHUSDT', 1_800_000_060)).toBe('settled');
  });

  it('backs off pre-opening after a failure instead of retrying every tick', async () => {
    const { chain, keeper, advance } = setup({ preOpen: [60] });
    let fail = true;
    chain.openRound = async (asset, expiryTs) => {
      chain.calls.push(`open ${asset}:${expiryTs}`);
      if (fail) throw new RpcError('config missing', false);
      return 'signature';
    };
    await keeper.tick();
    await keeper.tick();
    expect(chain.calls.filter((c) => c.startsWith('open'))).toHaveLength(2); // one per upcoming expiry
    fail = false;
    advance(400); // retryMaxMs
    await keeper.tick();
    expect(chain.calls.filter((c) => c.startsWith('open'))).toHaveLength(4);
    await keeper.tick();
    expect(chain.calls.filter((c) => c.startsWith('open'))).toHaveLength(4);
  });

  it('pre-opens the next expiries of each duration once', async () => {
    const { chain, keeper } = setup({ preOpen: [60, 300] });
    chain.statuses.set('1:1800000180', 'open');
    await keeper.tick();
    await keeper.tick();
    const opens = chain.calls.filter((c) => c.startsWith('open')).sort();
    // now = 1_800_000_100 s: next 60 s expiries 1_800_000_120 and _180 (already open); next 300 s: _300 and _600
    expect(opens).toEqual(['open 1:1800000120', 'open 1:1800000300', 'open 1:1800000600']);
  });
});

describe('classifyChainError (retry decided by code, never by message)', () => {
  it('program errors are final ProgramErrors', () => {
    const code = programErrorByName('RoundAlreadySettled')!.programCode;
    const e = classifyChainError({ err: { InstructionError: [1, { Custom: code }] } }, 1);
    expect(e).toBeInstanceOf(ProgramError);
    expect((e as ProgramError).errorName).toBe('RoundAlreadySettled');
  });

  it('a precompile failure at another index is a non-retryable RpcError, not a program error', () => {
    const e = classifyChainError({ err: { InstructionError: [0, { Custom: 2 }] } }, 1);
    expect(e).toBeInstanceOf(RpcError);
    expect((e as RpcError).retryable).toBe(false);
  });

  it('node-unhealthy JSON-RPC codes and network errors are retryable; others are not', () => {
    expect((classifyChainError(new SolanaJSONRPCError({ code: -32005, message: 'Node is behind' }, ''), 1) as RpcError).retryable).toBe(true);
    expect((classifyChainError(new SolanaJSONRPCError({ code: -32602, message: 'invalid params' }, ''), 1) as RpcError).retryable).toBe(false);
    expect((classifyChainError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 1) as RpcError).retryable).toBe(true);
    expect((classifyChainError(new Error('something odd'), 1) as RpcError).retryable).toBe(false);
  });
});
