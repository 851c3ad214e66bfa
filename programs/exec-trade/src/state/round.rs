use anchor_lang::prelude::*;
use exec_trade_rules as rules;

use crate::constants::{ROUND_PADDING, SEED_ROUND};
use crate::error::ExecTradeError;

/// Lifecycle of a round.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum RoundStatus {
    Open,
    Settled,
    Refunding,
}

impl From<RoundStatus> for rules::RoundStatus {
    fn from(s: RoundStatus) -> Self {
        match s {
            RoundStatus::Open => rules::RoundStatus::Open,
            RoundStatus::Settled => rules::RoundStatus::Settled,
            RoundStatus::Refunding => rules::RoundStatus::Refunding,
        }
    }
}

/// Fills at one strike of a round, for the house's worst-case net payout.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct StrikeExposure {
    /// Price micro-units.
    pub strike: u64,
    /// Total size of UP fills at this strike, collateral atoms.
    pub up_size: u64,
    /// Total stake of those UP fills, collateral atoms.
    pub up_stake: u64,
    /// Total size of DOWN fills at this strike, collateral atoms.
    pub down_size: u64,
    /// Total stake of those DOWN fills, collateral atoms.
    pub down_stake: u64,
}

impl From<StrikeExposure> for rules::StrikeExposure {
    fn from(e: StrikeExposure) -> Self {
        rules::StrikeExposure {
            strike: e.strike,
            up_size: e.up_size,
            up_stake: e.up_stake,
            down_size: e.down_size,
            down_stake: e.down_stake,
        }
    }
}

impl From<rules::StrikeExposure> for StrikeExposure {
    fn from(e: rules::StrikeExposure) -> Self {
        StrikeExposure {
            strike: e.strike,
            up_size: e.up_size,
            up_stake: e.up_stake,
            down_size: e.down_size,
            down_stake: e.down_stake,
        }
    }
}

/// One expiry of one asset, seeds ["round", asset, expiry_ts (i64 LE)].
#[account]
#[derive(InitSpace)]
pub struct Round {
    /// 1 BTC, 2 ETH, 3 SOL.
    pub asset: u8,
    /// Unix seconds.
    pub expiry_ts: i64,
    /// No fill at or after this instant, unix seconds (fixed at open from the schedule).
    pub trading_close_ts: i64,
    /// Refunds may start, and settlement no longer lands, at this instant, unix seconds (fixed
    /// at open: expiry + the config's refund grace then).
    pub refund_after_ts: i64,
    pub status: RoundStatus,
    /// Price micro-units; 0 until settled.
    pub settlement_price: u64,
    /// Chain clock at settlement, unix seconds; 0 until settled.
    pub settled_at: i64,
    /// Sum of open position sizes (gross), collateral atoms.
    pub total_size: u64,
    pub open_positions: u32,
    /// The house's worst-case net payout over every settlement price, collateral atoms.
    pub worst_case_net_payout: u64,
    /// Entries of `exposures` in use, sorted by strike.
    pub strike_count: u8,
    /// Fills per strike (the first `strike_count` entries).
    pub exposures: [StrikeExposure; 32],
    /// Paid the rent; receives it when the round closes.
    pub opener: Pubkey,
    pub vault_bump: u8,
    pub bump: u8,
    /// Reserved for growth.
    pub padding: [u8; ROUND_PADDING],
}

impl From<rules::RoundStatus> for RoundStatus {
    fn from(s: rules::RoundStatus) -> Self {
        match s {
            rules::RoundStatus::Open => RoundStatus::Open,
            rules::RoundStatus::Settled => RoundStatus::Settled,
            rules::RoundStatus::Refunding => RoundStatus::Refunding,
        }
    }
}

/// A round's exposure book being updated (see `Round::exposures_with`).
pub struct ExposureBook {
    entries: Box<[rules::StrikeExposure; 32]>,
    count: u8,
}

/// Owned pieces of a round's PDA signer seeds (the round is the authority of its vault).
pub struct RoundSigner {
    asset: [u8; 1],
    expiry: [u8; 8],
    bump: [u8; 1],
}

impl RoundSigner {
    /// `["round", asset, expiry_ts LE, bump]`.
    pub fn seeds(&self) -> [&[u8]; 4] {
        [SEED_ROUND, &self.asset, &self.expiry, &self.bump]
    }
}

impl Round {
    /// Seed prefix of a round PDA.
    pub const SEED: &'static [u8] = SEED_ROUND;

    /// The exposure book with one more fill, and the house's worst-case net payout with it.
    /// Computed on a heap copy (the book is 1.3 KB; SBF stack frames are 4 KB); the round is
    /// unchanged until `set_exposures`.
    pub fn exposures_with(
        &self,
        strike: u64,
        side: rules::Side,
        amounts: &rules::FillAmounts,
    ) -> Result<(ExposureBook, u64)> {
        let mut book = Box::new(self.exposures.map(rules::StrikeExposure::from));
        let count = crate::error::rule(rules::add_exposure(
            &mut book[..],
            self.strike_count,
            strike,
            side,
            amounts,
        ))?;
        let used = book
            .get(..usize::from(count))
            .ok_or(ExecTradeError::MathOverflow)?;
        let worst = crate::error::rule(rules::worst_case_net_payout(used))?;
        Ok((
            ExposureBook {
                entries: book,
                count,
            },
            worst,
        ))
    }

    /// Stores a book from `exposures_with` and its worst case.
    pub fn set_exposures(&mut self, book: &ExposureBook, worst_case_net_payout: u64) {
        self.exposures = book.entries.map(StrikeExposure::from);
        self.strike_count = book.count;
        self.worst_case_net_payout = worst_case_net_payout;
    }

    /// The signer seeds of this round, from the stored bump.
    pub fn signer(&self) -> RoundSigner {
        RoundSigner {
            asset: self.asset.to_le_bytes(),
            expiry: self.expiry_ts.to_le_bytes(),
            bump: [self.bump],
        }
    }

    /// Checks what must always hold: trading closes before expiry and refunds start after it, a
    /// settled round has a price, counters agree (no size without a position).
    pub fn invariant(&self) -> Result<()> {
        require!(
            self.trading_close_ts <= self.expiry_ts && self.expiry_ts < self.refund_after_ts,
            ExecTradeError::InvalidTradingCloseOffset
        );
        require!(
            self.status != RoundStatus::Settled || self.settlement_price > 0,
            ExecTradeError::SettlementPriceZero
        );
        require!(
            self.open_positions > 0 || self.total_size == 0,
            ExecTradeError::MathOverflow
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialized_size_is_pinned() {
        // asset + expiry + close + refund_after + status + price + settled_at + total + count
        // + worst case + strike count + 32 exposures + opener + 2 bumps + padding
        assert_eq!(
            Round::INIT_SPACE,
            1 + 8 + 8 + 8 + 1 + 8 + 8 + 8 + 4 + 8 + 1 + 32 * 40 + 32 + 2 + 32
        );
        assert_eq!(rules::MAX_ROUND_STRIKES, 32);
    }

    #[test]
    fn status_maps_to_the_rules() {
        assert_eq!(
            rules::RoundStatus::from(RoundStatus::Open),
            rules::RoundStatus::Open
        );
        assert_eq!(
            rules::RoundStatus::from(RoundStatus::Settled),
            rules::RoundStatus::Settled
        );
        assert_eq!(
            rules::RoundStatus::from(RoundStatus::Refunding),
            rules::RoundStatus::Refunding
        );
    }
}
