//! Regression pins: lengths, magics, seeds, ids, offsets and error codes must never drift,
//! because the TypeScript engine, the client SDK and deployed accounts depend on them.

mod support;

use exec_trade_rules::*;
use support::base58_decode;

#[test]
fn message_lengths_and_magics_are_pinned() {
    assert_eq!(QUOTE_LEN, 128);
    assert_eq!(SETTLEMENT_LEN, 98);
    assert_eq!(&QUOTE_MAGIC, &[0x45, 0x58, 0x51, 0x54]);
    assert_eq!(&SETTLEMENT_MAGIC, &[0x45, 0x58, 0x53, 0x54]);
    assert_eq!((QUOTE_VERSION, SETTLEMENT_VERSION), (1, 1));
    assert_eq!((FLAG_SIMULATED, KNOWN_FLAGS), (1, 1));
    assert_eq!(SETTLEMENT_METHOD_MEDIAN, 1);
    assert_eq!(encode_quote(&support::sample_quote()).len(), QUOTE_LEN);
    assert_eq!(
        encode_settlement(&support::sample_settlement()).len(),
        SETTLEMENT_LEN
    );
}

#[test]
fn precisions_are_pinned() {
    assert_eq!(PRICE_PRECISION, 1_000_000);
    assert_eq!(PROB_PRECISION, 1_000_000);
    assert_eq!(MS_PER_SEC, 1_000);
}

#[test]
fn round_rule_limits_are_pinned() {
    // The program's account sizes (`Config.round_schedule`, `Round.exposures`) and the engine's
    // schedule depend on these.
    assert_eq!(MIN_REFUND_GRACE_SEC, 600);
    // Seven days: the longest an unsettled round may lock a trader's funds.
    assert_eq!(MAX_REFUND_GRACE_SEC, 604_800);
    assert_eq!(MAX_REFUND_GRACE_SEC, 7 * 24 * 3_600);
    assert_eq!(MAX_ROUND_SCHEDULE, 8);
    assert_eq!(MAX_ROUND_STRIKES, 32);
    // The exposure book's count is a u8.
    assert!(u8::try_from(MAX_ROUND_STRIKES).is_ok());
}

#[test]
fn ed25519_program_id_matches_its_base58_name() {
    let decoded = base58_decode("Ed25519SigVerify111111111111111111111111111");
    assert_eq!(decoded.len(), 32);
    assert_eq!(decoded.as_slice(), ED25519_PROGRAM_ID.as_slice());
}

#[test]
fn base58_decoder_round_trips_known_values() {
    assert_eq!(
        base58_decode("11111111111111111111111111111111"),
        vec![0u8; 32]
    );
    assert_eq!(base58_decode("2g"), vec![0x61]);
    assert_eq!(base58_decode("1112"), vec![0, 0, 0, 1]);
}

#[test]
fn ed25519_layout_offsets_are_pinned() {
    assert_eq!(ED25519_OFFSETS_START, 2);
    assert_eq!(ED25519_OFFSETS_LEN, 14);
    assert_eq!(
        usize::from(ED25519_PUBKEY_OFFSET),
        ED25519_OFFSETS_START + ED25519_OFFSETS_LEN
    );
    assert_eq!(ED25519_PUBKEY_OFFSET, 16);
    assert_eq!(
        usize::from(ED25519_SIGNATURE_OFFSET),
        16 + ED25519_PUBKEY_LEN
    );
    assert_eq!(ED25519_SIGNATURE_OFFSET, 48);
    assert_eq!(
        usize::from(ED25519_MESSAGE_OFFSET),
        48 + ED25519_SIGNATURE_LEN
    );
    assert_eq!(ED25519_MESSAGE_OFFSET, 112);
    assert_eq!(SELF_INDEX, u16::MAX);
    assert_eq!(TRANSACTION_LEVEL_STACK_HEIGHT, 1);
}

#[test]
fn seeds_are_pinned() {
    assert_eq!(SEED_CONFIG, b"config");
    assert_eq!(SEED_HOUSE_VAULT, b"house_vault");
    assert_eq!(SEED_ROUND, b"round");
    assert_eq!(SEED_ROUND_VAULT, b"round_vault");
    assert_eq!(SEED_QUOTE_FILL, b"quote_fill");
    assert_eq!(SEED_POSITION, b"position");
    assert_eq!(SEED_EXPOSURE, b"exposure");
}

