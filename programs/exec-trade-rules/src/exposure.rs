//! The house's exposure in a round, per strike, and its worst-case net payout over every
//! settlement price.
//!
//! For a settlement price S, UP at strike K wins iff S ≥ K and DOWN wins iff S < K. The house pays
//! each winner its house collateral (size − stake) and keeps each loser's stake, so its net
//! payout is Σ_winning (size − stake) − Σ_losing stake. That changes only at strikes, so the
//! maximum over S is the maximum over the regions between sorted strikes. An UP and a DOWN at one
//! strike never both win: bought at par they offset each other, and the round limit sees ~0.

use crate::error::RuleError;
use crate::fill::{FillAmounts, Side};

/// Sizes and stakes of all fills at one strike, in collateral atoms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct StrikeExposure {
    /// Price micro-units.
    pub strike: u64,
    /// Total size (payout) of UP fills at this strike.
    pub up_size: u64,
    /// Total stake paid for those UP fills.
    pub up_stake: u64,
    /// Total size (payout) of DOWN fills at this strike.
    pub down_size: u64,
    /// Total stake paid for those DOWN fills.
    pub down_stake: u64,
}

impl StrikeExposure {
    /// Net payout of the house from this strike when UP wins / when DOWN wins.
    fn net_if(&self, up_wins: bool) -> Result<i128, RuleError> {
        let (win_size, win_stake, lose_stake) = if up_wins {
            (self.up_size, self.up_stake, self.down_stake)
        } else {
            (self.down_size, self.down_stake, self.up_stake)
        };
        let house_collateral = i128::from(win_size)
            .checked_sub(i128::from(win_stake))
            .ok_or(RuleError::MathOverflow)?;
        house_collateral
            .checked_sub(i128::from(lose_stake))
            .ok_or(RuleError::MathOverflow)
    }
}

/// Adds a fill to the book (the first `count` entries, sorted by strike) and returns the new
/// count. A new strike is inserted in order; `RoundStrikesFull` when the book has no room. On any
/// error the book is unchanged.
pub fn add_exposure(
    book: &mut [StrikeExposure],
    count: u8,
    strike: u64,
    side: Side,
    amounts: &FillAmounts,
) -> Result<u8, RuleError> {
    let n = usize::from(count);
    let used = book.get(..n).ok_or(RuleError::MathOverflow)?;
    let found = used.binary_search_by_key(&strike, |e| e.strike);
    let mut entry = match found {
        Ok(i) => *used.get(i).ok_or(RuleError::MathOverflow)?,
        Err(_) => StrikeExposure {
            strike,
            ..StrikeExposure::default()
        },
    };
    let (size, stake) = match side {
        Side::Up => (&mut entry.up_size, &mut entry.up_stake),
        Side::Down => (&mut entry.down_size, &mut entry.down_stake),
    };
    *size = size
        .checked_add(amounts.payout)
        .ok_or(RuleError::MathOverflow)?;
    *stake = stake
        .checked_add(amounts.stake)
        .ok_or(RuleError::MathOverflow)?;
    match found {
        Ok(i) => {
            *book.get_mut(i).ok_or(RuleError::MathOverflow)? = entry;
            Ok(count)
        }
        Err(i) => {
            if n >= book.len() {
                return Err(RuleError::RoundStrikesFull);
            }
            let new_count = count.checked_add(1).ok_or(RuleError::MathOverflow)?;
            let tail = book.get_mut(i..=n).ok_or(RuleError::MathOverflow)?;
            tail.rotate_right(1);
            *tail.first_mut().ok_or(RuleError::MathOverflow)? = entry;
            Ok(new_count)
        }
    }
}

/// The largest net payout of the house over every settlement price, for a book sorted by strike;
/// 0 when the house gains whatever the outcome.
pub fn worst_case_net_payout(book: &[StrikeExposure]) -> Result<u64, RuleError> {
    // Below every strike all DOWN positions win.
    let mut net: i128 = 0;
    for e in book {
        net = net
            .checked_add(e.net_if(false)?)
            .ok_or(RuleError::MathOverflow)?;
    }
    let mut worst = net;
    // Crossing each strike upward turns its DOWN winners into losers and its UP losers into winners.
    for e in book {
        let (if_up, if_down) = (e.net_if(true)?, e.net_if(false)?);
        net = net
            .checked_sub(if_down)
            .and_then(|n| n.checked_add(if_up))
            .ok_or(RuleError::MathOverflow)?;
        worst = worst.max(net);
    }
    u64::try_from(worst.max(0)).map_err(|_| RuleError::MathOverflow)
}
