use anchor_lang::prelude::*;
use anchor_lang::solana_program::bpf_loader_upgradeable;
use anchor_spl::token::{Mint, Token, TokenAccount};

use crate::constants::{CLUSTER, CONFIG_PADDING, SEED_CONFIG, SEED_HOUSE_VAULT};
use crate::error::ExecTradeError;
use crate::events::ConfigInitializedEvent;
use crate::state::{Config, RiskLimits, RoundSpec};

/// Arguments of initialize_config. The cluster is not an argument: it is the build's
/// (`constants::CLUSTER`).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug)]
pub struct InitializeConfigArgs {
    pub oracle_authority: Pubkey,
    pub settlement_authority: Pubkey,
    pub allow_simulated: bool,
    pub limits: RiskLimits,
    pub round_schedule: [RoundSpec; 8],
    pub refund_grace_sec: i64,
}

#[derive(Accounts)]
pub struct InitializeConfig<'info> {
    /// Must be the program's upgrade authority, so nobody can front-run the deployer and pick
    /// the oracle, settlement key and mint.
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
    // The upgradeable loader's ProgramData of this program (its address is derived from the
    // program id, so no other account can stand in for it).
    #[account(
        seeds = [crate::ID.as_ref()],
        bump,
        seeds::program = bpf_loader_upgradeable::ID,
        constraint = program_data.upgrade_authority_address == Some(admin.key())
            @ ExecTradeError::NotUpgradeAuthority
    )]
    pub program_data: Box<Account<'info, ProgramData>>,
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

/// Checks run after Anchor's account constraints (which include the upgrade authority) and
/// `init`s: the stored config must satisfy `Config::invariant`.
pub fn handler(ctx: Context<InitializeConfig>, args: InitializeConfigArgs) -> Result<()> {
    let config = &mut ctx.accounts.config;
    config.admin = ctx.accounts.admin.key();
    config.pending_admin = Pubkey::default();
    config.oracle_authority = args.oracle_authority;
    config.settlement_authority = args.settlement_authority;
    config.collateral_mint = ctx.accounts.collateral_mint.key();
    config.cluster = CLUSTER;
    config.quote_epoch = 0;
    config.paused = false;
    config.allow_simulated = args.allow_simulated;
    config.limits = args.limits;
    config.round_schedule = args.round_schedule;
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
