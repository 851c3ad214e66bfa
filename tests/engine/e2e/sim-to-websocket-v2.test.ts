/**
 * The whole engine in quote format v2 on a loopback port (sim feed → Aggregator → QuoteEngine →
 * MemoryStore → API) with SDK clients in every format and update mode, and a `strikes` view: every
 * client holds the same surfaces seq by seq, the partial view is the part of the full one with its
 * multiproof, and every round every client holds verifies with one signature check per ladder.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import bs58 from 'bs58';
import { loadConfig } from '../../../engine/src/config/index.js';
import { createRuntime, type Runtime } from '../../../engine/src/runtime.js';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { QuoteVerifier } from '../../../engine/src/client/verify/quote-verifier.js';
import { filterSurface } from '../../../engine/src/api/stream/surface-view.js';
import type { LadderQuoteJson } from '../../../engine/src/client/ladder-json.js';
import type { MarketSurface } from '../../../engine/src/market/types.js';
import { StreamProbe } from '../api/stream-probe.js';

const signer = createSigner(new Uint8Array(32).fill(14));
const signerBase58 = bs58.encode(signer.publicKey);
const SYMBOL = 'ETHUSDT';

describe('sim feed to WebSocket, quote format v2 (e2e, loopback)', () => {
  let runtime: Runtime | undefined;
  const probes: StreamProbe[] = [];
  afterEach(async () => {
    for (const p of probes.splice(0)) p.close();
    await runtime?.stop();
    runtime = undefined;
  });

  it('JSON and binary, full and delta, whole and strikes views: the same verified ladders at every seq', async () => {
    const config = loadConfig({
      env: { EXEC_PORT: '0', EXEC_SIM_TICK_HZ: '40', EXEC_MOVE_THRESHOLD_BPS: '0', EXEC_MIN_INTERVAL_MS: '20', EXEC_LOCAL_CHAIN: 'off', EXEC_QUOTE_FORMAT: 'v2', EXEC_SYMBOLS: SYMBOL },
      argv: ['--demo'],
    });
    runtime = await createRuntime({ config, logger: pino({ level: 'silent' }), signer, signerBase58 });
    const base = await runtime.start();
    const url = `${base.replace('http', 'ws')}/v1/stream`;
    const views = [{}, { updates: 'delta' as const }, { format: 'binary' as const }, { format: 'binary' as const, updates: 'delta' as const }, { format: 'binary' as const, updates: 'delta' as const, strikes: 2 }];
    for (const v of views) probes.push(await StreamProbe.open(url, v));
    for (const p of probes) p.subscribe([SYMBOL]);

    // follow 20 surfaces after the last first one any client got
    await Promise.all(probes.map((p) => p.waitFor(SYMBOL, runtime!.api.frames.get(SYMBOL)?.seq ?? 1, 10_000).catch(() => undefined)));
    const from = Math.max(...probes.map((p) => Math.min(...(p.bySeq.get(SYMBOL)?.keys() ?? [Infinity]))));
    expect(Number.isFinite(from)).toBe(true);
    const verifier = await QuoteVerifier.create();
    let ladders = 0;
    for (let seq = from + 1; seq <= from + 20; seq++) {
      const held = await Promise.all(probes.map((p) => p.waitFor(SYMBOL, seq, 10_000)));
      const whole = held[0] as MarketSurface;
      for (const s of held.slice(1, 4)) expect(JSON.stringify(s)).toBe(JSON.stringify(whole));
      expect(JSON.parse(JSON.stringify(held[4]))).toEqual(JSON.parse(JSON.stringify(filterSurface(whole, { rounds: null, strikes: 2 }))));
      for (const s of [whole, held[4] as MarketSurface]) {
        if (s.status !== 'open') continue;
        for (const verdicts of await verifier.verifySurface(s, { expectedSigner: signerBase58 })) {
          for (const v of verdicts) if (!v.ok) throw v.error;
        }
        ladders += s.rounds.filter((r) => r.ladder !== undefined).length;
      }
    }
    expect(ladders).toBeGreaterThan(20);
    expect(probes.map((p) => p.resubscribes)).toEqual(views.map(() => 0));
    // the binary delta client paid far fewer bytes than the JSON full one
    expect(probes[3]!.bytes.delta).toBeLessThan(probes[0]!.bytes.update / 4);

    // and a leaf of the latest surface, fetched by id, verifies alone with its proof
    const latest = runtime.api.frames.get(SYMBOL)!.surface;
    const leaf = latest.rounds[0]!.quotes[3]!;
    const served = (await (await fetch(`${base}/v1/quotes/${leaf.quoteId}`)).json()) as LadderQuoteJson;
    await expect(verifier.verifyLadderQuote(served, { expectedSigner: signerBase58 })).resolves.toBeDefined();
  }, 60_000);
});
