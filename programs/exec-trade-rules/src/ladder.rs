//! Quote format v2: one signature per round ladder (docs/quote-format.md).
//!
//! The oracle signs a 106-byte **root message** ("EXQR" v2) binding program, cluster, asset,
//! expiry, epoch, flags, leaf count, generation time, valid-until and the Merkle root of the
//! ladder. Each strike's quote is a 60-byte **leaf** (quote id, strike, prices, max size, reference
//! price and time, decay rate); root and leaf together bind everything a v1 quote binds. Leaves
//! hash as `sha256(0x00 ‖ leaf)`, nodes as `sha256(0x01 ‖ left ‖ right)` (domain-separated: a node
//! never passes as a leaf). Levels pair nodes left to right; an unpaired last node moves up
//! unchanged, so a proof has exactly the siblings the leaf's path meets and nothing else.
//!
//! sha256 is supplied by the caller (`Sha256`): the program uses the hashing syscall.

use crate::bytes::{Reader, Writer};
use crate::constants::{
    KNOWN_FLAGS, LADDER_LEAF_LEN, LADDER_ROOT_LEN, LADDER_ROOT_MAGIC, LADDER_ROOT_VERSION,
    LEAF_HASH_PREFIX, MAX_LADDER_LEAVES, NODE_HASH_PREFIX, PROB_PRECISION,
};
use crate::error::RuleError;
use crate::quote::Quote;

/// sha256 over the concatenation of `parts`.
pub trait Sha256 {
    /// The digest of `parts[0] ‖ parts[1] ‖ …`.
    fn hashv(&self, parts: &[&[u8]]) -> [u8; 32];
}

/// A decoded ladder root message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LadderRoot {
    /// Cluster id.
    pub cluster: u8,
    /// Asset id.
    pub asset: u8,
    /// Flag bits of every quote of the ladder (`FLAG_SIMULATED`).
    pub flags: u8,
    /// The program the ladder is for.
    pub program_id: [u8; 32],
    /// Oracle epoch.
    pub epoch: u64,
    /// Round expiry, unix seconds.
    pub expiry_ts: i64,
    /// Leaves in the ladder, 1..=`MAX_LADDER_LEAVES`.
    pub leaf_count: u16,
    /// When the ladder was signed, unix ms.
    pub generated_at_ms: i64,
    /// Last instant any of its quotes may be filled, unix ms (inclusive).
    pub valid_until_ms: i64,
    /// Merkle root of the leaves.
    pub root: [u8; 32],
}

/// One strike of a ladder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LadderLeaf {
    /// Random id, unique per quote; keys the replay record.
    pub quote_id: [u8; 16],
    /// Strike, price micro-units.
    pub strike: u64,
    /// Price of UP, probability micro-units.
    pub up_price: u32,
    /// Price of DOWN, probability micro-units.
    pub down_price: u32,
    /// Total size all fills of this quote may reach.
    pub max_size: u64,
    /// Index price the quote was priced from, price micro-units.
    pub ref_price: u64,
    /// Unix ms of the oldest venue price in that index.
    pub ref_ts_ms: i64,
    /// Probability micro-units added to the taker's price per second of quote age.
    pub decay_micros_per_sec: u32,
}

/// Decodes a root message: magic, exact length, version, unknown flags, leaf count.
pub fn decode_ladder_root(bytes: &[u8]) -> Result<LadderRoot, RuleError> {
    let magic = bytes
        .get(..LADDER_ROOT_MAGIC.len())
        .ok_or(RuleError::LadderRootLength)?;
    if magic != LADDER_ROOT_MAGIC {
        return Err(RuleError::LadderRootMagic);
    }
    if bytes.len() != LADDER_ROOT_LEN {
        return Err(RuleError::LadderRootLength);
    }
    let mut r = Reader::new(bytes, RuleError::LadderRootLength);
    r.array::<4>()?;
    if r.u8()? != LADDER_ROOT_VERSION {
        return Err(RuleError::LadderRootVersion);
    }
    let cluster = r.u8()?;
    let asset = r.u8()?;
    let flags = r.u8()?;
    if flags & !KNOWN_FLAGS != 0 {
        return Err(RuleError::QuoteUnknownFlags);
    }
    let root = LadderRoot {
        cluster,
        asset,
        flags,
        program_id: r.array::<32>()?,
        epoch: r.u64()?,
        expiry_ts: r.i64()?,
        leaf_count: u16::from_le_bytes(r.array::<2>()?),
        generated_at_ms: r.i64()?,
        valid_until_ms: r.i64()?,
        root: r.array::<32>()?,
    };
    if root.leaf_count == 0 || root.leaf_count > MAX_LADDER_LEAVES {
        return Err(RuleError::LadderSize);
    }
    Ok(root)
}

/// Encodes a root message (the inverse of `decode_ladder_root`).
pub fn encode_ladder_root(r: &LadderRoot) -> [u8; LADDER_ROOT_LEN] {
    let mut w = Writer::<LADDER_ROOT_LEN>::new();
    w.put(&LADDER_ROOT_MAGIC);
    w.put(&[LADDER_ROOT_VERSION, r.cluster, r.asset, r.flags]);
    w.put(&r.program_id);
    w.put(&r.epoch.to_le_bytes());
    w.put(&r.expiry_ts.to_le_bytes());
    w.put(&r.leaf_count.to_le_bytes());
    w.put(&r.generated_at_ms.to_le_bytes());
    w.put(&r.valid_until_ms.to_le_bytes());
    w.put(&r.root);
    w.finish()
}

