//! The vault invariants of the design, checked over the whole modelled state.

use exec_trade_rules::{
    worst_case_net_payout, RoundStatus, StrikeExposure, MAX_REFUND_GRACE_SEC, MAX_ROUND_STRIKES,
    MIN_REFUND_GRACE_SEC,
};

use super::exposure_oracle::{brute_force_worst, expected_book, OracleFill};
use super::vault_model::{Model, ModelPosition, ModelRound};

impl Model {
    /// Checks every invariant; returns a description of the first one broken.
    pub fn invariant(&self) -> Result<(), String> {
        for (i, r) in self.rounds.iter().enumerate() {
            self.round_exposure_invariant(i, r)?;
            self.round_timing_invariant(i, r)?;
            let open: Vec<&ModelPosition> = self
                .positions
                .iter()
                .filter(|p| p.open && p.round == i)
                .collect();
            let sum: u64 = open.iter().map(|p| p.size).sum();
            if r.vault != sum {
                return Err(format!(
                    "round {i}: vault {} != Σ open sizes {sum}",
                    r.vault
                ));
            }
            if r.total_size != sum || r.open_positions as usize != open.len() {
                return Err(format!(
                    "round {i}: counters {}/{} != {sum}/{}",
                    r.total_size,
                    r.open_positions,
                    open.len()
                ));
            }
            if r.closed && !open.is_empty() {
                return Err(format!("round {i}: closed with open positions"));
            }
        }
        let rounds: u64 = self.rounds.iter().map(|r| r.vault).sum();
        let lhs = u128::from(self.house_vault) + u128::from(rounds);
        let rhs = i128::from(self.funded) - i128::from(self.withdrawn) + i128::from(self.stakes)
            - i128::from(self.paid_to_traders);
        if lhs as i128 != rhs {
            return Err(format!(
                "house {} + rounds {rounds} != funding + stakes − payouts {rhs}",
                self.house_vault
            ));
        }
        let traders: u64 = self.traders.iter().sum();
        if u128::from(traders) + lhs + u128::from(self.withdrawn)
            != u128::from(self.traders_initial) + u128::from(self.funded)
        {
            return Err("tokens created or destroyed".to_string());
        }
        let liability: u64 = self
            .positions
            .iter()
            .filter(|p| p.open)
            .map(|p| p.house_collateral)
            .sum();
        if liability != self.house_liability {
            return Err(format!(
                "house_liability {} != Σ open house collateral {liability}",
                self.house_liability
            ));
        }
        for (id, f) in &self.fills {
            let sum: u64 = self
                .positions
                .iter()
                .filter(|p| p.quote_id == *id)
                .map(|p| p.size)
                .sum();
            if f.filled != sum || f.filled > f.max_size {
                return Err(format!(
                    "quote {id:?}: filled {} vs Σ sizes {sum}, max {}",
                    f.filled, f.max_size
                ));
            }
        }
        for p in &self.positions {
            if p.stake + p.house_collateral != p.size || p.stake == 0 || p.house_collateral == 0 {
                return Err(format!("position {p:?}: stake + house collateral != size"));
            }
        }
        Ok(())
    }

    /// The round's exposure book is exactly the per-strike sum of every fill it took (claimed and
    /// refunded ones too: the book never shrinks), sorted with one entry per strike; its stored
    /// worst case is the crate's and the brute-force oracle's; and the fills, in order, chain
    /// from 0 to it, each either within the round limit in force when it was taken or not
    /// raising the worst case (a hedge, accepted even over a lowered limit).
    fn round_exposure_invariant(&self, i: usize, r: &ModelRound) -> Result<(), String> {
        let fills: Vec<OracleFill> = self
            .positions
            .iter()
            .filter(|p| p.round == i)
            .map(|p| OracleFill {
                strike: p.strike,
                side: p.side,
                size: p.size,
                stake: p.stake,
            })
            .collect();
        let count = usize::from(r.strike_count);
        if count > MAX_ROUND_STRIKES {
            return Err(format!("round {i}: strike_count {count} above capacity"));
        }
        let (used, unused) = r.exposures.split_at(count);
        if used != expected_book(&fills).as_slice() {
            return Err(format!("round {i}: book {used:?} != Σ fills per strike"));
        }
        if unused.iter().any(|e| *e != StrikeExposure::default()) {
            return Err(format!(
                "round {i}: book has data past strike_count {count}"
            ));
        }
        let crate_worst = worst_case_net_payout(used).map_err(|e| format!("round {i}: {e:?}"))?;
        let oracle_worst = brute_force_worst(&fills);
        if r.worst_case_net_payout != crate_worst || crate_worst != oracle_worst {
            return Err(format!(
                "round {i}: stored worst case {} / crate {crate_worst} / brute force {oracle_worst}",
                r.worst_case_net_payout
            ));
        }
        let mut worst = 0;
        for p in self.positions.iter().filter(|p| p.round == i) {
            if p.round_worst_before != worst {
                return Err(format!(
                    "round {i}: a fill saw worst case {} before it, the previous left {worst}",
                    p.round_worst_before
                ));
            }
            worst = p.round_worst_after;
            if worst > p.round_limit_at_fill.max(p.round_worst_before) {
                return Err(format!(
                    "round {i}: a fill raised the worst case {} to {worst}, above the limit {}",
                    p.round_worst_before, p.round_limit_at_fill
                ));
            }
        }
        if worst != crate_worst {
            return Err(format!(
                "round {i}: the last fill left worst case {worst}, the book has {crate_worst}"
            ));
        }
        Ok(())
    }

    /// Trading closes no later than expiry, refunds start within the allowed grace after it,
    /// and refund and settlement exclude each other: a settled round was settled before its
    /// refund time and refunded nothing; a refunding round was never settled and claimed nothing.
    fn round_timing_invariant(&self, i: usize, r: &ModelRound) -> Result<(), String> {
        if r.trading_close_ts > r.expiry_ts
            || !(MIN_REFUND_GRACE_SEC..=MAX_REFUND_GRACE_SEC)
                .contains(&(r.refund_after_ts - r.expiry_ts))
        {
            return Err(format!(
                "round {i}: close {} / expiry {} / refund after {}",
                r.trading_close_ts, r.expiry_ts, r.refund_after_ts
            ));
        }
        let mut closed = self.positions.iter().filter(|p| p.round == i && !p.open);
        match (r.status, r.settled_at_ts) {
            (RoundStatus::Settled, Some(at)) => {
                if !(r.expiry_ts..r.refund_after_ts).contains(&at) {
                    return Err(format!(
                        "round {i}: settled at {at}, outside [expiry, refund)"
                    ));
                }
                if closed.any(|p| p.refunded) {
                    return Err(format!("round {i}: settled and refunded"));
                }
            }
            (RoundStatus::Refunding, None) => {
                if self.now_ts < r.refund_after_ts {
                    return Err(format!("round {i}: refunding before its refund time"));
                }
                if closed.any(|p| !p.refunded) {
                    return Err(format!("round {i}: refunding and claimed"));
                }
            }
            (RoundStatus::Open, None) => {
                if closed.next().is_some() {
                    return Err(format!("round {i}: open with a closed position"));
                }
            }
            (status, at) => return Err(format!("round {i}: status {status:?}, settled at {at:?}")),
        }
        Ok(())
    }
}
