/**
 * Quote format v2 (one signed root per round ladder) against v1 (every quote signed alone), in one
 * run, so the ratios hold on a noisy shared machine (docs/quote-format.md):
 *  1. quotes made verifiable per second on one core (this thread): v1 `signQuote` (encode, sign,
 *     JSON) per quote; v2 `signLadder` (encode the leaves, sha256 tree, ONE signature, JSON) per
 *     ladder of 11 and 31 strikes, counted in leaves. And the client side: the SDK verifying every
 *     v1 quote, against one root signature + every leaf checked in the rebuilt tree.
 *  2. bytes per quote on the wire: JSON and binary full frames of the same surfaces (4 rounds).
 *  3. tick → frame built (every subscribed view's frame encoded, sends about to begin) through the
 *     real engine (support/bench-engine.ts), v1 then v2, JSON full and binary delta clients.
 * Goals (issue 13): ≥ 500,000 quotes made verifiable /s per core; ≤ 140 bytes per quote; p99 improved.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { createSigner } from '../engine/src/signer/sign.js';
import { signQuote } from '../engine/src/signer/signed-quote.js';
import { encodeQuote, type QuoteFields } from '../engine/src/signer/quote-message.js';
import { sealLadder, signLadder, type LadderHead } from '../engine/src/signer/signed-ladder.js';
import type { LadderLeafFields } from '../engine/src/client/ladder.js';
import { verifySignedQuote } from '../engine/src/client/verify-quote.js';
import { verifyLadderRound } from '../engine/src/client/verify/ladder-verify.js';
import { quoteBytes } from '../engine/src/client/quote-json.js';
import { encodeSurfaceFrame } from '../engine/src/api/stream/binary-frame.js';
import { preciseNowMs } from '../engine/src/api/surface-frames.js';
import type { FanoutInfo } from '../engine/src/api/routes/ws/stream-hub.js';
import { MARKET_SYMBOLS, type MarketSymbol } from '../engine/src/feeds/types.js';
import type { MarketSurface, SignedQuoteJson } from '../engine/src/market/types.js';
import { makeSurface } from '../tests/helpers/market-surface.js';
import { makeLadderSurface, ladderRoundOf } from '../tests/helpers/ladder-surface.js';
import { startBenchEngine } from './support/bench-engine.js';
import { FIELDS } from './signing.bench.js';
import { startClients } from './support/client-process.js';
import { pct, ratio } from './support/stats.js';

const signer = createSigner(new Uint8Array(32).fill(41));
const SIGNER = bs58.encode(signer.publicKey);
const NOW = Date.now();

/**
 * Calls of `fn` per second over ~`ms` of wall time, after a warm-up: per wall second, and per
 * second of this process's CPU time (on a shared machine the fairer "per core": time this thread
 * was preempted does not count).
 */
function perSec(fn: () => void, ms = 1_500): number {
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  lastCpuRate = (n / ((cpu.user + cpu.system) / 1000)) * 1000;
  return (n / wallMs) * 1000;
}
/** The CPU-time rate of the last perSec call. */
let lastCpuRate = Number.NaN;

const fmt = (v: number): string => Math.round(v).toLocaleString('en-US').padStart(11);

const v1Fields = (i: number): QuoteFields => ({ ...FIELDS, quoteId: randomBytes(16), strike: FIELDS.strike + BigInt(i) * 100_000_000n });

const { cluster, asset, flags, programId, epoch, expiryTs, generatedAtMs, validUntilMs } = FIELDS;
const HEAD: LadderHead = { cluster, asset, flags, programId, epoch, expiryTs, generatedAtMs, validUntilMs };
const leavesOf = (n: number): LadderLeafFields[] =>
  Array.from({ length: n }, (_, i) => ({
    quoteId: randomBytes(16),
    strike: 97_300_000_000n + BigInt(i - (n >> 1)) * 100_000_000n,
    upPrice: BigInt(100_000 + i * 25_000),
    downPrice: BigInt(920_000 - i * 25_000),
    maxSize: 1_000_000_000n,
    refPrice: 97_312_345_678n,
    refTsMs: 1_795_000_000_420n,
    decayMicrosPerSec: 2_000n,
  }));

