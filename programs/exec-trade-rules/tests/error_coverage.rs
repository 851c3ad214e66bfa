//! Every `RuleError` variant has an input that triggers exactly it. The match is exhaustive, so a
//! new variant does not compile until it gets a trigger here (the guard against an error that no
//! test reaches, or a message that shifted to another code).

mod support;

use exec_trade_rules::*;
use support::ladder::{sample_leaf, SampleLadder, Sha2};
use support::{
    ed25519_ix_data, ed25519_view, quote_ix_data, sample_quote, sample_quote_ctx as quote_ctx,
    sample_schedule, sample_settlement, set_u16, ATTACKER, ORACLE, PROGRAM_ID,
};

fn settle_ctx() -> SettleContext {
    SettleContext {
        program_id: PROGRAM_ID,
        cluster: 1,
        allow_simulated: false,
        round_asset: 1,
        round_expiry_ts: 1_000_000,
        round_status: RoundStatus::Open,
        round_refund_after_ts: 1_000_600,
        now_ts: 1_000_001,
    }
}

fn schedule_with(
    mutate: impl FnOnce(&mut [RoundSpec; MAX_ROUND_SCHEDULE]),
) -> Result<(), RuleError> {
    let mut s = sample_schedule();
    mutate(&mut s);
    check_round_schedule(&s)
}

/// `open_round` of BTC at `expiry_ts` (on the 5-minute grid: 1_000_200 = 3_334 × 300) at `now_ts`.
fn open(asset: u8, expiry_ts: i64, now_ts: i64) -> Result<(), RuleError> {
    open_round_check(
        asset,
        expiry_ts,
        now_ts,
        &sample_schedule(),
        MIN_REFUND_GRACE_SEC,
    )
    .map(|_| ())
}

/// Adds one UP of 10 at 0.5 at each of `strikes + 1` distinct strikes to an empty book of
/// `MAX_ROUND_STRIKES` entries.
fn fill_book(strikes: usize) -> Result<(), RuleError> {
    let mut book = [StrikeExposure::default(); MAX_ROUND_STRIKES];
    let amounts = fill_amounts(10, 500_000)?;
    let mut count = 0u8;
    for i in 0..=strikes {
        count = add_exposure(&mut book, count, 1_000 + i as u64, Side::Up, &amounts)?;
    }
    Ok(())
}

fn ix(mutate: impl FnOnce(&mut Vec<u8>)) -> Result<(), RuleError> {
    let mut data = quote_ix_data(&sample_quote());
    mutate(&mut data);
    verify_ed25519_instruction(&ed25519_view(&data), &ORACLE, QUOTE_LEN).map(|_| ())
}

fn quote(mutate: impl FnOnce(&mut Quote)) -> Result<(), RuleError> {
    let mut q = sample_quote();
    mutate(&mut q);
    check_quote(&q, &quote_ctx())
}

fn quote_bytes(mutate: impl FnOnce(&mut [u8; QUOTE_LEN])) -> Result<(), RuleError> {
    let mut b = encode_quote(&sample_quote());
    mutate(&mut b);
    decode_quote(&b).map(|_| ())
}

fn settlement(mutate: impl FnOnce(&mut Settlement, &mut SettleContext)) -> Result<(), RuleError> {
    let (mut s, mut c) = (sample_settlement(), settle_ctx());
    mutate(&mut s, &mut c);
    check_settlement(&s, &c)
}

fn settlement_bytes(mutate: impl FnOnce(&mut [u8; SETTLEMENT_LEN])) -> Result<(), RuleError> {
    let mut b = encode_settlement(&sample_settlement());
    mutate(&mut b);
    decode_settlement(&b).map(|_| ())
}

fn ladder_root_bytes(mutate: impl FnOnce(&mut [u8; LADDER_ROOT_LEN])) -> Result<(), RuleError> {
    let mut b = encode_ladder_root(&SampleLadder::new(2).root);
    mutate(&mut b);
    decode_ladder_root(&b).map(|_| ())
}

