//! Transactions that landed, by signature, for `getSignatureStatuses` and `getTransaction`.
//! Bounded: the oldest records are dropped past `MAX_RECORDS`, as a validator prunes its ledger.

use std::collections::{HashMap, VecDeque};

use solana_sdk::{
    inner_instruction::InnerInstructionsList,
    signature::Signature,
    transaction::{TransactionError, VersionedTransaction},
};

/// Records kept before the oldest is dropped.
pub const MAX_RECORDS: usize = 50_000;

/// One landed transaction (successful or failed; a failed one still paid its fee).
#[derive(Clone, Debug)]
pub struct TxRecord {
    pub signature: Signature,
    pub slot: u64,
    /// Chain unix time when it landed.
    pub block_time: i64,
    pub transaction: VersionedTransaction,
    pub result: Result<(), TransactionError>,
    pub logs: Vec<String>,
    pub units_consumed: u64,
    /// From the pre-execution simulation (processing does not report them); `None` when the
    /// simulation and the execution disagreed.
    pub inner_instructions: Option<InnerInstructionsList>,
    pub fee: u64,
    /// Lamports of each static account key before and after, in key order.
    pub pre_balances: Vec<u64>,
    pub post_balances: Vec<u64>,
}

#[derive(Default)]
pub struct History {
    by_signature: HashMap<Signature, TxRecord>,
    order: VecDeque<Signature>,
    /// Every transaction ever landed, pruned or not (getEpochInfo's `transactionCount`).
    landed: u64,
}

impl History {
    pub fn get(&self, signature: &Signature) -> Option<&TxRecord> {
        self.by_signature.get(signature)
    }

    pub fn landed(&self) -> u64 {
        self.landed
    }

    pub fn insert(&mut self, record: TxRecord) -> &TxRecord {
        self.landed += 1;
        while self.order.len() >= MAX_RECORDS {
            if let Some(old) = self.order.pop_front() {
                self.by_signature.remove(&old);
            }
        }
        let sig = record.signature;
        self.order.push_back(sig);
        self.by_signature.entry(sig).or_insert(record)
    }
}
