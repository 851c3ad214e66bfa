use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use exec_trade_rules as rules;

use crate::constants::{ROUND_PADDING, SEED_CONFIG, SEED_ROUND, SEED_ROUND_VAULT};
use crate::error::{rule, ExecTradeError};
use crate::events::RoundOpenedEvent;
use crate::state::{Config, Round, RoundStatus};

#[derive(Accounts)]
#[instruction(asset: u8, expiry_ts: i64)]
pub struct OpenRound<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(
        seeds = [SEED_CONFIG],
        bump = config.bump,
        has_one = collateral_mint @ ExecTradeError::WrongMint
    )]
    pub config: Box<Account<'info, Config>>,
    #[account(
        init,
        payer = payer,
        space = Round::DISCRIMINATOR.len() + Round::INIT_SPACE,
        seeds = [SEED_ROUND, &asset.to_le_bytes(), &expiry_ts.to_le_bytes()],
        bump
    )]
    pub round: Box<Account<'info, Round>>,
    #[account(
        init,
        payer = payer,
        seeds = [SEED_ROUND_VAULT, round.key().as_ref()],
        bump,
        token::mint = collateral_mint,
        token::authority = round,
        token::token_program = token_program
    )]
    pub round_vault: Box<Account<'info, TokenAccount>>,
    pub collateral_mint: Box<Account<'info, Mint>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

impl OpenRound<'_> {
    pub fn validate(&self, asset: u8, expiry_ts: i64) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        rule(rules::open_round_check(
            asset,
            expiry_ts,
            now,
            self.config.trading_close_offset_sec,
        ))
        .map(|_| ())
    }
}

pub fn handler(ctx: Context<OpenRound>, asset: u8, expiry_ts: i64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let trading_close_ts = rule(rules::open_round_check(
        asset,
        expiry_ts,
        now,
        ctx.accounts.config.trading_close_offset_sec,
    ))?;
    let round = &mut ctx.accounts.round;
    round.asset = asset;
    round.expiry_ts = expiry_ts;
    round.trading_close_ts = trading_close_ts;
    round.status = RoundStatus::Open;
    round.settlement_price = 0;
    round.settled_at = 0;
    round.total_size = 0;
    round.open_positions = 0;
    round.opener = ctx.accounts.payer.key();
    round.vault_bump = ctx.bumps.round_vault;
    round.bump = ctx.bumps.round;
    round.padding = [0u8; ROUND_PADDING];
    round.invariant()?;

    emit!(RoundOpenedEvent {
        round: round.key(),
        asset,
        expiry_ts,
        trading_close_ts,
        opener: round.opener,
        ts: now,
    });
    Ok(())
}
