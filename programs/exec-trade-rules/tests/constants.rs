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
fn ladder_layout_and_limits_are_pinned() {
    assert_eq!(&LADDER_ROOT_MAGIC, &[0x45, 0x58, 0x51, 0x52]); // "EXQR"
    assert_ne!(LADDER_ROOT_MAGIC, QUOTE_MAGIC);
    assert_ne!(LADDER_ROOT_MAGIC, SETTLEMENT_MAGIC);
    assert_eq!(LADDER_ROOT_VERSION, 2);
    // magic, version/cluster/asset/flags, program, epoch, expiry, leaf count, generated at,
    // valid until, Merkle root.
    assert_eq!(LADDER_ROOT_LEN, 4 + 4 + 32 + 8 + 8 + 2 + 8 + 8 + 32);
    assert_eq!(LADDER_ROOT_LEN, 106);
    // quote id, strike, up, down, max size, reference price, reference time, decay rate.
    assert_eq!(LADDER_LEAF_LEN, 16 + 8 + 4 + 4 + 8 + 8 + 8 + 4);
    assert_eq!(LADDER_LEAF_LEN, 60);
    // A node's preimage (left ‖ right) is 64 bytes: it can never be read as a leaf.
    assert_ne!(LADDER_LEAF_LEN, 64);
    let ladder = support::ladder::SampleLadder::new(3);
    assert_eq!(encode_ladder_root(&ladder.root).len(), LADDER_ROOT_LEN);
    assert_eq!(ladder.leaf(0).len(), LADDER_LEAF_LEN);
    assert_eq!(MAX_LADDER_LEAVES, 32);
    assert_eq!(MAX_LADDER_PROOF, 5);
    assert_eq!(1usize << MAX_LADDER_PROOF, usize::from(MAX_LADDER_LEAVES));
    let longest = (1..=MAX_LADDER_LEAVES)
        .flat_map(|n| (0..n).map(move |i| proof_len(i, n)))
        .map(|len| len.expect("a valid index and size"))
        .max();
    assert_eq!(longest, Some(MAX_LADDER_PROOF));
    assert_eq!((LEAF_HASH_PREFIX, NODE_HASH_PREFIX), (0x00, 0x01));
    assert_eq!(MAX_DECAYED_PRICE, 990_000);
    assert!(u64::from(MAX_DECAYED_PRICE) < PROB_PRECISION);
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
    // Quote format v2 and price decay (issue 13), appended.
    assert_eq!(RuleError::LadderRootLength.code(), 77);
    assert_eq!(RuleError::LadderRootMagic.code(), 78);
    assert_eq!(RuleError::LadderRootVersion.code(), 79);
    assert_eq!(RuleError::LadderSize.code(), 80);
    assert_eq!(RuleError::LeafIndexOutOfRange.code(), 81);
    assert_eq!(RuleError::ProofLength.code(), 82);
    assert_eq!(RuleError::ProofMismatch.code(), 83);
    assert_eq!(RuleError::PriceAboveMax.code(), 84);
    assert_eq!(RuleError::LeafLength.code(), 85);
    assert_eq!(RuleError::ALL.len(), 86);
    assert_eq!(RuleError::ALL.last(), Some(&RuleError::LeafLength));
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
    let v2 = [
        (
            RuleError::LadderRootLength,
            "Ladder: root message wrong length",
        ),
        (RuleError::LadderRootMagic, "Ladder: bad root magic"),
        (
            RuleError::LadderRootVersion,
            "Ladder: unsupported root version",
        ),
        (RuleError::LadderSize, "Ladder: leaf count out of range"),
        (
            RuleError::LeafIndexOutOfRange,
            "Ladder: leaf index out of range",
        ),
        (
            RuleError::ProofLength,
            "Ladder: proof has the wrong number of hashes",
        ),
        (
            RuleError::ProofMismatch,
            "Ladder: leaf and proof do not match the signed root",
        ),
        (
            RuleError::PriceAboveMax,
            "Fill: price above the taker's maximum",
        ),
        (RuleError::LeafLength, "Ladder: leaf wrong length"),
    ];
    for (e, msg) in v2 {
        assert_eq!(e.message(), msg, "{e:?}");
    }
}

#[test]
fn error_messages_are_unique_and_domain_prefixed() {
    const DOMAINS: [&str; 12] = [
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
        "Ladder",
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
