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

async function start(role: string, prefix: string, loadKey = async () => ephemeralSigner()): Promise<{ rt: RoleRuntime; base: string }> {
  const config = loadConfig({ env: env(role, prefix), argv: ['--demo'] });
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
    if (quote) verifySignedQuote(quote, { expectedSigner: engine.rt.oraclePublicKey });
    const oracle = (await (await fetch(`${gateway.base}/v1/oracle`)).json()) as { signer: string; simulated: boolean };
    expect(oracle).toMatchObject({ signer: engine.rt.oraclePublicKey, simulated: true });
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
    expect(health.store).toEqual({ backend: 'redis', healthy: true, detail: 'redis ready' });
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
});
