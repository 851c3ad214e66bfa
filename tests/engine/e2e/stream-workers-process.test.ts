/**
 * The demo as a real process with two stream workers: a binary-delta client keeps receiving every
 * seq, on the same connection, through a rolling restart of the workers (SIGUSR2), and the engine
 * still exits 0 on SIGTERM.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEngine, type EngineProcess } from '../../helpers/engine-process.js';
import { StreamProbe } from '../api/stream-probe.js';

describe('stream workers in the engine process', () => {
  let engine: EngineProcess | undefined;
  let probe: StreamProbe | undefined;
  afterEach(async () => {
    probe?.close();
    await engine?.stop();
  });

  it('SIGUSR2 restarts the workers one by one; the client sees no close and no missing seq', async () => {
    engine = await startEngine(['--demo'], { EXEC_STREAM_WORKERS: '2', EXEC_LOG_LEVEL: 'info' });
    probe = await StreamProbe.open(`${engine.base.replace('http', 'ws')}/v1/stream`, { format: 'binary', updates: 'delta' });
    probe.subscribe(['BTCUSDT']);
    const seqs = (): number[] => probe?.log.map((l) => Number(l.split(':')[2])) ?? [];
    const deadline = Date.now() + 20_000;
    while (seqs().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

    process.kill(engine.child.pid as number, 'SIGUSR2');
    while (!engine.stdout().includes('stream workers restarted') && Date.now() < deadline + 20_000) await new Promise((r) => setTimeout(r, 100));
    expect(engine.stdout()).toContain('stream workers restarted');
    const atRestart = seqs().length;
    while (seqs().length < atRestart + 3 && Date.now() < deadline + 40_000) await new Promise((r) => setTimeout(r, 100));

    expect(probe.ws.readyState).toBe(WebSocket.OPEN);
    expect(probe.resubscribes).toBe(0);
    const all = seqs();
    expect(all.length).toBeGreaterThanOrEqual(atRestart + 3);
    for (let i = 1; i < all.length; i++) expect(all[i], `after ${all[i - 1]}`).toBe((all[i - 1] as number) + 1);
    expect(engine.stdout().match(/stream worker handed its clients over/g)?.length).toBe(2);
    const exit = await engine.stop();
    expect(exit.code).toBe(0);
  }, 90_000);
});
