//! Quote format v2 takes: `ladder_quote` binds root and leaf into exactly the v1 `Quote`, every
//! v1 rule then applies to it, and one leaf of a signed ladder replayed past its size is refused
//! as a v1 quote is.

use std::collections::HashMap;

use exec_trade_rules::{
    apply_fill, check_quote, check_quote_id, encode_ladder_leaf, ladder_quote,
    verified_ladder_root, verified_quote, LadderLeaf, LadderRoot, Quote, QuoteContext, RuleError,
    FLAG_SIMULATED, LADDER_LEAF_LEN,
};

use crate::support::ladder::{
    ladder_root_ix_data, random_leaf, random_root, sample_leaf, sample_root, RefTree, SampleLadder,
    Sha2,
};
use crate::support::{
    ed25519_view, quote_ix_data, sample_quote, sample_quote_ctx as ctx, Rng, ORACLE,
};

/// The quote root and leaf bind together, written out field by field.
fn expected_quote(root: &LadderRoot, leaf: &LadderLeaf) -> Quote {
    Quote {
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
    }
}

#[test]
fn ladder_quote_combines_root_and_leaf_exactly() {
    let ladder = SampleLadder::new(11);
    for index in 0..11 {
        let got = ladder_quote(
            &Sha2,
            &ladder.root,
            ladder.leaf(index),
            index,
            &ladder.proof(index),
        );
        let leaf = sample_leaf(index);
        assert_eq!(
            got,
            Ok((expected_quote(&ladder.root, &leaf), leaf)),
            "{index}"
        );
    }
    // Leaf 0 of the sample ladder is the v1 sample quote, field for field.
    let (quote, _) =
        ladder_quote(&Sha2, &ladder.root, ladder.leaf(0), 0, &ladder.proof(0)).expect("valid");
    assert_eq!(quote, sample_quote());
    // Random roots over a random leaf: every field lands where it belongs.
    let mut rng = Rng::new(0xB1_4D);
    for _ in 0..300 {
        let leaf = random_leaf(&mut rng);
        let bytes = encode_ladder_leaf(&leaf);
        let root = LadderRoot {
            leaf_count: 1,
            root: RefTree::from_leaves(&[bytes]).root(),
            ..random_root(&mut rng)
        };
        let got = ladder_quote(&Sha2, &root, &bytes, 0, &[]);
        assert_eq!(got, Ok((expected_quote(&root, &leaf), leaf)));
    }
}

/// A change to a signed root's fields.
type RootEdit = fn(&mut LadderRoot);

/// `ladder_quote` of leaf `index` of `leaves` under a root made by `edit`, then `check_quote`.
fn check_leaf(
    leaves: &[[u8; LADDER_LEAF_LEN]],
    index: u16,
    edit: impl FnOnce(&mut LadderRoot),
    ctx: &QuoteContext,
) -> Result<(), RuleError> {
    let tree = RefTree::from_leaves(leaves);
    let mut root = sample_root(leaves.len() as u16, tree.root());
    edit(&mut root);
    let (quote, _) = ladder_quote(
        &Sha2,
        &root,
        &leaves[usize::from(index)],
        index,
        &tree.proof(usize::from(index)),
    )?;
    check_quote(&quote, ctx)
}

#[test]
fn every_v1_rule_applies_to_a_ladder_quote() {
    let leaves = SampleLadder::new(6).leaves;
    assert_eq!(check_leaf(&leaves, 5, |_| {}, &ctx()), Ok(()));
    // Valid until is inclusive, by the root's clock field.
    let at = |ms: i64| move |r: &mut LadderRoot| r.valid_until_ms = ms;
    assert_eq!(check_leaf(&leaves, 5, at(998_999_000), &ctx()), Ok(()));
    assert_eq!(
        check_leaf(&leaves, 5, at(998_998_999), &ctx()),
        Err(RuleError::QuoteExpired)
    );
    let cases: [(RootEdit, RuleError); 5] = [
        (|r| r.program_id[0] ^= 1, RuleError::QuoteWrongProgram),
        (|r| r.cluster = 3, RuleError::QuoteWrongCluster),
        (|r| r.epoch = 2, RuleError::QuoteEpochMismatch),
        (
            |r| r.flags = FLAG_SIMULATED,
            RuleError::QuoteSimulatedNotAllowed,
        ),
        (|r| r.expiry_ts += 300, RuleError::QuoteExpiryMismatch),
    ];
    for (edit, expected) in cases {
        assert_eq!(check_leaf(&leaves, 2, edit, &ctx()), Err(expected));
    }
    let closed = QuoteContext {
        now_ts: 999_990,
        ..ctx()
    };
    assert_eq!(
        check_leaf(&leaves, 2, at(i64::MAX), &closed),
        Err(RuleError::TradingClosed)
    );
    // A leaf one micro-unit below par, in an otherwise valid signed ladder.
    let mut below = leaves.clone();
    below[4] = encode_ladder_leaf(&LadderLeaf {
        down_price: 999_999 - sample_leaf(4).up_price,
        ..sample_leaf(4)
    });
    assert_eq!(
        check_leaf(&below, 4, |_| {}, &ctx()),
        Err(RuleError::QuoteBelowPar)
    );
    assert_eq!(check_leaf(&below, 3, |_| {}, &ctx()), Ok(()));
}

