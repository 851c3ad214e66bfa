pub mod accept_admin;
pub mod fund_house;
pub mod initialize_config;
pub mod raise_quote_epoch;
pub mod update_config;
pub mod withdraw_house;

#[allow(ambiguous_glob_reexports)]
pub use accept_admin::*;
#[allow(ambiguous_glob_reexports)]
pub use fund_house::*;
#[allow(ambiguous_glob_reexports)]
pub use initialize_config::*;
#[allow(ambiguous_glob_reexports)]
pub use raise_quote_epoch::*;
#[allow(ambiguous_glob_reexports)]
pub use update_config::*;
#[allow(ambiguous_glob_reexports)]
pub use withdraw_house::*;
