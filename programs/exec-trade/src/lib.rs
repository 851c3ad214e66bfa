//! exec-trade: oracle-signed binary quotes taken on-chain, collateral escrowed per round, settled
//! by a signed price. Every rule lives in the `exec_trade_rules` crate; this program owns
//! accounts, PDAs and token movements. See docs/program.md.
#![deny(arithmetic_overflow)]
#![deny(clippy::unwrap_used, clippy::expect_used)]

use anchor_lang::prelude::*;

pub mod constants;
pub mod error;
pub mod events;
pub mod instructions;
pub mod state;
pub mod verify;

pub use constants::*;
pub use instructions::*;
pub use state::*;

// One id per cluster, chosen by cargo feature (`anchor build -- --features devnet`). They are
// equal until a cluster gets its own deploy key; `anchor keys sync` rewrites the first line.
#[cfg(not(any(feature = "devnet", feature = "testnet", feature = "mainnet")))]
declare_id!("EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3");
#[cfg(all(feature = "devnet", not(any(feature = "testnet", feature = "mainnet"))))]
declare_id!("EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3");
#[cfg(all(feature = "testnet", not(feature = "mainnet")))]
declare_id!("EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3");
#[cfg(feature = "mainnet")]
declare_id!("EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3");

#[cfg(not(feature = "no-entrypoint"))]
solana_security_txt::security_txt! {
    name: "exec-trade",
    project_url: "https://github.com/exec-trade/exec-trade",
    contacts: "link:https://github.com/exec-trade/exec-trade/security/advisories/new",
    policy: "https://github.com/exec-trade/exec-trade/blob/main/docs/program.md",
    source_code: "https://github.com/exec-trade/exec-trade",
    source_revision: env!("EXEC_TRADE_SOURCE_REVISION"),
    auditors: "None"
}

#[program]
pub mod exec_trade {
    use super::*;

    /// Upgrade authority only: creates the Config PDA and the house vault; the signer becomes admin.
    pub fn initialize_config(
        ctx: Context<InitializeConfig>,
        args: InitializeConfigArgs,
    ) -> Result<()> {
        instructions::admin::initialize_config::handler(ctx, args)
    }

    /// Admin: rotates authorities, proposes a new admin, sets pause, limits and the round schedule.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn update_config(ctx: Context<UpdateConfig>, args: UpdateConfigArgs) -> Result<()> {
        instructions::admin::update_config::handler(ctx, args)
    }

    /// The proposed admin takes over by signing.
    pub fn accept_admin(ctx: Context<AcceptAdmin>) -> Result<()> {
        instructions::admin::accept_admin::handler(ctx)
    }

    /// Admin: raises the quote epoch by one, invalidating every quote signed under an older epoch.
    #[access_control(ctx.accounts.validate(new_epoch))]
    pub fn raise_quote_epoch(ctx: Context<RaiseQuoteEpoch>, new_epoch: u64) -> Result<()> {
        instructions::admin::raise_quote_epoch::handler(ctx, new_epoch)
    }

    /// Anyone: deposits collateral into the house vault.
    #[access_control(ctx.accounts.validate(amount))]
    pub fn fund_house(ctx: Context<FundHouse>, amount: u64) -> Result<()> {
        instructions::admin::fund_house::handler(ctx, amount)
    }

    /// Admin: withdraws free collateral from the house vault.
    #[access_control(ctx.accounts.validate(amount))]
    pub fn withdraw_house(ctx: Context<WithdrawHouse>, amount: u64) -> Result<()> {
        instructions::admin::withdraw_house::handler(ctx, amount)
    }

    /// Anyone: opens the round for (asset, expiry_ts) and its vault if missing (idempotent); the payer gets the rent back at close.
    pub fn open_round(ctx: Context<OpenRound>, asset: u8, expiry_ts: i64) -> Result<()> {
        instructions::market::open_round::handler(ctx, asset, expiry_ts)
    }

    /// Trader: fills an oracle-signed quote verified through the preceding Ed25519 instruction.
    #[access_control(ctx.accounts.validate())]
    pub fn take_quote(
        ctx: Context<TakeQuote>,
        quote_id: [u8; 16],
        side: u8,
        size: u64,
    ) -> Result<()> {
        instructions::trade::take_quote::handler(ctx, quote_id, side, size)
    }

    /// Trader: fills leaf `leaf_index` of an oracle-signed ladder (quote format v2) whose root the preceding Ed25519 instruction verifies; the price ages with the leaf's decay and must not exceed `max_price`.
    #[access_control(ctx.accounts.validate())]
    pub fn take_quote_v2(ctx: Context<TakeQuote>, args: TakeQuoteV2Args) -> Result<()> {
        instructions::trade::take_quote::handler_v2(ctx, args)
    }

    /// Anyone: settles a round with the settlement-authority-signed price in the preceding Ed25519 instruction.
    pub fn settle_round(ctx: Context<SettleRound>) -> Result<()> {
        instructions::market::settle_round::handler(ctx)
    }

    /// Anyone: pays a settled position to the winner (trader or house) and closes it.
    #[access_control(ctx.accounts.validate())]
    pub fn claim(ctx: Context<Claim>) -> Result<()> {
        instructions::payout::claim::handler(ctx)
    }

    /// Anyone: once an unsettled round reaches its refund time, returns stake and house collateral and closes the position.
    #[access_control(ctx.accounts.validate())]
    pub fn refund(ctx: Context<Refund>) -> Result<()> {
        instructions::payout::refund::handler(ctx)
    }

    /// Anyone: closes an expired quote fill record; rent goes to its payer.
    #[access_control(ctx.accounts.validate())]
    pub fn close_quote_fill(ctx: Context<CloseQuoteFill>) -> Result<()> {
        instructions::trade::close_quote_fill::handler(ctx)
    }

    /// Anyone: closes a finished round with no open positions and its vault; rent goes to the opener.
    #[access_control(ctx.accounts.validate())]
    pub fn close_round(ctx: Context<CloseRound>) -> Result<()> {
        instructions::market::close_round::handler(ctx)
    }
}
