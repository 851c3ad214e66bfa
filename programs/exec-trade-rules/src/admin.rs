//! The rules of configuration and the house vault (initialize/update config, fund, withdraw).

use crate::constants::CLUSTER_MAINNET;
use crate::error::RuleError;

/// Requires a known cluster id (0 localnet ..= 3 mainnet-beta).
pub fn check_cluster(cluster: u8) -> Result<(), RuleError> {
    if cluster > CLUSTER_MAINNET {
        return Err(RuleError::InvalidCluster);
    }
    Ok(())
}

/// Checks the time parameters of the config: both offsets are non-negative seconds.
pub fn check_config_params(
    trading_close_offset_sec: i64,
    refund_grace_sec: i64,
) -> Result<(), RuleError> {
    if trading_close_offset_sec < 0 {
        return Err(RuleError::InvalidTradingCloseOffset);
    }
    if refund_grace_sec < 0 {
        return Err(RuleError::InvalidRefundGrace);
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
