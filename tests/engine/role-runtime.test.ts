import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/src/config/index.js';
import { ConfigError } from '../../engine/src/lib/errors.js';
import { createRoleRuntime, type RoleRuntime } from '../../engine/src/role-runtime.js';
import { ephemeralSigner } from '../../engine/src/signer/keys.js';
import { verifySignedQuote } from '../../engine/src/client/verify-quote.js';
import type { MarketSurface } from '../../engine/src/market/types.js';
import { startRedisServer, type RedisServerHandle } from '../helpers/redis-server.js';
import { v1 } from '../helpers/market-surface.js';

const logger = pino({ level: 'silent' });
let redis: RedisServerHandle;
const running: RoleRuntime[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  while (running.length > 0) {
    const rt = running.pop();
    for (const step of rt?.stopSteps ?? []) await step.run();
  }
});

function env(role: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return { EXEC_ROLE: role, EXEC_REDIS_URL: redis.url, EXEC_REDIS_KEY_PREFIX: prefix, EXEC_PORT: '0', EXEC_SYMBOLS: 'BTCUSDT,SOLUSDT', ...extra };
}

async function start(
  role: string,
  prefix: string,
  loadKey = async () => ephemeralSigner(),
  opts: { url?: string; argv?: string[] } = {},
): Promise<{ rt: RoleRuntime; base: string }> {
  const extra: Record<string, string> = opts.url === undefined ? {} : { EXEC_REDIS_URL: opts.url };
  const config = loadConfig({ env: env(role, prefix, extra), argv: opts.argv ?? ['--demo'] });
  const rt = await createRoleRuntime({ config, logger, loadKey, oracleWaitMs: 5_000 });
  running.push(rt);
  const base = await rt.start();
  return { rt, base };
}

