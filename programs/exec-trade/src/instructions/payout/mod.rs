pub mod claim;
pub mod position_payout;
pub mod refund;

#[allow(ambiguous_glob_reexports)]
pub use claim::*;
#[allow(ambiguous_glob_reexports)]
pub use position_payout::*;
#[allow(ambiguous_glob_reexports)]
pub use refund::*;
