//! Config and house vault checks: cluster, refund grace range, simulated prices only on
//! localnet, the quote epoch raised one step at a time, deposits, withdrawals and liability.

use exec_trade_rules::{
    add_liability, check_cluster, check_deposit, check_epoch_raise, check_refund_grace,
    check_simulated_allowed, check_withdraw, release_liability, RuleError, CLUSTER_DEVNET,
    CLUSTER_LOCALNET, CLUSTER_MAINNET, CLUSTER_TESTNET, MAX_REFUND_GRACE_SEC, MIN_REFUND_GRACE_SEC,
};

#[test]
fn known_clusters_only() {
    for c in 0u8..=3 {
        assert_eq!(check_cluster(c), Ok(()));
    }
    for c in [4u8, 9, 255] {
        assert_eq!(
            check_cluster(c),
            Err(RuleError::InvalidCluster),
            "cluster {c}"
        );
    }
}

#[test]
fn refund_grace_has_a_minimum_and_the_minimum_itself_is_fine() {
    assert_eq!(check_refund_grace(MIN_REFUND_GRACE_SEC), Ok(()));
    assert_eq!(check_refund_grace(MIN_REFUND_GRACE_SEC + 1), Ok(()));
    assert_eq!(check_refund_grace(86_400), Ok(()));
    for grace in [MIN_REFUND_GRACE_SEC - 1, 1, 0, -1, i64::MIN] {
        assert_eq!(
            check_refund_grace(grace),
            Err(RuleError::RefundGraceOutOfRange),
            "grace {grace}"
        );
    }
}

#[test]
fn refund_grace_has_a_maximum_and_the_maximum_itself_is_fine() {
    assert_eq!(check_refund_grace(MAX_REFUND_GRACE_SEC), Ok(()));
    assert_eq!(check_refund_grace(MAX_REFUND_GRACE_SEC - 1), Ok(()));
    // Seven days and one second, a year, and the largest i64 (which `expiry + grace` would
    // overflow for any positive expiry) are all refused.
    for grace in [MAX_REFUND_GRACE_SEC + 1, 365 * 86_400, i64::MAX] {
        assert_eq!(
            check_refund_grace(grace),
            Err(RuleError::RefundGraceOutOfRange),
            "grace {grace}"
        );
    }
}

#[test]
fn simulated_prices_are_allowed_only_on_localnet() {
    assert_eq!(check_simulated_allowed(CLUSTER_LOCALNET, true), Ok(()));
    for cluster in [CLUSTER_DEVNET, CLUSTER_TESTNET, CLUSTER_MAINNET] {
        assert_eq!(
            check_simulated_allowed(cluster, true),
            Err(RuleError::SimulatedOnlyOnLocalnet),
            "cluster {cluster}"
        );
        // Live prices only is fine everywhere.
        assert_eq!(check_simulated_allowed(cluster, false), Ok(()));
    }
    assert_eq!(check_simulated_allowed(CLUSTER_LOCALNET, false), Ok(()));
    // An unknown cluster is not localnet either (check_cluster rejects it on its own).
    assert_eq!(
        check_simulated_allowed(200, true),
        Err(RuleError::SimulatedOnlyOnLocalnet)
    );
}

#[test]
fn quote_epoch_goes_up_by_exactly_one() {
    assert_eq!(check_epoch_raise(3, 4), Ok(()));
    assert_eq!(check_epoch_raise(0, 1), Ok(()));
    assert_eq!(check_epoch_raise(u64::MAX - 1, u64::MAX), Ok(()));
    // Not increasing.
    assert_eq!(check_epoch_raise(3, 3), Err(RuleError::EpochNotNext));
    assert_eq!(check_epoch_raise(3, 2), Err(RuleError::EpochNotNext));
    assert_eq!(check_epoch_raise(3, 0), Err(RuleError::EpochNotNext));
    // A jump, which would burn epochs (all the way to u64::MAX ends the switch for good).
    assert_eq!(check_epoch_raise(3, 5), Err(RuleError::EpochNotNext));
    assert_eq!(check_epoch_raise(3, u64::MAX), Err(RuleError::EpochNotNext));
}

#[test]
fn a_retried_epoch_raise_is_refused_instead_of_raising_twice() {
    // The admin sends "raise 3 → 4" twice (a resend after a timeout); the second one now reads 4.
    let mut epoch = 3u64;
    assert_eq!(check_epoch_raise(epoch, 4), Ok(()));
    epoch = 4;
    assert_eq!(check_epoch_raise(epoch, 4), Err(RuleError::EpochNotNext));
}

#[test]
fn epoch_at_u64_max_cannot_move_and_does_not_wrap() {
    for new in [u64::MAX, 0, 1] {
        assert_eq!(
            check_epoch_raise(u64::MAX, new),
            Err(RuleError::EpochNotNext),
            "new {new}"
        );
    }
}

#[test]
fn deposits_and_withdrawals() {
    assert_eq!(check_deposit(0), Err(RuleError::ZeroAmount));
    assert_eq!(check_deposit(1), Ok(()));
    assert_eq!(check_withdraw(10, 0), Err(RuleError::ZeroAmount));
    assert_eq!(check_withdraw(10, 10), Ok(()));
    assert_eq!(
        check_withdraw(10, 11),
        Err(RuleError::HouseInsufficientBalance)
    );
}

#[test]
fn liability_counters_are_checked() {
    assert_eq!(add_liability(u64::MAX, 1), Err(RuleError::MathOverflow));
    assert_eq!(add_liability(5, 6), Ok(11));
    assert_eq!(release_liability(5, 6), Err(RuleError::MathOverflow));
    assert_eq!(release_liability(6, 5), Ok(1));
}
