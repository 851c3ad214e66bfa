//! The program's one error enum. Variants 0..=85 mirror `exec_trade_rules::RuleError` one to one
//! (same name, same position, same message), so a rule failure reports `6000 + RuleError::code()`;
//! program-only variants follow. **Append-only** once deployed: clients depend on the numbers, so
//! add new variants at the end and never reorder or remove one (`exec-trade-idl check` keeps the
//! committed IDL equal to this file, and the unit test below checks the mirror of the rules crate;
//! tests/program/idl.test.ts checks docs/program.md's table against the IDL). `QuoteBelowPar`
//! and 70..=76 were inserted before the program-only variants while nothing was deployed, to keep
//! the mirror positional.

use anchor_lang::prelude::*;
use exec_trade_rules::RuleError;

#[error_code]
pub enum ExecTradeError {
    #[msg("Math: overflow")]
    MathOverflow,
    #[msg("Ed25519: no instruction before the program instruction")]
    Ed25519MissingInstruction,
    #[msg("Ed25519: program instruction must be called at top level, not through CPI")]
    Ed25519NotTopLevel,
    #[msg("Ed25519: preceding instruction is not the Ed25519 program")]
    Ed25519WrongProgram,
    #[msg("Ed25519: instruction must have no accounts")]
    Ed25519AccountsPresent,
    #[msg("Ed25519: instruction data too short")]
    Ed25519DataTooShort,
    #[msg("Ed25519: trailing bytes after the message")]
    Ed25519TrailingBytes,
    #[msg("Ed25519: exactly one signature required")]
    Ed25519SignatureCount,
    #[msg("Ed25519: padding byte must be zero")]
    Ed25519PaddingNonZero,
    #[msg("Ed25519: signature offset not canonical")]
    Ed25519SignatureOffset,
    #[msg("Ed25519: signature instruction index not pinned")]
    Ed25519SignatureIndexNotPinned,
    #[msg("Ed25519: public key offset not canonical")]
    Ed25519PublicKeyOffset,
    #[msg("Ed25519: public key instruction index not pinned")]
    Ed25519PublicKeyIndexNotPinned,
    #[msg("Ed25519: message offset not canonical")]
    Ed25519MessageOffset,
    #[msg("Ed25519: message size wrong")]
    Ed25519MessageSize,
    #[msg("Ed25519: message instruction index not pinned")]
    Ed25519MessageIndexNotPinned,
    #[msg("Ed25519: signed by an unexpected key")]
    Ed25519WrongSigner,
    #[msg("Quote: wrong length")]
    QuoteLength,
    #[msg("Quote: bad magic")]
    QuoteMagic,
    #[msg("Quote: unsupported version")]
    QuoteVersion,
    #[msg("Quote: unknown flag bits")]
    QuoteUnknownFlags,
    #[msg("Quote: price above 1.0")]
    QuotePriceAboveOne,
    #[msg("Quote: id argument differs from the signed quote")]
    QuoteIdMismatch,
    #[msg("Quote: signed for another program")]
    QuoteWrongProgram,
    #[msg("Quote: signed for another cluster")]
    QuoteWrongCluster,
    #[msg("Quote: epoch is not the current quote epoch")]
    QuoteEpochMismatch,
    #[msg("Quote: simulated quotes not allowed")]
    QuoteSimulatedNotAllowed,
    #[msg("Quote: asset differs from the round")]
    QuoteAssetMismatch,
    #[msg("Quote: expiry differs from the round")]
    QuoteExpiryMismatch,
    #[msg("Round: not open")]
    RoundNotOpen,
    #[msg("Quote: expired")]
    QuoteExpired,
    #[msg("Round: trading closed")]
    TradingClosed,
    #[msg("Fill: invalid side")]
    InvalidSide,
    #[msg("Fill: price 0 or 1.0 is not tradeable")]
    PriceNotTradeable,
    #[msg("Fill: size is zero")]
    ZeroSize,
    #[msg("Fill: stake equals size, no house collateral")]
    NoHouseCollateral,
    #[msg("Fill: quote max size exceeded")]
    QuoteOverfilled,
    #[msg("Limits: position size above maximum")]
    PositionLimit,
    #[msg("Limits: house worst-case net payout in round above maximum")]
    RoundNetPayoutLimit,
    #[msg("Limits: wallet size in round above maximum")]
    WalletLimit,
    #[msg("House: vault cannot cover house collateral")]
    HouseInsufficientLiquidity,
    #[msg("Settlement: wrong length")]
    SettlementLength,
    #[msg("Settlement: bad magic")]
    SettlementMagic,
    #[msg("Settlement: unsupported version")]
    SettlementVersion,
    #[msg("Settlement: unknown flag bits")]
    SettlementUnknownFlags,
    #[msg("Settlement: signed for another program")]
    SettlementWrongProgram,
    #[msg("Settlement: signed for another cluster")]
    SettlementWrongCluster,
    #[msg("Settlement: asset differs from the round")]
    SettlementAssetMismatch,
    #[msg("Settlement: expiry differs from the round")]
    SettlementExpiryMismatch,
    #[msg("Settlement: simulated settlements not allowed")]
    SettlementSimulatedNotAllowed,
    #[msg("Settlement: price is zero")]
    SettlementPriceZero,
    #[msg("Settlement: round has not expired")]
    SettlementBeforeExpiry,
    #[msg("Settlement: published before expiry")]
    SettlementPublishedBeforeExpiry,
    #[msg("Round: already settled")]
    RoundAlreadySettled,
    #[msg("Round: refunding")]
    RoundRefunding,
    #[msg("Round: not settled")]
    RoundNotSettled,
    #[msg("Refund: round not refundable yet")]
    RefundTooEarly,
    #[msg("QuoteFill: quote still valid")]
    QuoteFillStillValid,
    #[msg("Round: still open")]
    RoundStillOpen,
    #[msg("Round: has open positions")]
    RoundHasOpenPositions,
    #[msg("Round: unknown asset")]
    InvalidAsset,
    #[msg("Round: trading close not in the future")]
    RoundExpiryInPast,
    #[msg("Config: trading close offset negative or not below the round duration")]
    InvalidTradingCloseOffset,
    #[msg("Config: refund grace outside the allowed range")]
    RefundGraceOutOfRange,
    #[msg("Config: new quote epoch must be the current one + 1")]
    EpochNotNext,
    #[msg("Round: unknown status")]
    InvalidRoundStatus,
    #[msg("Config: unknown cluster")]
    InvalidCluster,
    #[msg("House: amount is zero")]
    ZeroAmount,
    #[msg("House: withdrawal above vault balance")]
    HouseInsufficientBalance,
    #[msg("Quote: UP + DOWN below 1.0")]
    QuoteBelowPar,
    #[msg("Round: expiry not on the round schedule")]
    ExpiryNotOnSchedule,
    #[msg("Config: invalid round schedule")]
    InvalidRoundSchedule,
    #[msg("Settlement: round is refundable, too late to settle")]
    SettlementTooLate,
    #[msg("Round: too many distinct strikes")]
    RoundStrikesFull,
    #[msg("Config: simulated prices allowed only on localnet")]
    SimulatedOnlyOnLocalnet,
    #[msg("Limits: position size below minimum")]
    PositionTooSmall,
    #[msg("Config: limits would refuse every fill")]
    InvalidLimits,
    #[msg("Ladder: root message wrong length")]
    LadderRootLength,
    #[msg("Ladder: bad root magic")]
    LadderRootMagic,
    #[msg("Ladder: unsupported root version")]
    LadderRootVersion,
    #[msg("Ladder: leaf count out of range")]
    LadderSize,
    #[msg("Ladder: leaf index out of range")]
    LeafIndexOutOfRange,
    #[msg("Ladder: proof has the wrong number of hashes")]
    ProofLength,
    #[msg("Ladder: leaf and proof do not match the signed root")]
    ProofMismatch,
    #[msg("Fill: price above the taker's maximum")]
    PriceAboveMax,
    #[msg("Ladder: leaf wrong length")]
    LeafLength,
    // Program-only variants (accounts, admin, pause).
    #[msg("Admin: signer is not the admin")]
    Unauthorized,
    #[msg("Config: trading is paused")]
    Paused,
    #[msg("Account: wrong collateral mint")]
    WrongMint,
    #[msg("Account: position belongs to another round")]
    WrongRound,
    #[msg("Account: token account is not owned by the trader")]
    WrongTraderToken,
    #[msg("Account: rent destination is not the recorded payer")]
    WrongPayer,
    #[msg("Account: rent destination is not the round opener")]
    WrongOpener,
    #[msg("QuoteFill: recorded for another round")]
    QuoteFillRoundMismatch,
    #[msg("Admin: signer is not the program's upgrade authority")]
    NotUpgradeAuthority,
    #[msg("Admin: signer is not the pending admin")]
    NotPendingAdmin,
}

