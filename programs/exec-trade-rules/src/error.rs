//! The one error type of the rules. The program maps every variant to its own
//! `ExecTradeError` variant of the same name.
//!
//! **Append-only**: clients depend on the numbers. Add new variants only at the end, never
//! reorder or remove one; `code()` is the variant's position and `tests/constants.rs` pins a few.
//! Each variant has a test in `tests/` that triggers it (see `tests/error_coverage.rs`).

use core::fmt;

/// Why a rule rejected an input. One variant per distinct failure; `Copy` and comparable so
/// tests assert the exact variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum RuleError {
    /// A checked arithmetic operation overflowed or underflowed. (code 0)
    MathOverflow = 0,
    /// The program instruction is at index 0, so no Ed25519 instruction precedes it. (code 1)
    Ed25519MissingInstruction = 1,
    /// The program instruction was invoked through CPI (stack height ≠ 1). (code 2)
    Ed25519NotTopLevel = 2,
    /// The instruction before the program's is not the Ed25519 precompile. (code 3)
    Ed25519WrongProgram = 3,
    /// The Ed25519 instruction lists accounts; the canonical one has none. (code 4)
    Ed25519AccountsPresent = 4,
    /// The Ed25519 instruction data is shorter than header + key + signature + message. (code 5)
    Ed25519DataTooShort = 5,
    /// The Ed25519 instruction data carries bytes after the message. (code 6)
    Ed25519TrailingBytes = 6,
    /// `num_signatures` is not exactly 1. (code 7)
    Ed25519SignatureCount = 7,
    /// The padding byte after `num_signatures` is not 0. (code 8)
    Ed25519PaddingNonZero = 8,
    /// `signature_offset` is not 48. (code 9)
    Ed25519SignatureOffset = 9,
    /// `signature_instruction_index` is not 0xFFFF (it points at another instruction). (code 10)
    Ed25519SignatureIndexNotPinned = 10,
    /// `public_key_offset` is not 16. (code 11)
    Ed25519PublicKeyOffset = 11,
    /// `public_key_instruction_index` is not 0xFFFF. (code 12)
    Ed25519PublicKeyIndexNotPinned = 12,
    /// `message_data_offset` is not 112. (code 13)
    Ed25519MessageOffset = 13,
    /// `message_data_size` is not the expected message length. (code 14)
    Ed25519MessageSize = 14,
    /// `message_instruction_index` is not 0xFFFF. (code 15)
    Ed25519MessageIndexNotPinned = 15,
    /// The verified public key is not the expected authority. (code 16)
    Ed25519WrongSigner = 16,
    /// The quote message is not exactly `QUOTE_LEN` bytes. (code 17)
    QuoteLength = 17,
    /// The message does not start with `"EXQT"` (for example a settlement). (code 18)
    QuoteMagic = 18,
    /// The quote version byte is not `QUOTE_VERSION`. (code 19)
    QuoteVersion = 19,
    /// The quote sets flag bits outside `KNOWN_FLAGS`. (code 20)
    QuoteUnknownFlags = 20,
    /// `up_price` or `down_price` is above `PROB_PRECISION`. (code 21)
    QuotePriceAboveOne = 21,
    /// The `quote_id` instruction argument (used in PDA seeds) differs from the verified quote's. (code 22)
    QuoteIdMismatch = 22,
    /// The quote names another program id. (code 23)
    QuoteWrongProgram = 23,
    /// The quote names another cluster. (code 24)
    QuoteWrongCluster = 24,
    /// The quote epoch is not the config's current `quote_epoch`. (code 25)
    QuoteEpochMismatch = 25,
    /// The quote is flagged SIMULATED and the config does not allow it. (code 26)
    QuoteSimulatedNotAllowed = 26,
    /// The quote asset differs from the round's. (code 27)
    QuoteAssetMismatch = 27,
    /// The quote expiry differs from the round's. (code 28)
    QuoteExpiryMismatch = 28,
    /// The round is not Open (already settled or refunding). (code 29)
    RoundNotOpen = 29,
    /// `now_ms > valid_until_ms`. (code 30)
    QuoteExpired = 30,
    /// `now ≥ round.trading_close_ts`. (code 31)
    TradingClosed = 31,
    /// The side byte is neither 0 (up) nor 1 (down). (code 32)
    InvalidSide = 32,
    /// The price for the side is 0 or ≥ 1.0. (code 33)
    PriceNotTradeable = 33,
    /// The fill size is zero. (code 34)
    ZeroSize = 34,
    /// After rounding the stake up, stake equals size: the house would lock nothing. (code 35)
    NoHouseCollateral = 35,
    /// `filled + size` exceeds the quote's `max_size` (includes replays). (code 36)
    QuoteOverfilled = 36,
    /// The fill size exceeds `max_position_size`. (code 37)
    PositionLimit = 37,
    /// The house's worst-case net payout in the round would exceed `max_round_net_payout`. (code 38)
    RoundNetPayoutLimit = 38,
    /// The trader's size in the round would exceed `max_wallet_round_size`. (code 39)
    WalletLimit = 39,
    /// The house vault balance is below the house collateral of the fill. (code 40)
    HouseInsufficientLiquidity = 40,
    /// The settlement message is not exactly `SETTLEMENT_LEN` bytes. (code 41)
    SettlementLength = 41,
    /// The message does not start with `"EXST"` (for example a quote). (code 42)
    SettlementMagic = 42,
    /// The settlement version byte is not `SETTLEMENT_VERSION`. (code 43)
    SettlementVersion = 43,
    /// The settlement sets flag bits outside `KNOWN_FLAGS`. (code 44)
    SettlementUnknownFlags = 44,
    /// The settlement names another program id. (code 45)
    SettlementWrongProgram = 45,
    /// The settlement names another cluster. (code 46)
    SettlementWrongCluster = 46,
    /// The settlement asset differs from the round's. (code 47)
    SettlementAssetMismatch = 47,
    /// The settlement expiry differs from the round's. (code 48)
    SettlementExpiryMismatch = 48,
    /// The settlement is flagged SIMULATED and the config does not allow it. (code 49)
    SettlementSimulatedNotAllowed = 49,
    /// The settlement price is zero. (code 50)
    SettlementPriceZero = 50,
    /// `now < round.expiry_ts`. (code 51)
    SettlementBeforeExpiry = 51,
    /// `published_at_ms < expiry_ts * 1000`. (code 52)
    SettlementPublishedBeforeExpiry = 52,
    /// The round is already settled. (code 53)
    RoundAlreadySettled = 53,
    /// The round is refunding and can no longer be settled. (code 54)
    RoundRefunding = 54,
    /// Claim on a round that is not settled. (code 55)
    RoundNotSettled = 55,
    /// `now < round.refund_after_ts` (expiry + the refund grace fixed at open). (code 56)
    RefundTooEarly = 56,
    /// `now_ms ≤ valid_until_ms`: the replay record is still needed. (code 57)
    QuoteFillStillValid = 57,
    /// The round is still Open and cannot be closed. (code 58)
    RoundStillOpen = 58,
    /// The round still has open positions. (code 59)
    RoundHasOpenPositions = 59,
    /// The asset id is not 1..=3. (code 60)
    InvalidAsset = 60,
    /// The round's trading close (expiry − its close offset) is not after now. (code 61)
    RoundExpiryInPast = 61,
    /// A trading close offset is negative or not shorter than its round duration. (code 62)
    InvalidTradingCloseOffset = 62,
    /// `refund_grace_sec` is outside `[MIN_REFUND_GRACE_SEC, MAX_REFUND_GRACE_SEC]`. (code 63)
    RefundGraceOutOfRange = 63,
    /// The new quote epoch is not exactly the current one + 1. (code 64)
    EpochNotNext = 64,
    /// A stored round status byte is not 0, 1 or 2. (code 65)
    InvalidRoundStatus = 65,
    /// The cluster id is not 0..=3. (code 66)
    InvalidCluster = 66,
    /// A deposit or withdrawal of zero atoms. (code 67)
    ZeroAmount = 67,
    /// A withdrawal above the house vault balance. (code 68)
    HouseInsufficientBalance = 68,
    /// `up_price + down_price < PROB_PRECISION`: buying both sides of one quote would cost less
    /// than the payout, a certain loss for the house. (code 69)
    QuoteBelowPar = 69,
    /// No duration of the round schedule divides the round's expiry. (code 70)
    ExpiryNotOnSchedule = 70,
    /// The round schedule is empty, has a zero or duplicate duration, or a gap. (code 71)
    InvalidRoundSchedule = 71,
    /// `now ≥ round.refund_after_ts`: the round is refundable and can no longer be settled. (code 72)
    SettlementTooLate = 72,
    /// The round already tracks `MAX_ROUND_STRIKES` distinct strikes. (code 73)
    RoundStrikesFull = 73,
    /// `allow_simulated` on a cluster other than localnet. (code 74)
    SimulatedOnlyOnLocalnet = 74,
    /// The fill size is below `min_position_size`. (code 75)
    PositionTooSmall = 75,
    /// The config's limits refuse every fill: a zero minimum, minimum above maximum, or a zero
    /// round or wallet limit. (code 76)
    InvalidLimits = 76,
    /// A ladder root message is not exactly `LADDER_ROOT_LEN` bytes. (code 77)
    LadderRootLength = 77,
    /// The message does not start with `"EXQR"`. (code 78)
    LadderRootMagic = 78,
    /// The ladder root version byte is not `LADDER_ROOT_VERSION`. (code 79)
    LadderRootVersion = 79,
    /// The ladder's leaf count is 0 or above `MAX_LADDER_LEAVES`. (code 80)
    LadderSize = 80,
    /// The leaf index is not below the ladder's leaf count. (code 81)
    LeafIndexOutOfRange = 81,
    /// The proof does not have exactly the hashes the leaf's path needs. (code 82)
    ProofLength = 82,
    /// Leaf and proof do not lead to the signed root. (code 83)
    ProofMismatch = 83,
    /// The charged (decayed) price is above the taker's maximum. (code 84)
    PriceAboveMax = 84,
    /// A ladder leaf is not exactly `LADDER_LEAF_LEN` bytes. (code 85)
    LeafLength = 85,
}

