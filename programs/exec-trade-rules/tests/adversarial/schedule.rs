//! The round schedule and schedule-based opening: which schedules a config may hold, which
//! expiries a round may have, and when its trading closes (the largest offset among the
//! durations that divide a shared expiry).

use exec_trade_rules::{
    check_round_schedule, open_round_check, trading_close_offset, RoundSpec, RoundTimes, RuleError,
    MAX_REFUND_GRACE_SEC, MAX_ROUND_SCHEDULE, MIN_REFUND_GRACE_SEC,
};

use crate::support::{schedule_of as schedule, Rng};

type Schedule = [RoundSpec; MAX_ROUND_SCHEDULE];

/// The engine's default schedule (engine/src/market/schedule.ts): 1 m / 10 s, 5 m, 15 m, 1 h / 30 s.
fn engine_default() -> Schedule {
    schedule(&[(60, 10), (300, 30), (900, 30), (3_600, 30)])
}

/// 2030-01-01T12:00:00Z, on every grid of the default schedule.
const NOON: i64 = 1_893_499_200;

#[test]
fn valid_schedules_pass() {
    assert_eq!(check_round_schedule(&engine_default()), Ok(()));
    assert_eq!(check_round_schedule(&schedule(&[(60, 0)])), Ok(()));
    assert_eq!(check_round_schedule(&schedule(&[(1, 0)])), Ok(()));
    assert_eq!(check_round_schedule(&schedule(&[(60, 59)])), Ok(()));
    let full: Vec<(u32, u32)> = (1..=8).map(|i| (i * 60, i * 5)).collect();
    assert_eq!(check_round_schedule(&schedule(&full)), Ok(()));
    // Entry order carries no meaning: durations need not be ascending.
    assert_eq!(
        check_round_schedule(&schedule(&[(3_600, 30), (60, 10), (300, 30)])),
        Ok(())
    );
    assert_eq!(
        check_round_schedule(&schedule(&[(u32::MAX, u32::MAX - 1)])),
        Ok(())
    );
}

#[test]
fn empty_schedule_is_refused() {
    assert_eq!(
        check_round_schedule(&schedule(&[])),
        Err(RuleError::InvalidRoundSchedule)
    );
    // An unused first entry makes the schedule empty even if later entries are set.
    assert_eq!(
        check_round_schedule(&schedule(&[(0, 0), (60, 10)])),
        Err(RuleError::InvalidRoundSchedule)
    );
}

#[test]
fn a_gap_in_the_schedule_is_refused() {
    let mut gap = engine_default();
    gap[7] = RoundSpec {
        duration_sec: 86_400,
        close_offset_sec: 60,
    };
    assert_eq!(
        check_round_schedule(&gap),
        Err(RuleError::InvalidRoundSchedule)
    );
    // A half-cleared entry (duration 0, offset kept) past the used ones is a gap too.
    let mut half_cleared = engine_default();
    half_cleared[4].close_offset_sec = 30;
    assert_eq!(
        check_round_schedule(&half_cleared),
        Err(RuleError::InvalidRoundSchedule)
    );
    // A zero duration in the middle ends the used entries; what follows is a gap.
    let mut hole = engine_default();
    hole[1] = RoundSpec::default();
    assert_eq!(
        check_round_schedule(&hole),
        Err(RuleError::InvalidRoundSchedule)
    );
}

#[test]
fn a_duplicate_duration_is_refused_even_with_another_offset() {
    assert_eq!(
        check_round_schedule(&schedule(&[(60, 10), (60, 10)])),
        Err(RuleError::InvalidRoundSchedule)
    );
    assert_eq!(
        check_round_schedule(&schedule(&[(60, 10), (300, 30), (60, 20)])),
        Err(RuleError::InvalidRoundSchedule)
    );
    let far: Vec<(u32, u32)> = (1..=7).map(|i| (i * 60, 5)).chain([(60, 5)]).collect();
    assert_eq!(
        check_round_schedule(&schedule(&far)),
        Err(RuleError::InvalidRoundSchedule)
    );
}

#[test]
fn a_close_offset_not_below_its_duration_is_refused() {
    for (duration, offset) in [(60u32, 60u32), (60, 61), (1, 1), (300, u32::MAX)] {
        assert_eq!(
            check_round_schedule(&schedule(&[(duration, offset)])),
            Err(RuleError::InvalidTradingCloseOffset),
            "{duration} / {offset}"
        );
    }
    // Also when the bad entry is not the first.
    assert_eq!(
        check_round_schedule(&schedule(&[(60, 10), (300, 300)])),
        Err(RuleError::InvalidTradingCloseOffset)
    );
}

