//! Ed25519 verification through the instructions sysvar (the Pyth Lazer `signature.rs` pattern).
//!
//! The signed message travels only in the Ed25519-program instruction right before ours. This
//! module is the one place that touches the sysvar: it requires a top-level call, loads the
//! preceding instruction with the *checked* loaders (they verify the account really is the
//! sysvar: the Wormhole hole) and hands a borrowed view to the rules crate, which pins every
//! offset and instruction index and compares the signer. Keeping it here means the verifier can
//! be swapped for an SBF ed25519 program if precompiles are deprecated (SIMD-0568).

use anchor_lang::prelude::*;
use anchor_lang::solana_program::instruction::get_stack_height;
#[allow(deprecated)]
use anchor_lang::solana_program::sysvar::instructions::{
    load_current_index_checked, load_instruction_at_checked,
};
use exec_trade_rules::{self as rules, InstructionView, LadderRoot, Quote, RuleError, Settlement};

use crate::error::rule;

/// Loads the instruction immediately before the current one and runs `check` on it.
#[allow(deprecated)]
fn check_preceding_instruction<T>(
    instructions_sysvar: &AccountInfo,
    check: impl FnOnce(&InstructionView<'_>) -> core::result::Result<T, RuleError>,
) -> Result<T> {
    rule(rules::check_top_level(get_stack_height()))?;
    let current = load_current_index_checked(instructions_sysvar)?;
    let index = rule(rules::ed25519_index(current))?;
    let ix = load_instruction_at_checked(usize::from(index), instructions_sysvar)?;
    let program_id = ix.program_id.to_bytes();
    let view = InstructionView {
        program_id: &program_id,
        num_accounts: ix.accounts.len(),
        data: &ix.data,
    };
    rule(check(&view))
}

/// The quote signed by `oracle_authority` in the preceding Ed25519 instruction.
pub fn verified_quote(
    instructions_sysvar: &AccountInfo,
    oracle_authority: &Pubkey,
) -> Result<Quote> {
    let key = oracle_authority.to_bytes();
    check_preceding_instruction(instructions_sysvar, |ix| rules::verified_quote(ix, &key))
}

/// The settlement signed by `settlement_authority` in the preceding Ed25519 instruction.
pub fn verified_settlement(
    instructions_sysvar: &AccountInfo,
    settlement_authority: &Pubkey,
) -> Result<Settlement> {
    let key = settlement_authority.to_bytes();
    check_preceding_instruction(instructions_sysvar, |ix| {
        rules::verified_settlement(ix, &key)
    })
}

/// The ladder root (quote format v2) signed by `oracle_authority` in the preceding Ed25519
/// instruction.
pub fn verified_ladder_root(
    instructions_sysvar: &AccountInfo,
    oracle_authority: &Pubkey,
) -> Result<LadderRoot> {
    let key = oracle_authority.to_bytes();
    check_preceding_instruction(instructions_sysvar, |ix| {
        rules::verified_ladder_root(ix, &key)
    })
}

/// sha256 through the runtime's hashing syscall (on-chain) for the ladder proofs.
pub struct SyscallSha256;

impl rules::Sha256 for SyscallSha256 {
    fn hashv(&self, parts: &[&[u8]]) -> [u8; 32] {
        solana_sha256_hasher::hashv(parts).to_bytes()
    }
}
