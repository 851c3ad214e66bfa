/** client/taker-price.ts: the displayed price is what the program would charge when the take lands. */
import { describe, expect, it } from 'vitest';
import { decayOf, landingSecond, priceAtLanding } from '../../../engine/src/client/taker-price.js';

const GEN = 1_800_000_000_400;
const leaf = { upPrice: '523000', downPrice: '497000', generatedAtMs: GEN, decayMicrosPerSec: '2000' };

describe('priceAtLanding', () => {
  it('adds the decay per started second from generation to the landing second, as the program does', () => {
    // lands in the same second it was generated: the chain clock (…000) is not after it
    expect(priceAtLanding(leaf, 'up', GEN + 100)).toBe(523_000n);
    // lands 0.7 s later, in the next chain second: 0.6 s of age, one started second
    expect(priceAtLanding(leaf, 'up', GEN + 700)).toBe(525_000n);
    expect(priceAtLanding(leaf, 'down', GEN + 2_700)).toBe(503_000n);
    expect(landingSecond(GEN + 2_700)).toBe(1_800_000_003n);
  });

  it('never passes 0.99 (nor goes below a signed price above it); a v1 quote does not decay', () => {
    expect(priceAtLanding({ ...leaf, upPrice: '985000' }, 'up', GEN + 60_000)).toBe(990_000n);
    expect(priceAtLanding({ ...leaf, upPrice: '995000' }, 'up', GEN + 60_000)).toBe(995_000n);
    const v1 = { upPrice: '523000', downPrice: '497000', generatedAtMs: GEN };
    expect(priceAtLanding(v1, 'up', GEN + 60_000)).toBe(523_000n);
    expect(decayOf(v1)).toBe(0n);
  });
});
