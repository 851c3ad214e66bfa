use anchor_lang::prelude::*;
use exec_trade_rules::{self as rules, SettleContext};

use crate::constants::{INSTRUCTIONS_SYSVAR_ID, SEED_CONFIG, SEED_ROUND};
use crate::error::rule;
use crate::events::RoundSettledEvent;
use crate::state::{Config, Round, RoundStatus};
use crate::verify;

#[event_cpi]
#[derive(Accounts)]
pub struct SettleRound<'info> {
    #[account(seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_ROUND, &round.asset.to_le_bytes(), &round.expiry_ts.to_le_bytes()],
        bump = round.bump
    )]
    pub round: Box<Account<'info, Round>>,
    // Read only through the checked loaders in verify/, which verify the key again.
    /// CHECK: address-pinned to the instructions sysvar (the Wormhole fake-sysvar hole).
    #[account(address = INSTRUCTIONS_SYSVAR_ID)]
    pub instructions_sysvar: UncheckedAccount<'info>,
}

/// Permissionless: the settlement authority's signature, not the caller, authenticates the price.
pub fn handler(ctx: Context<SettleRound>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let settlement = verify::verified_settlement(
        &ctx.accounts.instructions_sysvar.to_account_info(),
        &ctx.accounts.config.settlement_authority,
    )?;
    let config = &ctx.accounts.config;
    let round = &mut ctx.accounts.round;
    rule(rules::check_settlement(
        &settlement,
        &SettleContext {
            program_id: crate::ID.to_bytes(),
            cluster: config.cluster,
            allow_simulated: config.allow_simulated,
            round_asset: round.asset,
            round_expiry_ts: round.expiry_ts,
            round_status: round.status.into(),
            round_refund_after_ts: round.refund_after_ts,
            now_ts: now,
        },
    ))?;

    round.status = RoundStatus::Settled;
    round.settlement_price = settlement.price;
    round.settled_at = now;
    round.invariant()?;

    let event = RoundSettledEvent {
        round: round.key(),
        asset: round.asset,
        expiry_ts: round.expiry_ts,
        settlement_price: settlement.price,
        published_at_ms: settlement.published_at_ms,
        method: settlement.method,
        source_count: settlement.source_count,
        sources_hash: settlement.sources_hash,
        ts: now,
    };
    emit_cpi!(event);
    Ok(())
}
