//! `LocalBank`: one program-test bank holding the native exec-trade program, driven the way a
//! validator is driven: signed transactions in, a clock that follows the wall clock, a history of
//! what landed, and an owner index so program accounts can be listed.
//!
//! Every operation goes through `&mut self`, so a caller that shares the bank (the RPC server)
//! serialises them: the Clock sysvar set before a transaction is the one that transaction sees.

use std::time::{SystemTime, UNIX_EPOCH};

use solana_program_test::{BanksClientError, ProgramTestContext};
use solana_sdk::{
    account::Account,
    clock::Clock,
    hash::Hash,
    inner_instruction::InnerInstructionsList,
    message::{v0, VersionedMessage},
    pubkey::Pubkey,
    signature::{Keypair, Signature, Signer},
    transaction::{TransactionError, VersionedTransaction},
};

use crate::accounts::AccountIndex;
use crate::history::{History, TxRecord};
use crate::native;

/// How the chain clock moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockMode {
    /// Wall-clock seconds plus an offset that `advance_clock` / `set_clock` grow.
    FollowWall { offset_sec: i64 },
    /// Stands still at this unix time until the next `set_clock` / `advance_clock`.
    Frozen { unix_ts: i64 },
}

/// Why a transaction was not executed at all (nothing landed, no fee).
#[derive(Debug)]
pub enum Rejected {
    /// Malformed, unsigned or wrongly signed, or not executable here.
    Invalid(String),
    /// Refused before execution (blockhash not found, already processed, fee payer cannot pay…).
    Transaction(TransactionError),
    /// Preflight asked for and the simulation failed: nothing was executed.
    Preflight(Simulation),
    /// The bank itself failed.
    Bank(String),
}

/// The outcome of a simulation: what would happen, nothing committed.
#[derive(Clone, Debug)]
pub struct Simulation {
    pub slot: u64,
    pub result: Result<(), TransactionError>,
    pub logs: Vec<String>,
    pub units_consumed: u64,
    pub inner_instructions: Option<InnerInstructionsList>,
}

pub struct LocalBank {
    ctx: ProgramTestContext,
    clock: ClockMode,
    /// Highest unix time the chain has shown: the clock never goes back.
    last_unix_ts: i64,
    accounts: AccountIndex,
    history: History,
    lamports_per_signature: u64,
    genesis_hash: Hash,
}

/// Unix seconds of the machine's wall clock.
pub fn wall_unix_ts() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

impl LocalBank {
    /// A fresh bank: the native program, its ProgramData naming `upgrade_authority`, and program-test's
    /// builtins and SPL programs. The clock follows the wall clock.
    pub async fn start(upgrade_authority: &Pubkey) -> Self {
        let ctx = native::program_test(upgrade_authority)
            .start_with_context()
            .await;
        let lamports_per_signature = ctx
            .genesis_config()
            .fee_rate_governor
            .lamports_per_signature;
        let genesis_hash = ctx.genesis_config().hash();
        let mut accounts = AccountIndex::default();
        accounts.note(
            native::program_data_address(),
            Some(solana_sdk_ids::bpf_loader_upgradeable::id()),
        );
        let mut bank = Self {
            ctx,
            clock: ClockMode::FollowWall { offset_sec: 0 },
            last_unix_ts: 0,
            accounts,
            history: History::default(),
            lamports_per_signature,
            genesis_hash,
        };
        bank.sync_clock().await;
        bank
    }

    /// The genesis faucet key (program-test's mint keypair): pays airdrops.
    pub fn faucet(&self) -> &Keypair {
        &self.ctx.payer
    }

    pub fn genesis_hash(&self) -> Hash {
        self.genesis_hash
    }

    pub fn lamports_per_signature(&self) -> u64 {
        self.lamports_per_signature
    }

    // ---- clock ---------------------------------------------------------------------------

    /// The chain's unix time now (monotonic).
    pub fn unix_ts(&self) -> i64 {
        let t = match self.clock {
            ClockMode::FollowWall { offset_sec } => wall_unix_ts().saturating_add(offset_sec),
            ClockMode::Frozen { unix_ts } => unix_ts,
        };
        t.max(self.last_unix_ts)
    }

