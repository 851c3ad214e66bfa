//! Refund and settlement exclude each other: on an Open round exactly one of them is possible at
//! any second, the boundary is `round.refund_after_ts`, and whichever lands first decides the
//! round (a settled round is never refunded, a refunding round is never settled).

use exec_trade_rules::{
    check_claimable, check_settlement, refund_allowed, RoundStatus, RuleError, SettleContext,
};

use crate::settle::{ctx, with, REFUND_AFTER};
use crate::support::sample_settlement;

#[test]
fn settlement_at_the_refund_time_is_too_late_and_one_second_before_is_not() {
    let at = |now_ts| SettleContext { now_ts, ..ctx() };
    assert_eq!(
        check_settlement(&sample_settlement(), &at(REFUND_AFTER - 1)),
        Ok(())
    );
    assert_eq!(
        check_settlement(&sample_settlement(), &at(REFUND_AFTER)),
        Err(RuleError::SettlementTooLate)
    );
    assert_eq!(
        check_settlement(&sample_settlement(), &at(i64::MAX)),
        Err(RuleError::SettlementTooLate)
    );
}

#[test]
fn refund_and_settlement_exclude_each_other_at_every_second_around_the_boundary() {
    // On an Open round, exactly one of the two is possible at any instant.
    for now_ts in REFUND_AFTER - 3..=REFUND_AFTER + 3 {
        let settle = check_settlement(&sample_settlement(), &SettleContext { now_ts, ..ctx() });
        let refund = refund_allowed(RoundStatus::Open, now_ts, REFUND_AFTER);
        assert!(
            settle.is_ok() != refund.is_ok(),
            "at {now_ts}: settle {settle:?}, refund {refund:?}"
        );
        if now_ts < REFUND_AFTER {
            assert_eq!(refund, Err(RuleError::RefundTooEarly));
        } else {
            assert_eq!(settle, Err(RuleError::SettlementTooLate));
        }
    }
}

#[test]
fn settled_in_the_last_second_then_refund_at_the_boundary_is_refused() {
    // Settlement lands at REFUND_AFTER - 1, so the round is Settled; a refund one second later
    // (when an Open round would become refundable) meets the settled status.
    let last = SettleContext {
        now_ts: REFUND_AFTER - 1,
        ..ctx()
    };
    assert_eq!(check_settlement(&sample_settlement(), &last), Ok(()));
    assert_eq!(
        refund_allowed(RoundStatus::Settled, REFUND_AFTER, REFUND_AFTER),
        Err(RuleError::RoundAlreadySettled)
    );
    assert_eq!(check_claimable(RoundStatus::Settled), Ok(()));
}

#[test]
fn refunded_at_the_boundary_then_a_settlement_is_refused_by_status_first() {
    // The first refund at REFUND_AFTER marks the round Refunding; a settlement then reports the
    // status (the more specific cause), at the boundary and much later alike.
    assert_eq!(
        refund_allowed(RoundStatus::Open, REFUND_AFTER, REFUND_AFTER),
        Ok(())
    );
    for now_ts in [REFUND_AFTER, REFUND_AFTER + 86_400] {
        let refunding = SettleContext {
            round_status: RoundStatus::Refunding,
            now_ts,
            ..ctx()
        };
        assert_eq!(
            check_settlement(&sample_settlement(), &refunding),
            Err(RuleError::RoundRefunding)
        );
    }
    assert_eq!(
        check_claimable(RoundStatus::Refunding),
        Err(RuleError::RoundNotSettled)
    );
}

#[test]
fn a_late_settlement_with_another_defect_reports_the_earlier_check() {
    let late = SettleContext {
        now_ts: REFUND_AFTER,
        ..ctx()
    };
    assert_eq!(
        check_settlement(&with(|s| s.program_id = [0; 32]), &late),
        Err(RuleError::SettlementWrongProgram)
    );
    assert_eq!(
        check_settlement(&with(|s| s.price = 0), &late),
        Err(RuleError::SettlementPriceZero)
    );
    let settled_late = SettleContext {
        round_status: RoundStatus::Settled,
        ..late
    };
    assert_eq!(
        check_settlement(&sample_settlement(), &settled_late),
        Err(RuleError::RoundAlreadySettled)
    );
}
