/**
 * In-process CPU profiling (node:inspector) for the benchmarks, and a breakdown of the profile's
 * self time into the stages of the stream path, by where the sampled function lives.
 */
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export async function profile<T>(run: () => Promise<T>, intervalUs = 100): Promise<{ result: T; profile: Profile }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  try {
    const result = await run();
    const { profile: p } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    return { result, profile: p };
  } finally {
    session.disconnect();
  }
}

/** Stage of a sampled frame: the first rule whose test matches the function's file or name. */
const STAGES: ReadonlyArray<readonly [string, (url: string, fn: string) => boolean]> = [
  ['idle', (_u, fn) => fn === '(idle)'],
  // The inspector serializing the profile when it stops: the profiler's own cost, not the server's.
  ['profiler', (u, fn) => fn === 'dispatch' && u === ''],
  // node:crypto's one-shot sign runs a native SignJob whose `run` shows with no file.
  ['signing (ed25519)', (u, fn) => u.includes('internal/crypto/sig') || u.includes('signer/sign.ts') || fn === 'SignJob' || (fn === 'run' && u === '')],
  ['quote rendering (JSON fields, base58, base64)', (u) => u.includes('client/quote-json') || u.includes('client/base58') || u.includes('client/encoding') || u.includes('signer/signed-quote') || u.includes('client/quote-message') || u.includes('signer/quote-message')],
  ['regeneration (pricing, ladder, reuse)', (u) => u.includes('engine/src/market/')],
  ['aggregation (index)', (u) => u.includes('engine/src/aggregator/')],
  ['encoding (stream frames)', (u) => u.includes('engine/src/api/stream/') || u.includes('api/delta-frame') || u.includes('api/ws-frame')],
  ['JSON serialization', (_u, fn) => fn === 'stringify' || fn === 'JSONStringify' || fn === 'parse'],
  ['store', (u) => u.includes('engine/src/cache/')],
  ['Redis client', (u) => u.includes('node_modules/ioredis') || u.includes('node_modules/redis-parser') || u.includes('node_modules/@ioredis')],
  ['fan-out loop', (u) => u.includes('api/routes/ws/stream-hub') || u.includes('api/surface-frames')],
  ['socket writes', (u, fn) => fn === 'writeBuffer' || fn === 'writev' || fn === 'writeUtf8String' || u.startsWith('node:net') || u.includes('stream_base_commons') || u.includes('internal/streams/') || u.includes('node_modules/ws/')],
  ['garbage collection', (_u, fn) => fn === '(garbage collector)'],
];

/** Self time (ms) per stage, busiest first, with `other` last. */
export function breakdown(p: Profile): Array<{ stage: string; ms: number; share: number }> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const node = byId.get(p.samples[i] as number);
    const us = p.timeDeltas[i] ?? 0;
    if (node === undefined) continue;
    const { url, functionName } = node.callFrame;
    const stage = STAGES.find(([, test]) => test(url, functionName))?.[0] ?? 'other';
    totals.set(stage, (totals.get(stage) ?? 0) + us);
    if (stage !== 'idle' && stage !== 'profiler') busy += us;
  }
  totals.delete('idle');
  totals.delete('profiler');
  return [...totals.entries()]
    .map(([stage, us]) => ({ stage, ms: us / 1000, share: us / busy }))
    .sort((a, b) => (a.stage === 'other' ? 1 : b.stage === 'other' ? -1 : b.ms - a.ms));
}

/** The `n` functions with most self time (excluding idle), for a closer look. */
export function topFunctions(p: Profile, n: number): Array<{ fn: string; ms: number }> {
  const byId = new Map(p.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const node = byId.get(p.samples[i] as number);
    if (node === undefined || node.callFrame.functionName === '(idle)' || (node.callFrame.functionName === 'dispatch' && node.callFrame.url === '')) continue;
    const url = node.callFrame.url.replace(/^.*?\/(engine\/src\/|node_modules\/)/, '$1');
    const key = `${node.callFrame.functionName || '(anonymous)'} ${url}`;
    totals.set(key, (totals.get(key) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([fn, us]) => ({ fn, ms: us / 1000 }));
}