    pub fn clock_mode(&self) -> ClockMode {
        self.clock
    }

    /// Moves the clock forward by `seconds` (≥ 0), keeping its mode.
    pub async fn advance_clock(&mut self, seconds: i64) -> Result<i64, String> {
        if seconds < 0 {
            return Err("the chain clock never goes back: seconds must be ≥ 0".into());
        }
        let target = self
            .unix_ts()
            .checked_add(seconds)
            .ok_or("clock overflow")?;
        self.clock = match self.clock {
            ClockMode::FollowWall { .. } => ClockMode::FollowWall {
                offset_sec: target - wall_unix_ts(),
            },
            ClockMode::Frozen { .. } => ClockMode::Frozen { unix_ts: target },
        };
        self.sync_clock().await;
        Ok(self.unix_ts())
    }

    /// Sets the clock to `unix_ts` (never earlier than now; `None`: the chain's time now, or wall
    /// time if later when following it); `follow_wall` keeps it ticking with the wall clock from
    /// there, else it stands still.
    pub async fn set_clock(
        &mut self,
        unix_ts: Option<i64>,
        follow_wall: bool,
    ) -> Result<i64, String> {
        let now = self.unix_ts();
        let unix_ts = match unix_ts {
            Some(t) => t,
            None if follow_wall => now.max(wall_unix_ts()),
            None => now,
        };
        if unix_ts < now {
            return Err(format!(
                "the chain clock never goes back: it is {now}, asked for {unix_ts}"
            ));
        }
        self.clock = if follow_wall {
            ClockMode::FollowWall {
                offset_sec: unix_ts - wall_unix_ts(),
            }
        } else {
            ClockMode::Frozen { unix_ts }
        };
        self.sync_clock().await;
        Ok(self.unix_ts())
    }

    /// Writes the chain time into the Clock sysvar (slot and epoch untouched).
    async fn sync_clock(&mut self) {
        let unix_ts = self.unix_ts();
        self.last_unix_ts = unix_ts;
        let current: Clock = self
            .ctx
            .banks_client
            .get_sysvar::<Clock>()
            .await
            .unwrap_or_default();
        if current.unix_timestamp != unix_ts {
            self.ctx.set_sysvar(&Clock {
                unix_timestamp: unix_ts,
                ..current
            });
        }
    }

    // ---- reads -----------------------------------------------------------------------------

    pub async fn slot(&mut self) -> Result<u64, BanksClientError> {
        self.ctx.banks_client.get_root_slot().await
    }

    pub async fn block_height(&mut self) -> Result<u64, BanksClientError> {
        self.ctx.banks_client.get_root_block_height().await
    }

    pub async fn latest_blockhash(&mut self) -> Result<(Hash, u64), BanksClientError> {
        let (hash, last_valid) = self
            .ctx
            .banks_client
            .get_latest_blockhash_with_commitment(Default::default())
            .await?
            .ok_or(BanksClientError::ClientError("no blockhash"))?;
        Ok((hash, last_valid))
    }

    pub async fn is_blockhash_valid(&mut self, hash: &Hash) -> Result<bool, BanksClientError> {
        // A probe transaction that fails for any reason but its blockhash tells us nothing, so
        // ask the bank the same way sanitisation would: through the fee calculator for the hash.
        let probe = solana_sdk::message::Message::new_with_blockhash(
            &[],
            Some(&self.ctx.payer.pubkey()),
            hash,
        );
        Ok(self
            .ctx
            .banks_client
            .get_fee_for_message(probe)
            .await?
            .is_some())
    }

    /// An account as it is now. The Clock sysvar is brought up to the chain time first: the bank
    /// writes it only when told to, and between transactions a reader (the engine's chain-clock
    /// check, a wallet's app) would otherwise see it stand still while the chain time moves on.
    pub async fn account(&mut self, address: &Pubkey) -> Result<Option<Account>, BanksClientError> {
        if *address == solana_sdk_ids::sysvar::clock::id() {
            self.sync_clock().await;
        }
        self.ctx.banks_client.get_account(*address).await
    }

    pub async fn rent_exempt_minimum(&mut self, size: usize) -> Result<u64, BanksClientError> {
        Ok(self
            .ctx
            .banks_client
            .get_rent()
            .await?
            .minimum_balance(size))
    }

