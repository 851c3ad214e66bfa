//! The round's exposure book and its worst-case net payout: hedges at one strike, strikes where
//! both sides can win, insertion order, capacity, overflow, failure atomicity (a refused fill
//! leaves the book exactly as it was), and a brute-force cross-check over every price that
//! matters (`support::exposure_oracle`).

use exec_trade_rules::{
    add_exposure, fill_amounts, worst_case_net_payout, FillAmounts, RuleError, Side,
    StrikeExposure, MAX_ROUND_STRIKES,
};

use crate::support::exposure_oracle::{brute_force_worst, expected_book, OracleFill};
use crate::support::Rng;

const K: u64 = 97_300_000_000;
const STEP: u64 = 100_000_000;

type Book = [StrikeExposure; MAX_ROUND_STRIKES];

/// Adds every fill to an empty book; returns the book and its count, or the first error.
fn build(fills: &[(u64, Side, FillAmounts)]) -> Result<(Book, u8), RuleError> {
    let mut book = [StrikeExposure::default(); MAX_ROUND_STRIKES];
    let mut count = 0u8;
    for (strike, side, amounts) in fills {
        count = add_exposure(&mut book, count, *strike, *side, amounts)?;
    }
    Ok((book, count))
}

fn worst(fills: &[(u64, Side, FillAmounts)]) -> u64 {
    let (book, count) = build(fills).unwrap();
    worst_case_net_payout(&book[..usize::from(count)]).unwrap()
}

fn fill(size: u64, price: u32) -> FillAmounts {
    fill_amounts(size, price).unwrap()
}

/// What the house gains from rounding on a pair bought at (`up`, `down`): Σ stakes − size.
fn rounding_gain(size: u64, up: u32, down: u32) -> u64 {
    let stake = |p: u32| (u128::from(size) * u128::from(p)).div_ceil(1_000_000);
    u64::try_from(stake(up) + stake(down) - u128::from(size)).unwrap()
}

#[test]
fn an_empty_book_risks_nothing() {
    assert_eq!(worst_case_net_payout(&[]), Ok(0));
}

#[test]
fn a_single_fill_risks_its_house_collateral() {
    let a = fill(1_000, 600_000);
    assert_eq!(worst(&[(K, Side::Up, a)]), a.house_collateral);
    assert_eq!(worst(&[(K, Side::Down, a)]), a.house_collateral);
}

#[test]
fn a_hedged_pair_at_one_strike_at_par_risks_nothing() {
    let (up, down) = (fill(1_000, 500_000), fill(1_000, 500_000));
    assert_eq!(worst(&[(K, Side::Up, up), (K, Side::Down, down)]), 0);
    // Above par the house gains either way; still 0 (the worst case is clamped, never negative).
    let (up, down) = (fill(1_000, 520_000), fill(1_000, 500_000));
    assert_eq!(worst(&[(K, Side::Up, up), (K, Side::Down, down)]), 0);
}

#[test]
fn the_rounding_of_a_hedged_pair_counts_exactly_in_the_houses_favour() {
    // 7 at 0.5 + 0.5: stakes 4 + 4 = 8 for a payout of 7, so the pair nets the house 1 either
    // way. An UP of 100 at 0.5 one strike higher (house collateral 50) then risks 50 − 1 = 49.
    assert_eq!(rounding_gain(7, 500_000, 500_000), 1);
    let pair = [
        (K, Side::Up, fill(7, 500_000)),
        (K, Side::Down, fill(7, 500_000)),
    ];
    let other = (K + STEP, Side::Up, fill(100, 500_000));
    assert_eq!(worst(&[pair[0], pair[1], other]), 49);
    // For random sizes and par prices, exactly the rounding gain comes off.
    let mut rng = Rng::new(0xED6E);
    let mut with_gain = 0;
    for _ in 0..5_000 {
        let size = rng.range(2, 10_000_000);
        let up = u32::try_from(rng.range(1, 999_999)).unwrap();
        let down = 1_000_000 - up;
        let (Ok(a), Ok(b)) = (fill_amounts(size, up), fill_amounts(size, down)) else {
            continue;
        };
        let extra = fill(1_000_000, 300_000);
        let book = [
            (K, Side::Up, a),
            (K, Side::Down, b),
            (K + STEP, Side::Up, extra),
        ];
        let gain = rounding_gain(size, up, down);
        assert!(gain <= 1, "at par the two ceilings add at most 1");
        assert_eq!(worst(&book[..2]), 0, "{size} @ {up}/{down}");
        assert_eq!(
            worst(&book),
            extra.house_collateral - gain,
            "{size} @ {up}/{down}"
        );
        with_gain += usize::from(gain == 1);
    }
    assert!(
        with_gain > 1_000,
        "only {with_gain} cases had a rounding gain"
    );
}

