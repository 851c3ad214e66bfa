/**
 * Fill maths, the client twin of programs/exec-trade-rules fill_amounts: size S is the payout if the
 * position wins; stake = ceil(S · price / 1e6) (rounded against the trader), house collateral =
 * S − stake. Price 0 or ≥ 1.0 is not tradeable; a stake that rounds up to S is rejected.
 */
import { PROB_ONE } from './constants.js';
import { InvalidArgumentError } from './errors.js';

const U64_MAX = (1n << 64n) - 1n;

export interface FillAmounts {
  readonly stake: bigint;
  readonly houseCollateral: bigint;
  readonly payout: bigint;
}

export class FillError extends InvalidArgumentError {
  readonly reason: 'zero-size' | 'price-not-tradeable' | 'no-house-collateral' | 'overflow';
  constructor(reason: FillError['reason'], message: string) {
    super(message);
    this.name = 'FillError';
    this.reason = reason;
  }
}

export function fillAmounts(size: bigint, price: bigint): FillAmounts {
  if (size <= 0n) throw new FillError('zero-size', 'size must be positive');
  if (size > U64_MAX) throw new FillError('overflow', 'size does not fit in a u64');
  if (price <= 0n || price >= PROB_ONE) throw new FillError('price-not-tradeable', `price ${price} is not tradeable (must be in (0, 1_000_000))`);
  const stake = (size * price + PROB_ONE - 1n) / PROB_ONE;
  const houseCollateral = size - stake;
  if (houseCollateral <= 0n) throw new FillError('no-house-collateral', `size ${size} at price ${price}: stake rounds up to the whole size`);
  return { stake, houseCollateral, payout: size };
}
