use anchor_lang::prelude::*;

use crate::constants::SEED_CONFIG;
use crate::error::ExecTradeError;
use crate::events::ConfigUpdatedEvent;
use crate::state::{Config, RiskLimits, RoundSpec};

/// Arguments of update_config; None leaves a field unchanged. A new admin is only proposed: it
/// takes over when it signs `accept_admin`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug)]
pub struct UpdateConfigArgs {
    pub new_admin: Option<Pubkey>,
    pub oracle_authority: Option<Pubkey>,
    pub settlement_authority: Option<Pubkey>,
    pub paused: Option<bool>,
    pub allow_simulated: Option<bool>,
    pub limits: Option<RiskLimits>,
    pub round_schedule: Option<[RoundSpec; 8]>,
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

/// Applies `args` to `config` (no checks).
fn apply(config: &mut Config, args: &UpdateConfigArgs) {
    if let Some(admin) = args.new_admin {
        config.pending_admin = admin;
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
    if let Some(schedule) = args.round_schedule {
        config.round_schedule = schedule;
    }
    if let Some(grace) = args.refund_grace_sec {
        config.refund_grace_sec = grace;
    }
}

impl UpdateConfig<'_> {
    /// The updated config must satisfy `Config::invariant`. Rounds already open keep the trading
    /// close and refund time they fixed when they opened.
    pub fn validate(&self, args: &UpdateConfigArgs) -> Result<()> {
        let mut next = (**self.config).clone();
        apply(&mut next, args);
        next.invariant()
    }
}

pub fn handler(ctx: Context<UpdateConfig>, args: UpdateConfigArgs) -> Result<()> {
    let config = &mut ctx.accounts.config;
    apply(config, &args);
    config.invariant()?;

    emit!(ConfigUpdatedEvent {
        admin: config.admin,
        pending_admin: config.pending_admin,
        oracle_authority: config.oracle_authority,
        settlement_authority: config.settlement_authority,
        paused: config.paused,
        allow_simulated: config.allow_simulated,
        limits: config.limits,
        round_schedule: config.round_schedule,
        refund_grace_sec: config.refund_grace_sec,
        ts: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
