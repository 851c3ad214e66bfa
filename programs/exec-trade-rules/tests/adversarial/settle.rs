//! Settlement, claim, refund (and their mutual exclusion at the refund time) and the closing
//! cranks.

use exec_trade_rules::{
    can_close_quote_fill, can_close_round, check_claimable, check_settlement, claim,
    close_round_status, outcome, refund_allowed, refund_amounts, ClaimDestination, RefundAmounts,
    RoundStatus, RuleError, SettleContext, Settlement, Side,
};

use crate::support::{sample_settlement, PROGRAM_ID};

pub fn ctx() -> SettleContext {
    SettleContext {
        program_id: PROGRAM_ID,
        cluster: 1,
        allow_simulated: false,
        round_asset: 1,
        round_expiry_ts: 1_000_000,
        round_status: RoundStatus::Open,
        round_refund_after_ts: REFUND_AFTER,
        now_ts: 1_000_001,
    }
}

/// The sample round's refund time: expiry 1_000_000 + a 600 s grace.
pub const REFUND_AFTER: i64 = 1_000_600;

pub fn with(f: impl FnOnce(&mut Settlement)) -> Settlement {
    let mut s = sample_settlement();
    f(&mut s);
    s
}

#[test]
fn valid_settlement_passes() {
    assert_eq!(check_settlement(&sample_settlement(), &ctx()), Ok(()));
}

#[test]
fn settlement_for_another_program_cluster_asset_or_expiry_is_rejected() {
    let c = ctx();
    assert_eq!(
        check_settlement(&with(|s| s.program_id = [0; 32]), &c),
        Err(RuleError::SettlementWrongProgram)
    );
    assert_eq!(
        check_settlement(&with(|s| s.cluster = 3), &c),
        Err(RuleError::SettlementWrongCluster)
    );
    assert_eq!(
        check_settlement(&with(|s| s.asset = 2), &c),
        Err(RuleError::SettlementAssetMismatch)
    );
    assert_eq!(
        check_settlement(&with(|s| s.expiry_ts = 999_940), &c),
        Err(RuleError::SettlementExpiryMismatch)
    );
}

#[test]
fn simulated_settlement_needs_allow_simulated() {
    let s = with(|s| s.flags = 1);
    assert_eq!(
        check_settlement(&s, &ctx()),
        Err(RuleError::SettlementSimulatedNotAllowed)
    );
    assert_eq!(
        check_settlement(
            &s,
            &SettleContext {
                allow_simulated: true,
                ..ctx()
            }
        ),
        Ok(())
    );
}

#[test]
fn zero_price_is_rejected() {
    assert_eq!(
        check_settlement(&with(|s| s.price = 0), &ctx()),
        Err(RuleError::SettlementPriceZero)
    );
}

#[test]
fn settlement_before_expiry_is_rejected_and_at_expiry_is_fine() {
    let early = SettleContext {
        now_ts: 999_999,
        ..ctx()
    };
    assert_eq!(
        check_settlement(&sample_settlement(), &early),
        Err(RuleError::SettlementBeforeExpiry)
    );
    let at = SettleContext {
        now_ts: 1_000_000,
        ..ctx()
    };
    assert_eq!(check_settlement(&sample_settlement(), &at), Ok(()));
}

#[test]
fn settlement_published_before_expiry_is_rejected() {
    let s = with(|s| s.published_at_ms = 999_999_999);
    assert_eq!(
        check_settlement(&s, &ctx()),
        Err(RuleError::SettlementPublishedBeforeExpiry)
    );
    let exact = with(|s| s.published_at_ms = 1_000_000_000);
    assert_eq!(check_settlement(&exact, &ctx()), Ok(()));
}

#[test]
fn settling_twice_is_rejected() {
    let c = SettleContext {
        round_status: RoundStatus::Settled,
        ..ctx()
    };
    assert_eq!(
        check_settlement(&sample_settlement(), &c),
        Err(RuleError::RoundAlreadySettled)
    );
}

#[test]
fn refunding_round_cannot_be_settled() {
    let c = SettleContext {
        round_status: RoundStatus::Refunding,
        ..ctx()
    };
    assert_eq!(
        check_settlement(&sample_settlement(), &c),
        Err(RuleError::RoundRefunding)
    );
}

#[test]
fn expiry_ms_overflow_is_an_error_not_a_wrap() {
    let s = with(|s| s.expiry_ts = i64::MAX);
    let c = SettleContext {
        round_expiry_ts: i64::MAX,
        now_ts: i64::MAX,
        ..ctx()
    };
    assert_eq!(check_settlement(&s, &c), Err(RuleError::MathOverflow));
}

#[test]
fn tie_pays_up() {
    assert_eq!(outcome(97_300_000_000, 97_300_000_000), Side::Up);
    assert_eq!(outcome(97_300_000_001, 97_300_000_000), Side::Up);
    assert_eq!(outcome(97_299_999_999, 97_300_000_000), Side::Down);
    assert_eq!(outcome(0, 0), Side::Up);
    assert_eq!(outcome(u64::MAX, u64::MAX), Side::Up);
}