impl RuleError {
    /// Every variant in code order (index == `code()`).
    pub const ALL: [RuleError; 86] = [
        RuleError::MathOverflow,
        RuleError::Ed25519MissingInstruction,
        RuleError::Ed25519NotTopLevel,
        RuleError::Ed25519WrongProgram,
        RuleError::Ed25519AccountsPresent,
        RuleError::Ed25519DataTooShort,
        RuleError::Ed25519TrailingBytes,
        RuleError::Ed25519SignatureCount,
        RuleError::Ed25519PaddingNonZero,
        RuleError::Ed25519SignatureOffset,
        RuleError::Ed25519SignatureIndexNotPinned,
        RuleError::Ed25519PublicKeyOffset,
        RuleError::Ed25519PublicKeyIndexNotPinned,
        RuleError::Ed25519MessageOffset,
        RuleError::Ed25519MessageSize,
        RuleError::Ed25519MessageIndexNotPinned,
        RuleError::Ed25519WrongSigner,
        RuleError::QuoteLength,
        RuleError::QuoteMagic,
        RuleError::QuoteVersion,
        RuleError::QuoteUnknownFlags,
        RuleError::QuotePriceAboveOne,
        RuleError::QuoteIdMismatch,
        RuleError::QuoteWrongProgram,
        RuleError::QuoteWrongCluster,
        RuleError::QuoteEpochMismatch,
        RuleError::QuoteSimulatedNotAllowed,
        RuleError::QuoteAssetMismatch,
        RuleError::QuoteExpiryMismatch,
        RuleError::RoundNotOpen,
        RuleError::QuoteExpired,
        RuleError::TradingClosed,
        RuleError::InvalidSide,
        RuleError::PriceNotTradeable,
        RuleError::ZeroSize,
        RuleError::NoHouseCollateral,
        RuleError::QuoteOverfilled,
        RuleError::PositionLimit,
        RuleError::RoundNetPayoutLimit,
        RuleError::WalletLimit,
        RuleError::HouseInsufficientLiquidity,
        RuleError::SettlementLength,
        RuleError::SettlementMagic,
        RuleError::SettlementVersion,
        RuleError::SettlementUnknownFlags,
        RuleError::SettlementWrongProgram,
        RuleError::SettlementWrongCluster,
        RuleError::SettlementAssetMismatch,
        RuleError::SettlementExpiryMismatch,
        RuleError::SettlementSimulatedNotAllowed,
        RuleError::SettlementPriceZero,
        RuleError::SettlementBeforeExpiry,
        RuleError::SettlementPublishedBeforeExpiry,
        RuleError::RoundAlreadySettled,
        RuleError::RoundRefunding,
        RuleError::RoundNotSettled,
        RuleError::RefundTooEarly,
        RuleError::QuoteFillStillValid,
        RuleError::RoundStillOpen,
        RuleError::RoundHasOpenPositions,
        RuleError::InvalidAsset,
        RuleError::RoundExpiryInPast,
        RuleError::InvalidTradingCloseOffset,
        RuleError::RefundGraceOutOfRange,
        RuleError::EpochNotNext,
        RuleError::InvalidRoundStatus,
        RuleError::InvalidCluster,
        RuleError::ZeroAmount,
        RuleError::HouseInsufficientBalance,
        RuleError::QuoteBelowPar,
        RuleError::ExpiryNotOnSchedule,
        RuleError::InvalidRoundSchedule,
        RuleError::SettlementTooLate,
        RuleError::RoundStrikesFull,
        RuleError::SimulatedOnlyOnLocalnet,
        RuleError::PositionTooSmall,
        RuleError::InvalidLimits,
        RuleError::LadderRootLength,
        RuleError::LadderRootMagic,
        RuleError::LadderRootVersion,
        RuleError::LadderSize,
        RuleError::LeafIndexOutOfRange,
        RuleError::ProofLength,
        RuleError::ProofMismatch,
        RuleError::PriceAboveMax,
        RuleError::LeafLength,
    ];

