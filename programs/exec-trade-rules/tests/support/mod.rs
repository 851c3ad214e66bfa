//! Helpers shared by the integration tests: hex and base58 decoding, the golden-vector parser,
//! a deterministic PRNG, canonical Ed25519 instruction data and sample messages, the vault
//! model, a brute-force oracle of the house's exposure, and quote format v2 ladders (`ladder`).
#![allow(dead_code)]

pub mod exposure_oracle;
pub mod ladder;
pub mod model_invariant;
pub mod vault_model;

use exec_trade_rules::{
    encode_quote, encode_settlement, InstructionView, Quote, QuoteContext, RoundSpec, Settlement,
    ED25519_PROGRAM_ID, FLAG_SIMULATED, MAX_ROUND_SCHEDULE,
};

/// Decodes lowercase or uppercase hex; panics on malformed input (test data only).
pub fn hex(s: &str) -> Vec<u8> {
    assert!(s.len() % 2 == 0, "odd hex length: {s}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or_else(|_| panic!("bad hex: {s}")))
        .collect()
}

/// Decodes `s` into exactly `N` bytes of hex.
pub fn hex_array<const N: usize>(s: &str) -> [u8; N] {
    hex(s)
        .try_into()
        .unwrap_or_else(|v: Vec<u8>| panic!("expected {N} bytes, got {}", v.len()))
}

/// Bitcoin-alphabet base58 decode (as Solana uses), written here so the ED25519 program id
/// constant is checked against its textual form independently of the crate.
pub fn base58_decode(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut bytes: Vec<u8> = Vec::new(); // big-endian magnitude
    for c in s.bytes() {
        let digit = ALPHABET
            .iter()
            .position(|&a| a == c)
            .unwrap_or_else(|| panic!("not base58: {c}"));
        let mut carry = digit as u32;
        for b in bytes.iter_mut().rev() {
            carry += u32::from(*b) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut out = vec![0u8; zeros];
    out.extend(bytes);
    out
}

/// One `[kind name]` section of tests/fixtures/golden/vectors.txt.
#[derive(Debug)]
pub struct GoldenSection {
    pub kind: String,
    pub name: String,
    pub fields: Vec<(String, String)>,
}

impl GoldenSection {
    pub fn get(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("[{} {}] has no `{key}`", self.kind, self.name))
    }

    pub fn int<T: std::str::FromStr>(&self, key: &str) -> T {
        self.get(key).parse().unwrap_or_else(|_| {
            panic!(
                "[{} {}] `{key}` is not an integer of the field's type",
                self.kind, self.name
            )
        })
    }
}

/// Parses the golden vector format: `#` comments, `[kind name]` headers, `key = value` lines
/// (`key =` alone is an empty value: a proof with no siblings).
pub fn parse_golden(text: &str) -> Vec<GoldenSection> {
    let mut sections: Vec<GoldenSection> = Vec::new();
    for (lineno, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let (kind, name) = header
                .split_once(' ')
                .unwrap_or_else(|| panic!("line {}: bad header", lineno + 1));
            sections.push(GoldenSection {
                kind: kind.to_string(),
                name: name.to_string(),
                fields: Vec::new(),
            });
            continue;
        }
        let (key, value) = line
            .split_once(" = ")
            .or_else(|| line.strip_suffix(" =").map(|key| (key, "")))
            .unwrap_or_else(|| panic!("line {}: not `key = value`", lineno + 1));
        let section = sections
            .last_mut()
            .unwrap_or_else(|| panic!("line {}: field before any section", lineno + 1));
        section.fields.push((key.to_string(), value.to_string()));
    }
    sections
}

/// The golden vectors file of the repository.
pub fn golden_sections() -> Vec<GoldenSection> {
    golden_sections_in("vectors.txt")
}

/// The sections of `tests/fixtures/golden/<file>` of the repository.
pub fn golden_sections_in(file: &str) -> Vec<GoldenSection> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/golden")
        .join(file);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    parse_golden(&text)
}

/// SplitMix64: a tiny deterministic PRNG for property-style tests.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// Program id used by the hand-built fixtures.
pub const PROGRAM_ID: [u8; 32] = [7u8; 32];
/// Oracle authority used by the hand-built fixtures.
pub const ORACLE: [u8; 32] = [0x0Au8; 32];
/// Settlement authority used by the hand-built fixtures.
pub const SETTLER: [u8; 32] = [0x5Eu8; 32];
/// An attacker's key.
pub const ATTACKER: [u8; 32] = [0xBAu8; 32];

