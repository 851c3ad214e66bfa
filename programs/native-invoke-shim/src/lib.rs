//! Native-only stand-in for `solana-invoke` 0.4, used by the native bank (`programs/exec-trade-bank`)
//! and nowhere else.
//!
//! anchor-lang 0.32 routes every CPI (`init`, token transfers, `emit_cpi!`) through
//! `solana_invoke::invoke_signed`, whose off-chain path is `unimplemented!()`: compiled for the host,
//! every CPI would panic. `solana_program::program::invoke*` do the same account `RefCell` checks and,
//! off-chain, hand the call to the syscall stubs that `solana-program-test` installs, which run the
//! callee in the bank. So this crate re-exports them under solana-invoke's four names.
//!
//! The deployed program never links this crate: only the bank's own workspace has the
//! `[patch.crates-io]` entry, and the crate refuses to build for SBF.

#[cfg(target_os = "solana")]
compile_error!("native-invoke-shim is for host builds in the native bank; the SBF program uses the real solana-invoke");

pub use solana_program::program::{
    invoke, invoke_signed, invoke_signed_unchecked, invoke_unchecked,
};
