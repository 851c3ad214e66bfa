use anchor_lang::prelude::*;
use exec_trade_rules as rules;

use super::position_payout::*;
use crate::error::rule;
use crate::events::PositionRefundedEvent;
use crate::state::RoundStatus;

#[event_cpi]
#[derive(Accounts)]
pub struct Refund<'info> {
    pub payout: PositionPayout<'info>,
}

impl Refund<'_> {
    /// Refunds start at the round's `refund_after_ts` (fixed when it opened) if it was never
    /// settled; from then on a settlement no longer lands.
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let round = &self.payout.round;
        rule(rules::refund_allowed(
            round.status.into(),
            now,
            round.refund_after_ts,
        ))
    }
}

/// Permissionless crank: the stake can only go back to the trader's own token account and the
/// house collateral only to the house vault.
pub fn handler(ctx: Context<Refund>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let p = &mut ctx.accounts.payout;
    p.round.status = RoundStatus::Refunding;
    let amounts = rule(rules::refund_amounts(
        p.position.stake,
        p.position.house_collateral,
        p.position.size,
    ))?;
    p.pay_out(true, amounts.to_trader)?;
    p.pay_out(false, amounts.to_house)?;
    p.release_position()?;

    let event = PositionRefundedEvent {
        round: p.round.key(),
        position: p.position.key(),
        trader: p.position.trader,
        to_trader: amounts.to_trader,
        to_house: amounts.to_house,
        ts: now,
    };
    emit_cpi!(event);
    Ok(())
}
