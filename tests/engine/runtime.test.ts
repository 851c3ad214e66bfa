import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import bs58 from 'bs58';
import { loadConfig } from '../../engine/src/config/index.js';
import { createRuntime, type Runtime } from '../../engine/src/runtime.js';
import { createSigner } from '../../engine/src/signer/sign.js';
import { decodeTickLine } from '../../engine/src/feeds/replay/tick-line.js';

const signer = createSigner(new Uint8Array(32).fill(4));

describe('createRuntime', () => {
  let runtime: Runtime | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('--record writes every sim tick to the file; stop() closes everything and frees the port', async () => {
    // Given a demo runtime recording ticks to a temp file
    dir = await mkdtemp(join(tmpdir(), 'exec-runtime-'));
    const file = join(dir, 'ticks.ndjson');
    const config = loadConfig({ env: { EXEC_PORT: '0', EXEC_SIM_TICK_HZ: '50', EXEC_SYMBOLS: 'ETHUSDT', EXEC_LOCAL_CHAIN: 'off' }, argv: ['--demo', '--record', file] });
    runtime = await createRuntime({ config, logger: pino({ level: 'silent' }), signer, signerBase58: bs58.encode(signer.publicKey) });
    const address = await runtime.start();

    // When it runs until the market has a surface, then stops
    const deadline = Date.now() + 10_000;
    while (!(await runtime.store.getSurface('ETHUSDT')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await fetch(`${address}/v1/markets/ETHUSDT`)).status).toBe(200);
    const rt = runtime;
    runtime = undefined;
    await rt.stop();

    // Then the recording holds decodable simulated ETH ticks, and the server is gone
    const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(4);
    const ticks = lines.map((l) => decodeTickLine(l));
    expect(ticks.every((t) => t !== null && t.symbol === 'ETHUSDT' && t.simulated)).toBe(true);
    expect(rt.recorder?.stats().recorded).toBe(lines.length);
    await expect(fetch(`${address}/v1/health`)).rejects.toThrow();
  });

  it('EXEC_VOL_*, EXEC_TRADING_CLOSE_SEC and EXEC_SIM_FAULTS reach the running quote engine and sim feed', async () => {
    // Given a demo runtime with a non-default ETH volatility, close offsets and a silent simulated venue
    const config = loadConfig({
      env: {
        EXEC_PORT: '0',
        EXEC_SYMBOLS: 'ETHUSDT',
        EXEC_EXPIRIES: '5m,15m',
        EXEC_TRADING_CLOSE_SEC: '45,90',
        EXEC_VOL_DEFAULT_ETH: '0.9',
        EXEC_LOCAL_CHAIN: 'off',
        EXEC_SIM_FAULTS: 'kraken:silent',
      },
      argv: ['--demo'],
    });
    runtime = await createRuntime({ config, logger: pino({ level: 'silent' }), signer, signerBase58: bs58.encode(signer.publicKey) });
    await runtime.start();

    // When the first ETH surface is published
    const deadline = Date.now() + 10_000;
    while (!(await runtime.store.getSurface('ETHUSDT')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const surface = await runtime.store.getSurface('ETHUSDT');

    // Then its rounds price with the configured default volatility (not yet warmed up) and close offsets
    expect(surface?.rounds.map((r) => r.volatility)).toEqual(['900000', '900000']);
    // (an expiry that 15m divides is shared with the 15m round: one on-chain round, closing at the larger offset)
    const offset: Record<number, number> = { 300: 45, 900: 90 };
    const expected = (surface?.rounds ?? []).map((r) => Math.max(...Object.entries(offset).filter(([d]) => r.expiryTs % Number(d) === 0).map(([, o]) => o)));
    expect(surface?.rounds.map((r) => r.durationSec)).toEqual([300, 900]);
    expect(surface?.rounds.map((r) => r.expiryTs - r.tradingCloseTs)).toEqual(expected);
    expect(expected[1]).toBe(90);
    // and the simulated kraken venue is silent
    const kraken = runtime.feed.health().find((h) => h.venue === 'kraken');
    expect(kraken?.messages).toBe(0);
    expect(runtime.feed.health().find((h) => h.venue === 'binance')?.messages).toBeGreaterThan(0);
  });
});
