//! Quote format v2 helpers: a sha256 for the crate's `Sha256` trait, a reference Merkle tree
//! written from the doc comment of `src/ladder.rs` alone (it shares no code with the crate's proof
//! walk), and a sample signed ladder whose leaf 0 is `sample_quote`.

use exec_trade_rules::{
    encode_ladder_leaf, encode_ladder_root, LadderLeaf, LadderRoot, Sha256, LADDER_LEAF_LEN,
    MAX_LADDER_LEAVES,
};
use sha2::Digest;

use super::{ed25519_ix_data, sample_quote, Rng, ORACLE};

/// sha256 from the `sha2` crate (the program uses the runtime's hashing syscall instead).
pub struct Sha2;

impl Sha256 for Sha2 {
    fn hashv(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut h = sha2::Sha256::new();
        for part in parts {
            h.update(part);
        }
        h.finalize().into()
    }
}

/// sha256 of one byte string, straight from `sha2` (not through the crate).
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    sha2::Sha256::digest(bytes).into()
}

/// The reference leaf hash: `sha256(0x00 ‖ leaf)`.
pub fn ref_leaf_hash(leaf: &[u8]) -> [u8; 32] {
    sha256(&[&[0x00u8][..], leaf].concat())
}

/// The reference node hash: `sha256(0x01 ‖ left ‖ right)`.
pub fn ref_node_hash(left: &[u8; 32], right: &[u8; 32]) -> [u8; 32] {
    sha256(&[&[0x01u8][..], left, right].concat())
}

/// A Merkle tree built level by level: nodes paired left to right, an unpaired last node moved up
/// unchanged. `levels[0]` holds the leaf hashes, the last level the root alone.
pub struct RefTree {
    pub levels: Vec<Vec<[u8; 32]>>,
}

impl RefTree {
    /// The tree over already-hashed leaves (at least one).
    pub fn from_hashes(leaf_hashes: Vec<[u8; 32]>) -> RefTree {
        assert!(!leaf_hashes.is_empty(), "a tree needs a leaf");
        let mut levels = vec![leaf_hashes];
        while levels.last().map_or(0, Vec::len) > 1 {
            let below = levels.last().expect("a level");
            let above = below
                .chunks(2)
                .map(|pair| match pair {
                    [left, right] => ref_node_hash(left, right),
                    [alone] => *alone,
                    _ => unreachable!("chunks(2)"),
                })
                .collect();
            levels.push(above);
        }
        RefTree { levels }
    }

    /// The tree over encoded leaves.
    pub fn from_leaves(leaves: &[[u8; LADDER_LEAF_LEN]]) -> RefTree {
        RefTree::from_hashes(leaves.iter().map(|l| ref_leaf_hash(l)).collect())
    }

    pub fn root(&self) -> [u8; 32] {
        self.levels.last().expect("a level")[0]
    }

    /// The node at `position` of `level` (0 = leaf hashes).
    pub fn node(&self, level: usize, position: usize) -> [u8; 32] {
        self.levels[level][position]
    }

    /// The siblings met on the way up from `position` of `level`, bottom first: one per level
    /// where the node has a partner, none where it moves up alone.
    pub fn path_from(&self, level: usize, position: usize) -> Vec<[u8; 32]> {
        let mut proof = Vec::new();
        let mut i = position;
        for nodes in &self.levels[level..self.levels.len() - 1] {
            let sibling = i ^ 1;
            if sibling < nodes.len() {
                proof.push(nodes[sibling]);
            }
            i /= 2;
        }
        proof
    }

    /// The proof of leaf `index`.
    pub fn proof(&self, index: usize) -> Vec<[u8; 32]> {
        self.path_from(0, index)
    }
}

