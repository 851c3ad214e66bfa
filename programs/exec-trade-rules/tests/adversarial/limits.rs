//! Risk limits of a fill (`check_limits`): the minimum and maximum position size, the round's
//! worst-case net payout (a fill that does not raise it is never refused by the round limit, even
//! over a lowered limit), the wallet's size in the round, and the order of the checks.

use exec_trade_rules::{check_limits, check_limits_config, Limits, RuleError};

/// Min 10, max 100 per fill; round worst case 1_000; wallet 300.
fn limits() -> Limits {
    Limits {
        min_position_size: 10,
        max_position_size: 100,
        max_round_net_payout: 1_000,
        max_wallet_round_size: 300,
    }
}

/// `check_limits` with the round's worst case going from 0 to `after` and an empty wallet.
fn fresh_round(size: u64, after: u64, limits: &Limits) -> Result<(), RuleError> {
    check_limits(size, 0, after, 0, limits)
}

#[test]
fn position_minimum_is_inclusive() {
    assert_eq!(fresh_round(10, 0, &limits()), Ok(()));
    assert_eq!(fresh_round(11, 0, &limits()), Ok(()));
    for size in [9, 1, 0] {
        assert_eq!(
            fresh_round(size, 0, &limits()),
            Err(RuleError::PositionTooSmall),
            "size {size}"
        );
    }
    // At the top of the range: a minimum of u64::MAX allows only u64::MAX (which the maximum
    // then judges).
    let huge = Limits {
        min_position_size: u64::MAX,
        max_position_size: u64::MAX,
        max_round_net_payout: u64::MAX,
        max_wallet_round_size: u64::MAX,
    };
    assert_eq!(
        fresh_round(u64::MAX - 1, 0, &huge),
        Err(RuleError::PositionTooSmall)
    );
    assert_eq!(fresh_round(u64::MAX, 0, &huge), Ok(()));
}

#[test]
fn a_minimum_equal_to_the_maximum_allows_exactly_one_size() {
    let exact = Limits {
        min_position_size: 100,
        ..limits()
    };
    assert_eq!(fresh_round(99, 0, &exact), Err(RuleError::PositionTooSmall));
    assert_eq!(fresh_round(100, 0, &exact), Ok(()));
    assert_eq!(fresh_round(101, 0, &exact), Err(RuleError::PositionLimit));
}

#[test]
fn position_limit_is_inclusive() {
    assert_eq!(fresh_round(100, 0, &limits()), Ok(()));
    assert_eq!(
        fresh_round(101, 0, &limits()),
        Err(RuleError::PositionLimit)
    );
}

#[test]
fn round_net_payout_limit_is_inclusive() {
    assert_eq!(fresh_round(100, 1_000, &limits()), Ok(()));
    assert_eq!(
        fresh_round(100, 1_001, &limits()),
        Err(RuleError::RoundNetPayoutLimit)
    );
    assert_eq!(
        fresh_round(10, u64::MAX, &limits()),
        Err(RuleError::RoundNetPayoutLimit)
    );
    // From a round already at risk, raising it up to the limit is fine, one atom more is not.
    assert_eq!(check_limits(100, 500, 1_000, 0, &limits()), Ok(()));
    assert_eq!(
        check_limits(100, 500, 1_001, 0, &limits()),
        Err(RuleError::RoundNetPayoutLimit)
    );
}

#[test]
fn round_limit_is_on_the_net_payout_after_the_fill_not_on_gross_size() {
    // The caller passes the worst case with the fill already in the book: a fill that leaves it
    // at 950 passes although 950 + the fill's size would be above the limit.
    assert_eq!(check_limits(100, 850, 950, 0, &limits()), Ok(()));
    // A fully hedged round (worst case 0) passes even under a zero round limit; the position
    // and wallet limits still apply to its gross size.
    let no_round_risk = Limits {
        max_round_net_payout: 0,
        ..limits()
    };
    assert_eq!(fresh_round(100, 0, &no_round_risk), Ok(()));
    assert_eq!(
        fresh_round(100, 1, &no_round_risk),
        Err(RuleError::RoundNetPayoutLimit)
    );
    assert_eq!(
        check_limits(100, 0, 0, 201, &no_round_risk),
        Err(RuleError::WalletLimit)
    );
}

#[test]
fn a_hedge_is_accepted_on_a_round_already_over_a_lowered_limit() {
    // The round reached 1_500 under an older, higher limit; the admin then lowered it to 1_000.
    let lowered = limits();
    // A risk-reducing fill is accepted although the round stays above the limit.
    assert_eq!(check_limits(100, 1_500, 1_200, 0, &lowered), Ok(()));
    assert_eq!(check_limits(100, 1_500, 1_001, 0, &lowered), Ok(()));
    assert_eq!(check_limits(100, 1_500, 0, 0, &lowered), Ok(()));
    // So is one that leaves the worst case where it was (it does not raise it).
    assert_eq!(check_limits(100, 1_500, 1_500, 0, &lowered), Ok(()));
    // Even a zero limit and a round at u64::MAX: a fill that does not raise it passes.
    let zero = Limits {
        max_round_net_payout: 0,
        ..limits()
    };
    assert_eq!(check_limits(100, u64::MAX, u64::MAX, 0, &zero), Ok(()));
    assert_eq!(check_limits(100, u64::MAX, 1, 0, &zero), Ok(()));
}

