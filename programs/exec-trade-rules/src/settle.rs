//! The rules of the round lifecycle: open, settle, claim, refund and the closing cranks.

use crate::constants::{ASSET_BTC, ASSET_SOL, MAX_ROUND_SCHEDULE, MS_PER_SEC};
use crate::error::RuleError;
use crate::fill::Side;
use crate::schedule::{trading_close_offset, RoundSpec};
use crate::settlement::Settlement;

/// Status of a round. Stored as a u8 (`as_u8`/`from_u8`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RoundStatus {
    /// Accepting fills until `trading_close_ts`; waiting for its settlement.
    Open,
    /// Settled with an oracle price; positions are claimed.
    Settled,
    /// Not settled in time; positions are refunded.
    Refunding,
}

impl RoundStatus {
    /// The stored byte: 0 Open, 1 Settled, 2 Refunding.
    pub const fn as_u8(self) -> u8 {
        match self {
            RoundStatus::Open => 0,
            RoundStatus::Settled => 1,
            RoundStatus::Refunding => 2,
        }
    }

    /// Parses a stored status byte.
    pub fn from_u8(value: u8) -> Result<RoundStatus, RuleError> {
        match value {
            0 => Ok(RoundStatus::Open),
            1 => Ok(RoundStatus::Settled),
            2 => Ok(RoundStatus::Refunding),
            _ => Err(RuleError::InvalidRoundStatus),
        }
    }
}

/// On-chain state a settlement is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SettleContext {
    /// This program's id.
    pub program_id: [u8; 32],
    /// `config.cluster`.
    pub cluster: u8,
    /// `config.allow_simulated`.
    pub allow_simulated: bool,
    /// `round.asset`.
    pub round_asset: u8,
    /// `round.expiry_ts`, unix seconds.
    pub round_expiry_ts: i64,
    /// `round.status`.
    pub round_status: RoundStatus,
    /// `round.refund_after_ts`, unix seconds.
    pub round_refund_after_ts: i64,
    /// Clock `unix_timestamp`, seconds.
    pub now_ts: i64,
}

/// Checks a verified settlement against the round, each with its own error, in order: program
/// id, cluster, asset, expiry, simulated flag, price > 0, `now ≥ expiry_ts`,
/// `published_at_ms ≥ expiry_ts * 1000`, round Open (settled exactly once; a refunding round
/// cannot be settled), and `now < refund_after_ts` (once refunds may start, a settlement no
/// longer lands, so refund and settlement exclude each other in both orders).
pub fn check_settlement(s: &Settlement, ctx: &SettleContext) -> Result<(), RuleError> {
    if s.program_id != ctx.program_id {
        return Err(RuleError::SettlementWrongProgram);
    }
    if s.cluster != ctx.cluster {
        return Err(RuleError::SettlementWrongCluster);
    }
    if s.asset != ctx.round_asset {
        return Err(RuleError::SettlementAssetMismatch);
    }
    if s.expiry_ts != ctx.round_expiry_ts {
        return Err(RuleError::SettlementExpiryMismatch);
    }
    if s.is_simulated() && !ctx.allow_simulated {
        return Err(RuleError::SettlementSimulatedNotAllowed);
    }
    if s.price == 0 {
        return Err(RuleError::SettlementPriceZero);
    }
    if ctx.now_ts < ctx.round_expiry_ts {
        return Err(RuleError::SettlementBeforeExpiry);
    }
    let expiry_ms = ctx
        .round_expiry_ts
        .checked_mul(MS_PER_SEC)
        .ok_or(RuleError::MathOverflow)?;
    if s.published_at_ms < expiry_ms {
        return Err(RuleError::SettlementPublishedBeforeExpiry);
    }
    match ctx.round_status {
        RoundStatus::Open => {}
        RoundStatus::Settled => return Err(RuleError::RoundAlreadySettled),
        RoundStatus::Refunding => return Err(RuleError::RoundRefunding),
    }
    if ctx.now_ts >= ctx.round_refund_after_ts {
        return Err(RuleError::SettlementTooLate);
    }
    Ok(())
}

/// The winning side. Tie rule: `settlement_price ≥ strike` pays UP.
pub const fn outcome(settlement_price: u64, strike: u64) -> Side {
    if settlement_price >= strike {
        Side::Up
    } else {
        Side::Down
    }
}

/// Where the `size` atoms of a settled position go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimDestination {
    /// The position won: its payout goes to the trader's token account.
    Trader,
    /// The position lost: its size goes back to the house vault.
    House,
}

/// Requires the round to be Settled before any claim.
pub fn check_claimable(status: RoundStatus) -> Result<(), RuleError> {
    if status != RoundStatus::Settled {
        return Err(RuleError::RoundNotSettled);
    }
    Ok(())
}

/// Settles one position: the winner gets `size` (stake + house collateral), a loser's `size`
/// goes to the house. Either way the round vault releases exactly `size`.
pub const fn claim(
    position_side: Side,
    strike: u64,
    settlement_price: u64,
    size: u64,
) -> (ClaimDestination, u64) {
    let winner = outcome(settlement_price, strike);
    let won = matches!(
        (position_side, winner),
        (Side::Up, Side::Up) | (Side::Down, Side::Down)
    );
    if won {
        (ClaimDestination::Trader, size)
    } else {
        (ClaimDestination::House, size)
    }
}

