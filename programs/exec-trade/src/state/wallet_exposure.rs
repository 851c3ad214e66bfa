use anchor_lang::prelude::*;

use crate::constants::SEED_EXPOSURE;
use crate::error::ExecTradeError;

/// Total size one wallet holds in one round, seeds ["exposure", round, trader].
#[account]
#[derive(InitSpace)]
pub struct WalletExposure {
    pub round: Pubkey,
    pub trader: Pubkey,
    /// Collateral atoms.
    pub total_size: u64,
    pub bump: u8,
}

impl WalletExposure {
    /// Seed prefix of a wallet exposure PDA.
    pub const SEED: &'static [u8] = SEED_EXPOSURE;

    /// Checks what must always hold: the record names a round and a trader.
    pub fn invariant(&self) -> Result<()> {
        require!(
            self.round != Pubkey::default() && self.trader != Pubkey::default(),
            ExecTradeError::WrongRound
        );
        Ok(())
    }

    /// The trader's size after a position of `size` leaves the round (claim or refund).
    pub fn release(&mut self, size: u64) -> Result<()> {
        self.total_size = self
            .total_size
            .checked_sub(size)
            .ok_or(ExecTradeError::MathOverflow)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialized_size_is_pinned() {
        assert_eq!(WalletExposure::INIT_SPACE, 32 + 32 + 8 + 1);
    }
}