/// One take of a quote, as `take_quote` and `take_quote_v2` decide it: the verified quote, the
/// quote id argument, then the replay record keyed by quote id (created by the first fill with
/// that quote's max size).
fn take(
    record: &mut HashMap<[u8; 16], (u64, u64)>,
    quote: &Quote,
    size: u64,
) -> Result<u64, RuleError> {
    check_quote(quote, &ctx())?;
    check_quote_id(&quote.quote_id, quote)?;
    let (max_size, filled) = record
        .get(&quote.quote_id)
        .copied()
        .unwrap_or((quote.max_size, 0));
    let new_filled = apply_fill(filled, size, max_size)?;
    record.insert(quote.quote_id, (max_size, new_filled));
    Ok(new_filled)
}

#[test]
fn replaying_one_leaf_past_its_size_is_refused_as_in_v1() {
    let ladder = SampleLadder::new(8);
    let root_ix = ladder_root_ix_data(&ladder.root);
    // Every take replays the same signed root, leaf and proof.
    let v2 = || -> Result<Quote, RuleError> {
        let root = verified_ladder_root(&ed25519_view(&root_ix), &ORACLE)?;
        ladder_quote(&Sha2, &root, ladder.leaf(3), 3, &ladder.proof(3)).map(|(q, _)| q)
    };
    let leaf_quote = v2().expect("valid");
    assert_eq!(leaf_quote.max_size, 250_000_000);
    // The same quote signed alone, in format v1.
    let v1_ix = quote_ix_data(&leaf_quote);
    let v1 = || verified_quote(&ed25519_view(&v1_ix), &ORACLE);

    let sizes = [
        100_000_000u64,
        100_000_000,
        50_000_001,
        50_000_000,
        1,
        1,
        250_000_000,
    ];
    let expected = [
        Ok(100_000_000),
        Ok(200_000_000),
        Err(RuleError::QuoteOverfilled),
        Ok(250_000_000),
        Err(RuleError::QuoteOverfilled),
        Err(RuleError::QuoteOverfilled),
        Err(RuleError::QuoteOverfilled),
    ];
    let (mut v1_record, mut v2_record) = (HashMap::new(), HashMap::new());
    for (i, size) in sizes.into_iter().enumerate() {
        let got_v2 = v2().and_then(|q| take(&mut v2_record, &q, size));
        let got_v1 = v1().and_then(|q| take(&mut v1_record, &q, size));
        assert_eq!(got_v2, expected[i], "v2 take {i}");
        assert_eq!(got_v1, got_v2, "v1 take {i}");
    }
    assert_eq!(v2_record, v1_record);
    // The other leaves of the ladder have their own ids and records.
    let (next, _) =
        ladder_quote(&Sha2, &ladder.root, ladder.leaf(4), 4, &ladder.proof(4)).expect("valid");
    assert_ne!(next.quote_id, leaf_quote.quote_id);
    assert_eq!(take(&mut v2_record, &next, 250_000_000), Ok(250_000_000));
    // The quote id argument (the replay record's seed) must be the leaf's own.
    assert_eq!(
        check_quote_id(&next.quote_id, &leaf_quote),
        Err(RuleError::QuoteIdMismatch)
    );

    // Random sequences: v2 and v1 decide every fill alike.
    let mut rng = Rng::new(0x4E_91A7);
    for _ in 0..300 {
        let (mut a, mut b) = (HashMap::new(), HashMap::new());
        for _ in 0..rng.range(1, 12) {
            let size = rng.range(0, 120_000_000);
            let got_v2 = v2().and_then(|q| take(&mut a, &q, size));
            assert_eq!(v1().and_then(|q| take(&mut b, &q, size)), got_v2);
        }
        let filled = a.get(&leaf_quote.quote_id).map_or(0, |&(_, filled)| filled);
        assert!(filled <= leaf_quote.max_size);
    }
}