function signing(log: (l: string) => void): void {
  const fields = Array.from({ length: 64 }, (_, i) => v1Fields(i));
  let k = 0;
  const v1 = perSec(() => signQuote(fields[k++ & 63] as QuoteFields, signer, 'BTCUSDT'));
  const v1Cpu = lastCpuRate;
  log(`  v1 signQuote, one signature per quote            ${fmt(v1)} quotes/s   per CPU-second ${fmt(v1Cpu)}`);
  const message = encodeQuote(fields[0] as QuoteFields);
  const v1Signed = perSec(() => signer.sign(message));
  log(`  v1 ed25519 sign of a 128-byte quote alone         ${fmt(v1Signed)} quotes/s`);
  for (const n of [11, 31]) {
    const leaves = leavesOf(n);
    const sealed = perSec(() => sealLadder(HEAD, leaves, signer, 'BTCUSDT')) * n;
    const sealedCpu = lastCpuRate * n;
    const rendered = perSec(() => signLadder(HEAD, leaves, signer, 'BTCUSDT')) * n;
    const renderedCpu = lastCpuRate * n;
    const goal = (q: number): string => `goal ≥ 500,000 per CPU-second: ${q >= 500_000 ? 'met' : 'NOT met'}`;
    log(`  v2 sealLadder, ${String(n).padStart(2)} strikes (leaves, tree, 1 sign)  ${fmt(sealed)} quotes/s   per CPU-second ${fmt(sealedCpu)}  ${ratio(sealedCpu, v1Cpu)} v1  ${goal(sealedCpu)}`);
    log(`  v2 signLadder, ${String(n).padStart(2)} strikes (+ JSON of each leaf) ${fmt(rendered)} quotes/s   per CPU-second ${fmt(renderedCpu)}  ${ratio(renderedCpu, v1Cpu)} v1  ${goal(renderedCpu)}`);
  }
}

function verifying(log: (l: string) => void): void {
  const v1Quotes = makeSurface({ symbol: 'BTCUSDT', seq: 1, signer, validForMs: 600_000 }).rounds.flatMap((r) => r.quotes);
  const parsed = JSON.parse(JSON.stringify(v1Quotes)) as SignedQuoteJson[];
  let k = 0;
  const v1 = perSec(() => verifySignedQuote(parsed[k++ % parsed.length] as SignedQuoteJson, { expectedSigner: SIGNER }));
  log(`  v1 verifySignedQuote, every quote's signature     ${fmt(v1)} quotes/s`);
  for (const n of [11, 31]) {
    const round = JSON.parse(JSON.stringify(ladderRoundOf('BTCUSDT', 3600, NOW, signer, n, 600_000, (i) => ({ upPrice: BigInt(100_000 + i * 25_000), downPrice: BigInt(920_000 - i * 25_000) })))) as Parameters<typeof verifyLadderRound>[0];
    if (!verifyLadderRound(round, { expectedSigner: SIGNER }).every((v) => v.ok)) throw new Error('a benchmark ladder failed to verify');
    const rounds = perSec(() => verifyLadderRound(round, { expectedSigner: SIGNER }));
    log(`  v2 verifyLadderRound, ${String(n).padStart(2)} leaves, root once     ${fmt(rounds * n)} quotes/s  ${ratio(rounds * n, v1)} v1`);
  }
}

/** Frame payload plus its WebSocket header (server frames are unmasked). */
const wireBytes = (payload: number): number => payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);
const jsonFrame = (s: MarketSurface): number => Buffer.byteLength(`{"type":"update","symbol":"${s.symbol}","seq":${s.seq},"ts":${NOW},"surface":${JSON.stringify(s)}}`);

/** v2 surfaces of 31 strikes (the most a ladder of 32 leaves takes: EXEC_STRIKES_PER_SIDE 15) with prices in range. */
const wideLadders = (spec: { symbol: MarketSymbol; seq: number; strikes?: number }): MarketSurface => {
  const base = makeLadderSurface({ ...spec, signer, strikes: 1, nowMs: NOW, validForMs: 600_000 });
  const rounds = base.rounds.map((r) => ladderRoundOf(spec.symbol, r.durationSec, NOW, signer, 31, 600_000, (i) => ({ upPrice: BigInt(100_000 + i * 25_000), downPrice: BigInt(920_000 - i * 25_000) })));
  return { ...base, rounds };
};

function wire(log: (l: string) => void): void {
  const row = (label: string, strikes: number, make: (spec: { symbol: MarketSymbol; seq: number; signer: typeof signer; strikes: number; nowMs: number; validForMs: number }) => MarketSurface): [number, number] => {
    let json = 0;
    let bin = 0;
    let quotes = 0;
    for (const symbol of MARKET_SYMBOLS) {
      const s = make({ symbol, seq: 7, signer, strikes, nowMs: NOW, validForMs: 600_000 });
      json += wireBytes(jsonFrame(s));
      bin += wireBytes(encodeSurfaceFrame(s, 'update', NOW, quoteBytes).length);
      quotes += s.rounds.reduce((n, r) => n + r.quotes.length, 0);
    }
    log(`  ${label}, ${String(strikes).padStart(2)} strikes × 4 rounds × 3 symbols: JSON ${(json / quotes).toFixed(1).padStart(6)} B/quote, binary ${(bin / quotes).toFixed(1).padStart(6)} B/quote`);
    return [json / quotes, bin / quotes];
  };
  const [j1, b1] = row('v1', 11, makeSurface);
  for (const [strikes, make] of [[11, makeLadderSurface], [31, wideLadders]] as const) {
    const [j2, b2] = row('v2', strikes, make);
    log(`      v2 ÷ v1 (11 strikes): JSON ${ratio(j2, j1)}, binary ${ratio(b2, b1)}; goal ≤ 140 B/quote (binary): ${b2 <= 140 ? 'met' : 'NOT met'}`);
  }
}

