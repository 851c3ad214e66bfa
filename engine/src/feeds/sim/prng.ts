/**
 * Deterministic pseudo-random numbers for the simulator (mulberry32). Same seed, same sequence, on
 * every platform: no Math.random and no floating point in the output.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Derive an independent stream from a seed and a small integer label (symbol index, venue index). */
  static derive(seed: number, label: number): Prng {
    let h = (seed ^ Math.imul(label + 1, 0x9e3779b9)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    return new Prng((h ^ (h >>> 16)) >>> 0);
  }

  /** Next uniform unsigned 32-bit integer. */
  nextU32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform integer in [min, max] (inclusive). */
  intBetween(min: number, max: number): number {
    if (max <= min) return min;
    return min + (this.nextU32() % (max - min + 1));
  }

  /**
   * Approximately standard-normal integer scaled by 2^16 (Irwin-Hall: the sum of twelve uniform
   * 16-bit values has mean 12 * 32767.5 and standard deviation 65536). Range about ±6 sigma.
   */
  gaussianQ16(): number {
    let sum = 0;
    for (let i = 0; i < 6; i += 1) {
      const u = this.nextU32();
      sum += (u & 0xffff) + (u >>> 16);
    }
    return sum - 393_210;
  }
}