#[test]
fn up_below_and_down_above_can_both_win_so_their_collateral_adds_up() {
    // Between the strikes (K ≤ price < K + STEP) the UP at K and the DOWN at K + STEP both win.
    let (up, down) = (fill(1_000, 400_000), fill(2_000, 300_000));
    let book = [(K, Side::Up, up), (K + STEP, Side::Down, down)];
    assert_eq!(worst(&book), up.house_collateral + down.house_collateral);
    assert_eq!(worst(&book), 600 + 1_400);
}

#[test]
fn down_below_and_up_above_never_both_win() {
    // At most one of them wins; between the strikes both lose.
    let (down, up) = (fill(1_000, 400_000), fill(2_000, 300_000));
    let book = [(K, Side::Down, down), (K + STEP, Side::Up, up)];
    let expected = (up.house_collateral - down.stake).max(down.house_collateral - up.stake);
    assert_eq!(worst(&book), expected);
    assert_eq!(worst(&book), 1_400 - 400);
}

#[test]
fn adjacent_strikes_one_micro_unit_apart_are_distinct() {
    let (a, b) = (fill(1_000, 500_000), fill(1_000, 500_000));
    // UP at K, DOWN at K + 1: the price K pays both.
    assert_eq!(worst(&[(K, Side::Up, a), (K + 1, Side::Down, b)]), 1_000);
    // The same at one strike is a hedge.
    assert_eq!(worst(&[(K, Side::Up, a), (K, Side::Down, b)]), 0);
}

#[test]
fn the_book_stays_sorted_whatever_the_insertion_order() {
    let a = fill(100, 500_000);
    let strikes = [K, K - STEP, K + STEP, K - 2 * STEP, K + STEP / 2, K];
    let fills: Vec<(u64, Side, FillAmounts)> = strikes.iter().map(|&s| (s, Side::Up, a)).collect();
    let (book, count) = build(&fills).unwrap();
    assert_eq!(count, 5);
    let used: Vec<u64> = book[..5].iter().map(|e| e.strike).collect();
    assert_eq!(used, [K - 2 * STEP, K - STEP, K, K + STEP / 2, K + STEP]);
    assert_eq!((book[2].up_size, book[2].up_stake), (200, 100));
    assert!(book[5..].iter().all(|e| *e == StrikeExposure::default()));
}

#[test]
fn insertion_order_does_not_change_the_book_or_the_worst_case() {
    let mut rng = Rng::new(0x0DE5);
    for case in 0..500 {
        let mut fills = random_fills(&mut rng, 12);
        let (book, count) = build(&fills).unwrap();
        for _ in 0..5 {
            // Fisher–Yates with the test PRNG.
            for i in (1..fills.len()).rev() {
                let j = usize::try_from(rng.range(0, i as u64)).unwrap();
                fills.swap(i, j);
            }
            let (shuffled, shuffled_count) = build(&fills).unwrap();
            assert_eq!((shuffled, shuffled_count), (book, count), "case {case}");
        }
    }
}

#[test]
fn a_full_book_refuses_a_new_strike_unchanged_and_accepts_a_known_one() {
    let a = fill(10, 500_000);
    let fills: Vec<(u64, Side, FillAmounts)> = (0..MAX_ROUND_STRIKES as u64)
        .map(|i| (K + (i * 7 % 32) * STEP, Side::Up, a))
        .collect();
    let (mut book, count) = build(&fills).unwrap();
    assert_eq!(usize::from(count), MAX_ROUND_STRIKES);
    let before = book;
    for strike in [K - STEP, K + STEP / 2, K + 40 * STEP] {
        assert_eq!(
            add_exposure(&mut book, count, strike, Side::Down, &a),
            Err(RuleError::RoundStrikesFull),
            "strike {strike}"
        );
        assert_eq!(book, before);
    }
    assert_eq!(add_exposure(&mut book, count, K, Side::Down, &a), Ok(count));
    assert_eq!((book[0].down_size, book[0].down_stake), (10, 5));
}

#[test]
fn a_smaller_slice_is_full_at_its_own_length() {
    let a = fill(10, 500_000);
    let mut book = [StrikeExposure::default(); 2];
    let count = add_exposure(&mut book, 0, K, Side::Up, &a).unwrap();
    let count = add_exposure(&mut book, count, K + 1, Side::Up, &a).unwrap();
    assert_eq!(
        add_exposure(&mut book, count, K - 1, Side::Up, &a),
        Err(RuleError::RoundStrikesFull)
    );
    assert_eq!(
        add_exposure(&mut [], 0, K, Side::Up, &a),
        Err(RuleError::RoundStrikesFull)
    );
}

