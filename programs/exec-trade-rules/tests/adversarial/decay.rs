//! Prices that decay with quote age: exact charges, the 0.99 cap, overflow bounds, rounding in
//! the house's favour, par kept, and the taker's maximum price.

use exec_trade_rules::{
    check_max_price, decayed_price, quote_age_sec, RuleError, MAX_DECAYED_PRICE, PROB_PRECISION,
};

use crate::support::Rng;

/// The sample ladder's generation time, on a whole second, and the clock's second then.
const GENERATED_MS: i64 = 998_997_000;
const GENERATED_TS: i64 = 998_997;
const UP: u32 = 523_417;
const RATE: u32 = 2_000;

/// The price at `now_ts` of `UP` decaying at `RATE`, generated `age_ms` before `now_ts`'s start.
fn charged_after_ms(age_ms: i64) -> Result<u32, RuleError> {
    decayed_price(UP, RATE, GENERATED_TS * 1_000 - age_ms, GENERATED_TS)
}

/// The definition, in i128: `price + rate × ⌈age_ms / 1000⌉` (age ≤ 0 charges nothing), capped at
/// `max(price, 0.99)`; `None` where the age in ms is not an i64 (or `now_ts` in ms is not).
fn reference(price: u32, rate: u32, generated_at_ms: i64, now_ts: i64) -> Option<u32> {
    if rate == 0 {
        return Some(price);
    }
    let now_ms = i128::from(now_ts) * 1_000;
    let age_ms = now_ms - i128::from(generated_at_ms);
    if i64::try_from(now_ms).is_err() || i64::try_from(age_ms).is_err() {
        return None;
    }
    let age_sec = if age_ms <= 0 {
        0
    } else {
        (age_ms + 999) / 1_000
    };
    let cap = i128::from(price.max(MAX_DECAYED_PRICE));
    let charged = (i128::from(price) + i128::from(rate) * age_sec).min(cap);
    Some(u32::try_from(charged).expect("≤ cap"))
}

#[test]
fn exact_charges_at_several_ages() {
    // (age in ms before the clock's second, seconds charged)
    let ages: [(i64, u32); 9] = [
        (0, 0),
        (1, 1),
        (999, 1),
        (1_000, 1),
        (1_001, 2),
        (1_999, 2),
        (2_000, 2),
        (60_000, 60),
        (60_001, 61),
    ];
    for (age_ms, seconds) in ages {
        assert_eq!(
            charged_after_ms(age_ms),
            Ok(UP + RATE * seconds),
            "age {age_ms} ms"
        );
        assert_eq!(
            quote_age_sec(GENERATED_TS * 1_000 - age_ms, GENERATED_TS),
            Ok(u64::from(seconds))
        );
    }
    // 233 s: 523_417 + 466_000 = 989_417, just below the cap; 234 s would pass it.
    assert_eq!(charged_after_ms(233_000), Ok(989_417));
    assert_eq!(charged_after_ms(233_001), Ok(MAX_DECAYED_PRICE));
    assert_eq!(charged_after_ms(3_600_000), Ok(MAX_DECAYED_PRICE));
}

#[test]
fn a_quote_generated_in_the_future_is_not_charged() {
    for ahead_ms in [1i64, 999, 1_000, 1_001, 86_400_000, i64::from(u32::MAX)] {
        assert_eq!(charged_after_ms(-ahead_ms), Ok(UP), "{ahead_ms} ms ahead");
        assert_eq!(quote_age_sec(GENERATED_MS + ahead_ms, GENERATED_TS), Ok(0));
    }
}

#[test]
fn rate_zero_changes_nothing_at_any_age() {
    for (generated_at_ms, now_ts) in [
        (GENERATED_MS, GENERATED_TS),
        (0, GENERATED_TS),
        (i64::MIN, i64::MAX),
        (i64::MAX, i64::MIN),
    ] {
        for price in [0u32, 1, UP, 999_999, 1_000_000, u32::MAX] {
            assert_eq!(decayed_price(price, 0, generated_at_ms, now_ts), Ok(price));
        }
    }
}

