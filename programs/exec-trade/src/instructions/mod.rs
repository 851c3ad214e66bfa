//! One file per instruction (Args, `#[derive(Accounts)]`, `validate()`, `handler`), grouped by
//! domain: `admin/` (config and house vault), `market/` (round lifecycle), `trade/` (quotes),
//! `payout/` (claim and refund). `token_cpi.rs` holds the two token CPIs every domain uses.

pub mod admin;
pub mod market;
pub mod payout;
pub mod token_cpi;
pub mod trade;

#[allow(ambiguous_glob_reexports)]
pub use admin::*;
#[allow(ambiguous_glob_reexports)]
pub use market::*;
#[allow(ambiguous_glob_reexports)]
pub use payout::*;
#[allow(ambiguous_glob_reexports)]
pub use trade::*;
