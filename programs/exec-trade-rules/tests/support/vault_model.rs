//! A pure model of the program's token flows: the house vault, one vault per round, trader
//! token accounts, positions and replay records. Every operation decides through the crate's
//! rules exactly as the program does and mutates nothing unless every check passes (a Solana
//! transaction is atomic). A round opens on the round schedule and fixes its trading close and
//! its refund time then; each fill goes into the round's exposure book, and the round limit is
//! the book's worst-case net payout before and after the fill (a fill that does not raise it is
//! never refused by it). `invariant()` checks the vault invariants of the design.

use std::collections::HashMap;

use exec_trade_rules::{
    add_exposure, add_liability, add_open_position, apply_fill, can_close_quote_fill,
    check_claimable, check_deposit, check_house_liquidity, check_limits, check_quote,
    check_quote_id, check_refund_grace, check_round_schedule, check_settlement, check_withdraw,
    claim, close_round_status, ed25519_index, fill_amounts, open_round_check, refund_allowed,
    refund_amounts, release_liability, remove_open_position, verified_quote, verified_settlement,
    worst_case_net_payout, ClaimDestination, Limits, QuoteContext, RoundSpec, RoundStatus,
    RuleError, SettleContext, Side, StrikeExposure, MAX_ROUND_SCHEDULE, MAX_ROUND_STRIKES,
    MS_PER_SEC,
};

use super::{ed25519_view, sample_schedule, ORACLE, PROGRAM_ID, SETTLER};

/// Why a model operation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// A rule of the crate rejected it (the program would return the mapped error).
    Rule(RuleError),
    /// The SPL transfer would fail: the trader's token account is short.
    TraderFunds,
    /// An account does not exist (or was closed).
    Missing,
    /// The PDA already exists (`init` of a position the trader already holds).
    AlreadyExists,
}

impl From<RuleError> for ModelError {
    fn from(e: RuleError) -> Self {
        ModelError::Rule(e)
    }
}

/// A round account plus its vault balance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelRound {
    pub asset: u8,
    pub expiry_ts: i64,
    pub trading_close_ts: i64,
    /// Fixed at open: expiry + the refund grace of the config at that moment.
    pub refund_after_ts: i64,
    pub status: RoundStatus,
    pub settlement_price: u64,
    /// Clock at settlement; `None` until settled.
    pub settled_at_ts: Option<i64>,
    /// Fills per strike, the first `strike_count` entries sorted by strike.
    pub exposures: [StrikeExposure; MAX_ROUND_STRIKES],
    pub strike_count: u8,
    /// `worst_case_net_payout` of the book, stored at each fill.
    pub worst_case_net_payout: u64,
    pub total_size: u64,
    pub open_positions: u32,
    pub vault: u64,
    pub closed: bool,
}

/// A position account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelPosition {
    pub trader: usize,
    pub round: usize,
    pub quote_id: [u8; 16],
    pub strike: u64,
    pub side: Side,
    pub size: u64,
    pub stake: u64,
    pub house_collateral: u64,
    pub open: bool,
    /// Closed by `refund` (as opposed to `claim`).
    pub refunded: bool,
    /// Model bookkeeping, not in the program's account: the round's worst-case net payout
    /// before and after this fill, and the round limit in force when it was taken.
    pub round_worst_before: u64,
    pub round_worst_after: u64,
    pub round_limit_at_fill: u64,
}

/// A replay record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelFill {
    pub filled: u64,
    pub max_size: u64,
    pub valid_until_ms: i64,
}

/// The whole modelled state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    pub now_ts: i64,
    pub cluster: u8,
    pub quote_epoch: u64,
    pub allow_simulated: bool,
    pub limits: Limits,
    pub schedule: [RoundSpec; MAX_ROUND_SCHEDULE],
    pub refund_grace_sec: i64,
    pub house_liability: u64,
    pub house_vault: u64,
    pub traders: Vec<u64>,
    pub rounds: Vec<ModelRound>,
    pub positions: Vec<ModelPosition>,
    pub fills: HashMap<[u8; 16], ModelFill>,
    pub exposure: HashMap<(usize, usize), u64>,
    /// Σ deposits into the house vault (initial funding included).
    pub funded: u64,
    /// Σ admin withdrawals.
    pub withdrawn: u64,
    /// Σ stakes paid by traders.
    pub stakes: u64,
    /// Σ paid to traders (winning payouts and refunded stakes).
    pub paid_to_traders: u64,
    /// Σ traders' starting balances.
    pub traders_initial: u64,
}

