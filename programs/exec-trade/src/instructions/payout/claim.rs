use anchor_lang::prelude::*;
use exec_trade_rules::{self as rules, ClaimDestination};

use super::position_payout::*;
use crate::error::rule;
use crate::events::PositionClaimedEvent;

#[event_cpi]
#[derive(Accounts)]
pub struct Claim<'info> {
    pub payout: PositionPayout<'info>,
}

impl Claim<'_> {
    pub fn validate(&self) -> Result<()> {
        rule(rules::check_claimable(self.payout.round.status.into()))
    }
}

/// Permissionless crank: the winner's payout can only reach the trader's own token account and
/// a loser's size only the house vault, so anyone may submit it.
pub fn handler(ctx: Context<Claim>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let p = &mut ctx.accounts.payout;
    let settlement_price = p.round.settlement_price;
    let outcome = rules::outcome(settlement_price, p.position.strike);
    let (destination, amount) = rules::claim(
        p.position.side.into(),
        p.position.strike,
        settlement_price,
        p.position.size,
    );
    let to_trader = destination == ClaimDestination::Trader;
    p.pay_out(to_trader, amount)?;
    p.release_position()?;

    let event = PositionClaimedEvent {
        round: p.round.key(),
        position: p.position.key(),
        trader: p.position.trader,
        side: p.position.side,
        outcome: outcome.into(),
        to_trader: if to_trader { amount } else { 0 },
        to_house: if to_trader { 0 } else { amount },
        ts: now,
    };
    emit_cpi!(event);
    Ok(())
}
