use anchor_lang::prelude::*;
use exec_trade_rules as rules;

use crate::constants::SEED_CONFIG;
use crate::error::{rule, ExecTradeError};
use crate::events::QuoteEpochRaisedEvent;
use crate::state::Config;

#[derive(Accounts)]
pub struct RaiseQuoteEpoch<'info> {
    pub admin: Signer<'info>,
    #[account(
        mut,
        seeds = [SEED_CONFIG],
        bump = config.bump,
        has_one = admin @ ExecTradeError::Unauthorized
    )]
    pub config: Box<Account<'info, Config>>,
}

impl RaiseQuoteEpoch<'_> {
    pub fn validate(&self, new_epoch: u64) -> Result<()> {
        rule(rules::check_epoch_raise(self.config.quote_epoch, new_epoch))
    }
}

pub fn handler(ctx: Context<RaiseQuoteEpoch>, new_epoch: u64) -> Result<()> {
    let config = &mut ctx.accounts.config;
    let old_epoch = config.quote_epoch;
    config.quote_epoch = new_epoch;
    emit!(QuoteEpochRaisedEvent {
        old_epoch,
        new_epoch,
        ts: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