impl Model {
    pub fn new(now_ts: i64, trader_balances: &[u64], limits: Limits) -> Self {
        Model {
            now_ts,
            cluster: 1,
            quote_epoch: 3,
            allow_simulated: false,
            limits,
            schedule: sample_schedule(),
            refund_grace_sec: 600,
            house_liability: 0,
            house_vault: 0,
            traders: trader_balances.to_vec(),
            rounds: Vec::new(),
            positions: Vec::new(),
            fills: HashMap::new(),
            exposure: HashMap::new(),
            funded: 0,
            withdrawn: 0,
            stakes: 0,
            paid_to_traders: 0,
            traders_initial: trader_balances.iter().sum(),
        }
    }

    pub fn advance(&mut self, secs: i64) {
        self.now_ts += secs;
    }

    pub fn fund(&mut self, amount: u64) -> Result<(), ModelError> {
        check_deposit(amount)?;
        let house = self
            .house_vault
            .checked_add(amount)
            .ok_or(RuleError::MathOverflow)?;
        let funded = self
            .funded
            .checked_add(amount)
            .ok_or(RuleError::MathOverflow)?;
        self.house_vault = house;
        self.funded = funded;
        Ok(())
    }

    pub fn withdraw(&mut self, amount: u64) -> Result<(), ModelError> {
        check_withdraw(self.house_vault, amount)?;
        self.house_vault -= amount;
        self.withdrawn += amount;
        Ok(())
    }

    /// `update_config` of the refund grace: rounds already open keep the refund time they fixed.
    pub fn set_refund_grace(&mut self, refund_grace_sec: i64) -> Result<(), ModelError> {
        check_refund_grace(refund_grace_sec)?;
        self.refund_grace_sec = refund_grace_sec;
        Ok(())
    }

    /// `update_config` of the risk limits. The program takes any values (no rule checks them);
    /// rounds already above a lowered round limit keep their positions and may still hedge.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// `update_config` of the round schedule.
    pub fn set_schedule(
        &mut self,
        schedule: [RoundSpec; MAX_ROUND_SCHEDULE],
    ) -> Result<(), ModelError> {
        check_round_schedule(&schedule)?;
        self.schedule = schedule;
        Ok(())
    }

    /// Returns the round index (the PDA is unique per asset and expiry).
    pub fn open_round(&mut self, asset: u8, expiry_ts: i64) -> Result<usize, ModelError> {
        if self.round_index(asset, expiry_ts).is_some() {
            return Err(ModelError::AlreadyExists);
        }
        let times = open_round_check(
            asset,
            expiry_ts,
            self.now_ts,
            &self.schedule,
            self.refund_grace_sec,
        )?;
        self.rounds.push(ModelRound {
            asset,
            expiry_ts,
            trading_close_ts: times.trading_close_ts,
            refund_after_ts: times.refund_after_ts,
            status: RoundStatus::Open,
            settlement_price: 0,
            settled_at_ts: None,
            exposures: [StrikeExposure::default(); MAX_ROUND_STRIKES],
            strike_count: 0,
            worst_case_net_payout: 0,
            total_size: 0,
            open_positions: 0,
            vault: 0,
            closed: false,
        });
        Ok(self.rounds.len() - 1)
    }

    pub fn round_index(&self, asset: u8, expiry_ts: i64) -> Option<usize> {
        self.rounds
            .iter()
            .position(|r| !r.closed && r.asset == asset && r.expiry_ts == expiry_ts)
    }