/// Canonical web3.js Ed25519 instruction data for one signature.
pub fn ed25519_ix_data(pubkey: &[u8; 32], signature: &[u8; 64], message: &[u8]) -> Vec<u8> {
    let size = u16::try_from(message.len()).expect("message fits u16");
    let mut d = vec![1u8, 0];
    for v in [48u16, 0xFFFF, 16, 0xFFFF, 112, size, 0xFFFF] {
        d.extend_from_slice(&v.to_le_bytes());
    }
    d.extend_from_slice(pubkey);
    d.extend_from_slice(signature);
    d.extend_from_slice(message);
    d
}

/// Sets the u16 field at `offset` of Ed25519 instruction data.
pub fn set_u16(data: &mut [u8], offset: usize, value: u16) {
    data[offset..offset + 2].copy_from_slice(&value.to_le_bytes());
}

/// A view of `data` as an Ed25519-program instruction with no accounts.
pub fn ed25519_view(data: &[u8]) -> InstructionView<'_> {
    InstructionView {
        program_id: &ED25519_PROGRAM_ID,
        num_accounts: 0,
        data,
    }
}

/// A valid BTC devnet quote for `PROGRAM_ID`, epoch 3, expiring at 1_000_000, valid until 999_000_000 ms.
pub fn sample_quote() -> Quote {
    Quote {
        cluster: 1,
        asset: 1,
        flags: 0,
        program_id: PROGRAM_ID,
        quote_id: [0x11; 16],
        epoch: 3,
        expiry_ts: 1_000_000,
        strike: 97_300_000_000,
        up_price: 523_417,
        down_price: 496_583,
        max_size: 250_000_000,
        valid_until_ms: 999_000_000,
        generated_at_ms: 998_997_000,
        ref_price: 97_312_345_678,
        ref_ts_ms: 998_996_900,
    }
}

/// The chain state `sample_quote` is valid against: its program, devnet, epoch 3, its open BTC
/// round (trading closes at 999_990), one second before its valid-until.
pub fn sample_quote_ctx() -> QuoteContext {
    QuoteContext {
        program_id: PROGRAM_ID,
        cluster: 1,
        quote_epoch: 3,
        allow_simulated: false,
        round_asset: 1,
        round_expiry_ts: 1_000_000,
        round_trading_close_ts: 999_990,
        round_open: true,
        now_ts: 998_999,
    }
}

/// A valid BTC devnet settlement of `sample_quote`'s round.
pub fn sample_settlement() -> Settlement {
    Settlement {
        cluster: 1,
        asset: 1,
        flags: 0,
        program_id: PROGRAM_ID,
        expiry_ts: 1_000_000,
        price: 97_300_000_000,
        published_at_ms: 1_000_000_250,
        method: 1,
        source_count: 4,
        sources_hash: [0x42; 32],
    }
}

/// Canonical instruction data carrying `sample_quote` signed (notionally) by `ORACLE`.
pub fn quote_ix_data(q: &Quote) -> Vec<u8> {
    ed25519_ix_data(&ORACLE, &[0x33; 64], &encode_quote(q))
}

/// Canonical instruction data carrying a settlement signed (notionally) by `SETTLER`.
pub fn settlement_ix_data(s: &Settlement) -> Vec<u8> {
    ed25519_ix_data(&SETTLER, &[0x44; 64], &encode_settlement(s))
}

/// A round schedule holding `specs` (duration, close offset) in order, the rest unused.
pub fn schedule_of(specs: &[(u32, u32)]) -> [RoundSpec; MAX_ROUND_SCHEDULE] {
    assert!(specs.len() <= MAX_ROUND_SCHEDULE, "{} entries", specs.len());
    let mut s = [RoundSpec::default(); MAX_ROUND_SCHEDULE];
    for (slot, &(duration_sec, close_offset_sec)) in s.iter_mut().zip(specs) {
        *slot = RoundSpec {
            duration_sec,
            close_offset_sec,
        };
    }
    s
}

/// 1-minute rounds closing 10 s before expiry and 5-minute rounds closing 30 s before (the
/// engine's defaults for those durations), so every 5-minute expiry is a shared one.
pub fn sample_schedule() -> [RoundSpec; MAX_ROUND_SCHEDULE] {
    schedule_of(&[(60, 10), (300, 30)])
}

/// `sample_quote` with the SIMULATED flag.
pub fn simulated(mut q: Quote) -> Quote {
    q.flags |= FLAG_SIMULATED;
    q
}