/// `ladder_quote` of leaf `index` of a two-leaf ladder, claimed at `claimed_index`, with its proof
/// mutated.
fn ladder_leaf(
    index: u16,
    claimed_index: u16,
    mutate: impl FnOnce(&mut Vec<[u8; 32]>),
) -> Result<(), RuleError> {
    let ladder = SampleLadder::new(2);
    let mut proof = ladder.proof(index);
    mutate(&mut proof);
    ladder_quote(
        &Sha2,
        &ladder.root,
        ladder.leaf(index),
        claimed_index,
        &proof,
    )
    .map(|_| ())
}

/// Fills of 5 to 10; round worst case 20; wallet 15.
const LIMITS: Limits = Limits {
    min_position_size: 5,
    max_position_size: 10,
    max_round_net_payout: 20,
    max_wallet_round_size: 15,
};

fn trigger(e: RuleError) -> Result<(), RuleError> {
    match e {
        RuleError::MathOverflow => apply_fill(u64::MAX, 1, u64::MAX).map(|_| ()),
        RuleError::Ed25519MissingInstruction => ed25519_index(0).map(|_| ()),
        RuleError::Ed25519NotTopLevel => check_top_level(2),
        RuleError::Ed25519WrongProgram => {
            let data = quote_ix_data(&sample_quote());
            let view = InstructionView {
                program_id: &PROGRAM_ID,
                num_accounts: 0,
                data: &data,
            };
            verify_ed25519_instruction(&view, &ORACLE, QUOTE_LEN).map(|_| ())
        }
        RuleError::Ed25519AccountsPresent => {
            let data = quote_ix_data(&sample_quote());
            let view = InstructionView {
                program_id: &ED25519_PROGRAM_ID,
                num_accounts: 2,
                data: &data,
            };
            verify_ed25519_instruction(&view, &ORACLE, QUOTE_LEN).map(|_| ())
        }
        RuleError::Ed25519DataTooShort => ix(|d| d.truncate(200)),
        RuleError::Ed25519TrailingBytes => ix(|d| d.extend_from_slice(&[0; 4])),
        RuleError::Ed25519SignatureCount => ix(|d| d[0] = 2),
        RuleError::Ed25519PaddingNonZero => ix(|d| d[1] = 9),
        RuleError::Ed25519SignatureOffset => ix(|d| set_u16(d, 2, 49)),
        RuleError::Ed25519SignatureIndexNotPinned => ix(|d| set_u16(d, 4, 1)),
        RuleError::Ed25519PublicKeyOffset => ix(|d| set_u16(d, 6, 17)),
        RuleError::Ed25519PublicKeyIndexNotPinned => ix(|d| set_u16(d, 8, 1)),
        RuleError::Ed25519MessageOffset => ix(|d| set_u16(d, 10, 113)),
        RuleError::Ed25519MessageSize => ix(|d| set_u16(d, 12, 98)),
        RuleError::Ed25519MessageIndexNotPinned => ix(|d| set_u16(d, 14, 1)),
        RuleError::Ed25519WrongSigner => ix(|d| {
            *d = ed25519_ix_data(&ATTACKER, &[0; 64], &encode_quote(&sample_quote()));
        }),
        RuleError::QuoteLength => decode_quote(&encode_quote(&sample_quote())[..127]).map(|_| ()),
        RuleError::QuoteMagic => quote_bytes(|b| b[3] = b'X'),
        RuleError::QuoteVersion => quote_bytes(|b| b[4] = 2),
        RuleError::QuoteUnknownFlags => quote_bytes(|b| b[7] = 0x40),
        RuleError::QuotePriceAboveOne => {
            quote_bytes(|b| b[80..84].copy_from_slice(&1_000_001u32.to_le_bytes()))
        }
        RuleError::QuoteIdMismatch => check_quote_id(&[0; 16], &sample_quote()),
        RuleError::QuoteWrongProgram => quote(|q| q.program_id = [1; 32]),
        RuleError::QuoteWrongCluster => quote(|q| q.cluster = 0),
        RuleError::QuoteEpochMismatch => quote(|q| q.epoch = 2),
        RuleError::QuoteSimulatedNotAllowed => quote(|q| q.flags = FLAG_SIMULATED),
        RuleError::QuoteAssetMismatch => quote(|q| q.asset = 3),
        RuleError::QuoteExpiryMismatch => quote(|q| q.expiry_ts = 1),
        RuleError::RoundNotOpen => check_quote(
            &sample_quote(),
            &QuoteContext {
                round_open: false,
                ..quote_ctx()
            },
        ),
        RuleError::QuoteExpired => quote(|q| q.valid_until_ms = 1),
        RuleError::TradingClosed => {
            let q = Quote {
                valid_until_ms: i64::MAX,
                ..sample_quote()
            };
            check_quote(
                &q,
                &QuoteContext {
                    now_ts: 999_990,
                    ..quote_ctx()
                },
            )
        }
        RuleError::InvalidSide => Side::from_u8(2).map(|_| ()),
        RuleError::PriceNotTradeable => fill_amounts(10, 0).map(|_| ()),
        RuleError::ZeroSize => fill_amounts(0, 500_000).map(|_| ()),
        RuleError::NoHouseCollateral => fill_amounts(1, 500_000).map(|_| ()),
        RuleError::QuoteOverfilled => apply_fill(5, 6, 10).map(|_| ()),
        RuleError::PositionLimit => check_limits(11, 0, 0, 0, &LIMITS),
        RuleError::RoundNetPayoutLimit => check_limits(10, 20, 21, 0, &LIMITS),
        RuleError::WalletLimit => check_limits(10, 0, 0, 6, &LIMITS),
        RuleError::HouseInsufficientLiquidity => check_house_liquidity(5, 6),
        RuleError::SettlementLength => {
            decode_settlement(&encode_settlement(&sample_settlement())[..97]).map(|_| ())
        }
        RuleError::SettlementMagic => settlement_bytes(|b| b[0] = 0),
        RuleError::SettlementVersion => settlement_bytes(|b| b[4] = 0),
        RuleError::SettlementUnknownFlags => settlement_bytes(|b| b[7] = 0x02),
        RuleError::SettlementWrongProgram => settlement(|s, _| s.program_id = [2; 32]),
        RuleError::SettlementWrongCluster => settlement(|s, _| s.cluster = 2),
        RuleError::SettlementAssetMismatch => settlement(|s, _| s.asset = 3),
        RuleError::SettlementExpiryMismatch => settlement(|s, _| s.expiry_ts = 0),
        RuleError::SettlementSimulatedNotAllowed => settlement(|s, _| s.flags = FLAG_SIMULATED),
        RuleError::SettlementPriceZero => settlement(|s, _| s.price = 0),
        RuleError::SettlementBeforeExpiry => settlement(|_, c| c.now_ts = 999_999),
        RuleError::SettlementPublishedBeforeExpiry => settlement(|s, _| s.published_at_ms = 0),
        RuleError::RoundAlreadySettled => settlement(|_, c| c.round_status = RoundStatus::Settled),
        RuleError::RoundRefunding => settlement(|_, c| c.round_status = RoundStatus::Refunding),
        RuleError::RoundNotSettled => check_claimable(RoundStatus::Open),
        RuleError::RefundTooEarly => refund_allowed(RoundStatus::Open, 99, 100),
        RuleError::QuoteFillStillValid => can_close_quote_fill(5, 5),
        RuleError::RoundStillOpen => can_close_round(RoundStatus::Open, 0),
        RuleError::RoundHasOpenPositions => can_close_round(RoundStatus::Settled, 1),
        RuleError::InvalidAsset => open(0, 1_000_200, 1_000_000),
        RuleError::RoundExpiryInPast => open(1, 1_000_200, 1_000_170),
        RuleError::InvalidTradingCloseOffset => schedule_with(|s| s[1].close_offset_sec = 300),
        RuleError::RefundGraceOutOfRange => check_refund_grace(MIN_REFUND_GRACE_SEC - 1),
        RuleError::EpochNotNext => check_epoch_raise(4, 6),
        RuleError::InvalidRoundStatus => RoundStatus::from_u8(9).map(|_| ()),
        RuleError::InvalidCluster => check_cluster(9),
        RuleError::ZeroAmount => check_deposit(0),
        RuleError::HouseInsufficientBalance => check_withdraw(1, 2),
        RuleError::QuoteBelowPar => quote(|q| q.down_price = 999_999 - q.up_price),
        RuleError::ExpiryNotOnSchedule => open(1, 1_000_230, 1_000_000),
        RuleError::InvalidRoundSchedule => schedule_with(|s| s[1].duration_sec = 60),
        RuleError::SettlementTooLate => settlement(|_, c| c.now_ts = c.round_refund_after_ts),
        RuleError::RoundStrikesFull => fill_book(MAX_ROUND_STRIKES),
        RuleError::SimulatedOnlyOnLocalnet => check_simulated_allowed(CLUSTER_DEVNET, true),
        RuleError::PositionTooSmall => check_limits(4, 0, 0, 0, &LIMITS),
        RuleError::InvalidLimits => check_limits_config(&Limits {
            min_position_size: 0,
            ..LIMITS
        }),
        RuleError::LadderRootLength => {
            decode_ladder_root(&encode_ladder_root(&SampleLadder::new(2).root)[..105]).map(|_| ())
        }
        RuleError::LadderRootMagic => ladder_root_bytes(|b| b[3] = b'T'),
        RuleError::LadderRootVersion => ladder_root_bytes(|b| b[4] = 1),
        RuleError::LadderSize => {
            ladder_root_bytes(|b| b[56..58].copy_from_slice(&65u16.to_le_bytes()))
        }
        RuleError::LeafIndexOutOfRange => ladder_leaf(1, 2, |_| {}),
        RuleError::ProofLength => ladder_leaf(0, 0, |p| p.clear()),
        RuleError::ProofMismatch => ladder_leaf(0, 0, |p| p[0][0] ^= 1),
        RuleError::PriceAboveMax => check_max_price(990_001, 990_000),
        RuleError::LeafLength => {
            decode_ladder_leaf(&encode_ladder_leaf(&sample_leaf(0))[..59]).map(|_| ())
        }
    }
}