/// Allows a refund once `now ≥ refund_after_ts` (expiry + the grace fixed when the round opened)
/// on a round that is not Settled (Open, to be marked Refunding, or already Refunding).
pub fn refund_allowed(
    status: RoundStatus,
    now_ts: i64,
    refund_after_ts: i64,
) -> Result<(), RuleError> {
    if status == RoundStatus::Settled {
        return Err(RuleError::RoundAlreadySettled);
    }
    if now_ts < refund_after_ts {
        return Err(RuleError::RefundTooEarly);
    }
    Ok(())
}

/// Token movements of a refund, in collateral atoms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefundAmounts {
    /// The stake, back to the trader.
    pub to_trader: u64,
    /// The house collateral, back to the house vault.
    pub to_house: u64,
}

/// Splits a refunded position: stake to the trader, house collateral to the house. Their sum
/// must be the position's size (`MathOverflow` otherwise, which means corrupted state).
pub fn refund_amounts(
    stake: u64,
    house_collateral: u64,
    size: u64,
) -> Result<RefundAmounts, RuleError> {
    let total = stake
        .checked_add(house_collateral)
        .ok_or(RuleError::MathOverflow)?;
    if total != size {
        return Err(RuleError::MathOverflow);
    }
    Ok(RefundAmounts {
        to_trader: stake,
        to_house: house_collateral,
    })
}

/// A replay record may be closed once the quote can no longer be filled: `now_ms > valid_until_ms`.
pub fn can_close_quote_fill(now_ms: i64, valid_until_ms: i64) -> Result<(), RuleError> {
    if now_ms <= valid_until_ms {
        return Err(RuleError::QuoteFillStillValid);
    }
    Ok(())
}

/// A round may be closed once it is Settled or Refunding and has no open positions.
pub fn can_close_round(status: RoundStatus, open_positions: u32) -> Result<(), RuleError> {
    if status == RoundStatus::Open {
        return Err(RuleError::RoundStillOpen);
    }
    if open_positions != 0 {
        return Err(RuleError::RoundHasOpenPositions);
    }
    Ok(())
}

/// `close_round`: the status the round closes with, after requiring that it may close. An Open
/// round past its refund time (it can never be settled) closes as Refunding, so an unsettled
/// round without positions (nobody to trigger `refund`) can still be closed. Settled and
/// Refunding rounds keep their status. Then `can_close_round` applies: an Open round before its
/// refund time is `RoundStillOpen`, open positions are `RoundHasOpenPositions`.
pub fn close_round_status(
    status: RoundStatus,
    open_positions: u32,
    now_ts: i64,
    refund_after_ts: i64,
) -> Result<RoundStatus, RuleError> {
    let closing =
        if status == RoundStatus::Open && refund_allowed(status, now_ts, refund_after_ts).is_ok() {
            RoundStatus::Refunding
        } else {
            status
        };
    can_close_round(closing, open_positions)?;
    Ok(closing)
}

/// The instants a round fixes when it opens, unix seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoundTimes {
    /// No fill at or after this instant: expiry − the schedule's close offset for the expiry.
    pub trading_close_ts: i64,
    /// Refunds may start (and settlement no longer lands) at this instant: expiry + grace.
    pub refund_after_ts: i64,
}

/// Checks `open_round(asset, expiry_ts)` and returns the round's fixed instants. Asset must be
/// 1..=3, the expiry on the schedule (`ExpiryNotOnSchedule`) with its trading close still in the
/// future (`RoundExpiryInPast`: a round nobody can trade is not opened).
pub fn open_round_check(
    asset: u8,
    expiry_ts: i64,
    now_ts: i64,
    schedule: &[RoundSpec; MAX_ROUND_SCHEDULE],
    refund_grace_sec: i64,
) -> Result<RoundTimes, RuleError> {
    if !(ASSET_BTC..=ASSET_SOL).contains(&asset) {
        return Err(RuleError::InvalidAsset);
    }
    let offset = trading_close_offset(schedule, expiry_ts)?;
    let trading_close_ts = expiry_ts
        .checked_sub(offset)
        .ok_or(RuleError::MathOverflow)?;
    if trading_close_ts <= now_ts {
        return Err(RuleError::RoundExpiryInPast);
    }
    let refund_after_ts = expiry_ts
        .checked_add(refund_grace_sec)
        .ok_or(RuleError::MathOverflow)?;
    Ok(RoundTimes {
        trading_close_ts,
        refund_after_ts,
    })
}

/// `raise_quote_epoch`: the new epoch must be exactly the current one + 1, so the cancel-all
/// switch can be used again and again (it can never jump to `u64::MAX`), and a retried raise
/// is refused instead of raising twice.
pub fn check_epoch_raise(current: u64, new: u64) -> Result<(), RuleError> {
    if current.checked_add(1) != Some(new) {
        return Err(RuleError::EpochNotNext);
    }
    Ok(())
}
