//! Program accounts, one file each: `#[derive(InitSpace)]`, a seed constant, the stored bump and
//! an `invariant()` the handlers check after they mutate the account.

pub mod config;
pub mod position;
pub mod quote_fill;
pub mod round;
pub mod wallet_exposure;

pub use config::*;
pub use position::*;
pub use quote_fill::*;
pub use round::*;
pub use wallet_exposure::*;