/// Decodes a leaf: exact length, prices ≤ 1.0.
pub fn decode_ladder_leaf(bytes: &[u8]) -> Result<LadderLeaf, RuleError> {
    if bytes.len() != LADDER_LEAF_LEN {
        return Err(RuleError::LeafLength);
    }
    let mut r = Reader::new(bytes, RuleError::LeafLength);
    let leaf = LadderLeaf {
        quote_id: r.array::<16>()?,
        strike: r.u64()?,
        up_price: r.u32()?,
        down_price: r.u32()?,
        max_size: r.u64()?,
        ref_price: r.u64()?,
        ref_ts_ms: r.i64()?,
        decay_micros_per_sec: r.u32()?,
    };
    if u64::from(leaf.up_price) > PROB_PRECISION || u64::from(leaf.down_price) > PROB_PRECISION {
        return Err(RuleError::QuotePriceAboveOne);
    }
    Ok(leaf)
}

/// Encodes a leaf (the inverse of `decode_ladder_leaf`).
pub fn encode_ladder_leaf(l: &LadderLeaf) -> [u8; LADDER_LEAF_LEN] {
    let mut w = Writer::<LADDER_LEAF_LEN>::new();
    w.put(&l.quote_id);
    w.put(&l.strike.to_le_bytes());
    w.put(&l.up_price.to_le_bytes());
    w.put(&l.down_price.to_le_bytes());
    w.put(&l.max_size.to_le_bytes());
    w.put(&l.ref_price.to_le_bytes());
    w.put(&l.ref_ts_ms.to_le_bytes());
    w.put(&l.decay_micros_per_sec.to_le_bytes());
    w.finish()
}

/// `sha256(0x00 ‖ leaf)`.
pub fn leaf_hash(h: &impl Sha256, leaf: &[u8; LADDER_LEAF_LEN]) -> [u8; 32] {
    h.hashv(&[&[LEAF_HASH_PREFIX], leaf])
}

/// `sha256(0x01 ‖ left ‖ right)`.
pub fn node_hash(h: &impl Sha256, left: &[u8; 32], right: &[u8; 32]) -> [u8; 32] {
    h.hashv(&[&[NODE_HASH_PREFIX], left, right])
}

/// How many siblings the path of leaf `index` meets in a ladder of `count` leaves (an unpaired
/// last node moves up without one). `LeafIndexOutOfRange`, `LadderSize` on bad input.
pub fn proof_len(index: u16, count: u16) -> Result<usize, RuleError> {
    if count == 0 || count > MAX_LADDER_LEAVES {
        return Err(RuleError::LadderSize);
    }
    if index >= count {
        return Err(RuleError::LeafIndexOutOfRange);
    }
    let (mut i, mut n, mut len) = (index, count, 0usize);
    while n > 1 {
        let paired = i % 2 == 1 || i.checked_add(1).is_some_and(|j| j < n);
        if paired {
            len = len.checked_add(1).ok_or(RuleError::MathOverflow)?;
        }
        i /= 2;
        n = n.div_ceil(2);
    }
    Ok(len)
}

/// The root a leaf hash and its proof lead to. The proof must have exactly `proof_len(index,
/// count)` hashes (`ProofLength`): never more than the ladder allows, never fewer.
pub fn root_from_proof(
    h: &impl Sha256,
    leaf: [u8; 32],
    index: u16,
    count: u16,
    proof: &[[u8; 32]],
) -> Result<[u8; 32], RuleError> {
    let expected = proof_len(index, count)?;
    if proof.len() != expected {
        return Err(RuleError::ProofLength);
    }
    let (mut i, mut n, mut node) = (index, count, leaf);
    let mut siblings = proof.iter();
    while n > 1 {
        if i % 2 == 1 {
            let left = siblings.next().ok_or(RuleError::ProofLength)?;
            node = node_hash(h, left, &node);
        } else if i.checked_add(1).is_some_and(|j| j < n) {
            let right = siblings.next().ok_or(RuleError::ProofLength)?;
            node = node_hash(h, &node, right);
        }
        i /= 2;
        n = n.div_ceil(2);
    }
    Ok(node)
}

/// Verifies that `leaf` is leaf `index` of the ladder `root` commits to, and returns the quote
/// the two bind together, to which every v1 rule then applies (`check_quote`, …).
pub fn ladder_quote(
    h: &impl Sha256,
    root: &LadderRoot,
    leaf_bytes: &[u8; LADDER_LEAF_LEN],
    index: u16,
    proof: &[[u8; 32]],
) -> Result<(Quote, LadderLeaf), RuleError> {
    // Authenticate the bytes before reading them: unsigned bytes fail as a proof error, whatever they hold.
    let computed = root_from_proof(h, leaf_hash(h, leaf_bytes), index, root.leaf_count, proof)?;
    if computed != root.root {
        return Err(RuleError::ProofMismatch);
    }
    let leaf = decode_ladder_leaf(leaf_bytes)?;
    let quote = Quote {
        cluster: root.cluster,
        asset: root.asset,
        flags: root.flags,
        program_id: root.program_id,
        quote_id: leaf.quote_id,
        epoch: root.epoch,
        expiry_ts: root.expiry_ts,
        strike: leaf.strike,
        up_price: leaf.up_price,
        down_price: leaf.down_price,
        max_size: leaf.max_size,
        valid_until_ms: root.valid_until_ms,
        generated_at_ms: root.generated_at_ms,
        ref_price: leaf.ref_price,
        ref_ts_ms: leaf.ref_ts_ms,
    };
    Ok((quote, leaf))
}
