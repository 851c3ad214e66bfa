/**
 * What a stream client pays, on the demo itself (`npm run demo` settings: sim feed, three symbols,
 * 4 rounds × 11 strikes): bytes per second per client for each format, update mode and view, over
 * the same seconds, and bytes per quote of a binary frame. Clients use the SDK's SurfaceStream (a
 * resubscribe would show a delta that failed to apply).
 */
import { pino } from 'pino';
import { loadConfig } from '../engine/src/config/index.js';
import { createRuntime } from '../engine/src/runtime.js';
import { createSigner } from '../engine/src/signer/sign.js';
import { MARKET_SYMBOLS } from '../engine/src/feeds/types.js';
import { encodeSurfaceFrame } from '../engine/src/api/stream/binary-frame.js';
import { quoteBytes } from '../engine/src/client/quote-json.js';
import type { SubscribeOptions } from '../engine/src/client/stream/subscribe.js';
import { StreamProbe } from '../tests/engine/api/stream-probe.js';

const SECONDS = 20;
const VIEWS: ReadonlyArray<readonly [string, SubscribeOptions]> = [
  ['json full (the default)', {}],
  ['json delta', { updates: 'delta' }],
  ['binary full', { format: 'binary' }],
  ['binary delta', { format: 'binary', updates: 'delta' }],
  ['binary delta, rounds ["5m"]', { format: 'binary', updates: 'delta', rounds: ['5m'] }],
  ['binary delta, strikes 2', { format: 'binary', updates: 'delta', strikes: 2 }],
];

/** Frame payload plus its WebSocket header (server frames are unmasked). */
const wireBytes = (payload: number): number => payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);

export default async function bench(log: (line: string) => void): Promise<void> {
  const config = loadConfig({ env: { EXEC_PORT: '0', EXEC_STREAM_WORKERS: '0', EXEC_LOCAL_CHAIN: 'off' }, argv: ['--demo'] });
  const runtime = await createRuntime({ config, logger: pino({ level: 'silent' }), signer: createSigner(new Uint8Array(32).fill(31)), signerBase58: 'bench' });
  const address = await runtime.start();
  const url = `${address.replace('http', 'ws')}/v1/stream`;
  await new Promise((r) => setTimeout(r, 4_000));
  const probes = await Promise.all(VIEWS.map(([, options]) => StreamProbe.open(url, options)));
  const wire = probes.map(() => 0);
  probes.forEach((p, i) => p.ws.on('message', (d: Buffer) => (wire[i] = (wire[i] as number) + wireBytes(d.length))));
  for (const p of probes) p.subscribe(MARKET_SYMBOLS);
  await new Promise((r) => setTimeout(r, 1_000));
  const start = wire.slice();
  const frames0 = probes.map((p) => p.log.length);
  const signed0 = runtime.quoteEngine.health().reduce((n, h) => n + h.quotesSigned, 0);
  await new Promise((r) => setTimeout(r, SECONDS * 1_000));
  const signed = runtime.quoteEngine.health().reduce((n, h) => n + h.quotesSigned, 0) - signed0;
  const rates = probes.map((p, i) => ({ kbps: ((wire[i] as number) - (start[i] as number)) / SECONDS / 1000, fps: (p.log.length - (frames0[i] as number)) / SECONDS }));
  const jsonFull = rates[0]?.kbps ?? Number.NaN;
  log(`demo, ${SECONDS} s, 3 symbols; ${(signed / SECONDS).toFixed(0)} quotes signed/s across them`);
  VIEWS.forEach(([label], i) => {
    const r = rates[i] as { kbps: number; fps: number };
    const p = probes[i] as StreamProbe;
    log(`  ${label.padEnd(30)} ${r.kbps.toFixed(1).padStart(7)} KB/s per client  ${r.fps.toFixed(2)} frames/s  ${(((100 * r.kbps) / jsonFull) || 0).toFixed(1).padStart(5)} % of JSON full  resubscribes ${p.resubscribes}`);
  });
  log('  goal: binary delta ≤ 25 KB/s per client over three symbols (118 KB/s JSON full before)');
  const surfaces = MARKET_SYMBOLS.map((s) => runtime.api.frames.get(s)?.surface).filter((s) => s !== undefined);
  let bytes = 0;
  let quotes = 0;
  for (const s of surfaces) {
    bytes += wireBytes(encodeSurfaceFrame(s, 'update', 0, quoteBytes).length);
    quotes += s.rounds.reduce((n, r) => n + r.quotes.length, 0);
  }
  log(`  binary full frames: ${(bytes / quotes).toFixed(1)} bytes per quote on the wire, all overhead included (goal ≤ 250; floor 192 = 128 signed + 64 signature)`);
  for (const p of probes) p.close();
  await runtime.stop();
}