async function until(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('EXEC_ROLE', () => {
  it('engine and gateway roles require EXEC_REDIS_URL', () => {
    for (const role of ['engine', 'gateway']) {
      let err: unknown;
      try {
        loadConfig({ env: { EXEC_ROLE: role }, argv: [] });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).issues.join('\n')).toMatch(`EXEC_REDIS_URL: is required when EXEC_ROLE=${role}`);
    }
    expect(loadConfig({ env: {}, argv: [] }).role).toBe('all');
    expect(loadConfig({ env: { EXEC_REDIS_URL: 'redis://127.0.0.1:1' }, argv: [] }).redis).toEqual({ url: 'redis://127.0.0.1:1', keyPrefix: '' });
  });

  it('a demo engine feeds a key-less gateway through Redis; the engine exposes only /v1/health', async () => {
    // Given an engine role on the sim feed and a gateway role whose key loader must never run
    const prefix = `role${randomBytes(3).toString('hex')}:`;
    const engine = await start('engine', prefix);
    let gatewayLoadedKey = false;
    const gateway = await start('gateway', prefix, async () => {
      gatewayLoadedKey = true;
      throw new Error('a gateway must not load a key');
    });

    // Then the gateway serves the engine's signed surfaces and oracle
    let surface: MarketSurface | undefined;
    await until(
      async () => {
        const res = await fetch(`${gateway.base}/v1/markets/BTCUSDT`);
        surface = res.status === 200 ? ((await res.json()) as MarketSurface) : undefined;
        return (surface?.rounds.flatMap((r) => r.quotes).length ?? 0) > 0;
      },
      20_000,
      'gateway surface with quotes',
    );
    const quote = surface?.rounds.flatMap((r) => r.quotes)[0];
    expect(quote).toBeDefined();
    if (quote) verifySignedQuote(v1(quote), { expectedSigner: engine.rt.oraclePublicKey });
    const oracle = (await (await fetch(`${gateway.base}/v1/oracle`)).json()) as { signer: string; settlementSigner: string; simulated: boolean };
    expect(oracle).toMatchObject({ signer: engine.rt.oraclePublicKey, settlementSigner: engine.rt.oracle.settlementSigner, simulated: true });
    expect(oracle.settlementSigner).not.toBe(oracle.signer);
    expect(gateway.rt.oraclePublicKey).toBe(engine.rt.oraclePublicKey);
    expect(gatewayLoadedKey).toBe(false);
    const gwHealth = (await (await fetch(`${gateway.base}/v1/health`)).json()) as { store: { backend: string; healthy: boolean } };
    expect(gwHealth.store).toMatchObject({ backend: 'redis', healthy: true });

    // and the engine answers health but serves no client API
    const health = await fetch(`${engine.base}/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ role: 'engine', store: { backend: 'redis', healthy: true } });
    expect((await fetch(`${engine.base}/v1/markets/BTCUSDT`)).status).toBe(404);
  });

  it('role all with EXEC_REDIS_URL serves its own API from a Redis writer that gateways can join', async () => {
    const prefix = `all${randomBytes(3).toString('hex')}:`;
    const all = await start('all', prefix);
    const gateway = await start('gateway', prefix, async () => {
      throw new Error('a gateway must not load a key');
    });
    const health = (await (await fetch(`${all.base}/v1/health`)).json()) as { store: { backend: string; healthy: boolean } };
    expect(health.store).toMatchObject({ backend: 'redis', healthy: true, detail: 'redis ready', writer: { role: 'writer' } });
    const seqAt = async (base: string): Promise<number> => {
      const res = await fetch(`${base}/v1/markets/SOLUSDT`);
      return res.status === 200 ? ((await res.json()) as MarketSurface).seq : 0;
    };
    await until(async () => (await seqAt(all.base)) >= 2 && (await seqAt(gateway.base)) >= 2, 20_000, 'both serve SOLUSDT');
    expect((await fetch(`${gateway.base}/v1/oracle`).then((r) => r.json())) as { signer: string }).toMatchObject({ signer: all.rt.oraclePublicKey });
  });

  it('a gateway with no engine on its Redis prefix fails start-up with a typed error', async () => {
    const config = loadConfig({ env: env('gateway', 'nobody:'), argv: [] });
    await expect(
      createRoleRuntime({ config, logger, loadKey: async () => ephemeralSigner(), oracleWaitMs: 300 }),
    ).rejects.toMatchObject({ code: 'EXEC_ERR_GATEWAY_ORACLE' });
  });

  it('reports what each role runs: feeds, API, signing, and the oracle it serves', async () => {
    // Given a demo engine and a gateway started WITHOUT --demo on its prefix
    const prefix = `runs${randomBytes(3).toString('hex')}:`;
    const engine = await start('engine', prefix);
    const gateway = await start('gateway', prefix, async () => {
      throw new Error('a gateway must not load a key');
    }, { argv: [] });

    // Then the engine runs the sim feed, signs, and serves only health
    expect(engine.rt.runs).toEqual({ feeds: 'sim', api: 'health', signs: true });
    expect(engine.rt.oracle).toMatchObject({ signer: engine.rt.oraclePublicKey, simulated: true, cluster: 'devnet' });
    // and the gateway runs no feed and no key, and serves the engine's (simulated) oracle, not its own config
    expect(gateway.rt.runs).toEqual({ feeds: 'none', api: 'full', signs: false });
    expect(gateway.rt.oracle).toMatchObject({ signer: engine.rt.oraclePublicKey, simulated: true, epoch: 1n });
  });

  it('with Redis down, all and engine answer 200 degraded (serving from memory) while a gateway is 503 down', async () => {
    // Given a Redis of our own, an `all` process with a gateway on its prefix, and an `engine` process
    const own = await startRedisServer();
    try {
      const prefix = `down${randomBytes(3).toString('hex')}:`;
      const all = await start('all', prefix, undefined, { url: own.url });
      const engine = await start('engine', `${prefix}e:`, undefined, { url: own.url });
      const gateway = await start('gateway', prefix, async () => {
        throw new Error('a gateway must not load a key');
      }, { url: own.url });
      const seqAt = async (base: string): Promise<number> => {
        const res = await fetch(`${base}/v1/markets/SOLUSDT`);
        return res.status === 200 ? ((await res.json()) as MarketSurface).seq : 0;
      };
      await until(async () => (await seqAt(gateway.base)) >= 1, 20_000, 'gateway serves SOLUSDT');

      // When Redis dies
      await own.kill();
      type Health = { status: string; store: { healthy: boolean; servingFromMemory?: boolean; detail: string } };
      const health = async (base: string): Promise<{ code: number; body: Health }> => {
        const res = await fetch(`${base}/v1/health`);
        return { code: res.status, body: (await res.json()) as Health };
      };
      await until(async () => !(await health(all.base)).body.store.healthy, 8_000, 'all notices Redis is down');
      await until(async () => !(await health(engine.base)).body.store.healthy, 8_000, 'engine notices Redis is down');
      await until(async () => (await health(gateway.base)).code === 503, 8_000, 'gateway notices Redis is down');

      // Then `all` is 200 degraded and keeps serving fresh surfaces from memory
      const allHealth = await health(all.base);
      expect(allHealth.code).toBe(200);
      expect(allHealth.body.status).toBe('degraded');
      expect(allHealth.body.store).toMatchObject({ backend: 'redis', healthy: false, servingFromMemory: true });
      const before = await seqAt(all.base);
      await until(async () => (await seqAt(all.base)) > before, 10_000, 'all keeps publishing');
      // and `engine` is 200 degraded
      const engineHealth = await health(engine.base);
      expect(engineHealth.code).toBe(200);
      expect(engineHealth.body).toMatchObject({ status: 'degraded', store: { healthy: false, servingFromMemory: true } });
      // and the gateway, cut off from its only source, is 503 down
      const gwHealth = await health(gateway.base);
      expect(gwHealth.body).toMatchObject({ status: 'down', store: { healthy: false, servingFromMemory: false } });

      // When Redis comes back, all three are healthy again
      await own.restart();
      await until(async () => (await health(all.base)).body.store.healthy, 10_000, 'all healthy again');
      await until(async () => (await health(gateway.base)).code === 200, 10_000, 'gateway healthy again');
      expect((await health(engine.base)).body.store).toMatchObject({ backend: 'redis', healthy: true, detail: 'redis ready' });
    } finally {
      while (running.length > 0) {
        const rt = running.pop();
        for (const step of rt?.stopSteps ?? []) await step.run();
      }
      await own.stop();
    }
  });
});
