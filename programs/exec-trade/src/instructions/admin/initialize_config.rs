use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use exec_trade_rules as rules;

use crate::constants::{CONFIG_PADDING, SEED_CONFIG, SEED_HOUSE_VAULT};
use crate::error::rule;
use crate::events::ConfigInitializedEvent;
use crate::state::{Config, RiskLimits};

/// Arguments of initialize_config.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug)]
pub struct InitializeConfigArgs {
    pub oracle_authority: Pubkey,
    pub settlement_authority: Pubkey,
    pub cluster: u8,
    pub allow_simulated: bool,
    pub limits: RiskLimits,
    pub trading_close_offset_sec: i64,
    pub refund_grace_sec: i64,
}

#[derive(Accounts)]
pub struct InitializeConfig<'info> {
    #[account(mut)]
    pub admin: Signer<'info>,
    #[account(
        init,
        payer = admin,
        space = Config::DISCRIMINATOR.len() + Config::INIT_SPACE,
        seeds = [SEED_CONFIG],
        bump
    )]
    pub config: Box<Account<'info, Config>>,
    // `Account<Mint>` only loads mints owned by the classic SPL Token program, so a Token-2022
    // mint (transfer fees, hooks) is refused before the handler runs.
    pub collateral_mint: Box<Account<'info, Mint>>,
    #[account(
        init,
        payer = admin,
        seeds = [SEED_HOUSE_VAULT],
        bump,
        token::mint = collateral_mint,
        token::authority = config,
        token::token_program = token_program
    )]
    pub house_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

impl InitializeConfig<'_> {
    pub fn validate(&self, args: &InitializeConfigArgs) -> Result<()> {
        rule(rules::check_cluster(args.cluster))?;
        rule(rules::check_config_params(
            args.trading_close_offset_sec,
            args.refund_grace_sec,
        ))
    }
}

pub fn handler(ctx: Context<InitializeConfig>, args: InitializeConfigArgs) -> Result<()> {
    let config = &mut ctx.accounts.config;
    config.admin = ctx.accounts.admin.key();
    config.oracle_authority = args.oracle_authority;
    config.settlement_authority = args.settlement_authority;
    config.collateral_mint = ctx.accounts.collateral_mint.key();
    config.cluster = args.cluster;
    config.quote_epoch = 0;
    config.paused = false;
    config.allow_simulated = args.allow_simulated;
    config.limits = args.limits;
    config.trading_close_offset_sec = args.trading_close_offset_sec;
    config.refund_grace_sec = args.refund_grace_sec;
    config.house_liability = 0;
    config.bump = ctx.bumps.config;
    config.house_vault_bump = ctx.bumps.house_vault;
    config.padding = [0u8; CONFIG_PADDING];
    config.invariant()?;

    emit!(ConfigInitializedEvent {
        admin: config.admin,
        oracle_authority: config.oracle_authority,
        settlement_authority: config.settlement_authority,
        collateral_mint: config.collateral_mint,
        house_vault: ctx.accounts.house_vault.key(),
        cluster: config.cluster,
        ts: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