    /// `take_quote` with the quote carried in `ix_data` at transaction index `ix_index - 1`.
    pub fn take(
        &mut self,
        trader: usize,
        round: usize,
        ix_data: &[u8],
        quote_id_arg: [u8; 16],
        side: u8,
        size: u64,
    ) -> Result<usize, ModelError> {
        let r = self
            .rounds
            .get(round)
            .filter(|r| !r.closed)
            .ok_or(ModelError::Missing)?;
        ed25519_index(1)?;
        let quote = verified_quote(&ed25519_view(ix_data), &ORACLE)?;
        check_quote(
            &quote,
            &QuoteContext {
                program_id: PROGRAM_ID,
                cluster: self.cluster,
                quote_epoch: self.quote_epoch,
                allow_simulated: self.allow_simulated,
                round_asset: r.asset,
                round_expiry_ts: r.expiry_ts,
                round_trading_close_ts: r.trading_close_ts,
                round_open: r.status == RoundStatus::Open,
                now_ts: self.now_ts,
            },
        )?;
        check_quote_id(&quote_id_arg, &quote)?;
        let side = Side::from_u8(side)?;
        let price = quote.price_for(side)?;
        let amounts = fill_amounts(size, price)?;
        let filled_before = self.fills.get(&quote.quote_id).map_or(0, |f| f.filled);
        let filled = apply_fill(filled_before, size, quote.max_size)?;
        // The book with this fill, on a copy: the round is unchanged unless every check passes.
        let mut exposures = r.exposures;
        let strike_count =
            add_exposure(&mut exposures, r.strike_count, quote.strike, side, &amounts)?;
        let worst = worst_case_net_payout(&exposures[..usize::from(strike_count)])?;
        let wallet = self.exposure.get(&(round, trader)).copied().unwrap_or(0);
        check_limits(size, r.worst_case_net_payout, worst, wallet, &self.limits)?;
        check_house_liquidity(self.house_vault, amounts.house_collateral)?;
        if self
            .positions
            .iter()
            .any(|p| p.open && p.trader == trader && p.quote_id == quote.quote_id)
        {
            return Err(ModelError::AlreadyExists);
        }
        let balance = *self.traders.get(trader).ok_or(ModelError::Missing)?;
        if balance < amounts.stake {
            return Err(ModelError::TraderFunds);
        }
        let (total_size, open_positions) = add_open_position(r.total_size, r.open_positions, size)?;
        let liability = add_liability(self.house_liability, amounts.house_collateral)?;
        let wallet_after = wallet.checked_add(size).ok_or(RuleError::MathOverflow)?;
        let worst_before = r.worst_case_net_payout;

        self.traders[trader] -= amounts.stake;
        self.house_vault -= amounts.house_collateral;
        let r = &mut self.rounds[round];
        r.vault += amounts.stake + amounts.house_collateral;
        r.total_size = total_size;
        r.open_positions = open_positions;
        r.exposures = exposures;
        r.strike_count = strike_count;
        r.worst_case_net_payout = worst;
        self.house_liability = liability;
        self.stakes += amounts.stake;
        self.exposure.insert((round, trader), wallet_after);
        self.fills.insert(
            quote.quote_id,
            ModelFill {
                filled,
                max_size: quote.max_size,
                valid_until_ms: quote.valid_until_ms,
            },
        );
        self.positions.push(ModelPosition {
            trader,
            round,
            quote_id: quote.quote_id,
            strike: quote.strike,
            side,
            size,
            stake: amounts.stake,
            house_collateral: amounts.house_collateral,
            open: true,
            refunded: false,
            round_worst_before: worst_before,
            round_worst_after: worst,
            round_limit_at_fill: self.limits.max_round_net_payout,
        });
        Ok(self.positions.len() - 1)
    }

