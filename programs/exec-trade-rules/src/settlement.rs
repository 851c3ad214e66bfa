//! The 98-byte signed settlement ("EXST" v1, docs/quote-format.md): decoding and encoding.

use crate::bytes::{Reader, Writer};
use crate::constants::{
    FLAG_SIMULATED, KNOWN_FLAGS, SETTLEMENT_LEN, SETTLEMENT_MAGIC, SETTLEMENT_VERSION,
};
use crate::error::RuleError;

/// A decoded settlement record. Field units follow docs/quote-format.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settlement {
    /// Cluster id (0 localnet, 1 devnet, 2 testnet, 3 mainnet-beta).
    pub cluster: u8,
    /// Asset id (1 BTC, 2 ETH, 3 SOL).
    pub asset: u8,
    /// Flag bits; only `FLAG_SIMULATED` is defined.
    pub flags: u8,
    /// The program this settlement is for.
    pub program_id: [u8; 32],
    /// The round expiry this price settles, unix seconds.
    pub expiry_ts: i64,
    /// Settlement price, price micro-units.
    pub price: u64,
    /// When the record was signed, unix ms (≥ expiry).
    pub published_at_ms: i64,
    /// Settlement rule id (1 = median of venue prices at expiry).
    pub method: u8,
    /// Number of venue prices behind `price`.
    pub source_count: u8,
    /// sha256 of the canonical venue-price record published with it.
    pub sources_hash: [u8; 32],
}

impl Settlement {
    /// True when the SIMULATED flag is set.
    pub const fn is_simulated(&self) -> bool {
        self.flags & FLAG_SIMULATED != 0
    }
}

/// Decodes a settlement message. Checks, in order: magic (`SettlementMagic`; fewer than 4 bytes
/// is `SettlementLength`), exact length, version, unknown flag bits.
pub fn decode_settlement(bytes: &[u8]) -> Result<Settlement, RuleError> {
    let magic = bytes
        .get(..SETTLEMENT_MAGIC.len())
        .ok_or(RuleError::SettlementLength)?;
    if magic != SETTLEMENT_MAGIC {
        return Err(RuleError::SettlementMagic);
    }
    if bytes.len() != SETTLEMENT_LEN {
        return Err(RuleError::SettlementLength);
    }
    let mut r = Reader::new(bytes, RuleError::SettlementLength);
    r.array::<4>()?;
    if r.u8()? != SETTLEMENT_VERSION {
        return Err(RuleError::SettlementVersion);
    }
    let cluster = r.u8()?;
    let asset = r.u8()?;
    let flags = r.u8()?;
    if flags & !KNOWN_FLAGS != 0 {
        return Err(RuleError::SettlementUnknownFlags);
    }
    Ok(Settlement {
        cluster,
        asset,
        flags,
        program_id: r.array::<32>()?,
        expiry_ts: r.i64()?,
        price: r.u64()?,
        published_at_ms: r.i64()?,
        method: r.u8()?,
        source_count: r.u8()?,
        sources_hash: r.array::<32>()?,
    })
}

/// Encodes a settlement into its 98 signed bytes (the inverse of `decode_settlement`).
pub fn encode_settlement(s: &Settlement) -> [u8; SETTLEMENT_LEN] {
    let mut w = Writer::<SETTLEMENT_LEN>::new();
    w.put(&SETTLEMENT_MAGIC);
    w.put(&[SETTLEMENT_VERSION, s.cluster, s.asset, s.flags]);
    w.put(&s.program_id);
    w.put(&s.expiry_ts.to_le_bytes());
    w.put(&s.price.to_le_bytes());
    w.put(&s.published_at_ms.to_le_bytes());
    w.put(&[s.method, s.source_count]);
    w.put(&s.sources_hash);
    w.finish()
}
