use anchor_lang::prelude::*;
use exec_trade_rules as rules;

use crate::constants::SEED_POSITION;
use crate::error::ExecTradeError;

/// Side of a binary position.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum Side {
    Up,
    Down,
}

impl From<rules::Side> for Side {
    fn from(s: rules::Side) -> Self {
        match s {
            rules::Side::Up => Side::Up,
            rules::Side::Down => Side::Down,
        }
    }
}

impl From<Side> for rules::Side {
    fn from(s: Side) -> Self {
        match s {
            Side::Up => rules::Side::Up,
            Side::Down => rules::Side::Down,
        }
    }
}

/// One trader's fill of one quote, seeds ["position", quote_id, trader].
#[account]
#[derive(InitSpace)]
pub struct Position {
    pub trader: Pubkey,
    pub round: Pubkey,
    pub quote_id: [u8; 16],
    /// Price micro-units.
    pub strike: u64,
    pub side: Side,
    /// Payout if the position wins, collateral atoms.
    pub size: u64,
    /// Paid by the trader, collateral atoms.
    pub stake: u64,
    /// Locked by the house (size - stake), collateral atoms.
    pub house_collateral: u64,
    /// Receives the rent when the position closes.
    pub payer: Pubkey,
    pub bump: u8,
}

impl Position {
    /// Seed prefix of a position PDA.
    pub const SEED: &'static [u8] = SEED_POSITION;

    /// Checks what must always hold: stake + house collateral == size, both parts non-zero.
    pub fn invariant(&self) -> Result<()> {
        let total = self
            .stake
            .checked_add(self.house_collateral)
            .ok_or(ExecTradeError::MathOverflow)?;
        require!(total == self.size, ExecTradeError::MathOverflow);
        require!(self.stake > 0, ExecTradeError::PriceNotTradeable);
        require!(self.house_collateral > 0, ExecTradeError::NoHouseCollateral);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialized_size_is_pinned() {
        assert_eq!(
            Position::INIT_SPACE,
            32 + 32 + 16 + 8 + 1 + 8 + 8 + 8 + 32 + 1
        );
    }

    #[test]
    fn side_round_trips_through_the_rules() {
        for s in [Side::Up, Side::Down] {
            assert_eq!(Side::from(rules::Side::from(s)), s);
        }
    }
}
