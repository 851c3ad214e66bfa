//! The token CPIs of the program: `transfer_checked` (with the mint's decimals, so a mint
//! mismatch fails in the token program too) and `close_account`, signed by a user or a PDA.

use anchor_lang::prelude::*;
use anchor_spl::token::{self, CloseAccount, Mint, Token, TokenAccount, TransferChecked};

/// Moves `amount` atoms from `from` to `to`. `signer_seeds` is empty when `authority` is a
/// transaction signer, else the PDA's seeds. A zero amount is skipped.
pub fn transfer<'info>(
    token_program: &Program<'info, Token>,
    mint: &Account<'info, Mint>,
    from: &Account<'info, TokenAccount>,
    to: &Account<'info, TokenAccount>,
    authority: AccountInfo<'info>,
    signer_seeds: &[&[&[u8]]],
    amount: u64,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    let accounts = TransferChecked {
        from: from.to_account_info(),
        mint: mint.to_account_info(),
        to: to.to_account_info(),
        authority,
    };
    let ctx = CpiContext::new_with_signer(token_program.to_account_info(), accounts, signer_seeds);
    token::transfer_checked(ctx, amount, mint.decimals)
}

/// Closes an empty token account owned by a PDA, sending its rent to `destination`.
pub fn close<'info>(
    token_program: &Program<'info, Token>,
    account: &Account<'info, TokenAccount>,
    destination: AccountInfo<'info>,
    authority: AccountInfo<'info>,
    signer_seeds: &[&[&[u8]]],
) -> Result<()> {
    let accounts = CloseAccount {
        account: account.to_account_info(),
        destination,
        authority,
    };
    let ctx = CpiContext::new_with_signer(token_program.to_account_info(), accounts, signer_seeds);
    token::close_account(ctx)
}
