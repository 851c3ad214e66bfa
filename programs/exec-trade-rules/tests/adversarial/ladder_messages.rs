//! Quote format v2 messages: the root and leaf codecs (round trips, byte layout, every malformed
//! field with its error) and the root's signer (`verified_ladder_root`).

use exec_trade_rules::{
    decode_ladder_leaf, decode_ladder_root, decode_quote, decode_settlement, encode_ladder_leaf,
    encode_ladder_root, encode_quote, encode_settlement, ladder_quote, verified_ladder_root,
    verified_quote, LadderLeaf, LadderRoot, RuleError, FLAG_SIMULATED, LADDER_LEAF_LEN,
    LADDER_ROOT_LEN, MAX_LADDER_LEAVES,
};

use crate::support::ladder::{
    ladder_root_ix_data, random_leaf, random_root, sample_leaf, sample_leaves, sample_root,
    RefTree, SampleLadder, Sha2,
};
use crate::support::{
    ed25519_ix_data, ed25519_view, quote_ix_data, sample_quote, sample_settlement, Rng, ATTACKER,
    ORACLE,
};

fn root_with(f: impl FnOnce(&mut LadderRoot)) -> [u8; LADDER_ROOT_LEN] {
    let mut root = SampleLadder::new(8).root;
    f(&mut root);
    encode_ladder_root(&root)
}

#[test]
fn root_and_leaf_round_trip() {
    let ladder = SampleLadder::new(8);
    assert_eq!(
        decode_ladder_root(&encode_ladder_root(&ladder.root)),
        Ok(ladder.root)
    );
    assert_eq!(decode_ladder_leaf(ladder.leaf(3)), Ok(sample_leaf(3)));
    let mut rng = Rng::new(0xC0DEC);
    for _ in 0..2_000 {
        let root = random_root(&mut rng);
        let bytes = encode_ladder_root(&root);
        assert_eq!(decode_ladder_root(&bytes), Ok(root));
        assert_eq!(
            encode_ladder_root(&decode_ladder_root(&bytes).expect("ok")),
            bytes
        );
        let leaf = random_leaf(&mut rng);
        let bytes = encode_ladder_leaf(&leaf);
        assert_eq!(decode_ladder_leaf(&bytes), Ok(leaf));
    }
}

