/**
 * The index of one symbol from the mids of the venues that passed staleness and outlier checks.
 * Works on the first `count` entries of a caller-owned scratch array so the hot path allocates
 * nothing; there are at most a handful of venues, so insertion sort is the fastest sort here.
 */

export interface IndexPrice {
  /** Median mid, price micro-units. */
  readonly price: bigint;
  /** max |mid - price| over the venues used: all of them lie within price ± confidence. */
  readonly confidence: bigint;
}

/** Sort the first `count` entries of `values` ascending, in place. */
export function sortPrefix(values: bigint[], count: number): void {
  for (let i = 1; i < count; i += 1) {
    const v = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > v) {
      values[j + 1] = values[j]!;
      j -= 1;
    }
    values[j + 1] = v;
  }
}

/** floor((a + b) / 2) + (remainder ? 1 : 0): the mean of two integers rounded half up. */
export function meanHalfUp(a: bigint, b: bigint): bigint {
  const s = a + b + 1n;
  const q = s / 2n;
  return s < 0n && s % 2n !== 0n ? q - 1n : q;
}

/**
 * Median of the first `count` entries of an ascending array. Even counts give the mean of the two
 * middle values, rounded half up. `count` must be at least 1.
 */
export function medianOfSorted(sorted: readonly bigint[], count: number): bigint {
  const mid = count >> 1;
  if (count % 2 === 1) return sorted[mid]!;
  return meanHalfUp(sorted[mid - 1]!, sorted[mid]!);
}

/** Median and confidence of the first `count` (>= 1) mids; reorders that prefix. */
export function computeIndexPrice(mids: bigint[], count: number): IndexPrice {
  sortPrefix(mids, count);
  const price = medianOfSorted(mids, count);
  const low = price - mids[0]!;
  const high = mids[count - 1]! - price;
  return { price, confidence: low > high ? low : high };
}
