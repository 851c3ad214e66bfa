use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use exec_trade_rules::{self as rules, ClaimDestination};

use crate::constants::{
    SEED_CONFIG, SEED_EXPOSURE, SEED_HOUSE_VAULT, SEED_POSITION, SEED_ROUND, SEED_ROUND_VAULT,
};
use crate::error::{rule, ExecTradeError};
use crate::events::PositionClaimedEvent;
use crate::instructions::payout::release_position;
use crate::instructions::token_cpi;
use crate::state::{Config, Position, Round, WalletExposure};

#[event_cpi]
#[derive(Accounts)]
pub struct Claim<'info> {
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
    // Any collateral account of the position's trader (the keeper may create the trader's ATA).
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

impl Claim<'_> {
    pub fn validate(&self) -> Result<()> {
        rule(rules::check_claimable(self.round.status.into()))
    }
}

/// Permissionless crank: the winner's payout can only reach the trader's own token account and
/// a loser's size only the house vault, so anyone may submit it.
pub fn handler(ctx: Context<Claim>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let accounts = &mut *ctx.accounts;
    let position = &accounts.position;
    let settlement_price = accounts.round.settlement_price;
    let outcome = rules::outcome(settlement_price, position.strike);
    let (destination, amount) = rules::claim(
        position.side.into(),
        position.strike,
        settlement_price,
        position.size,
    );
    let (to_trader, to_house) = match destination {
        ClaimDestination::Trader => (amount, 0),
        ClaimDestination::House => (0, amount),
    };

    let signer = accounts.round.signer();
    let seeds = signer.seeds();
    let to = match destination {
        ClaimDestination::Trader => &accounts.trader_token,
        ClaimDestination::House => &accounts.house_vault,
    };
    token_cpi::transfer(
        &accounts.token_program,
        &accounts.collateral_mint,
        &accounts.round_vault,
        to,
        accounts.round.to_account_info(),
        &[&seeds],
        amount,
    )?;

    release_position(
        &mut accounts.config,
        &mut accounts.round,
        &mut accounts.exposure,
        &accounts.position,
        accounts.payer.to_account_info(),
    )?;

    let event = PositionClaimedEvent {
        round: accounts.round.key(),
        position: accounts.position.key(),
        trader: accounts.position.trader,
        side: accounts.position.side,
        outcome: outcome.into(),
        to_trader,
        to_house,
        ts: now,
    };
    emit_cpi!(event);
    Ok(())
}
