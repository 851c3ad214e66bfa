use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use exec_trade_rules::{self as rules, FillAmounts, Quote, QuoteContext};

use crate::constants::{
    INSTRUCTIONS_SYSVAR_ID, SEED_CONFIG, SEED_EXPOSURE, SEED_HOUSE_VAULT, SEED_POSITION,
    SEED_QUOTE_FILL, SEED_ROUND, SEED_ROUND_VAULT,
};
use crate::error::{rule, ExecTradeError};
use crate::events::QuoteTakenEvent;
use crate::instructions::token_cpi;
use crate::state::{
    Config, ExposureBook, Position, QuoteFill, Round, RoundStatus, Side, WalletExposure,
};
use crate::verify;

#[event_cpi]
#[derive(Accounts)]
#[instruction(quote_id: [u8; 16])]
pub struct TakeQuote<'info> {
    #[account(mut)]
    pub trader: Signer<'info>,
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
    // Replay record: created by the first fill of this quote id, then every fill adds to it.
    #[account(
        init_if_needed,
        payer = trader,
        space = QuoteFill::DISCRIMINATOR.len() + QuoteFill::INIT_SPACE,
        seeds = [SEED_QUOTE_FILL, quote_id.as_ref()],
        bump
    )]
    pub quote_fill: Box<Account<'info, QuoteFill>>,
    // `init`: the same trader cannot take the same quote twice.
    #[account(
        init,
        payer = trader,
        space = Position::DISCRIMINATOR.len() + Position::INIT_SPACE,
        seeds = [SEED_POSITION, quote_id.as_ref(), trader.key().as_ref()],
        bump
    )]
    pub position: Box<Account<'info, Position>>,
    #[account(
        init_if_needed,
        payer = trader,
        space = WalletExposure::DISCRIMINATOR.len() + WalletExposure::INIT_SPACE,
        seeds = [SEED_EXPOSURE, round.key().as_ref(), trader.key().as_ref()],
        bump
    )]
    pub exposure: Box<Account<'info, WalletExposure>>,
    #[account(mut, token::mint = collateral_mint, token::authority = trader)]
    pub trader_token: Box<Account<'info, TokenAccount>>,
    pub collateral_mint: Box<Account<'info, Mint>>,
    // Read only through the checked loaders in verify/, which verify the key again.
    /// CHECK: address-pinned to the instructions sysvar (the Wormhole fake-sysvar hole).
    #[account(address = INSTRUCTIONS_SYSVAR_ID)]
    pub instructions_sysvar: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

impl TakeQuote<'_> {
    /// First check of the design's order: nothing trades while paused.
    pub fn validate(&self) -> Result<()> {
        require!(!self.config.paused, ExecTradeError::Paused);
        Ok(())
    }

    /// Every rule between the verified quote and the token movements, in the design's order.
    fn check_fill(
        &self,
        quote: &Quote,
        pricing: Pricing,
        quote_id: &[u8; 16],
        side: u8,
        size: u64,
        now: i64,
    ) -> Result<Fill> {
        let config = &self.config;
        let round = &self.round;
        rule(rules::check_quote(
            quote,
            &QuoteContext {
                program_id: crate::ID.to_bytes(),
                cluster: config.cluster,
                quote_epoch: config.quote_epoch,
                allow_simulated: config.allow_simulated,
                round_asset: round.asset,
                round_expiry_ts: round.expiry_ts,
                round_trading_close_ts: round.trading_close_ts,
                round_open: round.status == RoundStatus::Open,
                now_ts: now,
            },
        ))?;
        rule(rules::check_quote_id(quote_id, quote))?;
        let side = rule(rules::Side::from_u8(side))?;
        let quoted_price = rule(quote.price_for(side))?;
        let price = rule(rules::decayed_price(
            quoted_price,
            pricing.decay_micros_per_sec,
            quote.generated_at_ms,
            now,
        ))?;
        if let Some(max_price) = pricing.max_price {
            rule(rules::check_max_price(price, max_price))?;
        }
        let amounts = rule(rules::fill_amounts(size, price))?;

        let record = &self.quote_fill;
        let (max_size, filled) = if record.is_fresh() {
            (quote.max_size, 0)
        } else {
            require_keys_eq!(
                record.round,
                round.key(),
                ExecTradeError::QuoteFillRoundMismatch
            );
            (record.max_size, record.filled_size)
        };
        let filled_size = rule(rules::apply_fill(filled, size, max_size))?;
        let (book, worst_case_net_payout) = round.exposures_with(quote.strike, side, &amounts)?;
        rule(rules::check_limits(
            size,
            round.worst_case_net_payout,
            worst_case_net_payout,
            self.exposure.total_size,
            &config.limits.into(),
        ))?;
        rule(rules::check_house_liquidity(
            self.house_vault.amount,
            amounts.house_collateral,
        ))?;
        Ok(Fill {
            side: side.into(),
            quoted_price,
            price,
            amounts,
            max_size,
            filled_size,
            book,
            worst_case_net_payout,
        })
    }
}

/// How a quote is charged: its decay (v2 leaves; 0 for v1) and the taker's maximum (v2).
#[derive(Clone, Copy)]
struct Pricing {
    decay_micros_per_sec: u32,
    max_price: Option<u32>,
}

/// A fill that passed every check.
struct Fill {
    side: Side,
    /// The signed price of the side, probability micro-units.
    quoted_price: u32,
    /// The price charged: the signed price aged by its decay.
    price: u32,
    amounts: FillAmounts,
    max_size: u64,
    filled_size: u64,
    /// The round's exposure book with this fill, and its worst case.
    book: ExposureBook,
    worst_case_net_payout: u64,
}