#[test]
fn cluster_asset_and_side_ids_match_the_engine() {
    assert_eq!(
        (
            CLUSTER_LOCALNET,
            CLUSTER_DEVNET,
            CLUSTER_TESTNET,
            CLUSTER_MAINNET
        ),
        (0, 1, 2, 3)
    );
    assert_eq!((ASSET_BTC, ASSET_ETH, ASSET_SOL), (1, 2, 3));
    assert_eq!((SIDE_UP, SIDE_DOWN), (0, 1));
    assert_eq!(Side::Up.as_u8(), 0);
    assert_eq!(Side::Down.as_u8(), 1);
    assert_eq!(Side::from_u8(0), Ok(Side::Up));
    assert_eq!(Side::from_u8(1), Ok(Side::Down));
    for s in [
        RoundStatus::Open,
        RoundStatus::Settled,
        RoundStatus::Refunding,
    ] {
        assert_eq!(RoundStatus::from_u8(s.as_u8()), Ok(s));
    }
    assert_eq!(RoundStatus::Open.as_u8(), 0);
    assert_eq!(RoundStatus::Settled.as_u8(), 1);
    assert_eq!(RoundStatus::Refunding.as_u8(), 2);
}

#[test]
fn error_codes_are_positions_and_pinned() {
    for (i, e) in RuleError::ALL.iter().enumerate() {
        assert_eq!(e.code() as usize, i, "{e:?}");
    }
    assert_eq!(RuleError::MathOverflow.code(), 0);
    assert_eq!(RuleError::Ed25519MissingInstruction.code(), 1);
    assert_eq!(RuleError::Ed25519WrongSigner.code(), 16);
    assert_eq!(RuleError::QuoteLength.code(), 17);
    assert_eq!(RuleError::QuoteExpired.code(), 30);
    assert_eq!(RuleError::HouseInsufficientLiquidity.code(), 40);
    assert_eq!(RuleError::RoundRefunding.code(), 54);
    assert_eq!(RuleError::HouseInsufficientBalance.code(), 68);
    assert_eq!(RuleError::QuoteBelowPar.code(), 69);
    // Renamed in place: the codes did not move.
    assert_eq!(RuleError::RoundNetPayoutLimit.code(), 38);
    assert_eq!(RuleError::RefundGraceOutOfRange.code(), 63);
    assert_eq!(RuleError::EpochNotNext.code(), 64);
    assert_eq!(RuleError::InvalidTradingCloseOffset.code(), 62);
    // Appended.
    assert_eq!(RuleError::ExpiryNotOnSchedule.code(), 70);
    assert_eq!(RuleError::InvalidRoundSchedule.code(), 71);
    assert_eq!(RuleError::SettlementTooLate.code(), 72);
    assert_eq!(RuleError::RoundStrikesFull.code(), 73);
    assert_eq!(RuleError::SimulatedOnlyOnLocalnet.code(), 74);
    assert_eq!(RuleError::PositionTooSmall.code(), 75);
    assert_eq!(RuleError::InvalidLimits.code(), 76);
    assert_eq!(RuleError::ALL.len(), 77);
    assert_eq!(RuleError::ALL.last(), Some(&RuleError::InvalidLimits));
}

#[test]
fn changed_and_new_messages_are_pinned() {
    // The program's `#[msg]`s and the IDL (json + ts) repeat these texts.
    assert_eq!(
        RuleError::RoundExpiryInPast.message(),
        "Round: trading close not in the future"
    );
    assert_eq!(
        RuleError::RefundGraceOutOfRange.message(),
        "Config: refund grace outside the allowed range"
    );
    assert_eq!(
        RuleError::PositionTooSmall.message(),
        "Limits: position size below minimum"
    );
}

#[test]
fn error_messages_are_unique_and_domain_prefixed() {
    const DOMAINS: [&str; 11] = [
        "Math",
        "Ed25519",
        "Quote",
        "Round",
        "Fill",
        "Limits",
        "House",
        "Settlement",
        "Refund",
        "QuoteFill",
        "Config",
    ];
    let mut seen = std::collections::HashSet::new();
    for e in RuleError::ALL {
        let msg = e.message();
        assert_eq!(std::format!("{e}"), msg);
        let (domain, rest) = msg
            .split_once(": ")
            .unwrap_or_else(|| panic!("{e:?}: no domain prefix in {msg:?}"));
        assert!(DOMAINS.contains(&domain), "{e:?}: unknown domain {domain}");
        assert!(!rest.is_empty());
        assert!(seen.insert(msg), "duplicate message {msg:?}");
    }
}