impl From<RuleError> for ExecTradeError {
    fn from(e: RuleError) -> Self {
        match e {
            RuleError::MathOverflow => ExecTradeError::MathOverflow,
            RuleError::Ed25519MissingInstruction => ExecTradeError::Ed25519MissingInstruction,
            RuleError::Ed25519NotTopLevel => ExecTradeError::Ed25519NotTopLevel,
            RuleError::Ed25519WrongProgram => ExecTradeError::Ed25519WrongProgram,
            RuleError::Ed25519AccountsPresent => ExecTradeError::Ed25519AccountsPresent,
            RuleError::Ed25519DataTooShort => ExecTradeError::Ed25519DataTooShort,
            RuleError::Ed25519TrailingBytes => ExecTradeError::Ed25519TrailingBytes,
            RuleError::Ed25519SignatureCount => ExecTradeError::Ed25519SignatureCount,
            RuleError::Ed25519PaddingNonZero => ExecTradeError::Ed25519PaddingNonZero,
            RuleError::Ed25519SignatureOffset => ExecTradeError::Ed25519SignatureOffset,
            RuleError::Ed25519SignatureIndexNotPinned => {
                ExecTradeError::Ed25519SignatureIndexNotPinned
            }
            RuleError::Ed25519PublicKeyOffset => ExecTradeError::Ed25519PublicKeyOffset,
            RuleError::Ed25519PublicKeyIndexNotPinned => {
                ExecTradeError::Ed25519PublicKeyIndexNotPinned
            }
            RuleError::Ed25519MessageOffset => ExecTradeError::Ed25519MessageOffset,
            RuleError::Ed25519MessageSize => ExecTradeError::Ed25519MessageSize,
            RuleError::Ed25519MessageIndexNotPinned => ExecTradeError::Ed25519MessageIndexNotPinned,
            RuleError::Ed25519WrongSigner => ExecTradeError::Ed25519WrongSigner,
            RuleError::QuoteLength => ExecTradeError::QuoteLength,
            RuleError::QuoteMagic => ExecTradeError::QuoteMagic,
            RuleError::QuoteVersion => ExecTradeError::QuoteVersion,
            RuleError::QuoteUnknownFlags => ExecTradeError::QuoteUnknownFlags,
            RuleError::QuotePriceAboveOne => ExecTradeError::QuotePriceAboveOne,
            RuleError::QuoteIdMismatch => ExecTradeError::QuoteIdMismatch,
            RuleError::QuoteWrongProgram => ExecTradeError::QuoteWrongProgram,
            RuleError::QuoteWrongCluster => ExecTradeError::QuoteWrongCluster,
            RuleError::QuoteEpochMismatch => ExecTradeError::QuoteEpochMismatch,
            RuleError::QuoteSimulatedNotAllowed => ExecTradeError::QuoteSimulatedNotAllowed,
            RuleError::QuoteAssetMismatch => ExecTradeError::QuoteAssetMismatch,
            RuleError::QuoteExpiryMismatch => ExecTradeError::QuoteExpiryMismatch,
            RuleError::RoundNotOpen => ExecTradeError::RoundNotOpen,
            RuleError::QuoteExpired => ExecTradeError::QuoteExpired,
            RuleError::TradingClosed => ExecTradeError::TradingClosed,
            RuleError::InvalidSide => ExecTradeError::InvalidSide,
            RuleError::PriceNotTradeable => ExecTradeError::PriceNotTradeable,
            RuleError::ZeroSize => ExecTradeError::ZeroSize,
            RuleError::NoHouseCollateral => ExecTradeError::NoHouseCollateral,
            RuleError::QuoteOverfilled => ExecTradeError::QuoteOverfilled,
            RuleError::PositionLimit => ExecTradeError::PositionLimit,
            RuleError::RoundNetPayoutLimit => ExecTradeError::RoundNetPayoutLimit,
            RuleError::WalletLimit => ExecTradeError::WalletLimit,
            RuleError::HouseInsufficientLiquidity => ExecTradeError::HouseInsufficientLiquidity,
            RuleError::SettlementLength => ExecTradeError::SettlementLength,
            RuleError::SettlementMagic => ExecTradeError::SettlementMagic,
            RuleError::SettlementVersion => ExecTradeError::SettlementVersion,
            RuleError::SettlementUnknownFlags => ExecTradeError::SettlementUnknownFlags,
            RuleError::SettlementWrongProgram => ExecTradeError::SettlementWrongProgram,
            RuleError::SettlementWrongCluster => ExecTradeError::SettlementWrongCluster,
            RuleError::SettlementAssetMismatch => ExecTradeError::SettlementAssetMismatch,
            RuleError::SettlementExpiryMismatch => ExecTradeError::SettlementExpiryMismatch,
            RuleError::SettlementSimulatedNotAllowed => {
                ExecTradeError::SettlementSimulatedNotAllowed
            }
            RuleError::SettlementPriceZero => ExecTradeError::SettlementPriceZero,
            RuleError::SettlementBeforeExpiry => ExecTradeError::SettlementBeforeExpiry,
            RuleError::SettlementPublishedBeforeExpiry => {
                ExecTradeError::SettlementPublishedBeforeExpiry
            }
            RuleError::RoundAlreadySettled => ExecTradeError::RoundAlreadySettled,
            RuleError::RoundRefunding => ExecTradeError::RoundRefunding,
            RuleError::RoundNotSettled => ExecTradeError::RoundNotSettled,
            RuleError::RefundTooEarly => ExecTradeError::RefundTooEarly,
            RuleError::QuoteFillStillValid => ExecTradeError::QuoteFillStillValid,
            RuleError::RoundStillOpen => ExecTradeError::RoundStillOpen,
            RuleError::RoundHasOpenPositions => ExecTradeError::RoundHasOpenPositions,
            RuleError::InvalidAsset => ExecTradeError::InvalidAsset,
            RuleError::RoundExpiryInPast => ExecTradeError::RoundExpiryInPast,
            RuleError::InvalidTradingCloseOffset => ExecTradeError::InvalidTradingCloseOffset,
            RuleError::RefundGraceOutOfRange => ExecTradeError::RefundGraceOutOfRange,
            RuleError::EpochNotNext => ExecTradeError::EpochNotNext,
            RuleError::InvalidRoundStatus => ExecTradeError::InvalidRoundStatus,
            RuleError::InvalidCluster => ExecTradeError::InvalidCluster,
            RuleError::ZeroAmount => ExecTradeError::ZeroAmount,
            RuleError::HouseInsufficientBalance => ExecTradeError::HouseInsufficientBalance,
            RuleError::QuoteBelowPar => ExecTradeError::QuoteBelowPar,
            RuleError::ExpiryNotOnSchedule => ExecTradeError::ExpiryNotOnSchedule,
            RuleError::InvalidRoundSchedule => ExecTradeError::InvalidRoundSchedule,
            RuleError::SettlementTooLate => ExecTradeError::SettlementTooLate,
            RuleError::RoundStrikesFull => ExecTradeError::RoundStrikesFull,
            RuleError::SimulatedOnlyOnLocalnet => ExecTradeError::SimulatedOnlyOnLocalnet,
            RuleError::PositionTooSmall => ExecTradeError::PositionTooSmall,
            RuleError::InvalidLimits => ExecTradeError::InvalidLimits,
            RuleError::LadderRootLength => ExecTradeError::LadderRootLength,
            RuleError::LadderRootMagic => ExecTradeError::LadderRootMagic,
            RuleError::LadderRootVersion => ExecTradeError::LadderRootVersion,
            RuleError::LadderSize => ExecTradeError::LadderSize,
            RuleError::LeafIndexOutOfRange => ExecTradeError::LeafIndexOutOfRange,
            RuleError::ProofLength => ExecTradeError::ProofLength,
            RuleError::ProofMismatch => ExecTradeError::ProofMismatch,
            RuleError::PriceAboveMax => ExecTradeError::PriceAboveMax,
            RuleError::LeafLength => ExecTradeError::LeafLength,
        }
    }
}

/// Runs a rule and turns its `RuleError` into the matching program error.
#[track_caller]
pub fn rule<T>(result: core::result::Result<T, RuleError>) -> Result<T> {
    result.map_err(|e| {
        let code = ExecTradeError::from(e);
        error!(code)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_error_maps_to_the_same_code_and_message() {
        for e in RuleError::ALL {
            let mapped = ExecTradeError::from(e);
            assert_eq!(u32::from(mapped), 6000 + e.code());
            assert_eq!(mapped.to_string(), e.message());
        }
    }
}
