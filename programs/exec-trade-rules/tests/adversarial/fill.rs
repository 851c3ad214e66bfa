//! Fill maths, replay accounting, house liquidity and round counters (limits: `limits.rs`).

use exec_trade_rules::{
    add_open_position, apply_fill, check_house_liquidity, fill_amounts, remove_open_position,
    FillAmounts, RuleError, Side,
};

use crate::support::Rng;

fn amounts(stake: u64, house_collateral: u64, payout: u64) -> FillAmounts {
    FillAmounts {
        stake,
        house_collateral,
        payout,
    }
}

#[test]
fn invalid_side_bytes_are_rejected() {
    for b in [2u8, 3, 0x80, 255] {
        assert_eq!(Side::from_u8(b), Err(RuleError::InvalidSide), "side {b}");
    }
}

#[test]
fn price_zero_and_one_are_not_tradeable() {
    for price in [0u32, 1_000_000, 1_000_001, u32::MAX] {
        assert_eq!(
            fill_amounts(100, price),
            Err(RuleError::PriceNotTradeable),
            "price {price}"
        );
    }
}

#[test]
fn zero_size_is_rejected() {
    assert_eq!(fill_amounts(0, 500_000), Err(RuleError::ZeroSize));
    assert_eq!(apply_fill(0, 0, 10), Err(RuleError::ZeroSize));
}

#[test]
fn stake_rounds_up_against_the_trader_with_exact_vectors() {
    let cases: [(u64, u32, FillAmounts); 8] = [
        (
            250_000_000,
            523_417,
            amounts(130_854_250, 119_145_750, 250_000_000),
        ),
        (3, 333_333, amounts(1, 2, 3)),
        (7, 500_000, amounts(4, 3, 7)),
        (2, 500_000, amounts(1, 1, 2)),
        (1_000_001, 1, amounts(2, 999_999, 1_000_001)),
        (1_000_000, 999_999, amounts(999_999, 1, 1_000_000)),
        (1_000_000, 1, amounts(1, 999_999, 1_000_000)),
        (999_999, 1, amounts(1, 999_998, 999_999)),
    ];
    for (size, price, expected) in cases {
        assert_eq!(
            fill_amounts(size, price),
            Ok(expected),
            "size {size} price {price}"
        );
    }
}

#[test]
fn stake_rounding_up_to_the_whole_size_is_rejected() {
    assert_eq!(fill_amounts(1, 10_000), Err(RuleError::NoHouseCollateral));
    assert_eq!(fill_amounts(1, 999_999), Err(RuleError::NoHouseCollateral));
    assert_eq!(fill_amounts(1, 1), Err(RuleError::NoHouseCollateral));
    assert_eq!(fill_amounts(10, 950_000), Err(RuleError::NoHouseCollateral));
    assert_eq!(fill_amounts(20, 950_000), Ok(amounts(19, 1, 20)));
}

#[test]
fn fill_maths_does_not_overflow_at_u64_max() {
    let max = u64::MAX;
    for price in [1u32, 500_000, 999_999] {
        let exact = (u128::from(max) * u128::from(price)).div_ceil(1_000_000);
        let stake = u64::try_from(exact).unwrap();
        assert_eq!(
            fill_amounts(max, price),
            Ok(amounts(stake, max - stake, max)),
            "price {price}"
        );
    }
}

#[test]
fn stake_is_the_exact_ceiling_for_random_inputs() {
    let mut rng = Rng::new(0x5EED_F111);
    for _ in 0..20_000 {
        let size = if rng.chance(50) {
            rng.range(1, 10_000)
        } else {
            rng.next_u64().max(1)
        };
        let price = u32::try_from(rng.range(1, 999_999)).unwrap();
        let product = u128::from(size) * u128::from(price);
        match fill_amounts(size, price) {
            Ok(a) => {
                let stake = u128::from(a.stake);
                assert!(
                    stake * 1_000_000 >= product,
                    "stake too small: {size} @ {price}"
                );
                assert!(
                    (stake - 1) * 1_000_000 < product,
                    "stake too large: {size} @ {price}"
                );
                assert_eq!(a.stake + a.house_collateral, size);
                assert_eq!(a.payout, size);
                assert!(a.stake > 0 && a.house_collateral > 0);
            }
            Err(e) => {
                assert_eq!(e, RuleError::NoHouseCollateral, "{size} @ {price}");
                assert_eq!(product.div_ceil(1_000_000), u128::from(size));
            }
        }
    }
}

#[test]
fn oversize_fill_is_rejected_and_an_exact_fill_to_max_is_fine() {
    assert_eq!(apply_fill(0, 100, 100), Ok(100));
    assert_eq!(apply_fill(60, 40, 100), Ok(100));
    assert_eq!(apply_fill(0, 101, 100), Err(RuleError::QuoteOverfilled));
    assert_eq!(apply_fill(60, 41, 100), Err(RuleError::QuoteOverfilled));
}

#[test]
fn replay_beyond_max_is_rejected() {
    let filled = apply_fill(0, 250, 250).unwrap();
    assert_eq!(
        apply_fill(filled, 250, 250),
        Err(RuleError::QuoteOverfilled)
    );
    assert_eq!(apply_fill(filled, 1, 250), Err(RuleError::QuoteOverfilled));
    let partial = apply_fill(0, 100, 250).unwrap();
    let second = apply_fill(partial, 100, 250).unwrap();
    assert_eq!(second, 200);
    assert_eq!(
        apply_fill(second, 100, 250),
        Err(RuleError::QuoteOverfilled)
    );
}

#[test]
fn apply_fill_overflow_is_an_error_not_a_wrap() {
    assert_eq!(
        apply_fill(u64::MAX, 1, u64::MAX),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(
        apply_fill(u64::MAX - 5, 10, u64::MAX),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(apply_fill(u64::MAX - 10, 10, u64::MAX), Ok(u64::MAX));
}

#[test]
fn house_must_cover_house_collateral() {
    assert_eq!(check_house_liquidity(1_000, 1_000), Ok(()));
    assert_eq!(
        check_house_liquidity(999, 1_000),
        Err(RuleError::HouseInsufficientLiquidity)
    );
    assert_eq!(
        check_house_liquidity(0, 1),
        Err(RuleError::HouseInsufficientLiquidity)
    );
}

#[test]
fn round_counters_are_checked() {
    assert_eq!(add_open_position(10, 1, 5), Ok((15, 2)));
    assert_eq!(
        add_open_position(u64::MAX, 1, 1),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(
        add_open_position(0, u32::MAX, 1),
        Err(RuleError::MathOverflow)
    );
    assert_eq!(remove_open_position(15, 2, 5), Ok((10, 1)));
    assert_eq!(remove_open_position(4, 1, 5), Err(RuleError::MathOverflow));
    assert_eq!(remove_open_position(5, 0, 5), Err(RuleError::MathOverflow));
}