    /// Every account owned by `owner` that a transaction or genesis ever touched.
    pub async fn program_accounts(
        &mut self,
        owner: &Pubkey,
    ) -> Result<Vec<(Pubkey, Account)>, BanksClientError> {
        let mut out = Vec::new();
        for key in self.accounts.owned_by(owner) {
            if let Some(acc) = self.ctx.banks_client.get_account(key).await? {
                if acc.owner == *owner && acc.lamports > 0 {
                    out.push((key, acc));
                }
            }
        }
        out.sort_by_key(|a| a.0);
        Ok(out)
    }

    /// Transactions landed since start (successful or failed).
    pub fn transaction_count(&self) -> u64 {
        self.history.landed()
    }

    pub fn record(&self, signature: &Signature) -> Option<&TxRecord> {
        self.history.get(signature)
    }

    // ---- writes ----------------------------------------------------------------------------

    /// Runs `tx` without committing anything, at the current chain time.
    pub async fn simulate(&mut self, tx: &VersionedTransaction) -> Result<Simulation, Rejected> {
        check_shape(tx)?;
        self.sync_clock().await;
        let slot = self
            .slot()
            .await
            .map_err(|e| Rejected::Bank(e.to_string()))?;
        let sim = self
            .ctx
            .banks_client
            .simulate_transaction(tx.clone())
            .await
            .map_err(|e| Rejected::Bank(e.to_string()))?;
        let result = sim
            .result
            .unwrap_or(Err(TransactionError::BlockhashNotFound));
        let details = sim.simulation_details;
        Ok(Simulation {
            slot,
            result,
            logs: details.as_ref().map(|d| d.logs.clone()).unwrap_or_default(),
            units_consumed: details.as_ref().map(|d| d.units_consumed).unwrap_or(0),
            inner_instructions: details.and_then(|d| d.inner_instructions),
        })
    }

    /// Verifies every signature, then executes and commits `tx`. With `preflight`, a transaction
    /// whose simulation fails is not executed (`Rejected::Preflight`). Without it, a transaction
    /// that executes and fails still lands (its fee is charged) and is returned with its error;
    /// one that cannot be executed at all is `Rejected`.
    pub async fn send(
        &mut self,
        tx: VersionedTransaction,
        preflight: bool,
    ) -> Result<&TxRecord, Rejected> {
        check_shape(&tx)?;
        if tx.verify_with_results().iter().any(|ok| !ok) {
            return Err(Rejected::Invalid(
                "Transaction signature verification failure".into(),
            ));
        }
        let signature = tx.signatures[0];
        if self.history.get(&signature).is_some() {
            return Err(Rejected::Transaction(TransactionError::AlreadyProcessed));
        }
        // The simulation gives the inner instructions, which processing does not report; it runs
        // on the same state under the same clock, so it is what processing will do.
        let sim = self.simulate(&tx).await?;
        if preflight && sim.result.is_err() {
            return Err(Rejected::Preflight(sim));
        }
        let keys = tx.message.static_account_keys().to_vec();
        let tx_for_fee = tx.message.clone();
        let pre = self.lamports_of(&keys).await?;
        let slot = sim.slot;
        let processed = self
            .ctx
            .banks_client
            .process_transaction_with_metadata(tx.clone())
            .await
            .map_err(|e| Rejected::Bank(e.to_string()))?;
        let Some(meta) = processed.metadata else {
            // Not executed: nothing landed.
            return Err(match processed.result {
                Err(e) => Rejected::Transaction(e),
                Ok(()) => Rejected::Bank("transaction processed without metadata".into()),
            });
        };
        let post = self.lamports_of(&keys).await?;
        for key in &keys {
            let owner = self.account(key).await.ok().flatten().map(|a| a.owner);
            self.accounts.note(*key, owner);
        }
        let inner = if sim.result == processed.result {
            sim.inner_instructions
        } else {
            None
        };
        let record = TxRecord {
            signature,
            slot,
            block_time: self.unix_ts(),
            transaction: tx,
            result: processed.result,
            logs: meta.log_messages,
            units_consumed: meta.compute_units_consumed,
            inner_instructions: inner,
            fee: fee_of(&tx_for_fee, self.lamports_per_signature),
            pre_balances: pre,
            post_balances: post,
        };
        Ok(self.history.insert(record))
    }

