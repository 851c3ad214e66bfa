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

/// One expiry of one asset, seeds ["round", asset, expiry_ts (i64 LE)].
#[account]
#[derive(InitSpace)]
pub struct Round {
    /// 1 BTC, 2 ETH, 3 SOL.
    pub asset: u8,
    /// Unix seconds.
    pub expiry_ts: i64,
    /// No fill at or after this instant, unix seconds.
    pub trading_close_ts: i64,
    pub status: RoundStatus,
    /// Price micro-units; 0 until settled.
    pub settlement_price: u64,
    /// Chain clock at settlement, unix seconds; 0 until settled.
    pub settled_at: i64,
    /// Sum of open position sizes, collateral atoms.
    pub total_size: u64,
    pub open_positions: u32,
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

    /// The signer seeds of this round, from the stored bump.
    pub fn signer(&self) -> RoundSigner {
        RoundSigner {
            asset: self.asset.to_le_bytes(),
            expiry: self.expiry_ts.to_le_bytes(),
            bump: [self.bump],
        }
    }

    /// Checks what must always hold: trading closes no later than expiry, a settled round has a
    /// price, counters agree (no size without a position).
    pub fn invariant(&self) -> Result<()> {
        require!(
            self.trading_close_ts <= self.expiry_ts,
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
        // asset + expiry + close + status + price + settled_at + total + count + opener + 2 bumps + padding
        assert_eq!(
            Round::INIT_SPACE,
            1 + 8 + 8 + 1 + 8 + 8 + 8 + 4 + 32 + 2 + 32
        );
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
