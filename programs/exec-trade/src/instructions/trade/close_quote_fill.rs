use anchor_lang::prelude::*;
use exec_trade_rules as rules;

use crate::constants::SEED_QUOTE_FILL;
use crate::error::{rule, ExecTradeError};
use crate::events::QuoteFillClosedEvent;
use crate::state::QuoteFill;

#[derive(Accounts)]
pub struct CloseQuoteFill<'info> {
    #[account(
        mut,
        seeds = [SEED_QUOTE_FILL, quote_fill.quote_id.as_ref()],
        bump = quote_fill.bump,
        has_one = payer @ ExecTradeError::WrongPayer,
        close = payer
    )]
    pub quote_fill: Box<Account<'info, QuoteFill>>,
    /// CHECK: only receives the record's rent; pinned to `quote_fill.payer` by `has_one = payer`.
    #[account(mut)]
    pub payer: UncheckedAccount<'info>,
}

/// Unix milliseconds of the chain clock.
fn now_ms() -> Result<i64> {
    let now = Clock::get()?.unix_timestamp;
    Ok(now
        .checked_mul(rules::MS_PER_SEC)
        .ok_or(ExecTradeError::MathOverflow)?)
}

impl CloseQuoteFill<'_> {
    /// Closing is safe only once the quote can no longer be filled: a replay after the close
    /// (which would re-create the record empty) fails `now_ms <= valid_until_ms` in take_quote.
    pub fn validate(&self) -> Result<()> {
        rule(rules::can_close_quote_fill(
            now_ms()?,
            self.quote_fill.valid_until_ms,
        ))
    }
}

pub fn handler(ctx: Context<CloseQuoteFill>) -> Result<()> {
    let record = &ctx.accounts.quote_fill;
    emit!(QuoteFillClosedEvent {
        quote_fill: record.key(),
        quote_id: record.quote_id,
        filled_size: record.filled_size,
        max_size: record.max_size,
        ts: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