    /// Sends `lamports` from the faucet to `to` in a real, recorded transfer.
    pub async fn airdrop(&mut self, to: &Pubkey, lamports: u64) -> Result<Signature, Rejected> {
        let (blockhash, _) = self
            .latest_blockhash()
            .await
            .map_err(|e| Rejected::Bank(e.to_string()))?;
        let faucet = self.ctx.payer.insecure_clone();
        let ix = solana_system_interface::instruction::transfer(&faucet.pubkey(), to, lamports);
        let message = v0::Message::try_compile(&faucet.pubkey(), &[ix], &[], blockhash)
            .map_err(|e| Rejected::Invalid(e.to_string()))?;
        let tx = VersionedTransaction::try_new(VersionedMessage::V0(message), &[&faucet])
            .map_err(|e| Rejected::Invalid(e.to_string()))?;
        let record = self.send(tx, true).await?;
        match &record.result {
            Ok(()) => Ok(record.signature),
            Err(e) => Err(Rejected::Transaction(e.clone())),
        }
    }

    async fn lamports_of(&mut self, keys: &[Pubkey]) -> Result<Vec<u64>, Rejected> {
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            let acc = self
                .account(key)
                .await
                .map_err(|e| Rejected::Bank(e.to_string()))?;
            out.push(acc.map(|a| a.lamports).unwrap_or(0));
        }
        Ok(out)
    }
}

/// What this chain cannot execute, refused with a clear reason before anything runs.
fn check_shape(tx: &VersionedTransaction) -> Result<(), Rejected> {
    tx.sanitize()
        .map_err(|e| Rejected::Invalid(format!("malformed transaction: {e}")))?;
    if tx
        .message
        .address_table_lookups()
        .is_some_and(|l| !l.is_empty())
    {
        return Err(Rejected::Invalid(
            "address lookup tables are not supported by the exec-trade local chain".into(),
        ));
    }
    Ok(())
}

/// The fee the runtime charges: `lamports_per_signature` × (transaction signatures + signatures
/// the Ed25519/secp256k1/secp256r1 precompiles verify) + the compute-unit price × limit.
pub fn fee_of(message: &VersionedMessage, lamports_per_signature: u64) -> u64 {
    let keys = message.static_account_keys();
    let mut signatures = u64::from(message.header().num_required_signatures);
    let mut cu_price: Option<u64> = None;
    let mut cu_limit: Option<u64> = None;
    let mut other_ixs: u64 = 0;
    for ix in message.instructions() {
        let program = keys
            .get(usize::from(ix.program_id_index))
            .copied()
            .unwrap_or_default();
        if PRECOMPILES.contains(&program) {
            signatures += u64::from(ix.data.first().copied().unwrap_or(0));
        }
        if program == solana_sdk::compute_budget::id() {
            match ix.data.first() {
                Some(2) if ix.data.len() >= 5 => {
                    cu_limit = Some(u64::from(u32::from_le_bytes([
                        ix.data[1], ix.data[2], ix.data[3], ix.data[4],
                    ])));
                }
                Some(3) if ix.data.len() >= 9 => {
                    let mut b = [0u8; 8];
                    b.copy_from_slice(&ix.data[1..9]);
                    cu_price = Some(u64::from_le_bytes(b));
                }
                _ => {}
            }
        } else {
            other_ixs += 1;
        }
    }
    let limit = cu_limit.unwrap_or((other_ixs * 200_000).min(1_400_000));
    let priority = cu_price
        .map(|p| (u128::from(p) * u128::from(limit)).div_ceil(1_000_000))
        .map(|p| u64::try_from(p).unwrap_or(u64::MAX))
        .unwrap_or(0);
    signatures
        .saturating_mul(lamports_per_signature)
        .saturating_add(priority)
}

const PRECOMPILES: [Pubkey; 3] = [
    solana_sdk::ed25519_program::ID,
    solana_sdk::secp256k1_program::ID,
    solana_sdk::pubkey!("Secp256r1SigVerify1111111111111111111111111"),
];
