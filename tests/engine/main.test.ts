import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../engine/src/cache/redis-store.js';
import { spawnEngine, startEngine, type EngineProcess } from '../helpers/engine-process.js';
import { startRedisServer, type RedisServerHandle } from '../helpers/redis-server.js';

const ORACLE = { signer: 'Ff2gGUm3ZkY6uHZbZ9w6X1xV8Rk2mP3nQ4sT5uV6wX7y', settlementSigner: 'SettLe11111111111111111111111111111111111111', programId: '11111111111111111111111111111111', cluster: 'localnet', epoch: '7', simulated: true };

describe('main.ts start-up log line', () => {
  let redis: RedisServerHandle | undefined;
  let writer: RedisStore | undefined;
  let proc: EngineProcess | undefined;
  afterEach(async () => {
    await proc?.stop();
    await writer?.stop();
    await redis?.stop();
    proc = undefined;
    writer = undefined;
    redis = undefined;
  });

  it('a gateway logs what it really runs: no feed, no key, the engine oracle it serves', async () => {
    // Given a Redis holding an engine's oracle info (simulated, localnet)
    redis = await startRedisServer();
    const prefix = `main${randomBytes(3).toString('hex')}:`;
    writer = new RedisStore({ url: redis.url, mode: 'writer', logger: pino({ level: 'silent' }), keyPrefix: prefix });
    await writer.start();
    await writer.publishOracleInfo(JSON.stringify(ORACLE));

    // When `npm start` runs as a gateway with the default (live, devnet) configuration
    proc = await startEngine([], { EXEC_ROLE: 'gateway', EXEC_REDIS_URL: redis.url, EXEC_REDIS_KEY_PREFIX: prefix, EXEC_LOG_LEVEL: 'info' });
    const deadline = Date.now() + 5_000;
    const listening = (): string | undefined => proc?.output().split('\n').find((l) => l.includes('exec-trade engine listening'));
    while (listening() === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    // Then the "listening" line reports no feed, the full API, no signing, and the engine's oracle
    const line = JSON.parse(listening() ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      role: 'gateway',
      feeds: 'none',
      api: 'full',
      signs: false,
      oraclePublicKey: ORACLE.signer,
      cluster: 'localnet',
      programId: ORACLE.programId,
      simulated: true,
      msg: 'exec-trade engine listening (SIMULATED)',
    });
  }, 40_000);
});

describe('main.ts --help', () => {
  it('prints the usage on stdout and exits 0 without starting anything', async () => {
    const proc = spawnEngine(['--help'], {});
    const exit = await proc.exited;
    expect(exit.code).toBe(0);
    expect(proc.stdout()).toContain('npm run demo');
    expect(proc.stdout()).toContain('.env.example');
    expect(proc.stderr()).toBe('');
  });
});
