pub mod close_round;
pub mod open_round;
pub mod settle_round;

#[allow(ambiguous_glob_reexports)]
pub use close_round::*;
#[allow(ambiguous_glob_reexports)]
pub use open_round::*;
#[allow(ambiguous_glob_reexports)]
pub use settle_round::*;