#[test]
fn a_count_beyond_the_book_is_corrupt_state() {
    let a = fill(10, 500_000);
    let mut book = [StrikeExposure::default(); MAX_ROUND_STRIKES];
    let before = book;
    assert_eq!(
        add_exposure(&mut book, MAX_ROUND_STRIKES as u8 + 1, K, Side::Up, &a),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(book, before);
}

#[test]
fn size_overflow_at_a_strike_is_an_error_and_changes_nothing() {
    let big = FillAmounts {
        stake: 1,
        house_collateral: u64::MAX - 1,
        payout: u64::MAX,
    };
    let (mut book, count) = build(&[(K, Side::Up, big)]).unwrap();
    let before = book;
    assert_eq!(
        add_exposure(&mut book, count, K, Side::Up, &fill(10, 500_000)),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(book, before);
    // The other side of the same strike has its own totals.
    assert_eq!(
        add_exposure(&mut book, count, K, Side::Down, &fill(10, 500_000)),
        Ok(1)
    );
}

#[test]
fn a_stake_overflow_after_the_size_fits_changes_nothing() {
    // Only a corrupted entry can overflow its stake without its size (a stake is never above its
    // size); the size is added first, so a half-applied fill would show up in `*_size`.
    for side in [Side::Up, Side::Down] {
        let mut book = [StrikeExposure::default(); MAX_ROUND_STRIKES];
        book[0] = StrikeExposure {
            strike: K,
            up_stake: u64::MAX,
            down_stake: u64::MAX,
            ..StrikeExposure::default()
        };
        book[1] = StrikeExposure {
            strike: K + STEP,
            up_size: 7,
            up_stake: 3,
            ..StrikeExposure::default()
        };
        let before = book;
        assert_eq!(
            add_exposure(&mut book, 2, K, side, &fill(10, 500_000)),
            Err(RuleError::MathOverflow),
            "{side:?}"
        );
        assert_eq!(book, before, "{side:?}");
    }
}

#[test]
fn a_size_overflow_on_either_side_of_a_known_strike_changes_nothing() {
    let big = FillAmounts {
        stake: 1,
        house_collateral: u64::MAX - 1,
        payout: u64::MAX,
    };
    let small = fill(10, 500_000);
    for side in [Side::Up, Side::Down] {
        let (mut book, count) = build(&[
            (K - STEP, Side::Up, small),
            (K, side, big),
            (K + STEP, Side::Down, small),
        ])
        .unwrap();
        let before = book;
        assert_eq!(
            add_exposure(&mut book, count, K, side, &small),
            Err(RuleError::MathOverflow),
            "{side:?}"
        );
        assert_eq!(book, before, "{side:?}");
    }
}

#[test]
fn a_count_of_255_cannot_grow_even_in_a_longer_slice_and_the_book_is_unchanged() {
    // The count is a u8: 255 strikes in a slice with room for more cannot take a 256th.
    let a = fill(10, 500_000);
    let mut book = vec![StrikeExposure::default(); 300];
    let mut count = 0u8;
    for i in 0..255u64 {
        count = add_exposure(&mut book, count, K + i * STEP, Side::Up, &a).unwrap();
    }
    assert_eq!(count, 255);
    let before = book.clone();
    // A new strike first, in the middle, and last: each would shift a different part of the book.
    for strike in [K - STEP, K + STEP / 2, K + 255 * STEP] {
        assert_eq!(
            add_exposure(&mut book, count, strike, Side::Down, &a),
            Err(RuleError::MathOverflow),
            "strike {strike}"
        );
        assert_eq!(book, before, "strike {strike}");
    }
    // A strike the book already tracks needs no new entry.
    assert_eq!(
        add_exposure(&mut book, count, K + 254 * STEP, Side::Down, &a),
        Ok(255)
    );
    assert_eq!((book[254].down_size, book[254].down_stake), (10, 5));
    assert_eq!(book[..254], before[..254]);
    assert_eq!(book[255..], before[255..]);
}

/// A fill at one of 6 strikes with amounts that are small or within 1_000 of `u64::MAX`, so two
/// large ones on the same side of a strike overflow.
fn random_raw_fill(rng: &mut Rng) -> OracleFill {
    let size = if rng.chance(50) {
        rng.range(1, 1_000)
    } else {
        u64::MAX - rng.range(0, 1_000)
    };
    OracleFill {
        strike: K + rng.range(0, 5) * STEP,
        side: if rng.chance(50) { Side::Up } else { Side::Down },
        size,
        stake: rng.next_u64() % size,
    }
}

#[test]
fn a_failed_add_never_changes_the_book_and_a_successful_one_adds_exactly_the_fill() {
    let mut rng = Rng::new(0xA70C);
    let (mut full, mut overflow, mut added) = (0, 0, 0);
    for case in 0..3_000 {
        // Small books (0 to 5 entries) so they fill up too.
        let mut book = vec![StrikeExposure::default(); usize::try_from(rng.range(0, 5)).unwrap()];
        let mut count = 0u8;
        let mut accepted: Vec<OracleFill> = Vec::new();
        for _ in 0..rng.range(1, 12) {
            let f = random_raw_fill(&mut rng);
            let amounts = FillAmounts {
                stake: f.stake,
                house_collateral: f.size - f.stake,
                payout: f.size,
            };
            let before = book.clone();
            match add_exposure(&mut book, count, f.strike, f.side, &amounts) {
                Ok(n) => {
                    count = n;
                    accepted.push(f);
                    added += 1;
                }
                Err(e) => {
                    assert_eq!(book, before, "case {case}: {e:?} changed the book");
                    match e {
                        RuleError::RoundStrikesFull => full += 1,
                        RuleError::MathOverflow => overflow += 1,
                        other => panic!("case {case}: unexpected {other:?}"),
                    }
                }
            }
            let (used, unused) = book.split_at(usize::from(count));
            assert_eq!(used, expected_book(&accepted).as_slice(), "case {case}");
            assert!(unused.iter().all(|e| *e == StrikeExposure::default()));
        }
    }
    for (what, n) in [("full", full), ("overflow", overflow), ("added", added)] {
        assert!(n > 1_000, "only {n} {what} cases");
    }
}

#[test]
fn a_worst_case_above_u64_is_an_error_not_a_wrap() {
    let e = |strike, up_size, down_size| StrikeExposure {
        strike,
        up_size,
        up_stake: 1,
        down_size,
        down_stake: 1,
    };
    // UP at K and DOWN at K + 1 both win at K: (u64::MAX − 1) twice, minus nothing.
    let book = [e(K, u64::MAX, 0), e(K + 1, 0, u64::MAX)];
    assert_eq!(worst_case_net_payout(&book), Err(RuleError::MathOverflow));
    // Exactly u64::MAX fits: (2^63 + 1 − 2) + (2^63 + 2 − 2), as the stakes of the losing sides
    // (1 each) are kept.
    let book = [e(K, u64::MAX / 2 + 2, 0), e(K + 1, 0, u64::MAX / 2 + 3)];
    assert_eq!(worst_case_net_payout(&book), Ok(u64::MAX));
}

/// 1 to 40 random fills at `K + i` or `K + i·STEP` for `i < strikes` (so at most `2·strikes − 1`
/// distinct strikes, some of them 1 micro-unit apart).
fn random_fills(rng: &mut Rng, strikes: u64) -> Vec<(u64, Side, FillAmounts)> {
    let n = rng.range(1, 40);
    let mut fills = Vec::new();
    while (fills.len() as u64) < n {
        let strike = K + rng.range(0, strikes - 1) * if rng.chance(30) { 1 } else { STEP };
        let side = if rng.chance(50) { Side::Up } else { Side::Down };
        let size = if rng.chance(10) {
            rng.range(1, 1 << 60)
        } else {
            rng.range(1, 100_000)
        };
        let price = u32::try_from(rng.range(1, 999_999)).unwrap();
        if let Ok(a) = fill_amounts(size, price) {
            fills.push((strike, side, a));
        }
    }
    fills
}

#[test]
fn worst_case_equals_the_brute_force_over_every_price_for_random_books() {
    let mut rng = Rng::new(0xB00C);
    let mut positive = 0;
    for case in 0..3_000 {
        let fills = random_fills(&mut rng, 16);
        let (book, count) = build(&fills).unwrap();
        let used = &book[..usize::from(count)];
        let oracle: Vec<OracleFill> = fills
            .iter()
            .map(|&(strike, side, a)| OracleFill {
                strike,
                side,
                size: a.payout,
                stake: a.stake,
            })
            .collect();
        assert_eq!(used, expected_book(&oracle).as_slice(), "case {case}");
        let expected = brute_force_worst(&oracle);
        assert_eq!(
            worst_case_net_payout(used),
            Ok(expected),
            "case {case}: {fills:?}"
        );
        positive += usize::from(expected > 0);
    }
    assert!(
        positive > 1_500,
        "only {positive} books had a positive worst case"
    );
}