/// Leaf `i` of the sample ladder: strikes 100 apart from `sample_quote`'s, a distinct quote id,
/// prices at or above par, decay 2,000 micro-units per second. Leaf 0 carries `sample_quote`'s
/// fields.
pub fn sample_leaf(i: u16) -> LadderLeaf {
    let q = sample_quote();
    let mut quote_id = q.quote_id;
    if i != 0 {
        quote_id[..2].copy_from_slice(&i.to_le_bytes());
    }
    LadderLeaf {
        quote_id,
        strike: q.strike + u64::from(i) * 100_000_000,
        up_price: q.up_price.saturating_sub(u32::from(i) * 7_000),
        down_price: q.down_price + u32::from(i) * 7_000,
        max_size: q.max_size,
        ref_price: q.ref_price,
        ref_ts_ms: q.ref_ts_ms,
        decay_micros_per_sec: 2_000,
    }
}

/// The encoded leaves of a sample ladder of `count` strikes.
pub fn sample_leaves(count: u16) -> Vec<[u8; LADDER_LEAF_LEN]> {
    (0..count)
        .map(|i| encode_ladder_leaf(&sample_leaf(i)))
        .collect()
}

/// The root message of a ladder with `sample_quote`'s round fields, `leaf_count` and `root`.
pub fn sample_root(leaf_count: u16, root: [u8; 32]) -> LadderRoot {
    let q = sample_quote();
    LadderRoot {
        cluster: q.cluster,
        asset: q.asset,
        flags: q.flags,
        program_id: q.program_id,
        epoch: q.epoch,
        expiry_ts: q.expiry_ts,
        leaf_count,
        generated_at_ms: q.generated_at_ms,
        valid_until_ms: q.valid_until_ms,
        root,
    }
}

/// A sample ladder of `count` leaves: its signed root message, encoded leaves and tree.
pub struct SampleLadder {
    pub root: LadderRoot,
    pub leaves: Vec<[u8; LADDER_LEAF_LEN]>,
    pub tree: RefTree,
}

impl SampleLadder {
    pub fn new(count: u16) -> SampleLadder {
        let leaves = sample_leaves(count);
        let tree = RefTree::from_leaves(&leaves);
        SampleLadder {
            root: sample_root(count, tree.root()),
            leaves,
            tree,
        }
    }

    pub fn leaf(&self, index: u16) -> &[u8; LADDER_LEAF_LEN] {
        &self.leaves[usize::from(index)]
    }

    pub fn proof(&self, index: u16) -> Vec<[u8; 32]> {
        self.tree.proof(usize::from(index))
    }
}

/// Canonical instruction data carrying a ladder root signed (notionally) by `ORACLE`.
pub fn ladder_root_ix_data(root: &LadderRoot) -> Vec<u8> {
    ed25519_ix_data(&ORACLE, &[0x55; 64], &encode_ladder_root(root))
}

/// 32 random bytes.
pub fn random_32(rng: &mut Rng) -> [u8; 32] {
    let mut out = [0u8; 32];
    for chunk in out.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
    }
    out
}

/// A root message with random fields and a leaf count in range.
pub fn random_root(rng: &mut Rng) -> LadderRoot {
    let program_id = random_32(rng);
    let hash = random_32(rng);
    LadderRoot {
        cluster: (rng.next_u64() % 4) as u8,
        asset: (rng.next_u64() % 4) as u8,
        flags: (rng.next_u64() % 2) as u8,
        program_id,
        epoch: rng.next_u64(),
        expiry_ts: rng.next_u64() as i64,
        leaf_count: rng.range(1, u64::from(MAX_LADDER_LEAVES)) as u16,
        generated_at_ms: rng.next_u64() as i64,
        valid_until_ms: rng.next_u64() as i64,
        root: hash,
    }
}

/// A leaf with random fields and prices ≤ 1.0.
pub fn random_leaf(rng: &mut Rng) -> LadderLeaf {
    let mut quote_id = [0u8; 16];
    quote_id[..8].copy_from_slice(&rng.next_u64().to_le_bytes());
    quote_id[8..].copy_from_slice(&rng.next_u64().to_le_bytes());
    LadderLeaf {
        quote_id,
        strike: rng.next_u64(),
        up_price: rng.range(0, 1_000_000) as u32,
        down_price: rng.range(0, 1_000_000) as u32,
        max_size: rng.next_u64(),
        ref_price: rng.next_u64(),
        ref_ts_ms: rng.next_u64() as i64,
        decay_micros_per_sec: rng.next_u64() as u32,
    }
}
