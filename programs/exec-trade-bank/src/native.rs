//! The exec-trade program compiled for the host and registered in a `solana-program-test` bank as
//! a builtin, with the accounts a deployed program has: its ProgramData (so `initialize_config` can
//! check the upgrade authority, as on a real cluster).

use anchor_lang::solana_program::{
    account_info::AccountInfo, entrypoint::ProgramResult, pubkey::Pubkey,
};
use solana_loader_v3_interface::state::UpgradeableLoaderState;
use solana_program_test::{processor, ProgramTest};
use solana_sdk::{account::Account, rent::Rent};
use solana_sdk_ids::bpf_loader_upgradeable;

/// Trap 1 of docs/native-bank: Anchor's `entry` is
/// `fn<'info>(&Pubkey, &'info [AccountInfo<'info>], &[u8])`, while program-test's `processor!`
/// needs a function over independent lifetimes. The slice and the `AccountInfo`s it holds are
/// both created by program-test for this one call (`invoke_builtin_function` deserializes them
/// from a parameter buffer that outlives the call), so equating the two lifetimes lets nothing
/// escape: Anchor neither stores the slice nor swaps an `AccountInfo`'s borrowed buffers for
/// others. We chose this lifetime cast over leaking a copy of the slice per instruction, which
/// would grow the long-running local chain's memory without bound.
fn process_instruction(
    program_id: &Pubkey,
    accounts: &[AccountInfo],
    data: &[u8],
) -> ProgramResult {
    // SAFETY: see above; only lifetimes change, the layout is identical.
    let accounts: &[AccountInfo<'_>] = unsafe { unify_lifetimes(accounts) };
    exec_trade::entry(program_id, accounts, data)
}

unsafe fn unify_lifetimes<'a, 'b>(accounts: &'a [AccountInfo<'b>]) -> &'a [AccountInfo<'a>] {
    std::mem::transmute::<&'a [AccountInfo<'b>], &'a [AccountInfo<'a>]>(accounts)
}

/// The address of the program's ProgramData account (upgradeable loader PDA of the program id).
pub fn program_data_address() -> Pubkey {
    Pubkey::find_program_address(&[exec_trade::ID.as_ref()], &bpf_loader_upgradeable::id()).0
}

/// A bank with the native exec-trade program and its ProgramData naming `upgrade_authority`.
/// Everything else (SPL Token, ATA, the Ed25519 precompile, sysvars) is program-test's own.
pub fn program_test(upgrade_authority: &Pubkey) -> ProgramTest {
    let mut pt = ProgramTest::default();
    // Trap 3: with BPF_OUT_DIR/SBF_OUT_DIR set, program-test would look for a .so and panic.
    pt.prefer_bpf(false);
    pt.add_program(
        "exec_trade",
        exec_trade::ID,
        processor!(process_instruction),
    );
    let state = UpgradeableLoaderState::ProgramData {
        slot: 0,
        upgrade_authority_address: Some(*upgrade_authority),
    };
    let data = bincode::serialize(&state).expect("ProgramData state serializes");
    pt.add_account(
        program_data_address(),
        Account {
            lamports: Rent::default().minimum_balance(data.len()),
            data,
            owner: bpf_loader_upgradeable::id(),
            executable: false,
            rent_epoch: 0,
        },
    );
    pt
}
