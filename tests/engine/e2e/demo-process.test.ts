/**
 * `npm run demo` as a real child process: it becomes healthy on the chosen port, says SIMULATED, and
 * exits 0 on SIGTERM within the shutdown deadline. A bad configuration exits 2 listing every problem.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnEngine, startEngine, type EngineChild } from '../../helpers/engine-process.js';

describe('engine process', () => {
  let current: EngineChild | undefined;
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });

  it('demo: healthy, SIMULATED everywhere, clean exit 0 on SIGTERM', async () => {
    const engine = await startEngine(['--demo'], { EXEC_LOG_LEVEL: 'info' });
    current = engine;

    const oracle = await fetch(`${engine.base}/v1/oracle`);
    expect(oracle.headers.get('x-exec-mode')).toBe('SIMULATED');
    expect(await oracle.json()).toMatchObject({ simulated: true, quoteFormat: { version: 1, length: 128 } });
    expect(engine.stdout()).toContain('SIMULATED MODE');
    expect(engine.stdout()).toContain('"mode":"SIMULATED"');
    expect(engine.stdout()).toContain('oraclePublicKey');

    const killedAt = Date.now();
    const exit = await engine.stop();
    expect(exit.code).toBe(0);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(engine.stdout()).toContain('shutdown complete');
  }, 40_000);

  it('invalid configuration exits 2 and lists every problem', async () => {
    current = spawnEngine([], { EXEC_PORT: 'eighty', EXEC_SYMBOLS: 'BTCUSDT,DOGEUSDT', EXEC_CLUSTER: 'moon', EXEC_NOPE: '1' });
    const exit = await current.exited;
    expect(exit.code).toBe(2);
    for (const name of ['EXEC_PORT', 'EXEC_SYMBOLS', 'EXEC_CLUSTER', 'EXEC_NOPE']) expect(current.stderr()).toContain(name);
    expect(current.stderr()).toContain('DOGEUSDT');
  }, 30_000);
});
