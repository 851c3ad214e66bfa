//! The shared golden vectors (tests/fixtures/golden/vectors.txt, written by the TypeScript
//! encoder) decode to the listed fields, re-encode byte for byte, and their Ed25519 instruction
//! data passes `verify_ed25519_instruction` with the listed signer.

mod support;

use exec_trade_rules::{
    decode_quote, decode_settlement, encode_quote, encode_settlement, verified_quote,
    verified_settlement, verify_ed25519_instruction, Quote, RuleError, Settlement, QUOTE_LEN,
    SETTLEMENT_LEN,
};
use support::{base58_decode, ed25519_view, golden_sections, hex, hex_array, GoldenSection};

fn expected_quote(s: &GoldenSection) -> Quote {
    Quote {
        cluster: s.int("cluster"),
        asset: s.int("asset"),
        flags: s.int("flags"),
        program_id: hex_array(s.get("program_id")),
        quote_id: hex_array(s.get("quote_id")),
        epoch: s.int("epoch"),
        expiry_ts: s.int("expiry_ts"),
        strike: s.int("strike"),
        up_price: s.int("up_price"),
        down_price: s.int("down_price"),
        max_size: s.int("max_size"),
        valid_until_ms: s.int("valid_until_ms"),
        generated_at_ms: s.int("generated_at_ms"),
        ref_price: s.int("ref_price"),
        ref_ts_ms: s.int("ref_ts_ms"),
    }
}

fn expected_settlement(s: &GoldenSection) -> Settlement {
    Settlement {
        cluster: s.int("cluster"),
        asset: s.int("asset"),
        flags: s.int("flags"),
        program_id: hex_array(s.get("program_id")),
        expiry_ts: s.int("expiry_ts"),
        price: s.int("price"),
        published_at_ms: s.int("published_at_ms"),
        method: s.int("method"),
        source_count: s.int("source_count"),
        sources_hash: hex_array(s.get("sources_hash")),
    }
}

fn sections(kind: &str) -> Vec<GoldenSection> {
    let all: Vec<GoldenSection> = golden_sections()
        .into_iter()
        .filter(|s| s.kind == kind)
        .collect();
    assert!(!all.is_empty(), "no [{kind} …] vectors found");
    all
}

#[test]
fn golden_file_has_only_known_sections() {
    let all = golden_sections();
    assert!(
        all.len() >= 5,
        "expected at least 5 vectors, found {}",
        all.len()
    );
    for s in &all {
        assert!(
            s.kind == "quote" || s.kind == "settlement",
            "unknown section kind {}",
            s.kind
        );
    }
}

#[test]
fn golden_quotes_decode_to_the_listed_fields() {
    for s in sections("quote") {
        let message = hex(s.get("message"));
        assert_eq!(message.len(), QUOTE_LEN, "{}", s.name);
        assert_eq!(decode_quote(&message), Ok(expected_quote(&s)), "{}", s.name);
    }
}

#[test]
fn golden_quotes_encode_to_the_listed_message() {
    for s in sections("quote") {
        assert_eq!(
            encode_quote(&expected_quote(&s)).to_vec(),
            hex(s.get("message")),
            "{}",
            s.name
        );
    }
}

#[test]
fn golden_settlements_decode_to_the_listed_fields() {
    for s in sections("settlement") {
        let message = hex(s.get("message"));
        assert_eq!(message.len(), SETTLEMENT_LEN, "{}", s.name);
        assert_eq!(
            decode_settlement(&message),
            Ok(expected_settlement(&s)),
            "{}",
            s.name
        );
    }
}

#[test]
fn golden_settlements_encode_to_the_listed_message() {
    for s in sections("settlement") {
        assert_eq!(
            encode_settlement(&expected_settlement(&s)).to_vec(),
            hex(s.get("message")),
            "{}",
            s.name
        );
    }
}

#[test]
fn golden_ed25519_ix_data_verifies_and_returns_exactly_the_message() {
    for kind in ["quote", "settlement"] {
        let len = if kind == "quote" {
            QUOTE_LEN
        } else {
            SETTLEMENT_LEN
        };
        for s in sections(kind) {
            let data = hex(s.get("ed25519_ix_data"));
            let signer: [u8; 32] = hex_array(s.get("signer"));
            let message = verify_ed25519_instruction(&ed25519_view(&data), &signer, len);
            assert_eq!(message, Ok(hex(s.get("message")).as_slice()), "{}", s.name);
            assert_eq!(
                &data[48..112],
                hex(s.get("signature")).as_slice(),
                "{}: signature at 48",
                s.name
            );
        }
    }
}

#[test]
fn golden_signer_base58_matches_signer_hex() {
    for kind in ["quote", "settlement"] {
        for s in sections(kind) {
            assert_eq!(
                base58_decode(s.get("signer_base58")),
                hex(s.get("signer")),
                "{}",
                s.name
            );
        }
    }
}

#[test]
fn golden_ix_data_is_rejected_with_the_other_authority() {
    let quotes = sections("quote");
    let settlements = sections("settlement");
    let oracle: [u8; 32] = hex_array(quotes[0].get("signer"));
    let settler: [u8; 32] = hex_array(settlements[0].get("signer"));
    assert_ne!(oracle, settler);
    for s in &quotes {
        let data = hex(s.get("ed25519_ix_data"));
        assert_eq!(
            verified_quote(&ed25519_view(&data), &settler),
            Err(RuleError::Ed25519WrongSigner),
            "{}",
            s.name
        );
        assert_eq!(
            verified_quote(&ed25519_view(&data), &oracle),
            Ok(expected_quote(s)),
            "{}",
            s.name
        );
        assert_eq!(
            verified_settlement(&ed25519_view(&data), &oracle),
            Err(RuleError::Ed25519MessageSize),
            "{}: a quote is never a settlement",
            s.name
        );
    }
    for s in &settlements {
        let data = hex(s.get("ed25519_ix_data"));
        assert_eq!(
            verified_settlement(&ed25519_view(&data), &oracle),
            Err(RuleError::Ed25519WrongSigner),
            "{}",
            s.name
        );
        assert_eq!(
            verified_settlement(&ed25519_view(&data), &settler),
            Ok(expected_settlement(s)),
            "{}",
            s.name
        );
        assert_eq!(
            verified_quote(&ed25519_view(&data), &settler),
            Err(RuleError::Ed25519MessageSize),
            "{}",
            s.name
        );
    }
}

#[test]
fn golden_parser_reads_comments_headers_and_fields() {
    let parsed = support::parse_golden("# c\n\n[quote a]\nx = 1\ny = ff\n[settlement b]\nz = -3\n");
    assert_eq!(parsed.len(), 2);
    assert_eq!(parsed[0].get("y"), "ff");
    assert_eq!(parsed[1].int::<i64>("z"), -3);
}
