//! Seeds and precision constants, exported to the IDL with `#[constant]`. Every value comes from
//! the rules crate (`exec_trade_rules::constants`), the single source of truth shared with the
//! TypeScript client (tests/program/idl.test.ts compares them).

use anchor_lang::prelude::*;
use exec_trade_rules::constants as rules;

/// Price micro-units per 1 USDT (1e6).
#[constant]
pub const PRICE_PRECISION: u64 = rules::PRICE_PRECISION;

/// Probability micro-units per 1.0 (1e6).
#[constant]
pub const PROB_PRECISION: u64 = rules::PROB_PRECISION;

/// Length of the signed quote message, bytes.
#[constant]
pub const QUOTE_MESSAGE_LEN: u16 = rules::QUOTE_LEN as u16;

/// Length of the signed settlement message, bytes.
#[constant]
pub const SETTLEMENT_MESSAGE_LEN: u16 = rules::SETTLEMENT_LEN as u16;

/// Shortest refund grace a config may hold, seconds.
#[constant]
pub const MIN_REFUND_GRACE_SEC: i64 = rules::MIN_REFUND_GRACE_SEC;

/// Longest refund grace a config may hold, seconds.
#[constant]
pub const MAX_REFUND_GRACE_SEC: i64 = rules::MAX_REFUND_GRACE_SEC;

/// Entries of the config's round schedule.
#[constant]
pub const MAX_ROUND_SCHEDULE: u8 = rules::MAX_ROUND_SCHEDULE as u8;

/// Distinct strikes one round tracks for its worst-case net payout.
#[constant]
pub const MAX_ROUND_STRIKES: u8 = rules::MAX_ROUND_STRIKES as u8;

/// The cluster this build is for (cargo feature `devnet`, `testnet` or `mainnet`; none =
/// localnet). `initialize_config` stores it; quotes and settlements must carry it.
#[cfg(not(any(feature = "devnet", feature = "testnet", feature = "mainnet")))]
pub const CLUSTER: u8 = rules::CLUSTER_LOCALNET;
#[cfg(all(feature = "devnet", not(any(feature = "testnet", feature = "mainnet"))))]
pub const CLUSTER: u8 = rules::CLUSTER_DEVNET;
#[cfg(all(feature = "testnet", not(feature = "mainnet")))]
pub const CLUSTER: u8 = rules::CLUSTER_TESTNET;
#[cfg(feature = "mainnet")]
pub const CLUSTER: u8 = rules::CLUSTER_MAINNET;

#[constant]
pub const SEED_CONFIG: &[u8] = rules::SEED_CONFIG;

#[constant]
pub const SEED_HOUSE_VAULT: &[u8] = rules::SEED_HOUSE_VAULT;

#[constant]
pub const SEED_ROUND: &[u8] = rules::SEED_ROUND;

#[constant]
pub const SEED_ROUND_VAULT: &[u8] = rules::SEED_ROUND_VAULT;

#[constant]
pub const SEED_QUOTE_FILL: &[u8] = rules::SEED_QUOTE_FILL;

#[constant]
pub const SEED_POSITION: &[u8] = rules::SEED_POSITION;

#[constant]
pub const SEED_EXPOSURE: &[u8] = rules::SEED_EXPOSURE;

/// The instructions sysvar (`Sysvar1nstructions1111111111111111111111111`). Declared here rather
/// than imported because anchor-lang 0.32 marks its re-export deprecated.
pub const INSTRUCTIONS_SYSVAR_ID: Pubkey = pubkey!("Sysvar1nstructions1111111111111111111111111");

/// Bytes reserved at the end of `Config` for fields added later.
pub const CONFIG_PADDING: usize = 64;

/// Bytes reserved at the end of `Round` for fields added later.
pub const ROUND_PADDING: usize = 32;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_lengths_fit_u16() {
        assert_eq!(usize::from(QUOTE_MESSAGE_LEN), rules::QUOTE_LEN);
        assert_eq!(usize::from(SETTLEMENT_MESSAGE_LEN), rules::SETTLEMENT_LEN);
    }

    #[test]
    fn array_bounds_fit_u8() {
        assert_eq!(usize::from(MAX_ROUND_SCHEDULE), rules::MAX_ROUND_SCHEDULE);
        assert_eq!(usize::from(MAX_ROUND_STRIKES), rules::MAX_ROUND_STRIKES);
    }

    #[test]
    fn a_default_build_is_for_localnet() {
        #[cfg(not(any(feature = "devnet", feature = "testnet", feature = "mainnet")))]
        assert_eq!(CLUSTER, rules::CLUSTER_LOCALNET);
    }

    #[test]
    fn seeds_are_the_documented_bytes() {
        assert_eq!(SEED_CONFIG, b"config");
        assert_eq!(SEED_HOUSE_VAULT, b"house_vault");
        assert_eq!(SEED_ROUND, b"round");
        assert_eq!(SEED_ROUND_VAULT, b"round_vault");
        assert_eq!(SEED_QUOTE_FILL, b"quote_fill");
        assert_eq!(SEED_POSITION, b"position");
        assert_eq!(SEED_EXPOSURE, b"exposure");
    }
}
