//! The vault invariants of the design, checked over the whole modelled state.

use super::vault_model::{Model, ModelPosition};

impl Model {
    /// Checks every invariant; returns a description of the first one broken.
    pub fn invariant(&self) -> Result<(), String> {
        for (i, r) in self.rounds.iter().enumerate() {
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
}