#[test]
fn a_shared_expiry_takes_the_largest_offset_of_the_durations_dividing_it() {
    let s = engine_default();
    // 12:01: only the 1-minute grid.
    assert_eq!(trading_close_offset(&s, NOON + 60), Ok(10));
    // 12:05: 1 m and 5 m rounds share the account; trading closes at the earlier close.
    assert_eq!(trading_close_offset(&s, NOON + 300), Ok(30));
    // 13:00: all four durations.
    assert_eq!(trading_close_offset(&s, NOON + 3_600), Ok(30));
    // The larger offset wins even when it belongs to the shorter duration.
    let short_late = schedule(&[(60, 50), (300, 30)]);
    assert_eq!(trading_close_offset(&short_late, NOON + 300), Ok(50));
    assert_eq!(trading_close_offset(&short_late, NOON + 60), Ok(50));
    // And regardless of the order of the entries.
    let reversed = schedule(&[(3_600, 30), (900, 30), (300, 30), (60, 10)]);
    for k in 1..=60 {
        let expiry = NOON + k * 60;
        assert_eq!(
            trading_close_offset(&reversed, expiry),
            trading_close_offset(&s, expiry),
            "expiry {expiry}"
        );
    }
}

#[test]
fn an_expiry_off_every_grid_is_refused() {
    let s = engine_default();
    for expiry in [NOON + 1, NOON + 59, NOON + 61, NOON + 299, NOON - 1] {
        assert_eq!(
            trading_close_offset(&s, expiry),
            Err(RuleError::ExpiryNotOnSchedule),
            "expiry {expiry}"
        );
    }
    // 90 s is on a 90 s grid only: with only 60 and 300 scheduled it is refused.
    assert_eq!(
        trading_close_offset(&schedule(&[(60, 10), (300, 30)]), NOON + 90),
        Err(RuleError::ExpiryNotOnSchedule)
    );
    // An empty schedule puts no expiry on the schedule.
    assert_eq!(
        trading_close_offset(&schedule(&[]), NOON),
        Err(RuleError::ExpiryNotOnSchedule)
    );
}

#[test]
fn alignment_is_euclidean_at_the_i64_extremes() {
    let s = schedule(&[(60, 10)]);
    assert_eq!(trading_close_offset(&s, 0), Ok(10));
    assert_eq!(trading_close_offset(&s, -60), Ok(10));
    assert_eq!(
        trading_close_offset(&s, -61),
        Err(RuleError::ExpiryNotOnSchedule)
    );
    // i64::MAX ≡ 7 (mod 60), i64::MIN ≡ 52 (mod 60).
    assert_eq!(
        trading_close_offset(&s, i64::MAX),
        Err(RuleError::ExpiryNotOnSchedule)
    );
    assert_eq!(trading_close_offset(&s, i64::MAX - 7), Ok(10));
    assert_eq!(
        trading_close_offset(&s, i64::MIN),
        Err(RuleError::ExpiryNotOnSchedule)
    );
    assert_eq!(trading_close_offset(&s, i64::MIN + 8), Ok(10));
}

#[test]
fn close_offset_matches_its_definition_for_random_schedules_and_expiries() {
    let mut rng = Rng::new(0x5C4E_D01E);
    for case in 0..2_000 {
        let used = usize::try_from(rng.range(1, MAX_ROUND_SCHEDULE as u64)).unwrap();
        let mut specs: Vec<(u32, u32)> = Vec::new();
        while specs.len() < used {
            let d = u32::try_from(rng.range(1, 12) * 30).unwrap();
            if specs.iter().all(|&(o, _)| o != d) {
                specs.push((d, u32::try_from(rng.range(0, u64::from(d) - 1)).unwrap()));
            }
        }
        let s = schedule(&specs);
        assert_eq!(check_round_schedule(&s), Ok(()), "case {case}: {specs:?}");
        let expiry = NOON + i64::try_from(rng.range(0, 7_200)).unwrap();
        let expected = specs
            .iter()
            .filter(|&&(d, _)| expiry % i64::from(d) == 0)
            .map(|&(_, o)| i64::from(o))
            .max()
            .ok_or(RuleError::ExpiryNotOnSchedule);
        assert_eq!(
            trading_close_offset(&s, expiry),
            expected,
            "case {case}: {specs:?} at {expiry}"
        );
    }
}

