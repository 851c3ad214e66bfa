//! The quote format v2 golden vectors (tests/fixtures/golden/ladder.txt, written by the TypeScript
//! SDK through scripts/golden-ladder.ts): root messages and leaves decode and re-encode byte for
//! byte, every listed tree level is what the Rust reference tree builds from the listed leaves,
//! every proof is exactly the crate's and leads to the signed root, the Ed25519 instruction data
//! yields the root with the listed signer and no other, and the decay vectors are the crate's
//! charges.

mod support;

use exec_trade_rules::{
    decayed_price, decode_ladder_leaf, decode_ladder_root, encode_ladder_leaf, encode_ladder_root,
    ladder_quote, leaf_hash, proof_len, root_from_proof, verified_ladder_root, verified_quote,
    LadderRoot, RuleError, FLAG_SIMULATED, LADDER_LEAF_LEN, MAX_DECAYED_PRICE,
};
use support::ladder::{RefTree, Sha2};
use support::{ed25519_view, golden_sections_in, hex, hex_array, GoldenSection, ORACLE};

fn sections(kind: &str) -> Vec<GoldenSection> {
    golden_sections_in("ladder.txt")
        .into_iter()
        .filter(|s| s.kind == kind)
        .collect()
}

fn hash_list(value: &str) -> Vec<[u8; 32]> {
    if value.is_empty() {
        return Vec::new();
    }
    value.split(',').map(hex_array::<32>).collect()
}

fn leaves(s: &GoldenSection) -> Vec<[u8; LADDER_LEAF_LEN]> {
    let count: usize = s.int("leaf_count");
    (0..count)
        .map(|i| hex_array(s.get(&format!("leaf_{i}"))))
        .collect()
}

/// The root fields scripts/golden-ladder.ts signs (all but the flags, count and Merkle root).
fn expected_root(s: &GoldenSection, flags: u8) -> LadderRoot {
    LadderRoot {
        cluster: 1,
        asset: 1,
        flags,
        program_id: std::array::from_fn(|i| ((i * 7 + 3) & 0xff) as u8),
        epoch: 7,
        expiry_ts: 1_800_000_060,
        leaf_count: s.int("leaf_count"),
        generated_at_ms: 1_800_000_000_000,
        valid_until_ms: 1_800_000_003_000,
        root: hex_array(s.get("root")),
    }
}

#[test]
fn the_golden_file_has_the_four_ladders_and_decay_cases() {
    let names: Vec<String> = sections("ladder").into_iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            "eleven_strikes",
            "single_leaf",
            "five_simulated",
            "power_of_two"
        ]
    );
    assert!(sections("decay").len() >= 9);
    let kinds = golden_sections_in("ladder.txt");
    assert!(kinds
        .iter()
        .all(|s| s.kind == "ladder" || s.kind == "decay"));
}

#[test]
fn golden_roots_decode_to_the_generator_s_fields_and_re_encode() {
    for s in sections("ladder") {
        let message = hex(s.get("root_message"));
        let flags = if s.name == "five_simulated" {
            FLAG_SIMULATED
        } else {
            0
        };
        let root = decode_ladder_root(&message).unwrap_or_else(|e| panic!("{}: {e:?}", s.name));
        assert_eq!(root, expected_root(&s, flags), "{}", s.name);
        assert_eq!(encode_ladder_root(&root).as_slice(), message.as_slice());
    }
}

#[test]
fn golden_ed25519_ix_data_yields_the_root_with_its_signer_only() {
    for s in sections("ladder") {
        let data = hex(s.get("ed25519_ix_data"));
        let signer: [u8; 32] = hex_array(s.get("signer"));
        let root = decode_ladder_root(&hex(s.get("root_message"))).expect("valid");
        assert_eq!(
            verified_ladder_root(&ed25519_view(&data), &signer),
            Ok(root)
        );
        assert_eq!(&data[48..112], hex(s.get("signature")).as_slice());
        assert_ne!(signer, ORACLE);
        assert_eq!(
            verified_ladder_root(&ed25519_view(&data), &ORACLE),
            Err(RuleError::Ed25519WrongSigner),
            "{}",
            s.name
        );
        assert_eq!(
            verified_quote(&ed25519_view(&data), &signer).map(|_| ()),
            Err(RuleError::Ed25519MessageSize),
            "{}: a root is never a v1 quote",
            s.name
        );
    }
}

#[test]
fn golden_leaves_levels_and_proofs_are_the_crate_s() {
    for s in sections("ladder") {
        let leaves = leaves(&s);
        let count: u16 = s.int("leaf_count");
        let root = decode_ladder_root(&hex(s.get("root_message"))).expect("valid");
        let tree = RefTree::from_leaves(&leaves);
        for (depth, level) in tree.levels.iter().enumerate() {
            assert_eq!(
                level,
                &hash_list(s.get(&format!("level_{depth}"))),
                "{} level {depth}",
                s.name
            );
        }
        assert!(s.fields.iter().all(|(k, _)| !k.starts_with("level_")
            || k[6..].parse::<usize>().is_ok_and(|d| d < tree.levels.len())));
        assert_eq!(tree.root(), root.root);
        for (i, leaf) in leaves.iter().enumerate() {
            let index = u16::try_from(i).expect("small");
            let decoded = decode_ladder_leaf(leaf).expect("valid");
            assert_eq!(&encode_ladder_leaf(&decoded), leaf);
            assert_eq!(leaf_hash(&Sha2, leaf), tree.node(0, i));
            let proof = hash_list(s.get(&format!("proof_{i}")));
            assert_eq!(proof, tree.proof(i), "{} proof {i}", s.name);
            assert_eq!(proof_len(index, count), Ok(proof.len()));
            assert_eq!(
                root_from_proof(&Sha2, tree.node(0, i), index, count, &proof),
                Ok(root.root)
            );
            let (quote, got_leaf) =
                ladder_quote(&Sha2, &root, leaf, index, &proof).expect("verifies");
            assert_eq!(got_leaf, decoded);
            assert_eq!(
                (quote.quote_id, quote.strike, quote.flags, quote.epoch),
                (decoded.quote_id, decoded.strike, root.flags, root.epoch)
            );
            // The same leaf at its neighbour's index, with its neighbour's proof, is refused.
            if count > 1 {
                let other = (index + 1) % count;
                let their_proof = tree.proof(usize::from(other));
                assert_eq!(
                    ladder_quote(&Sha2, &root, leaf, other, &their_proof).map(|_| ()),
                    Err(RuleError::ProofMismatch)
                );
            }
        }
    }
}

#[test]
fn golden_decay_vectors_are_the_crate_s_charges() {
    for s in sections("decay") {
        let price: u32 = s.int("price");
        let charged = decayed_price(
            price,
            s.int("rate"),
            s.int("generated_at_ms"),
            s.int("now_ts"),
        );
        assert_eq!(charged, Ok(s.int("charged")), "{}", s.name);
        let charged = charged.expect("ok");
        assert!(charged >= price && charged <= price.max(MAX_DECAYED_PRICE));
    }
}

#[test]
fn golden_parser_reads_an_empty_value() {
    let parsed = support::parse_golden("[ladder a]\nproof_0 = \nleaf_count = 1\n");
    assert_eq!(parsed[0].get("proof_0"), "");
    assert_eq!(parsed[0].int::<u16>("leaf_count"), 1);
}
