//! Quote format v2 proofs: the crate's Merkle walk against a reference tree built in the test
//! (`support::ladder::RefTree`, written from the doc comment of src/ladder.rs), for every ladder
//! size and every index, and the attacks on it, each with its exact error.

use exec_trade_rules::{
    decode_ladder_leaf, ladder_quote, leaf_hash, node_hash, proof_len, root_from_proof, RuleError,
    Sha256, LADDER_LEAF_LEN, LEAF_HASH_PREFIX, MAX_LADDER_LEAVES, MAX_LADDER_PROOF,
    NODE_HASH_PREFIX,
};

use crate::support::ladder::{
    ref_leaf_hash, ref_node_hash, sample_leaves, sample_root, sha256, RefTree, SampleLadder, Sha2,
};
use crate::support::{hex_array, Rng};

/// Every ladder size the format allows.
fn sizes() -> impl Iterator<Item = u16> {
    1..=MAX_LADDER_LEAVES
}

fn quote_at(
    ladder: &SampleLadder,
    leaf: &[u8; LADDER_LEAF_LEN],
    index: u16,
    proof: &[[u8; 32]],
) -> Result<(), RuleError> {
    ladder_quote(&Sha2, &ladder.root, leaf, index, proof).map(|_| ())
}

#[test]
fn the_test_sha256_and_the_reference_hashes_are_right() {
    // FIPS 180-2 test vector, so the test's own sha256 is not taken on trust.
    assert_eq!(
        sha256(b"abc"),
        hex_array::<32>("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    );
    assert_eq!(Sha2.hashv(&[b"a", b"", b"bc"]), sha256(b"abc"));
    let leaf = sample_leaves(1)[0];
    assert_eq!(leaf_hash(&Sha2, &leaf), ref_leaf_hash(&leaf));
    let (left, right) = ([1u8; 32], [2u8; 32]);
    assert_eq!(
        node_hash(&Sha2, &left, &right),
        ref_node_hash(&left, &right)
    );
    assert_ne!(
        node_hash(&Sha2, &left, &right),
        node_hash(&Sha2, &right, &left)
    );
}

#[test]
fn the_reference_tree_has_the_documented_shape() {
    let h: Vec<[u8; 32]> = (0u8..7).map(|i| sha256(&[i])).collect();
    let n = ref_node_hash;
    // 1 leaf: the root is the leaf hash. 3 leaves: the third moves up unchanged.
    assert_eq!(RefTree::from_hashes(h[..1].to_vec()).root(), h[0]);
    assert_eq!(
        RefTree::from_hashes(h[..3].to_vec()).root(),
        n(&n(&h[0], &h[1]), &h[2])
    );
    // 5 leaves: the fifth moves up twice.
    assert_eq!(
        RefTree::from_hashes(h[..5].to_vec()).root(),
        n(&n(&n(&h[0], &h[1]), &n(&h[2], &h[3])), &h[4])
    );
    // 7 leaves: the seventh moves up once, then pairs.
    let tree = RefTree::from_hashes(h[..7].to_vec());
    let right = n(&n(&h[4], &h[5]), &h[6]);
    assert_eq!(
        tree.root(),
        n(&n(&n(&h[0], &h[1]), &n(&h[2], &h[3])), &right)
    );
    assert_eq!(tree.proof(6), vec![n(&h[4], &h[5]), tree.node(2, 0)]);
    assert_eq!(tree.proof(4), vec![h[5], h[6], tree.node(2, 0)]);
}

#[test]
fn proof_lengths_of_small_ladders_are_pinned() {
    let lens = |count: u16| -> Vec<usize> {
        (0..count)
            .map(|i| proof_len(i, count).expect("valid"))
            .collect()
    };
    assert_eq!(lens(1), [0]);
    assert_eq!(lens(2), [1, 1]);
    assert_eq!(lens(3), [2, 2, 1]);
    assert_eq!(lens(5), [3, 3, 3, 3, 1]);
    assert_eq!(lens(6), [3, 3, 3, 3, 2, 2]);
    assert_eq!(lens(7), [3, 3, 3, 3, 3, 3, 2]);
    assert_eq!(lens(32), [5; 32]);
    assert_eq!(proof_len(32, 33), Err(RuleError::LadderSize));
}

#[test]
fn every_size_and_index_matches_the_reference_tree() {
    let mut rng = Rng::new(0x1AD_DE12);
    for count in sizes() {
        let ladder = SampleLadder::new(count);
        // Random leaf hashes too: the walk must not depend on what the leaves are.
        let random = RefTree::from_hashes(
            (0..count)
                .map(|_| sha256(&rng.next_u64().to_le_bytes()))
                .collect(),
        );
        for index in 0..count {
            let proof = ladder.proof(index);
            assert_eq!(proof_len(index, count), Ok(proof.len()), "{index}/{count}");
            assert!(proof.len() <= MAX_LADDER_PROOF);
            let leaf = ladder.leaf(index);
            assert_eq!(
                root_from_proof(&Sha2, ref_leaf_hash(leaf), index, count, &proof),
                Ok(ladder.tree.root()),
                "{index}/{count}"
            );
            assert_eq!(quote_at(&ladder, leaf, index, &proof), Ok(()));
            let i = usize::from(index);
            assert_eq!(
                root_from_proof(&Sha2, random.node(0, i), index, count, &random.proof(i)),
                Ok(random.root()),
                "{index}/{count} random"
            );
        }
    }
}

#[test]
fn a_proof_for_another_ladder_is_refused() {
    for count in sizes() {
        let ours = SampleLadder::new(count);
        // The same strikes regenerated one tick later: every leaf's prices moved by 1.
        let mut regenerated = sample_leaves(count);
        for leaf in &mut regenerated {
            leaf[28] ^= 1; // low byte of down_price
        }
        let theirs = RefTree::from_leaves(&regenerated);
        for index in 0..count {
            let i = usize::from(index);
            // Their leaf with their proof, presented against our signed root.
            assert_eq!(
                quote_at(&ours, &regenerated[i], index, &theirs.proof(i)),
                Err(RuleError::ProofMismatch),
                "{index}/{count}"
            );
            // Our leaf with their proof: the siblings differ (except in a ladder of one leaf,
            // which has no siblings, where our leaf is simply right).
            let mixed = quote_at(&ours, ours.leaf(index), index, &theirs.proof(i));
            let expected = if count == 1 {
                Ok(())
            } else {
                Err(RuleError::ProofMismatch)
            };
            assert_eq!(mixed, expected, "{index}/{count}");
        }
    }
}

/// The indices leaf `from` of a ladder of `count` is moved to: every other index in ladders of
/// up to 24 leaves; in larger ones the ends, the neighbours, the sibling and three random ones.
fn moved_to(from: u16, count: u16, rng: &mut Rng) -> Vec<u16> {
    let mut to: Vec<u16> = if count <= 24 {
        (0..count).collect()
    } else {
        let mut near = vec![0, count - 1, from ^ 1, from.saturating_sub(1), from + 1];
        near.extend((0..3).map(|_| rng.range(0, u64::from(count - 1)) as u16));
        near
    };
    to.retain(|&to| to != from && to < count);
    to
}

#[test]
fn a_leaf_moved_to_another_index_is_refused() {
    let mut rng = Rng::new(0x0DE_1EAF);
    let (mut mismatch, mut length) = (0usize, 0usize);
    for count in sizes() {
        let ladder = SampleLadder::new(count);
        let proofs: Vec<_> = (0..count).map(|i| ladder.proof(i)).collect();
        for from in 0..count {
            let leaf = ladder.leaf(from);
            for to in moved_to(from, count, &mut rng) {
                // With its own proof: the path has another length, or other directions.
                let expected = if proof_len(from, count) == proof_len(to, count) {
                    mismatch += 1;
                    RuleError::ProofMismatch
                } else {
                    length += 1;
                    RuleError::ProofLength
                };
                let own = &proofs[usize::from(from)];
                assert_eq!(
                    quote_at(&ladder, leaf, to, own),
                    Err(expected),
                    "{from}->{to}/{count}"
                );
                // With the proof of the index it claims.
                assert_eq!(
                    quote_at(&ladder, leaf, to, &proofs[usize::from(to)]),
                    Err(RuleError::ProofMismatch),
                    "{from}->{to}/{count} with its proof"
                );
            }
        }
    }
    assert!(mismatch > 1_000 && length > 1_000, "{mismatch} / {length}");
}

#[test]
fn truncated_and_extended_proofs_are_refused() {
    for count in sizes() {
        let ladder = SampleLadder::new(count);
        for index in 0..count {
            let leaf = ladder.leaf(index);
            let proof = ladder.proof(index);
            if !proof.is_empty() {
                for cut in 0..proof.len() {
                    assert_eq!(
                        quote_at(&ladder, leaf, index, &proof[..cut]),
                        Err(RuleError::ProofLength),
                        "{index}/{count} cut to {cut}"
                    );
                }
            }
            // One more hash: a copy of the root, the last sibling again, or zeros.
            for extra in [
                ladder.tree.root(),
                *proof.last().unwrap_or(&[0; 32]),
                [0; 32],
            ] {
                let mut longer = proof.clone();
                longer.push(extra);
                assert_eq!(
                    quote_at(&ladder, leaf, index, &longer),
                    Err(RuleError::ProofLength),
                    "{index}/{count} extended"
                );
            }
            // The longest proof any ladder allows, and one beyond it.
            for len in [MAX_LADDER_PROOF, MAX_LADDER_PROOF + 1, 255] {
                let padded: Vec<[u8; 32]> = proof
                    .iter()
                    .copied()
                    .chain(std::iter::repeat([7; 32]))
                    .take(len)
                    .collect();
                let expected = if len == proof.len() {
                    Ok(())
                } else {
                    Err(RuleError::ProofLength)
                };
                assert_eq!(quote_at(&ladder, leaf, index, &padded), expected);
            }
        }
    }
}

#[test]
fn a_node_cannot_pass_as_a_leaf() {
    let ladder = SampleLadder::new(4);
    let tree = &ladder.tree;
    let (h0, h1) = (tree.node(0, 0), tree.node(0, 1));
    let (n01, n23) = (tree.node(1, 0), tree.node(1, 1));
    // The attack: n01 is a leaf hash of a two-leaf tree with the same root (the second-preimage
    // attack on Merkle trees). The walk itself would take it if the leaf count were not signed.
    assert_eq!(
        root_from_proof(&Sha2, n01, 0, 2, &[n23]),
        Ok(ladder.root.root)
    );
    // 1. The count is signed (4): n01 at any index, with its own path or the index's proof,
    //    never leads to the root.
    for index in 0..4u16 {
        assert_eq!(
            root_from_proof(&Sha2, n01, index, 4, &[n23]),
            Err(RuleError::ProofLength)
        );
        let other = root_from_proof(&Sha2, n01, index, 4, &ladder.proof(index));
        assert!(matches!(other, Ok(r) if r != ladder.root.root), "{index}");
    }
    // 2. The node's preimage (left ‖ right) is 64 bytes: it is not a leaf.
    let preimage = [h0, h1].concat();
    assert_eq!(preimage.len(), 64);
    assert_eq!(decode_ladder_leaf(&preimage), Err(RuleError::LeafLength));
    // 3. The domain separation: the same bytes hashed as a leaf give another hash than the node,
    //    so even a leaf format of 64 bytes could not reproduce n01.
    assert_eq!(Sha2.hashv(&[&[NODE_HASH_PREFIX], &preimage]), n01);
    assert_ne!(Sha2.hashv(&[&[LEAF_HASH_PREFIX], &preimage]), n01);
    // 4. The first 60 bytes of the preimage as a leaf (hashed as ladder_quote hashes it), at
    //    index 0 with n23 as the only sibling (the shallower tree's proof): the wrong length;
    //    with a proof of the right length: not the root.
    let forged: [u8; LADDER_LEAF_LEN] = preimage[..LADDER_LEAF_LEN].try_into().expect("60");
    let forged_hash = leaf_hash(&Sha2, &forged);
    assert_eq!(
        root_from_proof(&Sha2, forged_hash, 0, 4, &[n23]),
        Err(RuleError::ProofLength)
    );
    assert_ne!(
        root_from_proof(&Sha2, forged_hash, 0, 4, &[h1, n23]),
        Ok(ladder.root.root)
    );
}

#[test]
fn no_node_of_any_ladder_passes_as_a_leaf_hash() {
    // Every internal node of every ladder size, claimed as the leaf hash of every index with its
    // own path to the root (what a shallower tree would accept): the path never has the length
    // and directions of a leaf's, so the node never leads to the root.
    let mut tried = 0usize;
    for count in sizes() {
        let tree = &SampleLadder::new(count).tree;
        for level in 1..tree.levels.len() {
            for position in 0..tree.levels[level].len() {
                // A node moved up unchanged is the same hash as the one below: skip it.
                if 2 * position + 1 >= tree.levels[level - 1].len() {
                    continue;
                }
                let node = tree.node(level, position);
                let path = tree.path_from(level, position);
                for index in 0..count {
                    let own = root_from_proof(&Sha2, node, index, count, &path);
                    if proof_len(index, count) == Ok(path.len()) {
                        assert_ne!(
                            own,
                            Ok(tree.root()),
                            "{level}/{position} as {index}/{count}"
                        );
                        tried += 1;
                    } else {
                        assert_eq!(own, Err(RuleError::ProofLength));
                    }
                }
            }
        }
    }
    assert!(tried > 200, "only {tried} same-length attempts");
}

#[test]
fn duplicating_the_last_leaf_changes_the_root() {
    // No CVE-2012-2459 ambiguity: the unpaired last node moves up, it is not paired with itself.
    for count in 1..MAX_LADDER_LEAVES {
        let leaves = sample_leaves(count);
        let mut doubled = leaves.clone();
        doubled.push(*leaves.last().expect("a leaf"));
        assert_ne!(
            RefTree::from_leaves(&leaves).root(),
            RefTree::from_leaves(&doubled).root(),
            "{count}"
        );
    }
}

#[test]
fn index_beyond_the_ladder_and_bad_sizes_are_refused() {
    for count in sizes() {
        for index in [count, count.saturating_add(1), u16::MAX] {
            assert_eq!(proof_len(index, count), Err(RuleError::LeafIndexOutOfRange));
            assert_eq!(
                root_from_proof(&Sha2, [0; 32], index, count, &[]),
                Err(RuleError::LeafIndexOutOfRange)
            );
        }
    }
    let ladder = SampleLadder::new(5);
    let last = ladder.leaf(4);
    assert_eq!(
        quote_at(&ladder, last, 5, &ladder.proof(4)),
        Err(RuleError::LeafIndexOutOfRange)
    );
    for count in [0u16, MAX_LADDER_LEAVES + 1, u16::MAX] {
        // The size is checked before the index.
        assert_eq!(proof_len(0, count), Err(RuleError::LadderSize));
        assert_eq!(proof_len(u16::MAX, count), Err(RuleError::LadderSize));
        assert_eq!(
            root_from_proof(&Sha2, [0; 32], 0, count, &[]),
            Err(RuleError::LadderSize)
        );
        // A root with such a count, built in memory (decoding refuses it: ladder_messages.rs).
        let root = sample_root(count, ladder.root.root);
        assert_eq!(
            ladder_quote(&Sha2, &root, ladder.leaf(0), 0, &ladder.proof(0)).map(|_| ()),
            Err(RuleError::LadderSize)
        );
    }
}