    /// Stable numeric code: the variant's position in the enum. An Anchor program that lists
    /// the same variants first in its `#[error_code]` enum reports `6000 + code()`.
    pub const fn code(self) -> u32 {
        self as u32
    }

    /// Domain-prefixed human message, identical to the program's `#[msg]`.
    pub const fn message(self) -> &'static str {
        match self {
            RuleError::MathOverflow => "Math: overflow",
            RuleError::Ed25519MissingInstruction => {
                "Ed25519: no instruction before the program instruction"
            }
            RuleError::Ed25519NotTopLevel => {
                "Ed25519: program instruction must be called at top level, not through CPI"
            }
            RuleError::Ed25519WrongProgram => {
                "Ed25519: preceding instruction is not the Ed25519 program"
            }
            RuleError::Ed25519AccountsPresent => "Ed25519: instruction must have no accounts",
            RuleError::Ed25519DataTooShort => "Ed25519: instruction data too short",
            RuleError::Ed25519TrailingBytes => "Ed25519: trailing bytes after the message",
            RuleError::Ed25519SignatureCount => "Ed25519: exactly one signature required",
            RuleError::Ed25519PaddingNonZero => "Ed25519: padding byte must be zero",
            RuleError::Ed25519SignatureOffset => "Ed25519: signature offset not canonical",
            RuleError::Ed25519SignatureIndexNotPinned => {
                "Ed25519: signature instruction index not pinned"
            }
            RuleError::Ed25519PublicKeyOffset => "Ed25519: public key offset not canonical",
            RuleError::Ed25519PublicKeyIndexNotPinned => {
                "Ed25519: public key instruction index not pinned"
            }
            RuleError::Ed25519MessageOffset => "Ed25519: message offset not canonical",
            RuleError::Ed25519MessageSize => "Ed25519: message size wrong",
            RuleError::Ed25519MessageIndexNotPinned => {
                "Ed25519: message instruction index not pinned"
            }
            RuleError::Ed25519WrongSigner => "Ed25519: signed by an unexpected key",
            RuleError::QuoteLength => "Quote: wrong length",
            RuleError::QuoteMagic => "Quote: bad magic",
            RuleError::QuoteVersion => "Quote: unsupported version",
            RuleError::QuoteUnknownFlags => "Quote: unknown flag bits",
            RuleError::QuotePriceAboveOne => "Quote: price above 1.0",
            RuleError::QuoteIdMismatch => "Quote: id argument differs from the signed quote",
            RuleError::QuoteWrongProgram => "Quote: signed for another program",
            RuleError::QuoteWrongCluster => "Quote: signed for another cluster",
            RuleError::QuoteEpochMismatch => "Quote: epoch is not the current quote epoch",
            RuleError::QuoteSimulatedNotAllowed => "Quote: simulated quotes not allowed",
            RuleError::QuoteAssetMismatch => "Quote: asset differs from the round",
            RuleError::QuoteExpiryMismatch => "Quote: expiry differs from the round",
            RuleError::RoundNotOpen => "Round: not open",
            RuleError::QuoteExpired => "Quote: expired",
            RuleError::TradingClosed => "Round: trading closed",
            RuleError::InvalidSide => "Fill: invalid side",
            RuleError::PriceNotTradeable => "Fill: price 0 or 1.0 is not tradeable",
            RuleError::ZeroSize => "Fill: size is zero",
            RuleError::NoHouseCollateral => "Fill: stake equals size, no house collateral",
            RuleError::QuoteOverfilled => "Fill: quote max size exceeded",
            RuleError::PositionLimit => "Limits: position size above maximum",
            RuleError::RoundNetPayoutLimit => {
                "Limits: house worst-case net payout in round above maximum"
            }
            RuleError::WalletLimit => "Limits: wallet size in round above maximum",
            RuleError::HouseInsufficientLiquidity => "House: vault cannot cover house collateral",
            RuleError::SettlementLength => "Settlement: wrong length",
            RuleError::SettlementMagic => "Settlement: bad magic",
            RuleError::SettlementVersion => "Settlement: unsupported version",
            RuleError::SettlementUnknownFlags => "Settlement: unknown flag bits",
            RuleError::SettlementWrongProgram => "Settlement: signed for another program",
            RuleError::SettlementWrongCluster => "Settlement: signed for another cluster",
            RuleError::SettlementAssetMismatch => "Settlement: asset differs from the round",
            RuleError::SettlementExpiryMismatch => "Settlement: expiry differs from the round",
            RuleError::SettlementSimulatedNotAllowed => {
                "Settlement: simulated settlements not allowed"
            }
            RuleError::SettlementPriceZero => "Settlement: price is zero",
            RuleError::SettlementBeforeExpiry => "Settlement: round has not expired",
            RuleError::SettlementPublishedBeforeExpiry => "Settlement: published before expiry",
            RuleError::RoundAlreadySettled => "Round: already settled",
            RuleError::RoundRefunding => "Round: refunding",
            RuleError::RoundNotSettled => "Round: not settled",
            RuleError::RefundTooEarly => "Refund: round not refundable yet",
            RuleError::QuoteFillStillValid => "QuoteFill: quote still valid",
            RuleError::RoundStillOpen => "Round: still open",
            RuleError::RoundHasOpenPositions => "Round: has open positions",
            RuleError::InvalidAsset => "Round: unknown asset",
            RuleError::RoundExpiryInPast => "Round: trading close not in the future",
            RuleError::InvalidTradingCloseOffset => {
                "Config: trading close offset negative or not below the round duration"
            }
            RuleError::RefundGraceOutOfRange => "Config: refund grace outside the allowed range",
            RuleError::EpochNotNext => "Config: new quote epoch must be the current one + 1",
            RuleError::InvalidRoundStatus => "Round: unknown status",
            RuleError::InvalidCluster => "Config: unknown cluster",
            RuleError::ZeroAmount => "House: amount is zero",
            RuleError::HouseInsufficientBalance => "House: withdrawal above vault balance",
            RuleError::QuoteBelowPar => "Quote: UP + DOWN below 1.0",
            RuleError::ExpiryNotOnSchedule => "Round: expiry not on the round schedule",
            RuleError::InvalidRoundSchedule => "Config: invalid round schedule",
            RuleError::SettlementTooLate => "Settlement: round is refundable, too late to settle",
            RuleError::RoundStrikesFull => "Round: too many distinct strikes",
            RuleError::SimulatedOnlyOnLocalnet => {
                "Config: simulated prices allowed only on localnet"
            }
            RuleError::PositionTooSmall => "Limits: position size below minimum",
            RuleError::InvalidLimits => "Config: limits would refuse every fill",
            RuleError::LadderRootLength => "Ladder: root message wrong length",
            RuleError::LadderRootMagic => "Ladder: bad root magic",
            RuleError::LadderRootVersion => "Ladder: unsupported root version",
            RuleError::LadderSize => "Ladder: leaf count out of range",
            RuleError::LeafIndexOutOfRange => "Ladder: leaf index out of range",
            RuleError::ProofLength => "Ladder: proof has the wrong number of hashes",
            RuleError::ProofMismatch => "Ladder: leaf and proof do not match the signed root",
            RuleError::PriceAboveMax => "Fill: price above the taker's maximum",
            RuleError::LeafLength => "Ladder: leaf wrong length",
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}
