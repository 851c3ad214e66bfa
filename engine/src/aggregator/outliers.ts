/**
 * Outlier rule. A fresh venue is an outlier when its mid is more than `outlierBps` away from the
 * median of the OTHER fresh venues (the venue under test never votes on itself):
 *
 *  - 4 fresh venues: compared with the median of the other three, so one bad venue cannot move the
 *    reference of the good ones, and a 2-against-2 split flags everyone (the asset halts: there is
 *    no majority to trust).
 *  - 3 fresh venues: the other two have no single middle value; the venue is an outlier only when it
 *    is beyond the bound from BOTH of them, i.e. when no other venue backs it. (Using the mean of the
 *    two would let one wild venue drag the reference of both honest ones past the bound and halt an
 *    asset that has a clear 2-of-3 majority.)
 *  - 2 fresh venues: each is compared with the other. If they disagree by more than the bound we
 *    cannot tell which one is right, so BOTH are outliers and the asset halts.
 *  - 1 fresh venue: there is nothing to compare with; it is never an outlier (minProviders decides
 *    whether one venue is enough).
 *
 * Deviation is measured relative to the reference: |mid - ref| * 10_000 > outlierBps * ref.
 */

const BPS = 10_000n;
const scratch: bigint[] = [];

function beyond(mid: bigint, ref: bigint, outlierBps: bigint): boolean {
  const diff = mid > ref ? mid - ref : ref - mid;
  return diff * BPS > outlierBps * ref;
}

/**
 * Flags outliers among the first `count` mids: `out[i]` is set for each of them. Returns how many
 * were flagged. Allocates nothing.
 */
export function markOutliers(mids: readonly bigint[], count: number, outlierBps: bigint, out: boolean[]): number {
  for (let i = 0; i < count; i += 1) out[i] = false;
  if (count < 2) return 0;
  let flagged = 0;
  for (let i = 0; i < count; i += 1) {
    let n = 0;
    for (let j = 0; j < count; j += 1) {
      if (j === i) continue;
      const v = mids[j]!;
      let k = n - 1;
      while (k >= 0 && scratch[k]! > v) {
        scratch[k + 1] = scratch[k]!;
        k -= 1;
      }
      scratch[k + 1] = v;
      n += 1;
    }
    const mid = mids[i]!;
    const half = n >> 1;
    const isOutlier =
      n % 2 === 1
        ? beyond(mid, scratch[half]!, outlierBps)
        : beyond(mid, scratch[half - 1]!, outlierBps) && beyond(mid, scratch[half]!, outlierBps);
    if (isOutlier) {
      out[i] = true;
      flagged += 1;
    }
  }
  if (count === 2 && flagged === 1) {
    out[0] = true;
    out[1] = true;
    flagged = 2;
  }
  return flagged;
}
