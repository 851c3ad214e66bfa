use anchor_lang::prelude::*;

use crate::constants::SEED_QUOTE_FILL;
use crate::error::ExecTradeError;

/// Replay record of one signed quote, seeds ["quote_fill", quote_id].
#[account]
#[derive(InitSpace)]
pub struct QuoteFill {
    pub quote_id: [u8; 16],
    pub round: Pubkey,
    /// Total size all fills may reach, collateral atoms.
    pub max_size: u64,
    /// Size filled so far, collateral atoms.
    pub filled_size: u64,
    /// Unix ms after which the quote cannot be filled.
    pub valid_until_ms: i64,
    /// Receives the rent when the record closes.
    pub payer: Pubkey,
    pub bump: u8,
}

impl QuoteFill {
    /// Seed prefix of a quote fill PDA.
    pub const SEED: &'static [u8] = SEED_QUOTE_FILL;

    /// A record freshly created by `init_if_needed` is all zeroes; a used one has `max_size > 0`
    /// (a quote with max size 0 can never be filled).
    pub fn is_fresh(&self) -> bool {
        self.max_size == 0
    }

    /// Checks what must always hold: never filled beyond the signed max size.
    pub fn invariant(&self) -> Result<()> {
        require!(
            self.filled_size <= self.max_size,
            ExecTradeError::QuoteOverfilled
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialized_size_is_pinned() {
        assert_eq!(QuoteFill::INIT_SPACE, 16 + 32 + 8 + 8 + 8 + 32 + 1);
    }
}
