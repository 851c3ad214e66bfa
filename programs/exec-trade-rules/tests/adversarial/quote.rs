//! Malformed and mismatched quotes and settlements: the codec and `check_quote`.

use exec_trade_rules::{
    check_par, check_quote, check_quote_id, decode_quote, decode_settlement, encode_quote,
    encode_settlement, Quote, QuoteContext, RuleError, Side,
};

use crate::support::{
    sample_quote, sample_quote_ctx as ctx, sample_settlement, simulated, PROGRAM_ID,
};

fn with(f: impl FnOnce(&mut Quote)) -> Quote {
    let mut q = sample_quote();
    f(&mut q);
    q
}

#[test]
fn settlement_message_is_not_a_quote_and_vice_versa() {
    let settlement = encode_settlement(&sample_settlement());
    let quote = encode_quote(&sample_quote());
    assert_eq!(decode_quote(&settlement), Err(RuleError::QuoteMagic));
    assert_eq!(decode_settlement(&quote), Err(RuleError::SettlementMagic));
    let mut padded = settlement.to_vec();
    padded.resize(128, 0);
    assert_eq!(decode_quote(&padded), Err(RuleError::QuoteMagic));
    assert_eq!(
        decode_settlement(&quote[..98]),
        Err(RuleError::SettlementMagic)
    );
}

#[test]
fn quote_of_wrong_length_is_rejected() {
    let quote = encode_quote(&sample_quote());
    for len in [0usize, 3] {
        assert_eq!(
            decode_quote(&quote[..len]),
            Err(RuleError::QuoteLength),
            "len {len}"
        );
    }
    for len in [4usize, 98, 127] {
        assert_eq!(
            decode_quote(&quote[..len]),
            Err(RuleError::QuoteLength),
            "len {len}"
        );
    }
    let mut long = quote.to_vec();
    long.push(0);
    assert_eq!(decode_quote(&long), Err(RuleError::QuoteLength));
}

#[test]
fn settlement_of_wrong_length_is_rejected() {
    let s = encode_settlement(&sample_settlement());
    assert_eq!(decode_settlement(&s[..2]), Err(RuleError::SettlementLength));
    assert_eq!(
        decode_settlement(&s[..97]),
        Err(RuleError::SettlementLength)
    );
    let mut long = s.to_vec();
    long.push(0);
    assert_eq!(decode_settlement(&long), Err(RuleError::SettlementLength));
}

#[test]
fn bad_version_is_rejected() {
    for v in [0u8, 2, 255] {
        let mut q = encode_quote(&sample_quote());
        q[4] = v;
        assert_eq!(
            decode_quote(&q),
            Err(RuleError::QuoteVersion),
            "version {v}"
        );
        let mut s = encode_settlement(&sample_settlement());
        s[4] = v;
        assert_eq!(
            decode_settlement(&s),
            Err(RuleError::SettlementVersion),
            "version {v}"
        );
    }
}

#[test]
fn unknown_flags_are_rejected() {
    for flags in [0x02u8, 0x03, 0x80, 0xFF] {
        let q = encode_quote(&with(|q| q.flags = flags));
        assert_eq!(
            decode_quote(&q),
            Err(RuleError::QuoteUnknownFlags),
            "flags {flags:#x}"
        );
        let mut s = sample_settlement();
        s.flags = flags;
        assert_eq!(
            decode_settlement(&encode_settlement(&s)),
            Err(RuleError::SettlementUnknownFlags)
        );
    }
    assert!(decode_quote(&encode_quote(&simulated(sample_quote()))).is_ok_and(|q| q.is_simulated()));
}

#[test]
fn price_above_one_is_rejected_and_one_decodes() {
    let up = encode_quote(&with(|q| q.up_price = 1_000_001));
    assert_eq!(decode_quote(&up), Err(RuleError::QuotePriceAboveOne));
    let down = encode_quote(&with(|q| q.down_price = u32::MAX));
    assert_eq!(decode_quote(&down), Err(RuleError::QuotePriceAboveOne));
    let one = with(|q| q.up_price = 1_000_000);
    assert_eq!(decode_quote(&encode_quote(&one)), Ok(one));
}