pub fn handler(ctx: Context<TakeQuote>, quote_id: [u8; 16], side: u8, size: u64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let quote = verify::verified_quote(
        &ctx.accounts.instructions_sysvar.to_account_info(),
        &ctx.accounts.config.oracle_authority,
    )?;
    let pricing = Pricing {
        decay_micros_per_sec: 0,
        max_price: None,
    };
    let fill = ctx
        .accounts
        .check_fill(&quote, pricing, &quote_id, side, size, now)?;
    execute(ctx, quote_id, &quote, fill, size, now)
}

/// Quote format v2: the Ed25519 instruction carries the ladder root; `leaf` (leaf `leaf_index`
/// of that ladder) and `proof` lead to it. The leaf's decay ages the price by the chain clock and
/// the fill is refused above `max_price`. Every v1 rule then applies to the leaf.
pub fn handler_v2(ctx: Context<TakeQuote>, args: TakeQuoteV2Args) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let root = verify::verified_ladder_root(
        &ctx.accounts.instructions_sysvar.to_account_info(),
        &ctx.accounts.config.oracle_authority,
    )?;
    let (quote, leaf) = rule(rules::ladder_quote(
        &verify::SyscallSha256,
        &root,
        &args.leaf,
        args.leaf_index,
        &args.proof,
    ))?;
    let pricing = Pricing {
        decay_micros_per_sec: leaf.decay_micros_per_sec,
        max_price: Some(args.max_price),
    };
    let fill =
        ctx.accounts
            .check_fill(&quote, pricing, &args.quote_id, args.side, args.size, now)?;
    execute(ctx, args.quote_id, &quote, fill, args.size, now)
}

/// Arguments of take_quote_v2. `quote_id` comes first: the accounts' PDA seeds read it.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct TakeQuoteV2Args {
    pub quote_id: [u8; 16],
    /// Position of the leaf in the signed ladder.
    pub leaf_index: u16,
    /// The leaf's 60 bytes (docs/quote-format.md, v2).
    pub leaf: [u8; 60],
    /// Sibling hashes from the leaf up to the root.
    pub proof: Vec<[u8; 32]>,
    pub side: u8,
    /// Payout if the position wins, collateral atoms.
    pub size: u64,
    /// The highest price (probability micro-units) the taker accepts once the quote has aged.
    pub max_price: u32,
}

/// The token movements and records of a checked fill (both quote formats).
fn execute(
    ctx: Context<TakeQuote>,
    quote_id: [u8; 16],
    quote: &Quote,
    fill: Fill,
    size: u64,
    now: i64,
) -> Result<()> {
    let accounts = &mut *ctx.accounts;

    token_cpi::transfer(
        &accounts.token_program,
        &accounts.collateral_mint,
        &accounts.trader_token,
        &accounts.round_vault,
        accounts.trader.to_account_info(),
        &[],
        fill.amounts.stake,
    )?;
    let bump = accounts.config.bump_seed();
    let config_seeds: [&[u8]; 2] = [Config::SEED, &bump];
    token_cpi::transfer(
        &accounts.token_program,
        &accounts.collateral_mint,
        &accounts.house_vault,
        &accounts.round_vault,
        accounts.config.to_account_info(),
        &[&config_seeds],
        fill.amounts.house_collateral,
    )?;

    let round_key = accounts.round.key();
    let trader_key = accounts.trader.key();
    let record = &mut accounts.quote_fill;
    if record.is_fresh() {
        record.quote_id = quote_id;
        record.round = round_key;
        record.max_size = fill.max_size;
        record.valid_until_ms = quote.valid_until_ms;
        record.payer = trader_key;
        record.bump = ctx.bumps.quote_fill;
    }
    record.filled_size = fill.filled_size;
    record.invariant()?;

    let position = &mut accounts.position;
    position.trader = trader_key;
    position.round = round_key;
    position.quote_id = quote_id;
    position.strike = quote.strike;
    position.side = fill.side;
    position.size = size;
    position.stake = fill.amounts.stake;
    position.house_collateral = fill.amounts.house_collateral;
    position.payer = trader_key;
    position.bump = ctx.bumps.position;
    position.invariant()?;

    let exposure = &mut accounts.exposure;
    exposure.round = round_key;
    exposure.trader = trader_key;
    exposure.bump = ctx.bumps.exposure;
    exposure.total_size = exposure
        .total_size
        .checked_add(size)
        .ok_or(ExecTradeError::MathOverflow)?;
    exposure.invariant()?;

    let round = &mut accounts.round;
    let (total_size, open_positions) = rule(rules::add_open_position(
        round.total_size,
        round.open_positions,
        size,
    ))?;
    round.total_size = total_size;
    round.open_positions = open_positions;
    round.set_exposures(&fill.book, fill.worst_case_net_payout);
    round.invariant()?;

    let config = &mut accounts.config;
    config.house_liability = rule(rules::add_liability(
        config.house_liability,
        fill.amounts.house_collateral,
    ))?;

    let event = QuoteTakenEvent {
        round: round_key,
        position: accounts.position.key(),
        trader: trader_key,
        quote_id,
        side: fill.side,
        strike: quote.strike,
        quoted_price: fill.quoted_price,
        price: fill.price,
        size,
        stake: fill.amounts.stake,
        house_collateral: fill.amounts.house_collateral,
        filled_size: fill.filled_size,
        max_size: fill.max_size,
        round_worst_case_net_payout: fill.worst_case_net_payout,
        ts: now,
    };
    emit_cpi!(event);
    Ok(())
}
