use anchor_lang::prelude::*;
use exec_trade_rules as rules;

use crate::constants::{CONFIG_PADDING, SEED_CONFIG};
use crate::error::rule;

/// Risk limits, all in collateral atoms.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct RiskLimits {
    /// Smallest size (payout) of one fill, collateral atoms (dust fills cannot fill a round's strike book).
    pub min_position_size: u64,
    /// Largest size (payout) of one fill, collateral atoms.
    pub max_position_size: u64,
    /// Largest worst-case net payout of the house in one round over every settlement price,
    /// collateral atoms (hedged positions offset each other).
    pub max_round_net_payout: u64,
    /// Largest total size one wallet may hold in one round, collateral atoms.
    pub max_wallet_round_size: u64,
}

impl From<RiskLimits> for rules::Limits {
    fn from(l: RiskLimits) -> Self {
        rules::Limits {
            min_position_size: l.min_position_size,
            max_position_size: l.max_position_size,
            max_round_net_payout: l.max_round_net_payout,
            max_wallet_round_size: l.max_wallet_round_size,
        }
    }
}

/// One round duration of the schedule and its trading close (see `rules::schedule`).
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct RoundSpec {
    /// Round duration, seconds; rounds expire at its multiples. 0 = unused entry.
    pub duration_sec: u32,
    /// Trading closes this many seconds before expiry.
    pub close_offset_sec: u32,
}

impl From<RoundSpec> for rules::RoundSpec {
    fn from(s: RoundSpec) -> Self {
        rules::RoundSpec {
            duration_sec: s.duration_sec,
            close_offset_sec: s.close_offset_sec,
        }
    }
}

/// The schedule in the rules' type.
pub fn rules_schedule(
    schedule: &[RoundSpec; rules::MAX_ROUND_SCHEDULE],
) -> [rules::RoundSpec; rules::MAX_ROUND_SCHEDULE] {
    schedule.map(rules::RoundSpec::from)
}

/// Program configuration, seeds ["config"].
#[account]
#[derive(InitSpace)]
pub struct Config {
    /// May update the config, raise the epoch and withdraw free house collateral.
    pub admin: Pubkey,
    /// Proposed by the admin; becomes admin when it signs `accept_admin`. Default = none.
    pub pending_admin: Pubkey,
    /// Ed25519 key that signs quotes.
    pub oracle_authority: Pubkey,
    /// Ed25519 key that signs settlement prices.
    pub settlement_authority: Pubkey,
    /// Classic SPL Token mint of the collateral.
    pub collateral_mint: Pubkey,
    /// Cluster of this build (0 localnet, 1 devnet, 2 testnet, 3 mainnet-beta); quotes must carry it.
    pub cluster: u8,
    /// Quotes must carry exactly this epoch.
    pub quote_epoch: u64,
    /// When true take_quote is refused; settlement, claims and refunds continue.
    pub paused: bool,
    /// Accept messages flagged SIMULATED (localnet only).
    pub allow_simulated: bool,
    /// Risk limits, collateral atoms.
    pub limits: RiskLimits,
    /// Round durations and their trading-close offsets; a round's expiry must be a multiple of
    /// one of them, and its trading closes at the largest offset among those that divide it.
    pub round_schedule: [RoundSpec; 8],
    /// Seconds after expiry at which an unsettled round becomes refundable (and can no longer be
    /// settled); fixed into each round when it opens. At least `MIN_REFUND_GRACE_SEC`.
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

    /// Checks what must always hold: known cluster, limits a fill can satisfy, valid schedule,
    /// refund grace within its range, simulated prices only on localnet.
    pub fn invariant(&self) -> Result<()> {
        rule(rules::check_cluster(self.cluster))?;
        rule(rules::check_limits_config(&self.limits.into()))?;
        rule(rules::check_round_schedule(&rules_schedule(
            &self.round_schedule,
        )))?;
        rule(rules::check_refund_grace(self.refund_grace_sec))?;
        rule(rules::check_simulated_allowed(
            self.cluster,
            self.allow_simulated,
        ))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialized_size_is_pinned() {
        // 5 pubkeys + cluster + epoch + 2 bools + 4 limits + 8 schedule entries + grace
        // + liability + 2 bumps + padding
        assert_eq!(
            Config::INIT_SPACE,
            5 * 32 + 1 + 8 + 2 + 4 * 8 + 8 * 8 + 8 + 8 + 2 + 64
        );
        assert_eq!(RiskLimits::INIT_SPACE, 32);
        assert_eq!(RoundSpec::INIT_SPACE, 8);
        assert_eq!(rules::MAX_ROUND_SCHEDULE, 8);
    }
}
