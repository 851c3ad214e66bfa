//! The rules of `take_quote`: quote context checks, fill maths, replay accounting, limits.

use crate::constants::{MS_PER_SEC, PROB_PRECISION, SIDE_DOWN, SIDE_UP};
use crate::error::RuleError;
use crate::quote::Quote;

/// The side of a binary position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// Pays if the settlement price is ≥ the strike.
    Up,
    /// Pays if the settlement price is < the strike.
    Down,
}

impl Side {
    /// Parses the instruction's side byte: 0 up, 1 down.
    pub fn from_u8(value: u8) -> Result<Side, RuleError> {
        match value {
            SIDE_UP => Ok(Side::Up),
            SIDE_DOWN => Ok(Side::Down),
            _ => Err(RuleError::InvalidSide),
        }
    }

    /// The side byte: 0 up, 1 down.
    pub const fn as_u8(self) -> u8 {
        match self {
            Side::Up => SIDE_UP,
            Side::Down => SIDE_DOWN,
        }
    }
}

/// Added before dividing by `PROB_PRECISION` so the division rounds up.
const PROB_ROUND_UP: u128 = PROB_PRECISION as u128 - 1;

/// Token amounts of one fill, in collateral atoms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FillAmounts {
    /// Paid by the trader into the round vault: `ceil(size * price / 1e6)`.
    pub stake: u64,
    /// Moved from the house vault into the round vault: `size - stake`.
    pub house_collateral: u64,
    /// Paid to the winner: `size`.
    pub payout: u64,
}

/// Computes a fill of `size` payout atoms at `price` (probability micro-units).
///
/// `stake = ceil(size * price / 1_000_000)` with a u128 intermediate, rounded against the
/// trader. Rejects `size == 0` (`ZeroSize`), `price == 0` or `price ≥ 1.0`
/// (`PriceNotTradeable`), and a stake that rounds up to the whole size (`NoHouseCollateral`).
pub fn fill_amounts(size: u64, price: u32) -> Result<FillAmounts, RuleError> {
    if size == 0 {
        return Err(RuleError::ZeroSize);
    }
    if price == 0 || u64::from(price) >= PROB_PRECISION {
        return Err(RuleError::PriceNotTradeable);
    }
    let stake_ceil = u128::from(size)
        .checked_mul(u128::from(price))
        .and_then(|n| n.checked_add(PROB_ROUND_UP))
        .and_then(|n| n.checked_div(u128::from(PROB_PRECISION)))
        .ok_or(RuleError::MathOverflow)?;
    let stake = u64::try_from(stake_ceil).map_err(|_| RuleError::MathOverflow)?;
    let house_collateral = size.checked_sub(stake).ok_or(RuleError::MathOverflow)?;
    if house_collateral == 0 {
        return Err(RuleError::NoHouseCollateral);
    }
    Ok(FillAmounts {
        stake,
        house_collateral,
        payout: size,
    })
}

/// On-chain state a quote is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteContext {
    /// This program's id.
    pub program_id: [u8; 32],
    /// `config.cluster`.
    pub cluster: u8,
    /// `config.quote_epoch`.
    pub quote_epoch: u64,
    /// `config.allow_simulated`.
    pub allow_simulated: bool,
    /// `round.asset`.
    pub round_asset: u8,
    /// `round.expiry_ts`, unix seconds.
    pub round_expiry_ts: i64,
    /// `round.trading_close_ts`, unix seconds.
    pub round_trading_close_ts: i64,
    /// `round.status == Open`.
    pub round_open: bool,
    /// Clock `unix_timestamp`, seconds.
    pub now_ts: i64,
}

/// Checks a verified quote against the chain, in the design's order, each with its own error:
/// program id, cluster, epoch, simulated flag, par (`up_price + down_price ≥ 1.0`), asset,
/// expiry, round open, `now_ms ≤ valid_until_ms` (equal is fine), `now < trading_close_ts`.
pub fn check_quote(q: &Quote, ctx: &QuoteContext) -> Result<(), RuleError> {
    if q.program_id != ctx.program_id {
        return Err(RuleError::QuoteWrongProgram);
    }
    if q.cluster != ctx.cluster {
        return Err(RuleError::QuoteWrongCluster);
    }
    if q.epoch != ctx.quote_epoch {
        return Err(RuleError::QuoteEpochMismatch);
    }
    if q.is_simulated() && !ctx.allow_simulated {
        return Err(RuleError::QuoteSimulatedNotAllowed);
    }
    check_par(q)?;
    if q.asset != ctx.round_asset {
        return Err(RuleError::QuoteAssetMismatch);
    }
    if q.expiry_ts != ctx.round_expiry_ts {
        return Err(RuleError::QuoteExpiryMismatch);
    }
    if !ctx.round_open {
        return Err(RuleError::RoundNotOpen);
    }
    let now_ms = ctx
        .now_ts
        .checked_mul(MS_PER_SEC)
        .ok_or(RuleError::MathOverflow)?;
    if now_ms > q.valid_until_ms {
        return Err(RuleError::QuoteExpired);
    }
    if ctx.now_ts >= ctx.round_trading_close_ts {
        return Err(RuleError::TradingClosed);
    }
    Ok(())
}

