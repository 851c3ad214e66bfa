use anchor_lang::prelude::*;
use exec_trade_rules as rules;

use crate::constants::{CONFIG_PADDING, SEED_CONFIG};
use crate::error::rule;

/// Risk limits, all in collateral atoms.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct RiskLimits {
    /// Largest size of one fill, collateral atoms.
    pub max_position_size: u64,
    /// Largest total size of open positions in one round, collateral atoms.
    pub max_round_liability: u64,
    /// Largest total size one wallet may hold in one round, collateral atoms.
    pub max_wallet_round_size: u64,
}

impl From<RiskLimits> for rules::Limits {
    fn from(l: RiskLimits) -> Self {
        rules::Limits {
            max_position_size: l.max_position_size,
            max_round_liability: l.max_round_liability,
            max_wallet_round_size: l.max_wallet_round_size,
        }
    }
}

/// Program configuration, seeds ["config"].
#[account]
#[derive(InitSpace)]
pub struct Config {
    /// May update the config, raise the epoch and withdraw free house collateral.
    pub admin: Pubkey,
    /// Ed25519 key that signs quotes.
    pub oracle_authority: Pubkey,
    /// Ed25519 key that signs settlement prices.
    pub settlement_authority: Pubkey,
    /// Classic SPL Token mint of the collateral.
    pub collateral_mint: Pubkey,
    /// Cluster id quotes must carry: 0 localnet, 1 devnet, 2 testnet, 3 mainnet-beta.
    pub cluster: u8,
    /// Quotes must carry exactly this epoch.
    pub quote_epoch: u64,
    /// When true take_quote is refused; settlement, claims and refunds continue.
    pub paused: bool,
    /// Accept messages flagged SIMULATED (localnet only).
    pub allow_simulated: bool,
    /// Risk limits, collateral atoms.
    pub limits: RiskLimits,
    /// Seconds before expiry when trading closes, set on each round at open.
    pub trading_close_offset_sec: i64,
    /// Seconds after expiry after which an unsettled round refunds.
    pub refund_grace_sec: i64,
    /// House collateral locked in open positions, collateral atoms (informational).
    pub house_liability: u64,
    /// Bump of this PDA.
    pub bump: u8,
    /// Bump of the house vault PDA.
    pub house_vault_bump: u8,
    /// Reserved for growth.
    pub padding: [u8; CONFIG_PADDING],
}

impl Config {
    /// Seed of the config PDA.
    pub const SEED: &'static [u8] = SEED_CONFIG;

    /// The stored bump as a seed slice: signer seeds are `[Config::SEED, &config.bump_seed()]`.
    pub fn bump_seed(&self) -> [u8; 1] {
        [self.bump]
    }

    /// Checks what must always hold: known cluster, non-negative offsets.
    pub fn invariant(&self) -> Result<()> {
        rule(rules::check_cluster(self.cluster))?;
        rule(rules::check_config_params(
            self.trading_close_offset_sec,
            self.refund_grace_sec,
        ))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialized_size_is_pinned() {
        // 4 pubkeys + cluster + epoch + 2 bools + 3 limits + 2 offsets + liability + 2 bumps + padding
        assert_eq!(
            Config::INIT_SPACE,
            4 * 32 + 1 + 8 + 2 + 3 * 8 + 2 * 8 + 8 + 2 + 64
        );
        assert_eq!(RiskLimits::INIT_SPACE, 24);
    }
}
