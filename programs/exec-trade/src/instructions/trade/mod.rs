pub mod close_quote_fill;
pub mod take_quote;

#[allow(ambiguous_glob_reexports)]
pub use close_quote_fill::*;
#[allow(ambiguous_glob_reexports)]
pub use take_quote::*;
