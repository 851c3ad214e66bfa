//! The exec-trade program compiled for the host and executed in a real `solana-program-test` 2.3
//! bank (see docs/program.md, "What has been executed where").
//!
//! - [`native`]: the program as a builtin of the bank, with its ProgramData account.
//! - [`bank::LocalBank`]: a bank driven like a validator (clock following the wall clock,
//!   signature-verified transactions, history, program account index).
//! - [`rpc`]: enough of Solana's JSON-RPC and PubSub over a `LocalBank` for `@solana/web3.js`,
//!   Anchor's TypeScript client and the engine to work unchanged; the `exec-trade-local-chain`
//!   binary serves it.
//!
//! Test and development only: nothing here is part of the deployed program.

pub mod accounts;
pub mod bank;
pub mod history;
pub mod native;
pub mod rpc;

pub use bank::{ClockMode, LocalBank, Rejected, Simulation};
