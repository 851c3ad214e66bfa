/** Small statistics helpers for the soak: percentiles and a least-squares slope. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Slope of y over x (least squares); NaN with fewer than two points. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** A bounded sample of latencies (reservoir), so a 10-minute run keeps constant memory. */
export class Reservoir {
  private readonly values: number[] = [];
  private seen = 0;
  constructor(private readonly size = 200_000) {}
  add(v: number): void {
    this.seen += 1;
    if (this.values.length < this.size) this.values.push(v);
    else {
      const i = Math.floor(Math.random() * this.seen);
      if (i < this.size) this.values[i] = v;
    }
  }
  sorted(): number[] {
    return [...this.values].sort((a, b) => a - b);
  }
}
