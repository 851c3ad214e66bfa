/**
 * The writer lease with a fencing token (docs/redis.md "Failover"). One engine per key prefix holds
 * `writer:lease` = "<token> <holder>" with a PX TTL and renews it; any number of standby engines
 * (same key, same config) try to acquire it every renew interval and take over once it expired.
 * Every acquisition takes a new token from `writer:token` (INCR, never below `minToken`, so a Redis
 * restart that lost the counter cannot hand out a token gateways already saw). The store's writes
 * run as Lua scripts that first check the lease value (fenced-writes.ts), so Redis itself refuses a
 * deposed writer; the holder also stops writing on its own once `ttlMs` passed since its last
 * successful renewal (a paused process that wakes late, a partition).
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RedisKeys } from './keys.js';

/** KEYS: lease, token counter. ARGV: holder, ttlMs, minToken. → {1, token} acquired/renewed, {0, token} held by another. */
const ACQUIRE_LUA = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local sp = string.find(cur, ' ')
  local token = tonumber(string.sub(cur, 1, sp - 1))
  if string.sub(cur, sp + 1) == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return {1, token}
  end
  return {0, token}
end
local t = redis.call('INCR', KEYS[2])
local floor = tonumber(ARGV[3])
if t < floor then
  redis.call('SET', KEYS[2], floor)
  t = floor