/// Requires `up_price + down_price ≥ PROB_PRECISION` (summed in u64, so no u32 overflow). Below
/// par, two wallets could buy UP and DOWN of the same quote for less than the one payout the
/// house must make: `ceil(S·up) + ceil(S·down) ≥ S·(up + down) / 1e6 ≥ S` only holds at par or
/// above. The engine promises it; this makes it hold even if the oracle key signs a bad pair.
pub fn check_par(q: &Quote) -> Result<(), RuleError> {
    let sum = u64::from(q.up_price)
        .checked_add(u64::from(q.down_price))
        .ok_or(RuleError::MathOverflow)?;
    if sum < PROB_PRECISION {
        return Err(RuleError::QuoteBelowPar);
    }
    Ok(())
}

/// Requires the `quote_id` instruction argument (used in the PDA seeds) to equal the id of the
/// verified quote.
pub fn check_quote_id(quote_id_arg: &[u8; 16], quote: &Quote) -> Result<(), RuleError> {
    if *quote_id_arg != quote.quote_id {
        return Err(RuleError::QuoteIdMismatch);
    }
    Ok(())
}

/// Adds `size` to a quote's `filled` total and returns the new total; it must stay ≤ `max_size`
/// (`QuoteOverfilled`, which is also what a replay beyond the max gets).
pub fn apply_fill(filled: u64, size: u64, max_size: u64) -> Result<u64, RuleError> {
    if size == 0 {
        return Err(RuleError::ZeroSize);
    }
    let new_filled = filled.checked_add(size).ok_or(RuleError::MathOverflow)?;
    if new_filled > max_size {
        return Err(RuleError::QuoteOverfilled);
    }
    Ok(new_filled)
}

/// Risk limits from the config, in collateral atoms. A maximum of 0 allows nothing; there is no
/// "unlimited" value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Limits {
    /// Smallest size (payout) of a single fill: dust fills cannot fill a round's strike book.
    pub min_position_size: u64,
    /// Largest size (payout) of a single fill.
    pub max_position_size: u64,
    /// Largest worst-case net payout of the house in one round, over every settlement price
    /// (`exposure::worst_case_net_payout`): hedged positions offset each other.
    pub max_round_net_payout: u64,
    /// Largest total size (gross) one wallet may hold in one round.
    pub max_wallet_round_size: u64,
}

/// Checks a fill of `size` against the limits, given the round's worst-case net payout before
/// and after the fill and the trader's size in the round before it. Order: minimum and maximum
/// position size, round, wallet. A fill that does not raise the round's worst case (a hedge) is
/// never refused by the round limit, even when a lowered limit is already exceeded.
pub fn check_limits(
    size: u64,
    round_net_payout_before: u64,
    round_net_payout_after: u64,
    wallet_total: u64,
    limits: &Limits,
) -> Result<(), RuleError> {
    if size < limits.min_position_size {
        return Err(RuleError::PositionTooSmall);
    }
    if size > limits.max_position_size {
        return Err(RuleError::PositionLimit);
    }
    if round_net_payout_after > limits.max_round_net_payout
        && round_net_payout_after > round_net_payout_before
    {
        return Err(RuleError::RoundNetPayoutLimit);
    }
    let new_wallet = wallet_total
        .checked_add(size)
        .ok_or(RuleError::MathOverflow)?;
    if new_wallet > limits.max_wallet_round_size {
        return Err(RuleError::WalletLimit);
    }
    Ok(())
}

/// Requires the house vault to hold at least the fill's house collateral.
pub fn check_house_liquidity(house_balance: u64, house_collateral: u64) -> Result<(), RuleError> {
    if house_balance < house_collateral {
        return Err(RuleError::HouseInsufficientLiquidity);
    }
    Ok(())
}

/// Round counters after a fill of `size` opens a position: `(total_size, open_positions)`.
pub fn add_open_position(
    total_size: u64,
    open_positions: u32,
    size: u64,
) -> Result<(u64, u32), RuleError> {
    let total = total_size
        .checked_add(size)
        .ok_or(RuleError::MathOverflow)?;
    let count = open_positions
        .checked_add(1)
        .ok_or(RuleError::MathOverflow)?;
    Ok((total, count))
}

/// Round counters after a position of `size` is claimed or refunded: `(total_size, open_positions)`.
pub fn remove_open_position(
    total_size: u64,
    open_positions: u32,
    size: u64,
) -> Result<(u64, u32), RuleError> {
    let total = total_size
        .checked_sub(size)
        .ok_or(RuleError::MathOverflow)?;
    let count = open_positions
        .checked_sub(1)
        .ok_or(RuleError::MathOverflow)?;
    Ok((total, count))
}
