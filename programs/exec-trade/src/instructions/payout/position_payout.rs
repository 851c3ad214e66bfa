//! The accounts claim and refund share, and the bookkeeping both do once a position's size has
//! left the round vault.

use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use exec_trade_rules as rules;

use crate::constants::{
    SEED_CONFIG, SEED_EXPOSURE, SEED_HOUSE_VAULT, SEED_POSITION, SEED_ROUND, SEED_ROUND_VAULT,
};
use crate::error::{rule, ExecTradeError};
use crate::instructions::token_cpi;
use crate::state::{Config, Position, Round, WalletExposure};

/// A position and everything its payout touches. Permissionless: the trader's share can only
/// reach a token account the trader owns and the house's share only the house vault.
#[derive(Accounts)]
pub struct PositionPayout<'info> {
    #[account(
        mut,
        seeds = [SEED_CONFIG],
        bump = config.bump,
        has_one = collateral_mint @ ExecTradeError::WrongMint
    )]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_ROUND, &round.asset.to_le_bytes(), &round.expiry_ts.to_le_bytes()],
        bump = round.bump
    )]
    pub round: Box<Account<'info, Round>>,
    #[account(
        mut,
        seeds = [SEED_ROUND_VAULT, round.key().as_ref()],
        bump = round.vault_bump,
        token::mint = collateral_mint,
        token::authority = round
    )]
    pub round_vault: Box<Account<'info, TokenAccount>>,
    #[account(
        mut,
        seeds = [SEED_HOUSE_VAULT],
        bump = config.house_vault_bump,
        token::mint = collateral_mint,
        token::authority = config
    )]
    pub house_vault: Box<Account<'info, TokenAccount>>,
    #[account(
        mut,
        seeds = [SEED_POSITION, position.quote_id.as_ref(), position.trader.as_ref()],
        bump = position.bump,
        has_one = round @ ExecTradeError::WrongRound,
        has_one = payer @ ExecTradeError::WrongPayer,
        close = payer
    )]
    pub position: Box<Account<'info, Position>>,
    #[account(
        mut,
        seeds = [SEED_EXPOSURE, round.key().as_ref(), position.trader.as_ref()],
        bump = exposure.bump
    )]
    pub exposure: Box<Account<'info, WalletExposure>>,
    // Any collateral account of the position's trader (the keeper may create the trader's ATA).
    #[account(
        mut,
        token::mint = collateral_mint,
        constraint = trader_token.owner == position.trader @ ExecTradeError::WrongTraderToken
    )]
    pub trader_token: Box<Account<'info, TokenAccount>>,
    /// CHECK: only receives the position's rent; pinned to `position.payer` by `has_one = payer`.
    #[account(mut)]
    pub payer: UncheckedAccount<'info>,
    pub collateral_mint: Box<Account<'info, Mint>>,
    pub token_program: Program<'info, Token>,
}

impl<'info> PositionPayout<'info> {
    /// Moves `amount` from the round vault to the trader's token account (`to_trader`) or the
    /// house vault, signed by the round PDA.
    pub fn pay_out(&self, to_trader: bool, amount: u64) -> Result<()> {
        let signer = self.round.signer();
        let seeds = signer.seeds();
        let to = if to_trader {
            &self.trader_token
        } else {
            &self.house_vault
        };
        token_cpi::transfer(
            &self.token_program,
            &self.collateral_mint,
            &self.round_vault,
            to,
            self.round.to_account_info(),
            &[&seeds],
            amount,
        )
    }

    /// Round counters, the config's house liability and the trader's exposure after the
    /// position's size left the round vault; the exposure record is closed (rent to the
    /// position's payer) when it reaches zero.
    pub fn release_position(&mut self) -> Result<()> {
        let size = self.position.size;
        let (total_size, open_positions) = rule(rules::remove_open_position(
            self.round.total_size,
            self.round.open_positions,
            size,
        ))?;
        self.round.total_size = total_size;
        self.round.open_positions = open_positions;
        self.round.invariant()?;
        self.config.house_liability = rule(rules::release_liability(
            self.config.house_liability,
            self.position.house_collateral,
        ))?;
        self.exposure.release(size)?;
        if self.exposure.total_size == 0 {
            self.exposure.close(self.payer.to_account_info())?;
        }
        Ok(())
    }
}