end
redis.call('SET', KEYS[1], t .. ' ' .. ARGV[1], 'PX', ARGV[2])
return {1, t}
`;

/** KEYS: lease. ARGV: lease value, ttlMs. → 1 renewed, 0 another holder's, -1 no lease at all (expired, Redis emptied). */
const RENEW_LUA = `
local cur = redis.call('GET', KEYS[1])
if cur == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if cur then return 0 end
return -1
`;

export interface WriterLeaseOptions {
  readonly client: Redis;
  readonly keys: RedisKeys;
  readonly holder: string;
  /** Lease lifetime in Redis without renewal; also the holder's self-fencing deadline. */
  readonly ttlMs: number;
  /** Renewal (holder) and acquisition attempt (standby) interval; must be well below ttlMs. */
  readonly renewMs: number;
  readonly logger: Logger;
  readonly now?: () => number;
  /**
   * Called when this process became the writer, before `isHeld()` turns true (so no write can
   * slip in first). May be async; the lease counts as held once it resolves.
   */
  readonly onAcquired: (token: number) => Promise<void>;
  /** Called after each acquisition attempt that found another holder. */
  readonly onStandby?: () => Promise<void>;
}

/**
 * `writer`: holds the lease. `standby`: Redis answered that another engine holds it. `unknown`: no
 * answer (Redis unreachable, or this process was paused past its TTL): nobody can be told apart, so
 * the store keeps publishing to its own process (memory) and writes nothing to Redis.
 */
export type LeaseRole = 'writer' | 'standby' | 'unknown';

export interface LeaseStatus {
  readonly role: LeaseRole;
  readonly held: boolean;
  readonly token: number | null;
  /** Highest token seen in Redis (own or another holder's). */
  readonly highestToken: number;
  readonly acquisitions: number;
  readonly losses: number;
}

type LeaseReply = [number, number];

export class WriterLease {
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private token: number | null = null;
  private held = false;
  private knownStandby = false;
  private lastRenewedMs = 0;
  private highestToken = 0;
  private acquisitions = 0;
  private losses = 0;
  private inflight: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly opts: WriterLeaseOptions) {
    this.now = opts.now ?? Date.now;
    opts.client.defineCommand('execLeaseAcquire', { numberOfKeys: 2, lua: ACQUIRE_LUA });
    opts.client.defineCommand('execLeaseRenew', { numberOfKeys: 1, lua: RENEW_LUA });
  }

  /** One attempt now, then one every renewMs. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.tick();
    this.timer ??= setInterval(() => void this.tick(), this.opts.renewMs);
  }

  /** Stops renewing; the lease expires in Redis after ttlMs (or at once with `release`). */
  async stop(release = true): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (release && this.held && this.opts.client.status === 'ready') {
      // delete only our own lease, so a standby takes over at once instead of after the TTL
      await this.opts.client.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, this.opts.keys.writerLease(), this.value()).catch(() => undefined);
    }
    this.held = false;
  }

  /** True while this process may write: it holds the lease and renewed it within ttlMs. */
  isHeld(): boolean {
    if (this.held && this.now() - this.lastRenewedMs >= this.opts.ttlMs) this.lose('lease not renewed within its TTL (paused or partitioned)', false);
    return this.held;
  }

  role(): LeaseRole {
    return this.isHeld() ? 'writer' : this.knownStandby ? 'standby' : 'unknown';
  }

  /** The lease value the fenced writes compare against. */
  value(): string {
    return `${this.token ?? 0} ${this.opts.holder}`;
  }

  get currentToken(): number | null {
    return this.held ? this.token : null;
  }

  status(): LeaseStatus {
    return { role: this.role(), held: this.isHeld(), token: this.currentToken, highestToken: this.highestToken, acquisitions: this.acquisitions, losses: this.losses };
  }

  /** A fenced write was refused by Redis: someone else holds the lease now. */
  refused(): void {
    this.lose('a fenced write was refused by Redis: another writer holds the lease');
  }

  /** One renewal (holder) or acquisition attempt (standby). Called by the timer; tests may call it. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    // one call at a time; a caller arriving meanwhile waits for the one in flight
    this.inflight ??= this.runTick().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async runTick(): Promise<void> {
    try {
      if (this.isHeld()) await this.renew();
      else await this.acquire();
    } catch (err) {
      this.opts.logger.debug({ err }, 'writer lease: redis call failed');
    }
  }

  private async renew(): Promise<void> {
    const started = this.now();
    const r = await (this.opts.client as unknown as LeaseCommands).execLeaseRenew(this.opts.keys.writerLease(), this.value(), this.opts.ttlMs);
    if (r === 1) {
      this.lastRenewedMs = started;
    } else if (r === 0) {
      this.lose('the lease in Redis belongs to another writer');
    } else {
      // nobody holds it (it expired, or Redis restarted empty): try to win it again at once, with a new token
      this.lose('the lease vanished from Redis (expired or Redis restarted)', false);
      await this.acquire();
    }
  }

  private async acquire(): Promise<void> {
    const started = this.now();
    const [won, token] = await (this.opts.client as unknown as LeaseCommands).execLeaseAcquire(
      this.opts.keys.writerLease(),
      this.opts.keys.writerToken(),
      this.opts.holder,
      this.opts.ttlMs,
      this.highestToken + 1,
    );
    this.highestToken = Math.max(this.highestToken, token);
    if (won !== 1 || this.stopped) {
      if (won !== 1) this.knownStandby = true;
      await this.opts.onStandby?.();
      return;
    }
    this.knownStandby = false;
    this.token = token;
    this.lastRenewedMs = started;
    await this.opts.onAcquired(token);
    this.held = true;
    this.acquisitions += 1;
    this.opts.logger.warn({ token, holder: this.opts.holder }, 'writer lease acquired: this engine now writes');
  }

  private lose(reason: string, anotherHolder = true): void {
    if (anotherHolder) this.knownStandby = true;
    if (!this.held) return;
    this.held = false;
    this.losses += 1;
    this.opts.logger.error({ token: this.token, reason }, 'writer lease lost: this engine stopped writing (standby)');
  }
}

interface LeaseCommands {
  execLeaseAcquire(lease: string, tokenKey: string, holder: string, ttlMs: number, minToken: number): Promise<LeaseReply>;
  execLeaseRenew(lease: string, value: string, ttlMs: number): Promise<number>;
}
