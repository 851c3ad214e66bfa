/** Percentiles and formatting shared by the benchmarks. */
export function pct(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

export const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(3)} ms` : 'n/a');
export const ratio = (a: number, b: number): string => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a');
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** `p50 p99 max` columns. */
export function cols(values: readonly number[]): string {
  return `${ms(pct(values, 50)).padStart(10)} ${ms(pct(values, 99)).padStart(10)} ${ms(pct(values, 100)).padStart(10)}`;
}