#[test]
fn root_and_leaf_layouts_are_pinned_byte_for_byte() {
    let root = LadderRoot {
        cluster: 1,
        asset: 2,
        flags: FLAG_SIMULATED,
        program_id: [0xAA; 32],
        epoch: 0x0102_0304_0506_0708,
        expiry_ts: 1_000_200,
        leaf_count: 0x0140,
        generated_at_ms: -2,
        valid_until_ms: 0x7FFF_FFFF_FFFF_FFFF,
        root: [0xBB; 32],
    };
    let b = encode_ladder_root(&root);
    assert_eq!(&b[..8], b"EXQR\x02\x01\x02\x01");
    assert_eq!(&b[8..40], &[0xAA; 32]);
    assert_eq!(&b[40..48], &[8, 7, 6, 5, 4, 3, 2, 1]);
    assert_eq!(&b[48..56], &1_000_200i64.to_le_bytes());
    assert_eq!(&b[56..58], &[0x40, 0x01]);
    assert_eq!(
        &b[58..66],
        &[0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
    );
    assert_eq!(
        &b[66..74],
        &[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
    );
    assert_eq!(&b[74..], &[0xBB; 32]);
    let leaf = sample_leaf(0);
    let l = encode_ladder_leaf(&leaf);
    assert_eq!(&l[..16], &[0x11; 16]);
    assert_eq!(&l[16..24], &97_300_000_000u64.to_le_bytes());
    assert_eq!(&l[24..28], &523_417u32.to_le_bytes());
    assert_eq!(&l[28..32], &496_583u32.to_le_bytes());
    assert_eq!(&l[32..40], &250_000_000u64.to_le_bytes());
    assert_eq!(&l[40..48], &97_312_345_678u64.to_le_bytes());
    assert_eq!(&l[48..56], &998_996_900i64.to_le_bytes());
    assert_eq!(&l[56..60], &2_000u32.to_le_bytes());
}

#[test]
fn root_of_wrong_length_or_magic_is_refused() {
    let root = root_with(|_| {});
    for len in [0usize, 3, 4, 8, 105] {
        assert_eq!(
            decode_ladder_root(&root[..len]),
            Err(RuleError::LadderRootLength),
            "len {len}"
        );
    }
    let mut long = root.to_vec();
    long.push(0);
    assert_eq!(decode_ladder_root(&long), Err(RuleError::LadderRootLength));
    // Another message is not a root, and a root is not another message.
    let quote = encode_quote(&sample_quote());
    let settlement = encode_settlement(&sample_settlement());
    assert_eq!(decode_ladder_root(&quote), Err(RuleError::LadderRootMagic));
    assert_eq!(
        decode_ladder_root(&quote[..LADDER_ROOT_LEN]),
        Err(RuleError::LadderRootMagic)
    );
    assert_eq!(
        decode_ladder_root(&settlement),
        Err(RuleError::LadderRootMagic)
    );
    assert_eq!(decode_quote(&root), Err(RuleError::QuoteMagic));
    assert_eq!(
        decode_settlement(&root[..98]),
        Err(RuleError::SettlementMagic)
    );
    for (i, byte) in [(0usize, b'X'), (3, b'T'), (3, b'r')] {
        let mut bad = root;
        bad[i] = byte;
        assert_eq!(decode_ladder_root(&bad), Err(RuleError::LadderRootMagic));
    }
}

#[test]
fn root_of_another_version_or_with_unknown_flags_is_refused() {
    for version in [0u8, 1, 3, 255] {
        let mut bad = root_with(|_| {});
        bad[4] = version;
        assert_eq!(
            decode_ladder_root(&bad),
            Err(RuleError::LadderRootVersion),
            "version {version}"
        );
    }
    for flags in [0x02u8, 0x03, 0x80, 0xFF] {
        assert_eq!(
            decode_ladder_root(&root_with(|r| r.flags = flags)),
            Err(RuleError::QuoteUnknownFlags),
            "flags {flags:#x}"
        );
    }
    let simulated = decode_ladder_root(&root_with(|r| r.flags = FLAG_SIMULATED));
    assert!(simulated.is_ok_and(|r| r.flags == FLAG_SIMULATED));
}

#[test]
fn root_with_a_leaf_count_out_of_range_is_refused() {
    for count in [0u16, MAX_LADDER_LEAVES + 1, 0x0100, u16::MAX] {
        assert_eq!(
            decode_ladder_root(&root_with(|r| r.leaf_count = count)),
            Err(RuleError::LadderSize),
            "count {count}"
        );
    }
    for count in [1u16, 2, MAX_LADDER_LEAVES] {
        let bytes = root_with(|r| r.leaf_count = count);
        assert!(decode_ladder_root(&bytes).is_ok_and(|r| r.leaf_count == count));
    }
}

#[test]
fn leaf_of_wrong_length_or_price_above_one_is_refused() {
    let leaf = encode_ladder_leaf(&sample_leaf(0));
    for len in [0usize, 16, 59] {
        assert_eq!(
            decode_ladder_leaf(&leaf[..len]),
            Err(RuleError::LeafLength),
            "len {len}"
        );
    }
    for extra in [1usize, 4, 68] {
        let mut long = leaf.to_vec();
        long.resize(LADDER_LEAF_LEN + extra, 0);
        assert_eq!(
            decode_ladder_leaf(&long),
            Err(RuleError::LeafLength),
            "len +{extra}"
        );
    }
    // A v1 quote is not a leaf either.
    assert_eq!(
        decode_ladder_leaf(&encode_quote(&sample_quote())),
        Err(RuleError::LeafLength)
    );
    let priced = |up: u32, down: u32| {
        encode_ladder_leaf(&LadderLeaf {
            up_price: up,
            down_price: down,
            ..sample_leaf(0)
        })
    };
    for (up, down) in [
        (1_000_001, 0),
        (0, 1_000_001),
        (u32::MAX, 500_000),
        (500_000, u32::MAX),
    ] {
        assert_eq!(
            decode_ladder_leaf(&priced(up, down)),
            Err(RuleError::QuotePriceAboveOne),
            "{up}/{down}"
        );
    }
    assert!(decode_ladder_leaf(&priced(1_000_000, 1_000_000)).is_ok());
    // Through ladder_quote the bytes are authenticated first: an unsigned leaf above 1.0 is a
    // proof error; one the oracle did sign (in its ladder) is then refused for its price.
    let ladder = SampleLadder::new(2);
    assert_eq!(
        ladder_quote(
            &Sha2,
            &ladder.root,
            &priced(1_000_001, 0),
            0,
            &ladder.proof(0)
        )
        .map(|_| ()),
        Err(RuleError::ProofMismatch)
    );
    let mut leaves = sample_leaves(2);
    leaves[0] = priced(1_000_001, 0);
    let tree = RefTree::from_leaves(&leaves);
    let root = sample_root(2, tree.root());
    assert_eq!(
        ladder_quote(&Sha2, &root, &leaves[0], 0, &tree.proof(0)).map(|_| ()),
        Err(RuleError::QuotePriceAboveOne)
    );
}

#[test]
fn a_root_signed_by_another_key_is_refused() {
    let ladder = SampleLadder::new(8);
    let data = ladder_root_ix_data(&ladder.root);
    assert_eq!(
        verified_ladder_root(&ed25519_view(&data), &ORACLE),
        Ok(ladder.root)
    );
    // The oracle's root in an instruction signed by the attacker's key.
    let stolen = ed25519_ix_data(&ATTACKER, &[0x66; 64], &encode_ladder_root(&ladder.root));
    assert_eq!(
        verified_ladder_root(&ed25519_view(&stolen), &ORACLE),
        Err(RuleError::Ed25519WrongSigner)
    );
    // The attacker's own ladder (every UP at 0.01) under the attacker's key.
    let cheap: Vec<[u8; LADDER_LEAF_LEN]> = (0..8)
        .map(|i| {
            encode_ladder_leaf(&LadderLeaf {
                up_price: 10_000,
                ..sample_leaf(i)
            })
        })
        .collect();
    let forged = sample_root(8, RefTree::from_leaves(&cheap).root());
    let forged_ix = ed25519_ix_data(&ATTACKER, &[0x67; 64], &encode_ladder_root(&forged));
    assert_eq!(
        verified_ladder_root(&ed25519_view(&forged_ix), &ORACLE),
        Err(RuleError::Ed25519WrongSigner)
    );
    // …and its leaves against the oracle's root do not verify.
    assert_eq!(
        ladder_quote(
            &Sha2,
            &ladder.root,
            &cheap[2],
            2,
            &RefTree::from_leaves(&cheap).proof(2)
        )
        .map(|_| ()),
        Err(RuleError::ProofMismatch)
    );
}

#[test]
fn a_v1_quote_is_not_a_root_and_a_root_is_not_a_v1_quote() {
    let ladder = SampleLadder::new(8);
    let v1 = quote_ix_data(&sample_quote());
    assert_eq!(
        verified_ladder_root(&ed25519_view(&v1), &ORACLE),
        Err(RuleError::Ed25519MessageSize)
    );
    let v2 = ladder_root_ix_data(&ladder.root);
    assert_eq!(
        verified_quote(&ed25519_view(&v2), &ORACLE).map(|_| ()),
        Err(RuleError::Ed25519MessageSize)
    );
    // A 106-byte message signed by the oracle that is not a root (a quote's first 106 bytes).
    let cut = ed25519_ix_data(&ORACLE, &[0x33; 64], &encode_quote(&sample_quote())[..106]);
    assert_eq!(
        verified_ladder_root(&ed25519_view(&cut), &ORACLE),
        Err(RuleError::LadderRootMagic)
    );
}
