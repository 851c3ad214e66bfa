//! One event per state change, past tense. Amounts are collateral atoms, prices price
//! micro-units (1e-6 USDT), probabilities micro-units (1_000_000 = 1.0); `ts` is the chain clock
//! (unix seconds) when the event was emitted. take/settle/claim/refund use `emit_cpi!` (an
//! indexer reads them from inner instructions, immune to log truncation); the rest use `emit!`.

use anchor_lang::prelude::*;

use crate::state::{RiskLimits, RoundSpec, RoundStatus, Side};

/// The config and the house vault were created.
#[event]
pub struct ConfigInitializedEvent {
    pub admin: Pubkey,
    pub oracle_authority: Pubkey,
    pub settlement_authority: Pubkey,
    pub collateral_mint: Pubkey,
    pub house_vault: Pubkey,
    /// Cluster id.
    pub cluster: u8,
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}

/// The config was changed by the admin; every field shows the value after the change.
#[event]
pub struct ConfigUpdatedEvent {
    pub admin: Pubkey,
    /// Proposed admin (default = none); takes over with `accept_admin`.
    pub pending_admin: Pubkey,
    pub oracle_authority: Pubkey,
    pub settlement_authority: Pubkey,
    pub paused: bool,
    pub allow_simulated: bool,
    /// Collateral atoms.
    pub limits: RiskLimits,
    /// Round durations and trading-close offsets, seconds.
    pub round_schedule: [RoundSpec; 8],
    /// Seconds.
    pub refund_grace_sec: i64,
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}

/// The pending admin accepted and became admin.
#[event]
pub struct AdminChangedEvent {
    pub previous_admin: Pubkey,
    pub admin: Pubkey,
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}

/// The admin raised the quote epoch.
#[event]
pub struct QuoteEpochRaisedEvent {
    pub old_epoch: u64,
    pub new_epoch: u64,
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}

/// Collateral was deposited into the house vault.
#[event]
pub struct HouseFundedEvent {
    pub depositor: Pubkey,
    /// Collateral atoms deposited.
    pub amount: u64,
    /// House vault balance after the deposit, collateral atoms.
    pub vault_balance: u64,
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}

/// The admin withdrew collateral from the house vault.
#[event]
pub struct HouseWithdrawnEvent {
    pub admin: Pubkey,
    pub destination: Pubkey,
    /// Collateral atoms withdrawn.
    pub amount: u64,
    /// House vault balance after the withdrawal, collateral atoms.
    pub vault_balance: u64,
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}

/// A round and its vault were created.
#[event]
pub struct RoundOpenedEvent {
    pub round: Pubkey,
    pub asset: u8,
    /// Unix seconds.
    pub expiry_ts: i64,
    /// Unix seconds.
    pub trading_close_ts: i64,
    /// Unix seconds.
    pub refund_after_ts: i64,
    pub opener: Pubkey,
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}

/// A trader filled a signed quote.
#[event]
pub struct QuoteTakenEvent {
    pub round: Pubkey,
    pub position: Pubkey,
    pub trader: Pubkey,
    pub quote_id: [u8; 16],
    pub side: Side,
    /// Price micro-units.
    pub strike: u64,
    /// The signed price of the side, probability micro-units.
    pub quoted_price: u32,
    /// The price charged (the signed price aged by its decay; equal for v1), probability micro-units.
    pub price: u32,
    /// Payout if the position wins, collateral atoms.
    pub size: u64,
    /// Paid by the trader, collateral atoms.
    pub stake: u64,
    /// Moved from the house vault, collateral atoms.
    pub house_collateral: u64,
    /// Quote size filled after this fill, collateral atoms.
    pub filled_size: u64,
    /// Quote max size, collateral atoms.
    pub max_size: u64,
    /// The round's worst-case net payout for the house after this fill, collateral atoms.
    pub round_worst_case_net_payout: u64,
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}

/// A round was settled with a signed settlement price.
#[event]
pub struct RoundSettledEvent {
    pub round: Pubkey,
    pub asset: u8,
    /// Unix seconds.
    pub expiry_ts: i64,
    /// Price micro-units.
    pub settlement_price: u64,
    /// Unix ms the settlement was signed.
    pub published_at_ms: i64,
    /// Settlement rule id.
    pub method: u8,
    pub source_count: u8,
    /// sha256 of the published venue-price record.
    pub sources_hash: [u8; 32],
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}

/// A settled position was paid out and closed.
#[event]
pub struct PositionClaimedEvent {
    pub round: Pubkey,
    pub position: Pubkey,
    pub trader: Pubkey,
    pub side: Side,
    /// Winning side: Up if settlement_price >= strike.
    pub outcome: Side,
    /// Collateral atoms paid to the trader.
    pub to_trader: u64,
    /// Collateral atoms returned to the house vault.
    pub to_house: u64,
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}

/// A position of an unsettled round was refunded and closed.
#[event]
pub struct PositionRefundedEvent {
    pub round: Pubkey,
    pub position: Pubkey,
    pub trader: Pubkey,
    /// Stake returned to the trader, collateral atoms.
    pub to_trader: u64,
    /// House collateral returned to the house vault, collateral atoms.
    pub to_house: u64,
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}

/// An expired quote fill record was closed.
#[event]
pub struct QuoteFillClosedEvent {
    pub quote_fill: Pubkey,
    pub quote_id: [u8; 16],
    /// Collateral atoms.
    pub filled_size: u64,
    /// Collateral atoms.
    pub max_size: u64,
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}

/// A finished round and its vault were closed.
#[event]
pub struct RoundClosedEvent {
    pub round: Pubkey,
    pub asset: u8,
    /// Unix seconds.
    pub expiry_ts: i64,
    pub status: RoundStatus,
    /// Stray collateral atoms swept from the round vault to the house vault.
    pub swept: u64,
    /// Chain clock when the event was emitted, unix seconds.
    pub ts: i64,
}