#[test]
fn price_zero_or_one_is_not_tradeable() {
    let q = with(|q| {
        q.up_price = 0;
        q.down_price = 1_000_000;
    });
    assert_eq!(q.price_for(Side::Up), Err(RuleError::PriceNotTradeable));
    assert_eq!(q.price_for(Side::Down), Err(RuleError::PriceNotTradeable));
    assert_eq!(sample_quote().price_for(Side::Up), Ok(523_417));
    assert_eq!(sample_quote().price_for(Side::Down), Ok(496_583));
}

#[test]
fn valid_quote_passes() {
    assert_eq!(check_quote(&sample_quote(), &ctx()), Ok(()));
}

#[test]
fn quote_id_argument_must_match_the_signed_quote() {
    assert_eq!(check_quote_id(&[0x11; 16], &sample_quote()), Ok(()));
    let mut other = [0x11; 16];
    other[15] = 0x12;
    assert_eq!(
        check_quote_id(&other, &sample_quote()),
        Err(RuleError::QuoteIdMismatch)
    );
}

#[test]
fn wrong_program_id_is_rejected() {
    let q = with(|q| q.program_id[0] ^= 1);
    assert_eq!(check_quote(&q, &ctx()), Err(RuleError::QuoteWrongProgram));
}

#[test]
fn wrong_cluster_is_rejected() {
    for cluster in [0u8, 2, 3] {
        let q = with(|q| q.cluster = cluster);
        assert_eq!(
            check_quote(&q, &ctx()),
            Err(RuleError::QuoteWrongCluster),
            "cluster {cluster}"
        );
    }
}

#[test]
fn old_epoch_is_rejected() {
    let old = with(|q| q.epoch = 2);
    assert_eq!(
        check_quote(&old, &ctx()),
        Err(RuleError::QuoteEpochMismatch)
    );
    let future = with(|q| q.epoch = 4);
    assert_eq!(
        check_quote(&future, &ctx()),
        Err(RuleError::QuoteEpochMismatch)
    );
}

#[test]
fn simulated_quote_needs_allow_simulated() {
    let q = simulated(sample_quote());
    assert_eq!(
        check_quote(&q, &ctx()),
        Err(RuleError::QuoteSimulatedNotAllowed)
    );
    assert_eq!(
        check_quote(
            &q,
            &QuoteContext {
                allow_simulated: true,
                ..ctx()
            }
        ),
        Ok(())
    );
}

#[test]
fn below_par_quote_is_rejected_and_par_is_fine() {
    let pairs_at_or_above_par: [(u32, u32); 6] = [
        (500_000, 500_000),
        (1, 999_999),
        (999_999, 1),
        (0, 1_000_000),
        (1_000_000, 1_000_000),
        (523_417, 496_583),
    ];
    for (up, down) in pairs_at_or_above_par {
        let q = with(|q| (q.up_price, q.down_price) = (up, down));
        assert_eq!(check_par(&q), Ok(()), "{up} + {down}");
        assert_eq!(check_quote(&q, &ctx()), Ok(()), "{up} + {down}");
    }
    let pairs_below_par: [(u32, u32); 5] = [
        (500_000, 499_999),
        (499_999, 500_000),
        (1, 999_998),
        (0, 999_999),
        (0, 0),
    ];
    for (up, down) in pairs_below_par {
        let q = with(|q| (q.up_price, q.down_price) = (up, down));
        assert_eq!(
            check_par(&q),
            Err(RuleError::QuoteBelowPar),
            "{up} + {down}"
        );
        assert_eq!(
            check_quote(&q, &ctx()),
            Err(RuleError::QuoteBelowPar),
            "{up} + {down}"
        );
    }
}

#[test]
fn par_sum_is_taken_in_u64_and_cannot_wrap() {
    // Decoding refuses prices above 1.0, but the check must not rely on it: in u32,
    // u32::MAX + 1_000_001 wraps to 1_000_000 and u32::MAX + u32::MAX to u32::MAX - 1.
    for (up, down) in [
        (u32::MAX, u32::MAX),
        (u32::MAX, 1_000_001),
        (u32::MAX, 0),
        (0, u32::MAX),
    ] {
        let q = with(|q| (q.up_price, q.down_price) = (up, down));
        assert_eq!(check_par(&q), Ok(()), "{up} + {down}");
    }
    let wraps_below_par_in_u32 = with(|q| (q.up_price, q.down_price) = (u32::MAX, 2));
    assert_eq!(check_par(&wraps_below_par_in_u32), Ok(()));
}

