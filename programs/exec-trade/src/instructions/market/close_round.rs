use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use exec_trade_rules as rules;

use crate::constants::{SEED_CONFIG, SEED_HOUSE_VAULT, SEED_ROUND, SEED_ROUND_VAULT};
use crate::error::{rule, ExecTradeError};
use crate::events::RoundClosedEvent;
use crate::instructions::token_cpi;
use crate::state::{Config, Round, RoundStatus};

#[derive(Accounts)]
pub struct CloseRound<'info> {
    #[account(
        seeds = [SEED_CONFIG],
        bump = config.bump,
        has_one = collateral_mint @ ExecTradeError::WrongMint
    )]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_ROUND, &round.asset.to_le_bytes(), &round.expiry_ts.to_le_bytes()],
        bump = round.bump,
        has_one = opener @ ExecTradeError::WrongOpener,
        close = opener
    )]
    pub round: Box<Account<'info, Round>>,
    #[account(
        mut,
        seeds = [SEED_ROUND_VAULT, round.key().as_ref()],
        bump = round.vault_bump,
        token::mint = collateral_mint,
        token::authority = round
    )]
    pub round_vault: Box<Account<'info, TokenAccount>>,
    #[account(
        mut,
        seeds = [SEED_HOUSE_VAULT],
        bump = config.house_vault_bump,
        token::mint = collateral_mint,
        token::authority = config
    )]
    pub house_vault: Box<Account<'info, TokenAccount>>,
    /// CHECK: only receives the round's and its vault's rent; `has_one = opener` pins it.
    #[account(mut)]
    pub opener: UncheckedAccount<'info>,
    pub collateral_mint: Box<Account<'info, Mint>>,
    pub token_program: Program<'info, Token>,
}

/// The status the round closes with (an Open round past its refund time closes as Refunding: it
/// can never be settled any more), after checking it may close at all.
fn closing_status(round: &Round, now: i64) -> Result<RoundStatus> {
    rule(rules::close_round_status(
        round.status.into(),
        round.open_positions,
        now,
        round.refund_after_ts,
    ))
    .map(RoundStatus::from)
}

impl CloseRound<'_> {
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        closing_status(&self.round, now).map(|_| ())
    }
}

pub fn handler(ctx: Context<CloseRound>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let accounts = &mut *ctx.accounts;
    let status = closing_status(&accounts.round, now)?;
    accounts.round.status = status;

    let signer = accounts.round.signer();
    let seeds = signer.seeds();
    let swept = accounts.round_vault.amount;
    token_cpi::transfer(
        &accounts.token_program,
        &accounts.collateral_mint,
        &accounts.round_vault,
        &accounts.house_vault,
        accounts.round.to_account_info(),
        &[&seeds],
        swept,
    )?;
    token_cpi::close(
        &accounts.token_program,
        &accounts.round_vault,
        accounts.opener.to_account_info(),
        accounts.round.to_account_info(),
        &[&seeds],
    )?;

    emit!(RoundClosedEvent {
        round: accounts.round.key(),
        asset: accounts.round.asset,
        expiry_ts: accounts.round.expiry_ts,
        status,
        swept,
        ts: now,
    });
    Ok(())
}