#[test]
fn open_round_fixes_the_trading_close_and_the_refund_time() {
    let s = engine_default();
    let open = |asset, expiry, now| open_round_check(asset, expiry, now, &s, 900);
    assert_eq!(
        open(1, NOON + 300, NOON),
        Ok(RoundTimes {
            trading_close_ts: NOON + 270,
            refund_after_ts: NOON + 1_200,
        })
    );
    assert_eq!(
        open(3, NOON + 60, NOON),
        Ok(RoundTimes {
            trading_close_ts: NOON + 50,
            refund_after_ts: NOON + 960,
        })
    );
}

#[test]
fn open_round_with_the_longest_grace_does_not_overflow_at_realistic_times() {
    let s = engine_default();
    let open = |expiry, now| open_round_check(1, expiry, now, &s, MAX_REFUND_GRACE_SEC);
    assert_eq!(
        open(NOON + 300, NOON),
        Ok(RoundTimes {
            trading_close_ts: NOON + 270,
            refund_after_ts: NOON + 300 + 604_800,
        })
    );
    // 9999-12-31T23:00:00Z, on every grid of the schedule: seven days later is still exact.
    let last_hour = 253_402_297_200;
    assert_eq!(last_hour % 3_600, 0);
    assert_eq!(
        open(last_hour, last_hour - 3_600),
        Ok(RoundTimes {
            trading_close_ts: last_hour - 30,
            refund_after_ts: last_hour + MAX_REFUND_GRACE_SEC,
        })
    );
    // Only an expiry within seven days of i64::MAX overflows, and then as an error.
    let s = schedule(&[(60, 10)]);
    let near_max = i64::MAX - i64::MAX.rem_euclid(60);
    assert_eq!(
        open_round_check(1, near_max, 0, &s, MAX_REFUND_GRACE_SEC),
        Err(RuleError::MathOverflow)
    );
    // Seven days are whole minutes, so this expiry is on the grid too.
    let latest = near_max - MAX_REFUND_GRACE_SEC;
    assert_eq!(
        open_round_check(1, latest, 0, &s, MAX_REFUND_GRACE_SEC).map(|t| t.refund_after_ts),
        Ok(near_max)
    );
}

#[test]
fn open_round_needs_a_trading_close_strictly_in_the_future() {
    let s = engine_default();
    let open = |now| open_round_check(2, NOON + 300, now, &s, MIN_REFUND_GRACE_SEC);
    assert!(open(NOON + 269).is_ok());
    // At the close, and between the close and expiry: nobody could trade, so it is not opened.
    for now in [NOON + 270, NOON + 299, NOON + 300, NOON + 301] {
        assert_eq!(open(now), Err(RuleError::RoundExpiryInPast), "now {now}");
    }
}

#[test]
fn open_round_checks_asset_then_schedule_then_time() {
    let s = engine_default();
    let open = |asset, expiry, now| open_round_check(asset, expiry, now, &s, MIN_REFUND_GRACE_SEC);
    for asset in [0u8, 4, 255] {
        assert_eq!(
            open(asset, NOON + 300, NOON),
            Err(RuleError::InvalidAsset),
            "asset {asset}"
        );
    }
    // A bad asset is reported before a bad expiry, and an off-grid expiry before the time.
    assert_eq!(
        open(0, NOON + 301, NOON + 400),
        Err(RuleError::InvalidAsset)
    );
    assert_eq!(
        open(1, NOON + 301, NOON + 400),
        Err(RuleError::ExpiryNotOnSchedule)
    );
    assert_eq!(
        open(1, NOON + 301, NOON),
        Err(RuleError::ExpiryNotOnSchedule)
    );
}

#[test]
fn open_round_overflow_is_an_error_not_a_wrap() {
    let s = schedule(&[(60, 10)]);
    // expiry − offset below i64::MIN.
    assert_eq!(
        open_round_check(1, i64::MIN + 8, i64::MIN, &s, MIN_REFUND_GRACE_SEC),
        Err(RuleError::MathOverflow)
    );
    // expiry + grace above i64::MAX.
    assert_eq!(
        open_round_check(1, i64::MAX - 7, 0, &s, MIN_REFUND_GRACE_SEC),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(
        open_round_check(1, i64::MAX - 7, 0, &s, 7),
        Ok(RoundTimes {
            trading_close_ts: i64::MAX - 17,
            refund_after_ts: i64::MAX,
        })
    );
}