#[test]
fn asset_mismatch_is_rejected() {
    let q = with(|q| q.asset = 2);
    assert_eq!(check_quote(&q, &ctx()), Err(RuleError::QuoteAssetMismatch));
}

#[test]
fn expiry_mismatch_is_rejected() {
    let q = with(|q| q.expiry_ts = 1_000_060);
    assert_eq!(check_quote(&q, &ctx()), Err(RuleError::QuoteExpiryMismatch));
}

#[test]
fn round_not_open_is_rejected() {
    let c = QuoteContext {
        round_open: false,
        ..ctx()
    };
    assert_eq!(
        check_quote(&sample_quote(), &c),
        Err(RuleError::RoundNotOpen)
    );
}

#[test]
fn expired_quote_is_rejected_and_the_boundary_is_fillable() {
    // now_ms = 998_999_000; the quote is valid up to and including valid_until_ms.
    let at_boundary = with(|q| q.valid_until_ms = 998_999_000);
    assert_eq!(check_quote(&at_boundary, &ctx()), Ok(()));
    let one_ms_late = with(|q| q.valid_until_ms = 998_998_999);
    assert_eq!(
        check_quote(&one_ms_late, &ctx()),
        Err(RuleError::QuoteExpired)
    );
}

#[test]
fn at_or_past_trading_close_is_rejected() {
    let q = with(|q| q.valid_until_ms = i64::MAX);
    let before = QuoteContext {
        now_ts: 999_989,
        ..ctx()
    };
    assert_eq!(check_quote(&q, &before), Ok(()));
    for now_ts in [999_990, 999_991, 1_000_000, 1_000_001] {
        let c = QuoteContext { now_ts, ..ctx() };
        assert_eq!(
            check_quote(&q, &c),
            Err(RuleError::TradingClosed),
            "now {now_ts}"
        );
    }
}

#[test]
fn now_ms_overflow_is_an_error_not_a_wrap() {
    let q = with(|q| q.valid_until_ms = i64::MAX);
    let c = QuoteContext {
        now_ts: i64::MAX / 1000 + 1,
        ..ctx()
    };
    assert_eq!(check_quote(&q, &c), Err(RuleError::MathOverflow));
}

#[test]
fn checks_run_in_the_designed_order() {
    let everything_wrong = with(|q| {
        q.program_id = [0; 32];
        q.cluster = 3;
        q.epoch = 0;
        q.flags = 1;
        q.down_price = 0;
        q.asset = 3;
        q.expiry_ts = 5;
        q.valid_until_ms = 0;
    });
    let closed = QuoteContext {
        round_open: false,
        now_ts: 2_000_000,
        ..ctx()
    };
    type Step = (fn(&mut Quote), RuleError);
    let steps: [Step; 8] = [
        (|q| q.program_id = PROGRAM_ID, RuleError::QuoteWrongProgram),
        (|q| q.cluster = 1, RuleError::QuoteWrongCluster),
        (|q| q.epoch = 3, RuleError::QuoteEpochMismatch),
        (|q| q.flags = 0, RuleError::QuoteSimulatedNotAllowed),
        (|q| q.down_price = 496_583, RuleError::QuoteBelowPar),
        (|q| q.asset = 1, RuleError::QuoteAssetMismatch),
        (|q| q.expiry_ts = 1_000_000, RuleError::QuoteExpiryMismatch),
        (|_| {}, RuleError::RoundNotOpen),
    ];
    let mut q = everything_wrong;
    for (fix, expected) in steps {
        assert_eq!(check_quote(&q, &closed), Err(expected));
        fix(&mut q);
    }
    let open_late = QuoteContext {
        round_open: true,
        ..closed
    };
    assert_eq!(check_quote(&q, &open_late), Err(RuleError::QuoteExpired));
    q.valid_until_ms = i64::MAX;
    assert_eq!(check_quote(&q, &open_late), Err(RuleError::TradingClosed));
}