interface Latency {
  readonly built: number[];
  readonly store: number[];
  readonly signed: number[];
  readonly bytes: Map<string, number[]>;
  readonly quotes: number;
}

async function tickToBuilt(format: 'v1' | 'v2', measured: number): Promise<Latency> {
  let measuring: { symbol: MarketSymbol; t0: number; signedBefore: number } | null = null;
  const out: Latency = { built: [], store: [], signed: [], bytes: new Map(), quotes: 0 };
  let signedCount = (): number => 0;
  let storeAt = (): number => 0;
  const onFanout = (info: FanoutInfo): void => {
    if (measuring === null || info.symbol !== measuring.symbol) return;
    out.built.push(info.encodedAtMs - measuring.t0);
    out.store.push(storeAt() - measuring.t0);
    out.signed.push(signedCount() - measuring.signedBefore);
    for (const v of info.views) out.bytes.set(v.view, [...(out.bytes.get(v.view) ?? []), v.bytes]);
  };
  const { runtime, feed, store, streamUrl } = await startBenchEngine(onFanout, { EXEC_QUOTE_FORMAT: format });
  signedCount = () => runtime.quoteEngine.health().reduce((n, h) => n + h.signatures, 0);
  storeAt = () => store.lastPublishAtMs;
  const clients = [
    await startClients(streamUrl, 5, MARKET_SYMBOLS, { format: 'json', updates: 'full' }),
    await startClients(streamUrl, 5, MARKET_SYMBOLS, { format: 'binary', updates: 'delta' }),
  ];
  const warmup = 30;
  for (let i = 0; i < warmup + measured; i++) {
    const symbol = MARKET_SYMBOLS[i % 3] ?? 'BTCUSDT';
    const t = feed.tick(symbol, 100 + Math.floor(i / 3));
    if (i === warmup) {
      out.built.length = 0;
      out.store.length = 0;
      out.signed.length = 0;
      out.bytes.clear();
    }
    measuring = { symbol, t0: preciseNowMs(), signedBefore: signedCount() };
    feed.push(t);
    measuring = null;
    await new Promise((r) => setTimeout(r, 20));
  }
  const surface = runtime.api.frames.get('BTCUSDT')?.surface;
  const quotes = surface?.rounds.reduce((n, r) => n + r.quotes.length, 0) ?? 0;
  for (const c of clients) await c.report();
  await runtime.stop();
  return { ...out, quotes };
}

export default async function bench(log: (line: string) => void): Promise<void> {
  log('1. quotes made verifiable per second, one core');
  signing(log);
  log('   client side: quotes verified per second, one core');
  verifying(log);
  log('2. bytes per quote on the wire (full frames incl. WebSocket header; quote ids, prices and every signed byte included)');
  wire(log);
  log('3. tick → frame built, real engine (demo config, 3 symbols × 4 rounds × 11 strikes, every tick re-quotes), 5 JSON full + 5 binary delta clients');
  const measured = 600;
  const v1 = await tickToBuilt('v1', measured);
  const v2 = await tickToBuilt('v2', measured);
  const line = (f: string, l: Latency): void => {
    const views = [...l.bytes.entries()].map(([view, b]) => `${view} ${pct(b, 50)} B`).join(', ');
    log(`  ${f}: tick→frame built p50 ${pct(l.built, 50).toFixed(3)} ms, p99 ${pct(l.built, 99).toFixed(3)} ms (tick→store p99 ${pct(l.store, 99).toFixed(3)} ms); ${l.built.length} updates; ed25519 signatures per tick p50 ${pct(l.signed, 50)} (${l.quotes} BTC quotes); frame p50: ${views}`);
  };
  line('v1', v1);
  line('v2', v2);
  log(`  v2 ÷ v1: tick→frame built p50 ${ratio(pct(v2.built, 50), pct(v1.built, 50))}, p99 ${ratio(pct(v2.built, 99), pct(v1.built, 99))} (goal: p99 below 1.00×)`);
}
