use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use exec_trade_rules as rules;

use crate::constants::{
    SEED_CONFIG, SEED_EXPOSURE, SEED_HOUSE_VAULT, SEED_POSITION, SEED_ROUND, SEED_ROUND_VAULT,
};
use crate::error::{rule, ExecTradeError};
use crate::events::PositionRefundedEvent;
use crate::instructions::payout::release_position;
use crate::instructions::token_cpi;
use crate::state::{Config, Position, Round, RoundStatus, WalletExposure};

#[event_cpi]
#[derive(Accounts)]
pub struct Refund<'info> {
    #[account(
        mut,
        seeds = [SEED_CONFIG],
        bump = config.bump,
        has_one = collateral_mint @ ExecTradeError::WrongMint
    )]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_ROUND, &round.asset.to_le_bytes(), &round.expiry_ts.to_le_bytes()],
        bump = round.bump
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
    #[account(
        mut,
        seeds = [SEED_POSITION, position.quote_id.as_ref(), position.trader.as_ref()],
        bump = position.bump,
        has_one = round @ ExecTradeError::WrongRound,
        has_one = payer @ ExecTradeError::WrongPayer,
        close = payer
    )]
    pub position: Box<Account<'info, Position>>,
    #[account(
        mut,
        seeds = [SEED_EXPOSURE, round.key().as_ref(), position.trader.as_ref()],
        bump = exposure.bump
    )]
    pub exposure: Box<Account<'info, WalletExposure>>,
    #[account(
        mut,
        token::mint = collateral_mint,
        constraint = trader_token.owner == position.trader @ ExecTradeError::WrongTraderToken
    )]
    pub trader_token: Box<Account<'info, TokenAccount>>,
    /// CHECK: only receives the position's rent; pinned to `position.payer` by `has_one = payer`.
    #[account(mut)]
    pub payer: UncheckedAccount<'info>,
    pub collateral_mint: Box<Account<'info, Mint>>,
    pub token_program: Program<'info, Token>,
}

impl Refund<'_> {
    /// Refunds start `refund_grace_sec` after expiry on a round that was never settled.
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        rule(rules::refund_allowed(
            self.round.status.into(),
            now,
            self.round.expiry_ts,
            self.config.refund_grace_sec,
        ))
    }
}

/// Permissionless crank: the stake can only go back to the trader's own token account and the
/// house collateral only to the house vault.
pub fn handler(ctx: Context<Refund>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let accounts = &mut *ctx.accounts;
    // Once refunding, a round can never be settled (check_settlement refuses it).
    accounts.round.status = RoundStatus::Refunding;
    let position = &accounts.position;
    let amounts = rule(rules::refund_amounts(
        position.stake,
        position.house_collateral,
        position.size,
    ))?;

    let signer = accounts.round.signer();
    let seeds = signer.seeds();
    token_cpi::transfer(
        &accounts.token_program,
        &accounts.collateral_mint,
        &accounts.round_vault,
        &accounts.trader_token,
        accounts.round.to_account_info(),
        &[&seeds],
        amounts.to_trader,
    )?;
    token_cpi::transfer(
        &accounts.token_program,
        &accounts.collateral_mint,
        &accounts.round_vault,
        &accounts.house_vault,
        accounts.round.to_account_info(),
        &[&seeds],
        amounts.to_house,
    )?;

    release_position(
        &mut accounts.config,
        &mut accounts.round,
        &mut accounts.exposure,
        &accounts.position,
        accounts.payer.to_account_info(),
    )?;

    let event = PositionRefundedEvent {
        round: accounts.round.key(),
        position: accounts.position.key(),
        trader: accounts.position.trader,
        to_trader: amounts.to_trader,
        to_house: amounts.to_house,
        ts: now,
    };
    emit_cpi!(event);
    Ok(())
}
