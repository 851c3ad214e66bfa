use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use exec_trade_rules as rules;

use crate::constants::{ROUND_PADDING, SEED_CONFIG, SEED_ROUND, SEED_ROUND_VAULT};
use crate::error::{rule, ExecTradeError};
use crate::events::RoundOpenedEvent;
use crate::state::{rules_schedule, Config, Round, RoundStatus, StrikeExposure};

/// `init_if_needed`: opening is idempotent, so two takes built before either lands can both
/// carry `open_round`, and a keeper opening rounds ahead never breaks a trader's take.
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
        init_if_needed,
        payer = payer,
        space = Round::DISCRIMINATOR.len() + Round::INIT_SPACE,
        seeds = [SEED_ROUND, &asset.to_le_bytes(), &expiry_ts.to_le_bytes()],
        bump
    )]
    pub round: Box<Account<'info, Round>>,
    #[account(
        init_if_needed,
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

pub fn handler(ctx: Context<OpenRound>, asset: u8, expiry_ts: i64) -> Result<()> {
    let round = &mut ctx.accounts.round;
    // An opened round has a non-zero expiry (expiries are in the future); the seeds already pin
    // asset and expiry, so an existing round is left exactly as it is.
    if round.expiry_ts != 0 {
        require!(
            round.asset == asset && round.expiry_ts == expiry_ts,
            ExecTradeError::WrongRound
        );
        return Ok(());
    }
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let times = rule(rules::open_round_check(
        asset,
        expiry_ts,
        now,
        &rules_schedule(&config.round_schedule),
        config.refund_grace_sec,
    ))?;
    round.asset = asset;
    round.expiry_ts = expiry_ts;
    round.trading_close_ts = times.trading_close_ts;
    round.refund_after_ts = times.refund_after_ts;
    round.status = RoundStatus::Open;
    round.settlement_price = 0;
    round.settled_at = 0;
    round.total_size = 0;
    round.open_positions = 0;
    round.worst_case_net_payout = 0;
    round.strike_count = 0;
    round.exposures = [StrikeExposure::default(); 32];
    round.opener = ctx.accounts.payer.key();
    round.vault_bump = ctx.bumps.round_vault;
    round.bump = ctx.bumps.round;
    round.padding = [0u8; ROUND_PADDING];
    round.invariant()?;

    emit!(RoundOpenedEvent {
        round: round.key(),
        asset,
        expiry_ts,
        trading_close_ts: times.trading_close_ts,
        refund_after_ts: times.refund_after_ts,
        opener: round.opener,
        ts: now,
    });
    Ok(())
}