#[test]
fn claim_pays_the_winner_and_returns_the_loser_to_the_house() {
    let strike = 100;
    assert_eq!(
        claim(Side::Up, strike, 100, 7),
        (ClaimDestination::Trader, 7)
    );
    assert_eq!(
        claim(Side::Down, strike, 100, 7),
        (ClaimDestination::House, 7)
    );
    assert_eq!(
        claim(Side::Down, strike, 99, 7),
        (ClaimDestination::Trader, 7)
    );
    assert_eq!(claim(Side::Up, strike, 99, 7), (ClaimDestination::House, 7));
}

#[test]
fn claim_requires_a_settled_round() {
    assert_eq!(check_claimable(RoundStatus::Settled), Ok(()));
    assert_eq!(
        check_claimable(RoundStatus::Open),
        Err(RuleError::RoundNotSettled)
    );
    assert_eq!(
        check_claimable(RoundStatus::Refunding),
        Err(RuleError::RoundNotSettled)
    );
}

#[test]
fn refund_before_the_refund_time_is_rejected() {
    assert_eq!(
        refund_allowed(RoundStatus::Open, REFUND_AFTER - 1, REFUND_AFTER),
        Err(RuleError::RefundTooEarly)
    );
    assert_eq!(
        refund_allowed(RoundStatus::Open, REFUND_AFTER, REFUND_AFTER),
        Ok(())
    );
    assert_eq!(
        refund_allowed(RoundStatus::Refunding, REFUND_AFTER, REFUND_AFTER),
        Ok(())
    );
    assert_eq!(
        refund_allowed(RoundStatus::Refunding, 1_000_000, REFUND_AFTER),
        Err(RuleError::RefundTooEarly)
    );
}

#[test]
fn settled_round_cannot_be_refunded() {
    assert_eq!(
        refund_allowed(RoundStatus::Settled, i64::MAX, REFUND_AFTER),
        Err(RuleError::RoundAlreadySettled)
    );
}

#[test]
fn refund_time_compares_without_arithmetic_at_the_extremes() {
    assert_eq!(
        refund_allowed(RoundStatus::Open, i64::MAX, i64::MAX),
        Ok(())
    );
    assert_eq!(
        refund_allowed(RoundStatus::Open, i64::MAX - 1, i64::MAX),
        Err(RuleError::RefundTooEarly)
    );
    assert_eq!(
        refund_allowed(RoundStatus::Open, i64::MIN, i64::MIN),
        Ok(())
    );
    assert_eq!(
        refund_allowed(RoundStatus::Open, i64::MIN, i64::MIN + 1),
        Err(RuleError::RefundTooEarly)
    );
}

#[test]
fn refund_splits_stake_and_house_collateral() {
    assert_eq!(
        refund_amounts(60, 40, 100),
        Ok(RefundAmounts {
            to_trader: 60,
            to_house: 40
        })
    );
    assert_eq!(refund_amounts(60, 41, 100), Err(RuleError::MathOverflow));
    assert_eq!(refund_amounts(u64::MAX, 1, 0), Err(RuleError::MathOverflow));
}

#[test]
fn quote_fill_closes_only_after_validity() {
    assert_eq!(
        can_close_quote_fill(1_000, 1_000),
        Err(RuleError::QuoteFillStillValid)
    );
    assert_eq!(
        can_close_quote_fill(999, 1_000),
        Err(RuleError::QuoteFillStillValid)
    );
    assert_eq!(can_close_quote_fill(1_001, 1_000), Ok(()));
}

#[test]
fn round_closes_only_when_finished_and_empty() {
    assert_eq!(
        can_close_round(RoundStatus::Open, 0),
        Err(RuleError::RoundStillOpen)
    );
    assert_eq!(
        can_close_round(RoundStatus::Settled, 1),
        Err(RuleError::RoundHasOpenPositions)
    );
    assert_eq!(
        can_close_round(RoundStatus::Refunding, 3),
        Err(RuleError::RoundHasOpenPositions)
    );
    assert_eq!(can_close_round(RoundStatus::Settled, 0), Ok(()));
    assert_eq!(can_close_round(RoundStatus::Refunding, 0), Ok(()));
}

#[test]
fn empty_unsettled_round_closes_as_refunding_from_its_refund_time() {
    let expiry = 1_000_000;
    let close = |status, open, now| close_round_status(status, open, now, REFUND_AFTER);
    assert_eq!(
        close(RoundStatus::Open, 0, REFUND_AFTER - 1),
        Err(RuleError::RoundStillOpen)
    );
    assert_eq!(
        close(RoundStatus::Open, 0, REFUND_AFTER),
        Ok(RoundStatus::Refunding)
    );
    assert_eq!(
        close(RoundStatus::Open, 2, REFUND_AFTER),
        Err(RuleError::RoundHasOpenPositions)
    );
    assert_eq!(
        close(RoundStatus::Settled, 0, expiry),
        Ok(RoundStatus::Settled)
    );
    assert_eq!(
        close(RoundStatus::Settled, 1, REFUND_AFTER),
        Err(RuleError::RoundHasOpenPositions)
    );
    assert_eq!(
        close(RoundStatus::Refunding, 0, REFUND_AFTER),
        Ok(RoundStatus::Refunding)
    );
}

#[test]
fn unknown_round_status_byte_is_rejected() {
    for b in [3u8, 4, 255] {
        assert_eq!(RoundStatus::from_u8(b), Err(RuleError::InvalidRoundStatus));
    }
}
