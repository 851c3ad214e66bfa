/**
 * The whole engine on a loopback port (sim feed → Aggregator → QuoteEngine → MemoryStore → API) with
 * a full-mode and a delta-mode `ws` client on the same symbols: for every seq both hold, the surface
 * the delta client rebuilt is the full surface, byte for byte once serialized.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import bs58 from 'bs58';
import { loadConfig } from '../../../engine/src/config/index.js';
import { createRuntime, type Runtime } from '../../../engine/src/runtime.js';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { verifySignedQuote } from '../../../engine/src/client/verify-quote.js';
import { SurfaceFollower } from '../api/surface-follower.js';

const signer = createSigner(new Uint8Array(32).fill(4));
const signerBase58 = bs58.encode(signer.publicKey);
const SYMBOLS = ['BTCUSDT', 'SOLUSDT'] as const;

/** The first seq a client held for `symbol` (waits for its first surface). */
async function firstSeq(c: SurfaceFollower, symbol: string): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (!c.bySeq.get(symbol)?.size) {
    if (Date.now() > deadline) throw new Error(`${c.mode} client: no ${symbol} surface`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Math.min(...(c.bySeq.get(symbol)?.keys() ?? []));
}

describe('sim feed to WebSocket, delta mode (e2e, loopback)', () => {
  let runtime: Runtime | undefined;
  const clients: SurfaceFollower[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await runtime?.stop();
    runtime = undefined;
  });

  it('a delta client rebuilds every surface a full client receives, from real QuoteEngine output', async () => {
    // Given the demo engine re-quoting on every index move, and one full and one delta client
    const config = loadConfig({
      env: { EXEC_PORT: '0', EXEC_SIM_TICK_HZ: '40', EXEC_MOVE_THRESHOLD_BPS: '0', EXEC_MIN_INTERVAL_MS: '20', EXEC_LOCAL_CHAIN: 'off' },
      argv: ['--demo'],
    });
    runtime = await createRuntime({ config, logger: pino({ level: 'silent' }), signer, signerBase58 });
    const url = `${(await runtime.start()).replace('http', 'ws')}/v1/stream`;
    const full = await SurfaceFollower.open(url, 'full');
    const delta = await SurfaceFollower.open(url, 'delta');
    clients.push(full, delta);
    full.subscribe(SYMBOLS);
    delta.subscribe(SYMBOLS);

    // When both have followed at least 25 surfaces of each symbol
    const start = new Map<string, number>();
    for (const symbol of SYMBOLS) {
      const from = Math.max(await firstSeq(full, symbol), await firstSeq(delta, symbol));
      start.set(symbol, from);
      await full.waitFor(symbol, from + 25, 15_000);
      await delta.waitFor(symbol, from + 25, 15_000);
    }

    // Then every seq of the run is held by both and the rebuilt surface equals the full one exactly
    let compared = 0;
    for (const symbol of SYMBOLS) {
      const from = start.get(symbol) ?? 0;
      for (let seq = from + 1; seq <= from + 25; seq++) {
        const viaFull = await full.waitFor(symbol, seq);
        const viaDelta = await delta.waitFor(symbol, seq);
        expect(JSON.stringify(viaDelta)).toBe(JSON.stringify(viaFull));
        compared++;
      }
    }
    expect(compared).toBe(50);
    expect(delta.resubscribes).toBe(0);
    expect(delta.log.filter((l) => l.startsWith('update'))).toHaveLength(0);
    // and deltas carried only new quotes (the engine keeps unchanged strikes' signed quotes), each one verifiable
    const applied = delta.deltas.filter((d) => d.status === 'open');
    const sent = applied.reduce((n, d) => n + d.quotes.length, 0);
    const listed = applied.reduce((n, d) => n + d.rounds.reduce((m, r) => m + r.quoteIds.length, 0), 0);
    expect(listed).toBeGreaterThan(0);
    expect(sent).toBeLessThan(listed);
    for (const d of applied) for (const q of d.quotes) verifySignedQuote(q, { expectedSigner: signerBase58 });
  });
});