#[test]
fn the_cap_is_0_99_and_never_lowers_a_signed_price() {
    let age = |sec: i64| GENERATED_MS - sec * 1_000;
    assert_eq!(decayed_price(989_999, 1, age(1), GENERATED_TS), Ok(990_000));
    assert_eq!(decayed_price(989_999, 1, age(2), GENERATED_TS), Ok(990_000));
    assert_eq!(decayed_price(989_999, 2, age(1), GENERATED_TS), Ok(990_000));
    assert_eq!(decayed_price(989_998, 1, age(1), GENERATED_TS), Ok(989_999));
    // Signed at or above 0.99: decay never raises it, and the cap never lowers it.
    for price in [990_000u32, 990_001, 995_000, 999_999] {
        for rate in [1u32, RATE, u32::MAX] {
            for sec in [0i64, 1, 1_000_000] {
                assert_eq!(
                    decayed_price(price, rate, age(sec), GENERATED_TS),
                    Ok(price),
                    "{price} at {rate}/s after {sec} s"
                );
            }
        }
    }
}

#[test]
fn overflow_is_capped_or_refused_never_a_panic_or_a_wrap() {
    let max_ts = i64::MAX / 1_000; // the last clock second whose ms fits an i64
                                   // rate × age overflows u64: the cap.
    assert_eq!(
        decayed_price(UP, u32::MAX, GENERATED_MS - 1, GENERATED_TS),
        Ok(990_000)
    );
    assert_eq!(decayed_price(UP, u32::MAX, i64::MIN + 1, 0), Ok(990_000));
    assert_eq!(decayed_price(UP, u32::MAX, 0, max_ts), Ok(990_000));
    assert_eq!(decayed_price(UP, 1, i64::MIN + 1, 0), Ok(990_000));
    assert_eq!(quote_age_sec(i64::MIN + 1, 0), Ok(9_223_372_036_854_776));
    assert_eq!(
        decayed_price(999_999, u32::MAX, i64::MIN + 1, 0),
        Ok(999_999)
    );
    assert_eq!(
        decayed_price(u32::MAX, u32::MAX, i64::MIN + 1, 0),
        Ok(u32::MAX)
    );
    // The age itself not an i64 of ms (now in ms, or now − generated, overflows): refused.
    assert_eq!(
        decayed_price(UP, 1, 0, max_ts + 1),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(
        decayed_price(UP, 1, 0, i64::MAX),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(
        decayed_price(UP, 1, 0, i64::MIN),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(
        decayed_price(UP, 1, i64::MIN, 0),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(
        decayed_price(UP, 1, i64::MIN, max_ts),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(quote_age_sec(i64::MIN, 0), Err(RuleError::MathOverflow));
    // A future generation time at the other extreme (now − generated below i64::MIN).
    assert_eq!(
        decayed_price(UP, 1, i64::MAX, i64::MIN / 1_000),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(
        decayed_price(UP, 1, i64::MAX, -1),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(decayed_price(UP, 1, i64::MAX, 0), Ok(UP));
}

#[test]
fn decayed_price_matches_its_definition_at_random_and_extreme_inputs() {
    let mut rng = Rng::new(0xDECA_7000);
    let extremes = [i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX / 1_000, i64::MAX];
    let mut capped = 0usize;
    for n in 0..20_000 {
        let price = match n % 4 {
            0 => rng.range(1, 999_999) as u32,
            1 => rng.range(989_000, 1_000_000) as u32,
            2 => rng.next_u64() as u32,
            _ => UP,
        };
        let rate = match n % 3 {
            0 => rng.range(0, 10_000) as u32,
            1 => rng.next_u64() as u32,
            _ => u32::MAX,
        };
        let now_ts = if rng.chance(10) {
            extremes[rng.range(0, 6) as usize]
        } else {
            GENERATED_TS + rng.range(0, 2_000) as i64
        };
        let generated_at_ms = if rng.chance(10) {
            extremes[rng.range(0, 6) as usize]
        } else {
            GENERATED_MS + rng.range(0, 2_000_000) as i64 - 100_000
        };
        let got = decayed_price(price, rate, generated_at_ms, now_ts);
        let want = reference(price, rate, generated_at_ms, now_ts).ok_or(RuleError::MathOverflow);
        assert_eq!(got, want, "{price} {rate} {generated_at_ms} {now_ts}");
        capped += usize::from(got == Ok(MAX_DECAYED_PRICE));
    }
    assert!(capped > 1_000, "{capped} capped");
}

#[test]
fn rounding_is_in_the_house_s_favour() {
    // Uncapped, the charge is the exact decay over the age rounded up to a whole second: at
    // least rate × age, less than one second's rate more.
    let mut rng = Rng::new(0x0004_005E);
    for _ in 0..20_000 {
        let rate = rng.range(1, 500) as u32;
        let age_ms = rng.range(1, 600_000) as i64;
        let price = rng.range(1, 400_000) as u32;
        let generated = GENERATED_TS * 1_000 - age_ms;
        let charged = decayed_price(price, rate, generated, GENERATED_TS).expect("in range");
        let extra_ms = i128::from(charged - price) * 1_000; // micro-units × ms
        assert!(charged < MAX_DECAYED_PRICE, "{price} {rate} {age_ms}");
        assert!(
            extra_ms >= i128::from(rate) * i128::from(age_ms),
            "{price} {rate} {age_ms}"
        );
        assert!(extra_ms < i128::from(rate) * i128::from(age_ms + 1_000));
    }
}

#[test]
fn up_plus_down_stays_at_or_above_par_after_decay() {
    let mut rng = Rng::new(0x09A4);
    for _ in 0..20_000 {
        let up = rng.range(1, 999_999) as u32;
        let floor = PROB_PRECISION - u64::from(up);
        let down = rng.range(floor, (floor + 20_000).min(999_999)) as u32;
        let rate = if rng.chance(20) {
            u32::MAX
        } else {
            rng.range(0, 5_000) as u32
        };
        let generated = GENERATED_MS - rng.range(0, 400_000) as i64 + 5_000;
        let up_now = decayed_price(up, rate, generated, GENERATED_TS).expect("in range");
        let down_now = decayed_price(down, rate, generated, GENERATED_TS).expect("in range");
        assert!(
            u64::from(up_now) + u64::from(down_now) >= PROB_PRECISION,
            "{up}/{down} at {rate}/s → {up_now}/{down_now}"
        );
        for (signed, now) in [(up, up_now), (down, down_now)] {
            assert!(now >= signed && now <= signed.max(MAX_DECAYED_PRICE));
        }
    }
}

#[test]
fn the_taker_s_maximum_is_inclusive() {
    assert_eq!(check_max_price(500_000, 500_000), Ok(()));
    assert_eq!(check_max_price(499_999, 500_000), Ok(()));
    assert_eq!(
        check_max_price(500_001, 500_000),
        Err(RuleError::PriceAboveMax)
    );
    assert_eq!(check_max_price(0, 0), Ok(()));
    assert_eq!(check_max_price(1, 0), Err(RuleError::PriceAboveMax));
    assert_eq!(check_max_price(u32::MAX, u32::MAX), Ok(()));
    // A taker who accepts two seconds of decay: filled at 2 s, refused one ms later (3 s).
    let max = UP + 2 * RATE;
    let at = |age_ms| charged_after_ms(age_ms).and_then(|p| check_max_price(p, max));
    assert_eq!(at(2_000), Ok(()));
    assert_eq!(at(2_001), Err(RuleError::PriceAboveMax));
    // Stating the signed price accepts no decay at all.
    assert_eq!(
        charged_after_ms(0).and_then(|p| check_max_price(p, UP)),
        Ok(())
    );
    assert_eq!(
        charged_after_ms(1).and_then(|p| check_max_price(p, UP)),
        Err(RuleError::PriceAboveMax)
    );
}