#[test]
fn every_rule_error_has_a_trigger() {
    for e in RuleError::ALL {
        assert_eq!(trigger(e), Err(e), "trigger for {e:?}");
    }
}

#[test]
fn the_unmutated_fixtures_pass() {
    assert_eq!(ix(|_| {}), Ok(()));
    assert_eq!(quote(|_| {}), Ok(()));
    assert_eq!(quote_bytes(|_| {}), Ok(()));
    assert_eq!(settlement(|_, _| {}), Ok(()));
    assert_eq!(settlement_bytes(|_| {}), Ok(()));
    assert_eq!(schedule_with(|_| {}), Ok(()));
    assert_eq!(open(1, 1_000_200, 1_000_169), Ok(()));
    assert_eq!(fill_book(MAX_ROUND_STRIKES - 1), Ok(()));
    // Each limit exactly at its boundary passes: the smallest and the largest fill, the round's
    // worst case at its limit, the wallet filled to its limit.
    assert_eq!(check_limits(5, 0, 20, 10, &LIMITS), Ok(()));
    assert_eq!(check_limits(10, 0, 20, 5, &LIMITS), Ok(()));
    assert_eq!(check_refund_grace(MIN_REFUND_GRACE_SEC), Ok(()));
    assert_eq!(ladder_root_bytes(|_| {}), Ok(()));
    assert_eq!(ladder_leaf(0, 0, |_| {}), Ok(()));
    assert_eq!(ladder_leaf(1, 1, |_| {}), Ok(()));
    assert_eq!(check_max_price(990_000, 990_000), Ok(()));
}
