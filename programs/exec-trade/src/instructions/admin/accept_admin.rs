use anchor_lang::prelude::*;

use crate::constants::SEED_CONFIG;
use crate::error::ExecTradeError;
use crate::events::AdminChangedEvent;
use crate::state::Config;

#[derive(Accounts)]
pub struct AcceptAdmin<'info> {
    /// The admin proposed by `update_config`; proves it holds the key before it takes over.
    pub pending_admin: Signer<'info>,
    #[account(
        mut,
        seeds = [SEED_CONFIG],
        bump = config.bump,
        has_one = pending_admin @ ExecTradeError::NotPendingAdmin
    )]
    pub config: Box<Account<'info, Config>>,
}

pub fn handler(ctx: Context<AcceptAdmin>) -> Result<()> {
    let config = &mut ctx.accounts.config;
    let previous = config.admin;
    config.admin = config.pending_admin;
    config.pending_admin = Pubkey::default();
    emit!(AdminChangedEvent {
        previous_admin: previous,
        admin: config.admin,
        ts: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
