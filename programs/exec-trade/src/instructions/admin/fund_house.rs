use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use exec_trade_rules as rules;

use crate::constants::{SEED_CONFIG, SEED_HOUSE_VAULT};
use crate::error::{rule, ExecTradeError};
use crate::events::HouseFundedEvent;
use crate::instructions::token_cpi;
use crate::state::Config;

#[derive(Accounts)]
pub struct FundHouse<'info> {
    pub depositor: Signer<'info>,
    #[account(
        seeds = [SEED_CONFIG],
        bump = config.bump,
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
    #[account(mut, token::mint = collateral_mint, token::authority = depositor)]
    pub depositor_token: Box<Account<'info, TokenAccount>>,
    pub collateral_mint: Box<Account<'info, Mint>>,
    pub token_program: Program<'info, Token>,
}

impl FundHouse<'_> {
    pub fn validate(&self, amount: u64) -> Result<()> {
        rule(rules::check_deposit(amount))
    }
}

pub fn handler(ctx: Context<FundHouse>, amount: u64) -> Result<()> {
    let accounts = &mut *ctx.accounts;
    token_cpi::transfer(
        &accounts.token_program,
        &accounts.collateral_mint,
        &accounts.depositor_token,
        &accounts.house_vault,
        accounts.depositor.to_account_info(),
        &[],
        amount,
    )?;
    accounts.house_vault.reload()?;
    emit!(HouseFundedEvent {
        depositor: accounts.depositor.key(),
        amount,
        vault_balance: accounts.house_vault.amount,
        ts: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
