//! The rules of configuration and the house vault (initialize/update config, fund, withdraw).

use crate::constants::{
    CLUSTER_LOCALNET, CLUSTER_MAINNET, MAX_REFUND_GRACE_SEC, MIN_REFUND_GRACE_SEC,
};
use crate::error::RuleError;
use crate::fill::Limits;

/// Requires a known cluster id (0 localnet ..= 3 mainnet-beta).
pub fn check_cluster(cluster: u8) -> Result<(), RuleError> {
    if cluster > CLUSTER_MAINNET {
        return Err(RuleError::InvalidCluster);
    }
    Ok(())
}

/// Requires a refund grace within `[MIN_REFUND_GRACE_SEC, MAX_REFUND_GRACE_SEC]`.
pub fn check_refund_grace(refund_grace_sec: i64) -> Result<(), RuleError> {
    if !(MIN_REFUND_GRACE_SEC..=MAX_REFUND_GRACE_SEC).contains(&refund_grace_sec) {
        return Err(RuleError::RefundGraceOutOfRange);
    }
    Ok(())
}

/// Requires limits a fill can satisfy: `0 < min_position_size ≤ max_position_size`, and non-zero
/// round and wallet limits. (Zero limits would silently refuse every fill.)
pub fn check_limits_config(limits: &Limits) -> Result<(), RuleError> {
    let usable = limits.min_position_size > 0
        && limits.min_position_size <= limits.max_position_size
        && limits.max_round_net_payout > 0
        && limits.max_wallet_round_size > 0;
    if !usable {
        return Err(RuleError::InvalidLimits);
    }
    Ok(())
}

/// Simulated (non-live) prices are acceptable only on a localnet.
pub fn check_simulated_allowed(cluster: u8, allow_simulated: bool) -> Result<(), RuleError> {
    if allow_simulated && cluster != CLUSTER_LOCALNET {
        return Err(RuleError::SimulatedOnlyOnLocalnet);
    }
    Ok(())
}

/// `fund_house`: any non-zero deposit.
pub fn check_deposit(amount: u64) -> Result<(), RuleError> {
    if amount == 0 {
        return Err(RuleError::ZeroAmount);
    }
    Ok(())
}

/// `withdraw_house`: a non-zero amount no larger than the house vault balance. Collateral of
/// open positions lives in the round vaults, so it can never be withdrawn.
pub fn check_withdraw(house_balance: u64, amount: u64) -> Result<(), RuleError> {
    if amount == 0 {
        return Err(RuleError::ZeroAmount);
    }
    if amount > house_balance {
        return Err(RuleError::HouseInsufficientBalance);
    }
    Ok(())
}

/// The config's informational `house_liability` after a fill locks `house_collateral`.
pub fn add_liability(house_liability: u64, house_collateral: u64) -> Result<u64, RuleError> {
    house_liability
        .checked_add(house_collateral)
        .ok_or(RuleError::MathOverflow)
}

/// The config's `house_liability` after a position holding `house_collateral` is claimed or refunded.
pub fn release_liability(house_liability: u64, house_collateral: u64) -> Result<u64, RuleError> {
    house_liability
        .checked_sub(house_collateral)
        .ok_or(RuleError::MathOverflow)
}
