//! Prices that decay with quote age, and the taker's price guard (quote format v2).
//!
//! A v2 leaf binds a decay rate: probability micro-units added to the taker's price per second
//! since the ladder was generated. The program charges the aged price at fill, by the chain clock
//! (whole seconds: the age is measured from the generation time to the start of the clock's
//! current second, and a started second counts whole, in the house's favour), and never above 0.99
//! (nor below the signed price). Decay only raises prices, so UP + DOWN stays ≥ 1.0. The taker states
//! the worst price they accept; a fill above it is refused.

use crate::constants::{MAX_DECAYED_PRICE, MS_PER_SEC};
use crate::error::RuleError;

/// Whole seconds (rounded up) from `generated_at_ms` to `now_ts`; 0 when not after it.
pub fn quote_age_sec(generated_at_ms: i64, now_ts: i64) -> Result<u64, RuleError> {
    let now_ms = now_ts
        .checked_mul(MS_PER_SEC)
        .ok_or(RuleError::MathOverflow)?;
    let age_ms = now_ms
        .checked_sub(generated_at_ms)
        .ok_or(RuleError::MathOverflow)?;
    if age_ms <= 0 {
        return Ok(0);
    }
    let age_ms = u64::try_from(age_ms).map_err(|_| RuleError::MathOverflow)?;
    Ok(age_ms.div_ceil(MS_PER_SEC as u64))
}

/// The price charged for a quote of `price` with decay `rate` (micro-units per second) at
/// `now_ts`: `price + rate × age`, capped at `max(price, MAX_DECAYED_PRICE)`.
pub fn decayed_price(
    price: u32,
    rate: u32,
    generated_at_ms: i64,
    now_ts: i64,
) -> Result<u32, RuleError> {
    if rate == 0 {
        return Ok(price);
    }
    let age = quote_age_sec(generated_at_ms, now_ts)?;
    let cap = u64::from(price.max(MAX_DECAYED_PRICE));
    let charged = u64::from(rate)
        .checked_mul(age)
        .and_then(|c| c.checked_add(u64::from(price)))
        .map_or(cap, |p| p.min(cap));
    u32::try_from(charged).map_err(|_| RuleError::MathOverflow)
}

/// Refuses a fill whose charged price is above the taker's `max_price`.
pub fn check_max_price(charged: u32, max_price: u32) -> Result<(), RuleError> {
    if charged > max_price {
        return Err(RuleError::PriceAboveMax);
    }
    Ok(())
}