#[test]
fn a_risk_raising_fill_is_refused_on_a_round_already_over_a_lowered_limit() {
    let lowered = limits();
    for (before, after) in [(1_500, 1_501), (1_500, u64::MAX), (1_001, 1_002)] {
        assert_eq!(
            check_limits(100, before, after, 0, &lowered),
            Err(RuleError::RoundNetPayoutLimit),
            "{before} -> {after}"
        );
    }
    let zero = Limits {
        max_round_net_payout: 0,
        ..limits()
    };
    assert_eq!(
        check_limits(100, u64::MAX - 1, u64::MAX, 0, &zero),
        Err(RuleError::RoundNetPayoutLimit)
    );
}

#[test]
fn a_hedge_over_the_limit_still_meets_the_position_and_wallet_limits() {
    assert_eq!(
        check_limits(9, 1_500, 1_200, 0, &limits()),
        Err(RuleError::PositionTooSmall)
    );
    assert_eq!(
        check_limits(101, 1_500, 1_200, 0, &limits()),
        Err(RuleError::PositionLimit)
    );
    assert_eq!(
        check_limits(100, 1_500, 1_200, 201, &limits()),
        Err(RuleError::WalletLimit)
    );
    assert_eq!(check_limits(100, 1_500, 1_200, 200, &limits()), Ok(()));
}

#[test]
fn an_accepted_fill_never_leaves_the_round_above_both_the_limit_and_its_worst_case_before() {
    // Stated the other way round from the rule: after an accepted fill the worst case is at most
    // max(limit, worst case before); a refused one would have gone above both. Every small case.
    let mut accepted_over_limit = 0;
    for limit in 0..=6u64 {
        for before in 0..=6u64 {
            for after in 0..=6u64 {
                let l = Limits {
                    min_position_size: 1,
                    max_position_size: 1,
                    max_round_net_payout: limit,
                    max_wallet_round_size: 1,
                };
                let result = check_limits(1, before, after, 0, &l);
                if after <= limit.max(before) {
                    assert_eq!(result, Ok(()), "limit {limit}: {before} -> {after}");
                    accepted_over_limit += usize::from(after > limit);
                } else {
                    assert_eq!(
                        result,
                        Err(RuleError::RoundNetPayoutLimit),
                        "limit {limit}: {before} -> {after}"
                    );
                }
            }
        }
    }
    // The pairs limit < after ≤ before, summed over the limits: fills accepted over the limit.
    assert_eq!(accepted_over_limit, 56);
}

#[test]
fn limits_are_checked_in_order_minimum_maximum_round_wallet() {
    assert_eq!(
        check_limits(9, 0, 1_001, 201, &limits()),
        Err(RuleError::PositionTooSmall)
    );
    assert_eq!(
        check_limits(101, 0, 1_001, 201, &limits()),
        Err(RuleError::PositionLimit)
    );
    assert_eq!(
        check_limits(100, 0, 1_001, 201, &limits()),
        Err(RuleError::RoundNetPayoutLimit)
    );
    assert_eq!(
        check_limits(100, 0, 1_000, 201, &limits()),
        Err(RuleError::WalletLimit)
    );
    // A minimum above the maximum (a config that allows no size) reports the minimum first
    // below it and the maximum above it.
    let inverted = Limits {
        min_position_size: 200,
        ..limits()
    };
    assert_eq!(
        fresh_round(150, 0, &inverted),
        Err(RuleError::PositionTooSmall)
    );
    assert_eq!(
        fresh_round(200, 0, &inverted),
        Err(RuleError::PositionLimit)
    );
}

#[test]
fn wallet_limit_is_inclusive() {
    assert_eq!(check_limits(100, 0, 0, 200, &limits()), Ok(()));
    assert_eq!(
        check_limits(100, 0, 0, 201, &limits()),
        Err(RuleError::WalletLimit)
    );
    let wide = Limits {
        min_position_size: 1,
        max_position_size: u64::MAX,
        max_round_net_payout: u64::MAX,
        ..limits()
    };
    assert_eq!(
        check_limits(1, 0, 0, u64::MAX, &wide),
        Err(RuleError::MathOverflow)
    );
}

#[test]
fn zero_limits_allow_nothing() {
    assert_eq!(
        fresh_round(1, 0, &Limits::default()),
        Err(RuleError::PositionLimit)
    );
}

#[test]
fn a_config_whose_limits_refuse_every_fill_is_refused() {
    let ok = Limits {
        min_position_size: 1,
        max_position_size: 1,
        max_round_net_payout: 1,
        max_wallet_round_size: 1,
    };
    assert_eq!(check_limits_config(&ok), Ok(()));
    for bad in [
        Limits {
            min_position_size: 0,
            ..ok
        },
        Limits {
            min_position_size: 2,
            ..ok
        },
        Limits {
            max_round_net_payout: 0,
            ..ok
        },
        Limits {
            max_wallet_round_size: 0,
            ..ok
        },
        Limits::default(),
    ] {
        assert_eq!(
            check_limits_config(&bad),
            Err(RuleError::InvalidLimits),
            "{bad:?}"
        );
    }
}