    pub fn settle(&mut self, round: usize, ix_data: &[u8]) -> Result<(), ModelError> {
        let r = self
            .rounds
            .get(round)
            .filter(|r| !r.closed)
            .ok_or(ModelError::Missing)?;
        let settlement = verified_settlement(&ed25519_view(ix_data), &SETTLER)?;
        check_settlement(
            &settlement,
            &SettleContext {
                program_id: PROGRAM_ID,
                cluster: self.cluster,
                allow_simulated: self.allow_simulated,
                round_asset: r.asset,
                round_expiry_ts: r.expiry_ts,
                round_status: r.status,
                round_refund_after_ts: r.refund_after_ts,
                now_ts: self.now_ts,
            },
        )?;
        let r = &mut self.rounds[round];
        r.status = RoundStatus::Settled;
        r.settlement_price = settlement.price;
        r.settled_at_ts = Some(self.now_ts);
        Ok(())
    }

    pub fn claim(&mut self, position: usize) -> Result<ClaimDestination, ModelError> {
        let p = self
            .positions
            .get(position)
            .filter(|p| p.open)
            .ok_or(ModelError::Missing)?;
        let r = &self.rounds[p.round];
        check_claimable(r.status)?;
        let (dest, amount) = claim(p.side, p.strike, r.settlement_price, p.size);
        let (total_size, open_positions) =
            remove_open_position(r.total_size, r.open_positions, p.size)?;
        let liability = release_liability(self.house_liability, p.house_collateral)?;
        let vault = r.vault.checked_sub(amount).ok_or(RuleError::MathOverflow)?;
        let (trader, round) = (p.trader, p.round);
        match dest {
            ClaimDestination::Trader => {
                self.traders[trader] += amount;
                self.paid_to_traders += amount;
            }
            ClaimDestination::House => self.house_vault += amount,
        }
        let r = &mut self.rounds[round];
        r.vault = vault;
        r.total_size = total_size;
        r.open_positions = open_positions;
        self.house_liability = liability;
        self.positions[position].open = false;
        Ok(dest)
    }

    pub fn refund(&mut self, position: usize) -> Result<(), ModelError> {
        let p = self
            .positions
            .get(position)
            .filter(|p| p.open)
            .ok_or(ModelError::Missing)?;
        let r = &self.rounds[p.round];
        refund_allowed(r.status, self.now_ts, r.refund_after_ts)?;
        let amounts = refund_amounts(p.stake, p.house_collateral, p.size)?;
        let (total_size, open_positions) =
            remove_open_position(r.total_size, r.open_positions, p.size)?;
        let liability = release_liability(self.house_liability, p.house_collateral)?;
        let vault = r.vault.checked_sub(p.size).ok_or(RuleError::MathOverflow)?;
        let (trader, round) = (p.trader, p.round);
        self.traders[trader] += amounts.to_trader;
        self.paid_to_traders += amounts.to_trader;
        self.house_vault += amounts.to_house;
        let r = &mut self.rounds[round];
        r.status = RoundStatus::Refunding;
        r.vault = vault;
        r.total_size = total_size;
        r.open_positions = open_positions;
        self.house_liability = liability;
        self.positions[position].open = false;
        self.positions[position].refunded = true;
        Ok(())
    }

    /// `close_round`: sweeps any dust to the house, then the round and its vault are gone.
    pub fn close_round(&mut self, round: usize) -> Result<(), ModelError> {
        let r = self
            .rounds
            .get(round)
            .filter(|r| !r.closed)
            .ok_or(ModelError::Missing)?;
        let status =
            close_round_status(r.status, r.open_positions, self.now_ts, r.refund_after_ts)?;
        self.house_vault += r.vault;
        let r = &mut self.rounds[round];
        r.status = status;
        r.vault = 0;
        r.closed = true;
        Ok(())
    }

    /// `close_quote_fill`: the replay record goes once the quote can no longer be filled.
    pub fn close_quote_fill(&mut self, quote_id: [u8; 16]) -> Result<(), ModelError> {
        let f = self.fills.get(&quote_id).ok_or(ModelError::Missing)?;
        can_close_quote_fill(self.now_ms(), f.valid_until_ms)?;
        self.fills.remove(&quote_id);
        Ok(())
    }

    pub fn now_ms(&self) -> i64 {
        self.now_ts * MS_PER_SEC
    }
}
