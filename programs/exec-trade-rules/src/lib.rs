//! Every rule of the exec-trade Solana program, as pure, dependency-free, `no_std` Rust.
//!
//! The Anchor program (`programs/exec-trade`) owns accounts, PDAs and token transfers; every
//! decision it makes goes through a function here, so the decisions are unit- and
//! property-tested with plain `cargo test` and no Solana toolchain:
//!
//! - [`ed25519`]: the Ed25519-program instruction that carries a signed message;
//! - [`quote`] / [`settlement`]: the signed byte layouts (docs/quote-format.md);
//! - [`ladder`]: quote format v2, one signed Merkle root per round ladder, leaves with proofs;
//! - [`decay`]: prices that rise with quote age, and the taker's price guard;
//! - [`fill`]: `take_quote` (quote context, fill maths, replay accounting, limits);
//! - [`exposure`]: the per-strike book of a round and the house's worst-case net payout;
//! - [`schedule`]: which expiries a round may have and when its trading closes;
//! - [`settle`]: the round lifecycle (open, settle, claim, refund, close);
//! - [`admin`]: config and house vault checks;
//! - [`error::RuleError`]: one variant per failure, append-only.
//!
//! How `take_quote` uses it (the program supplies the sysvar data, clock and accounts):
//!
//! ```
//! use exec_trade_rules::*;
//! # fn take_quote(
//! #     current_index: u16, stack_height: usize, ed25519_ix: InstructionView<'_>,
//! #     oracle: &[u8; 32], quote_id_arg: &[u8; 16], ctx: &QuoteContext, side: u8, size: u64,
//! #     filled: u64, book: &mut [StrikeExposure], count: u8, round_net_payout_before: u64,
//! #     wallet_total: u64, limits: &Limits, house_balance: u64,
//! # ) -> Result<(FillAmounts, u64), RuleError> {
//! check_top_level(stack_height)?;
//! let _index = ed25519_index(current_index)?; // load_instruction_at_checked(_index)
//! let quote = verified_quote(&ed25519_ix, oracle)?;
//! check_quote(&quote, ctx)?;
//! check_quote_id(quote_id_arg, &quote)?;
//! let price = quote.price_for(Side::from_u8(side)?)?;
//! let amounts = fill_amounts(size, price)?;
//! let new_filled = apply_fill(filled, size, quote.max_size)?;
//! let side = Side::from_u8(side)?;
//! let count = add_exposure(book, count, quote.strike, side, &amounts)?; // on a copy of the round's book
//! let round_net_payout_after = worst_case_net_payout(book.get(..usize::from(count)).unwrap_or_default())?;
//! check_limits(size, round_net_payout_before, round_net_payout_after, wallet_total, limits)?;
//! check_house_liquidity(house_balance, amounts.house_collateral)?;
//! Ok((amounts, new_filled))
//! # }
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![deny(arithmetic_overflow)]
#![deny(missing_docs)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::float_arithmetic
)]

#[cfg(test)]
extern crate std;

pub mod admin;
mod bytes;
pub mod constants;
pub mod decay;
pub mod ed25519;
pub mod error;
pub mod exposure;
pub mod fill;
pub mod ladder;
pub mod quote;
pub mod schedule;
pub mod settle;
pub mod settlement;

pub use admin::{
    add_liability, check_cluster, check_deposit, check_limits_config, check_refund_grace,
    check_simulated_allowed, check_withdraw, release_liability,
};
pub use constants::*;
pub use decay::{check_max_price, decayed_price, quote_age_sec};
pub use ed25519::{
    check_top_level, ed25519_index, verified_ladder_root, verified_quote, verified_settlement,
    verify_ed25519_instruction, InstructionView,
};
pub use error::RuleError;
pub use exposure::{add_exposure, worst_case_net_payout, StrikeExposure};
pub use fill::{
    add_open_position, apply_fill, check_house_liquidity, check_limits, check_par, check_quote,
    check_quote_id, fill_amounts, remove_open_position, FillAmounts, Limits, QuoteContext, Side,
};
pub use ladder::{
    decode_ladder_leaf, decode_ladder_root, encode_ladder_leaf, encode_ladder_root, ladder_quote,
    leaf_hash, node_hash, proof_len, root_from_proof, LadderLeaf, LadderRoot, Sha256,
};
pub use quote::{decode_quote, encode_quote, Quote};
pub use schedule::{check_round_schedule, trading_close_offset, RoundSpec};
pub use settle::{
    can_close_quote_fill, can_close_round, check_claimable, check_epoch_raise, check_settlement,
    claim, close_round_status, open_round_check, outcome, refund_allowed, refund_amounts,
    ClaimDestination, RefundAmounts, RoundStatus, RoundTimes, SettleContext,
};
pub use settlement::{decode_settlement, encode_settlement, Settlement};
