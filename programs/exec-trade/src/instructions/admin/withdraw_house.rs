use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use exec_trade_rules as rules;

use crate::constants::{SEED_CONFIG, SEED_HOUSE_VAULT};
use crate::error::{rule, ExecTradeError};
use crate::events::HouseWithdrawnEvent;
use crate::instructions::token_cpi;
use crate::state::Config;

#[derive(Accounts)]
pub struct WithdrawHouse<'info> {
    pub admin: Signer<'info>,
    #[account(
        seeds = [SEED_CONFIG],
        bump = config.bump,
        has_one = admin @ ExecTradeError::Unauthorized,
        has_one = collateral_mint @ ExecTradeError::WrongMint
    )]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_HOUSE_VAULT],
        bump = config.house_vault_bump,
        token::mint = collateral_mint,
        token::authority = config
    )]
    pub house_vault: Box<Account<'info, TokenAccount>>,
    #[account(mut, token::mint = collateral_mint)]
    pub destination: Box<Account<'info, TokenAccount>>,
    pub collateral_mint: Box<Account<'info, Mint>>,
    pub token_program: Program<'info, Token>,
}

impl WithdrawHouse<'_> {
    /// Only the house vault's own balance can leave: collateral backing open positions already
    /// sits in the round vaults, which only claim/refund/close_round move.
    pub fn validate(&self, amount: u64) -> Result<()> {
        rule(rules::check_withdraw(self.house_vault.amount, amount))
    }
}

pub fn handler(ctx: Context<WithdrawHouse>, amount: u64) -> Result<()> {
    let accounts = &mut *ctx.accounts;
    let bump = accounts.config.bump_seed();
    let seeds: [&[u8]; 2] = [Config::SEED, &bump];
    token_cpi::transfer(
        &accounts.token_program,
        &accounts.collateral_mint,
        &accounts.house_vault,
        &accounts.destination,
        accounts.config.to_account_info(),
        &[&seeds],
        amount,
    )?;
    accounts.house_vault.reload()?;
    emit!(HouseWithdrawnEvent {
        admin: accounts.admin.key(),
        destination: accounts.destination.key(),
        amount,
        vault_balance: accounts.house_vault.amount,
        ts: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
