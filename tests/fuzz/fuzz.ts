/**
 * The fuzz harness (fast-check). Each `tests/fuzz/<parser>.test.ts` is one target: an arbitrary of
 * hostile inputs and a check that the parser under test, given any of them, neither crashes (only its
 * documented typed errors may escape) nor returns something invalid. `FUZZ_RUNS` sets the cases per
 * target: a small CI budget by default; `npm run fuzz` runs 100,000 per target and prints, per
 * target, the cases, the time and the heap growth (goal: flat). A failure prints fast-check's seed
 * and shrunk counterexample; add that input to the target's regression list.
 * A new decoder target is a small file: `fuzzTarget('name', arbitrary, (input) => { ... })`.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';

export const FUZZ_RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);
const report = process.env['FUZZ_REPORT'] === '1' || FUZZ_RUNS >= 10_000;

/** Runs `check` on `runs` inputs, then on every listed regression input. Async checks are awaited. */
export function fuzzTarget<T>(name: string, arb: fc.Arbitrary<T>, check: (input: T) => void | Promise<void>, regressions: readonly T[] = []): void {
  it(`${name}: ${FUZZ_RUNS} random cases and ${regressions.length} regression inputs without a crash`, async () => {
    for (const input of regressions) await check(input);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    await fc.assert(fc.asyncProperty(arb, async (input) => {
      await check(input);
    }), { numRuns: FUZZ_RUNS });
    gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    if (report) {
      const mb = (b: number): string => (b / 1_048_576).toFixed(1);
      process.stderr.write(`[fuzz] ${name}: ${FUZZ_RUNS} cases, 0 failures, ${((performance.now() - started) / 1000).toFixed(1)} s, heap ${mb(heapBefore)} -> ${mb(heapAfter)} MB\n`);
    }
  }, Math.max(60_000, FUZZ_RUNS * 5));
}

/** Asserts that `fn` either returns or throws an error carrying one of `codes`. */
export function onlyTypedErrors<R>(codes: readonly string[], fn: () => R): R | undefined {
  try {
    return fn();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    expect(codes, `unexpected ${String(err)}`).toContain(code);
    return undefined;
  }
}

/** JSON text of `value` with one leaf (or one array/object) replaced by anything. */
export function mutatedJson(samples: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...samples), fc.nat(), fc.oneof(fc.anything(), fc.string(), fc.double(), fc.bigInt().map(String), fc.constant(null)))
    .map(([text, pick, replacement]) => {
      const value = JSON.parse(text) as unknown;
      const paths: (string | number)[][] = [];
      const walk = (v: unknown, path: (string | number)[]): void => {
        paths.push(path);
        if (v !== null && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k]);
      };
      walk(value, []);
      const path = paths[pick % paths.length]!;
      if (path.length === 0) return JSON.stringify(replacement) ?? 'null';
      let parent = value as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      parent[path.at(-1)!] = replacement;
      return JSON.stringify(value) ?? 'null';
    });
}

/** Text a hostile peer could send: garbage, any JSON, and mutations of well-formed samples. */
export function hostileText(samples: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom(...samples).chain((s) => fc.nat(s.length).map((n) => s.slice(0, n))) },
    { weight: 4, arbitrary: mutatedJson(samples) },
    { weight: 1, arbitrary: fc.constantFrom(...samples) },
  );
}
