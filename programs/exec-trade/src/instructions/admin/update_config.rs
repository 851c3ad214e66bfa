use anchor_lang::prelude::*;
use exec_trade_rules as rules;

use crate::constants::SEED_CONFIG;
use crate::error::{rule, ExecTradeError};
use crate::events::ConfigUpdatedEvent;
use crate::state::{Config, RiskLimits};

/// Arguments of update_config; None leaves a field unchanged.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug)]
pub struct UpdateConfigArgs {
    pub new_admin: Option<Pubkey>,
    pub oracle_authority: Option<Pubkey>,
    pub settlement_authority: Option<Pubkey>,
    pub paused: Option<bool>,
    pub allow_simulated: Option<bool>,
    pub limits: Option<RiskLimits>,
    pub trading_close_offset_sec: Option<i64>,
    pub refund_grace_sec: Option<i64>,
}

#[derive(Accounts)]
pub struct UpdateConfig<'info> {
    pub admin: Signer<'info>,
    #[account(
        mut,
        seeds = [SEED_CONFIG],
        bump = config.bump,
        has_one = admin @ ExecTradeError::Unauthorized
    )]
    pub config: Box<Account<'info, Config>>,
}

impl UpdateConfig<'_> {
    pub fn validate(&self, args: &UpdateConfigArgs) -> Result<()> {
        rule(rules::check_config_params(
            args.trading_close_offset_sec
                .unwrap_or(self.config.trading_close_offset_sec),
            args.refund_grace_sec
                .unwrap_or(self.config.refund_grace_sec),
        ))
    }
}

pub fn handler(ctx: Context<UpdateConfig>, args: UpdateConfigArgs) -> Result<()> {
    let config = &mut ctx.accounts.config;
    if let Some(admin) = args.new_admin {
        config.admin = admin;
    }
    if let Some(key) = args.oracle_authority {
        config.oracle_authority = key;
    }
    if let Some(key) = args.settlement_authority {
        config.settlement_authority = key;
    }
    if let Some(paused) = args.paused {
        config.paused = paused;
    }
    if let Some(allow) = args.allow_simulated {
        config.allow_simulated = allow;
    }
    if let Some(limits) = args.limits {
        config.limits = limits;
    }
    if let Some(offset) = args.trading_close_offset_sec {
        config.trading_close_offset_sec = offset;
    }
    if let Some(grace) = args.refund_grace_sec {
        config.refund_grace_sec = grace;
    }
    config.invariant()?;

    emit!(ConfigUpdatedEvent {
        admin: config.admin,
        oracle_authority: config.oracle_authority,
        settlement_authority: config.settlement_authority,
        paused: config.paused,
        allow_simulated: config.allow_simulated,
        limits: config.limits,
        trading_close_offset_sec: config.trading_close_offset_sec,
        refund_grace_sec: config.refund_grace_sec,
        ts: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
