//! The round schedule: which expiries a round may have and when its trading closes.
//!
//! Rounds are keyed by (asset, expiry), so rounds of different durations that expire at the same
//! instant (a 1-minute and a 5-minute round at 12:05:00) share one account. Trading therefore
//! closes at the earliest close of every scheduled duration that divides the expiry: the largest
//! of their offsets. The engine computes the same (`engine/src/market/schedule.ts`).

use crate::constants::MAX_ROUND_SCHEDULE;
use crate::error::RuleError;

/// One round duration and how long before its expiry trading closes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct RoundSpec {
    /// Round duration, seconds; a round expires at every multiple of it. 0 marks an unused entry.
    pub duration_sec: u32,
    /// Trading closes this many seconds before expiry; below `duration_sec`.
    pub close_offset_sec: u32,
}

/// Requires at least one entry, entries in use first and unused (all-zero) entries after them,
/// no duplicate duration, and every offset below its duration.
pub fn check_round_schedule(schedule: &[RoundSpec; MAX_ROUND_SCHEDULE]) -> Result<(), RuleError> {
    let used = schedule.iter().take_while(|s| s.duration_sec != 0).count();
    if used == 0 {
        return Err(RuleError::InvalidRoundSchedule);
    }
    for (i, spec) in schedule.iter().enumerate() {
        if i >= used {
            if *spec != RoundSpec::default() {
                return Err(RuleError::InvalidRoundSchedule);
            }
            continue;
        }
        if spec.close_offset_sec >= spec.duration_sec {
            return Err(RuleError::InvalidTradingCloseOffset);
        }
        if schedule
            .iter()
            .take(i)
            .any(|o| o.duration_sec == spec.duration_sec)
        {
            return Err(RuleError::InvalidRoundSchedule);
        }
    }
    Ok(())
}

/// Seconds before `expiry_ts` at which trading closes: the largest offset among the scheduled
/// durations that divide `expiry_ts`. `ExpiryNotOnSchedule` if none does.
pub fn trading_close_offset(
    schedule: &[RoundSpec; MAX_ROUND_SCHEDULE],
    expiry_ts: i64,
) -> Result<i64, RuleError> {
    let mut offset: Option<u32> = None;
    for spec in schedule.iter().filter(|s| s.duration_sec != 0) {
        let aligned = expiry_ts
            .checked_rem_euclid(i64::from(spec.duration_sec))
            .ok_or(RuleError::MathOverflow)?
            == 0;
        if aligned {
            offset = Some(offset.map_or(spec.close_offset_sec, |o| o.max(spec.close_offset_sec)));
        }
    }
    offset.map(i64::from).ok_or(RuleError::ExpiryNotOnSchedule)
}
