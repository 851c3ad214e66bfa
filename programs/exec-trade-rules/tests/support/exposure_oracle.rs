//! An independent oracle for `exposure`: the house's net payout at one settlement price, summed
//! position by position, and its maximum found by trying every price that matters (each strike
//! and the price just below it). Written without the crate's sweep so the two can disagree.

use std::collections::BTreeMap;

use exec_trade_rules::{Side, StrikeExposure};

/// One fill as the oracle sees it: strike, side, size (payout) and stake, in atoms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OracleFill {
    pub strike: u64,
    pub side: Side,
    pub size: u64,
    pub stake: u64,
}

/// The house's net payout at `price` (UP wins iff `price ≥ strike`): each winner's house
/// collateral (size − stake) minus each loser's stake.
pub fn net_payout_at(fills: &[OracleFill], price: u64) -> i128 {
    fills
        .iter()
        .map(|f| {
            let up_wins = price >= f.strike;
            let won = (f.side == Side::Up) == up_wins;
            if won {
                i128::from(f.size) - i128::from(f.stake)
            } else {
                -i128::from(f.stake)
            }
        })
        .sum()
}

/// The settlement prices where the outcome of some fill changes: every strike and the price one
/// micro-unit below it (saturating at 0, so a strike of 0 adds nothing below it).
pub fn candidate_prices(fills: &[OracleFill]) -> Vec<u64> {
    let mut prices: Vec<u64> = fills
        .iter()
        .flat_map(|f| [f.strike, f.strike.saturating_sub(1)])
        .collect();
    prices.push(u64::MAX);
    prices.sort_unstable();
    prices.dedup();
    prices
}

/// The worst case by brute force: the largest net payout over every candidate price, clamped at 0
/// (the house never "pays" a negative amount).
pub fn brute_force_worst(fills: &[OracleFill]) -> u64 {
    let worst = candidate_prices(fills)
        .into_iter()
        .map(|p| net_payout_at(fills, p))
        .max()
        .unwrap_or(0)
        .max(0);
    u64::try_from(worst).expect("worst case fits u64")
}

/// The fills a book entry stands for (its UP and DOWN totals as two fills).
pub fn fills_of_book(book: &[StrikeExposure]) -> Vec<OracleFill> {
    book.iter()
        .flat_map(|e| {
            [
                OracleFill {
                    strike: e.strike,
                    side: Side::Up,
                    size: e.up_size,
                    stake: e.up_stake,
                },
                OracleFill {
                    strike: e.strike,
                    side: Side::Down,
                    size: e.down_size,
                    stake: e.down_stake,
                },
            ]
        })
        .collect()
}

/// The book the crate should hold for `fills`, aggregated per strike with a `BTreeMap` (sorted,
/// one entry per distinct strike), independently of `add_exposure`.
pub fn expected_book(fills: &[OracleFill]) -> Vec<StrikeExposure> {
    let mut by_strike: BTreeMap<u64, StrikeExposure> = BTreeMap::new();
    for f in fills {
        let e = by_strike.entry(f.strike).or_insert(StrikeExposure {
            strike: f.strike,
            ..StrikeExposure::default()
        });
        match f.side {
            Side::Up => {
                e.up_size += f.size;
                e.up_stake += f.stake;
            }
            Side::Down => {
                e.down_size += f.size;
                e.down_stake += f.stake;
            }
        }
    }
    by_strike.into_values().collect()
}
