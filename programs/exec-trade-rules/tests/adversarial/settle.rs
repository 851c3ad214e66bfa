//! Settlement, claim, refund, closing cranks, open_round and admin checks.

use exec_trade_rules::{
    add_liability, can_close_quote_fill, can_close_round, check_claimable, check_cluster,
    check_config_params, check_deposit, check_epoch_raise, check_settlement, check_withdraw, claim,
    close_round_status, open_round_check, outcome, refund_allowed, refund_amounts,
    release_liability, ClaimDestination, RefundAmounts, RoundStatus, RuleError, SettleContext,
    Settlement, Side,
};

use crate::support::{sample_settlement, PROGRAM_ID};

fn ctx() -> SettleContext {
    SettleContext {
        program_id: PROGRAM_ID,
        cluster: 1,
        allow_simulated: false,
        round_asset: 1,
        round_expiry_ts: 1_000_000,
        round_status: RoundStatus::Open,
        now_ts: 1_000_001,
    }
}

fn with(f: impl FnOnce(&mut Settlement)) -> Settlement {
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
fn refund_before_grace_is_rejected() {
    assert_eq!(
        refund_allowed(RoundStatus::Open, 1_000_599, 1_000_000, 600),
        Err(RuleError::RefundTooEarly)
    );
    assert_eq!(
        refund_allowed(RoundStatus::Open, 1_000_600, 1_000_000, 600),
        Ok(())
    );
    assert_eq!(
        refund_allowed(RoundStatus::Refunding, 1_000_600, 1_000_000, 600),
        Ok(())
    );
    assert_eq!(
        refund_allowed(RoundStatus::Refunding, 1_000_000, 1_000_000, 600),
        Err(RuleError::RefundTooEarly)
    );
}

#[test]
fn settled_round_cannot_be_refunded() {
    assert_eq!(
        refund_allowed(RoundStatus::Settled, i64::MAX, 1_000_000, 600),
        Err(RuleError::RoundAlreadySettled)
    );
}

#[test]
fn refund_grace_must_be_sane() {
    assert_eq!(
        refund_allowed(RoundStatus::Open, 0, 1_000_000, -1),
        Err(RuleError::InvalidRefundGrace)
    );
    assert_eq!(
        refund_allowed(RoundStatus::Open, i64::MAX, i64::MAX, 1),
        Err(RuleError::MathOverflow)
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
fn empty_unsettled_round_closes_as_refunding_after_grace() {
    let (expiry, grace) = (1_000_000, 600);
    let close = |status, open, now| close_round_status(status, open, now, expiry, grace);
    assert_eq!(
        close(RoundStatus::Open, 0, expiry + grace - 1),
        Err(RuleError::RoundStillOpen)
    );
    assert_eq!(
        close(RoundStatus::Open, 0, expiry + grace),
        Ok(RoundStatus::Refunding)
    );
    assert_eq!(
        close(RoundStatus::Open, 2, expiry + grace),
        Err(RuleError::RoundHasOpenPositions)
    );
    assert_eq!(
        close(RoundStatus::Settled, 0, expiry),
        Ok(RoundStatus::Settled)
    );
    assert_eq!(
        close(RoundStatus::Settled, 1, expiry + grace),
        Err(RuleError::RoundHasOpenPositions)
    );
    assert_eq!(
        close(RoundStatus::Refunding, 0, expiry + grace),
        Ok(RoundStatus::Refunding)
    );
}

#[test]
fn unknown_round_status_byte_is_rejected() {
    for b in [3u8, 4, 255] {
        assert_eq!(RoundStatus::from_u8(b), Err(RuleError::InvalidRoundStatus));
    }
}

#[test]
fn open_round_validates_asset_expiry_and_offset() {
    assert_eq!(open_round_check(1, 1_000_300, 1_000_000, 10), Ok(1_000_290));
    assert_eq!(open_round_check(3, 1_000_001, 1_000_000, 0), Ok(1_000_001));
    for asset in [0u8, 4, 255] {
        assert_eq!(
            open_round_check(asset, 1_000_300, 1_000_000, 10),
            Err(RuleError::InvalidAsset)
        );
    }
    assert_eq!(
        open_round_check(2, 1_000_000, 1_000_000, 10),
        Err(RuleError::RoundExpiryInPast)
    );
    assert_eq!(
        open_round_check(2, 999_999, 1_000_000, 10),
        Err(RuleError::RoundExpiryInPast)
    );
    assert_eq!(
        open_round_check(2, 1_000_300, 1_000_000, -1),
        Err(RuleError::InvalidTradingCloseOffset)
    );
    assert_eq!(
        open_round_check(2, i64::MIN + 5, i64::MIN, 10),
        Err(RuleError::MathOverflow)
    );
}

#[test]
fn quote_epoch_only_goes_up() {
    assert_eq!(check_epoch_raise(3, 4), Ok(()));
    assert_eq!(check_epoch_raise(3, 3), Err(RuleError::EpochNotIncreasing));
    assert_eq!(check_epoch_raise(3, 2), Err(RuleError::EpochNotIncreasing));
    assert_eq!(
        check_epoch_raise(u64::MAX, u64::MAX),
        Err(RuleError::EpochNotIncreasing)
    );
}

#[test]
fn admin_checks() {
    for c in 0u8..=3 {
        assert_eq!(check_cluster(c), Ok(()));
    }
    assert_eq!(check_cluster(4), Err(RuleError::InvalidCluster));
    assert_eq!(check_config_params(10, 600), Ok(()));
    assert_eq!(
        check_config_params(-1, 600),
        Err(RuleError::InvalidTradingCloseOffset)
    );
    assert_eq!(
        check_config_params(10, -1),
        Err(RuleError::InvalidRefundGrace)
    );
    assert_eq!(check_deposit(0), Err(RuleError::ZeroAmount));
    assert_eq!(check_deposit(1), Ok(()));
    assert_eq!(check_withdraw(10, 0), Err(RuleError::ZeroAmount));
    assert_eq!(check_withdraw(10, 10), Ok(()));
    assert_eq!(
        check_withdraw(10, 11),
        Err(RuleError::HouseInsufficientBalance)
    );
    assert_eq!(add_liability(u64::MAX, 1), Err(RuleError::MathOverflow));
    assert_eq!(release_liability(5, 6), Err(RuleError::MathOverflow));
    assert_eq!(release_liability(6, 5), Ok(1));
}
