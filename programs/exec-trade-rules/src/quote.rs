//! The 128-byte signed quote ("EXQT" v1, docs/quote-format.md): decoding and encoding.

use crate::bytes::{Reader, Writer};
use crate::constants::{
    FLAG_SIMULATED, KNOWN_FLAGS, PROB_PRECISION, QUOTE_LEN, QUOTE_MAGIC, QUOTE_VERSION,
};
use crate::error::RuleError;
use crate::fill::Side;

/// A decoded quote. Field units follow docs/quote-format.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Cluster id (0 localnet, 1 devnet, 2 testnet, 3 mainnet-beta).
    pub cluster: u8,
    /// Asset id (1 BTC, 2 ETH, 3 SOL).
    pub asset: u8,
    /// Flag bits; only `FLAG_SIMULATED` is defined.
    pub flags: u8,
    /// The program this quote is for.
    pub program_id: [u8; 32],
    /// Random id, unique per quote; keys the replay record.
    pub quote_id: [u8; 16],
    /// Oracle epoch; must equal the config's `quote_epoch`.
    pub epoch: u64,
    /// Round expiry, unix seconds.
    pub expiry_ts: i64,
    /// Strike, price micro-units.
    pub strike: u64,
    /// Price of UP, probability micro-units (≤ `1_000_000`).
    pub up_price: u32,
    /// Price of DOWN, probability micro-units (≤ `1_000_000`).
    pub down_price: u32,
    /// Total size (payout atoms) that all fills of this quote may reach.
    pub max_size: u64,
    /// Last instant the quote may be filled, unix ms (inclusive).
    pub valid_until_ms: i64,
    /// When the quote was signed, unix ms.
    pub generated_at_ms: i64,
    /// Index price the quote was priced from, price micro-units.
    pub ref_price: u64,
    /// Unix ms of the oldest venue price in that index.
    pub ref_ts_ms: i64,
}

impl Quote {
    /// True when the SIMULATED flag is set (prices not from live exchanges).
    pub const fn is_simulated(&self) -> bool {
        self.flags & FLAG_SIMULATED != 0
    }

    /// The price of `side`, required tradeable: strictly between 0 and 1.0.
    pub fn price_for(&self, side: Side) -> Result<u32, RuleError> {
        let price = match side {
            Side::Up => self.up_price,
            Side::Down => self.down_price,
        };
        if price == 0 || u64::from(price) >= PROB_PRECISION {
            return Err(RuleError::PriceNotTradeable);
        }
        Ok(price)
    }
}

/// Decodes a quote message. Checks, in order: magic (`QuoteMagic`; fewer than 4 bytes is
/// `QuoteLength`), exact length (`QuoteLength`), version, unknown flag bits, prices ≤ 1.0.
pub fn decode_quote(bytes: &[u8]) -> Result<Quote, RuleError> {
    let magic = bytes
        .get(..QUOTE_MAGIC.len())
        .ok_or(RuleError::QuoteLength)?;
    if magic != QUOTE_MAGIC {
        return Err(RuleError::QuoteMagic);
    }
    if bytes.len() != QUOTE_LEN {
        return Err(RuleError::QuoteLength);
    }
    let mut r = Reader::new(bytes, RuleError::QuoteLength);
    r.array::<4>()?;
    if r.u8()? != QUOTE_VERSION {
        return Err(RuleError::QuoteVersion);
    }
    let cluster = r.u8()?;
    let asset = r.u8()?;
    let flags = r.u8()?;
    if flags & !KNOWN_FLAGS != 0 {
        return Err(RuleError::QuoteUnknownFlags);
    }
    let quote = Quote {
        cluster,
        asset,
        flags,
        program_id: r.array::<32>()?,
        quote_id: r.array::<16>()?,
        epoch: r.u64()?,
        expiry_ts: r.i64()?,
        strike: r.u64()?,
        up_price: r.u32()?,
        down_price: r.u32()?,
        max_size: r.u64()?,
        valid_until_ms: r.i64()?,
        generated_at_ms: r.i64()?,
        ref_price: r.u64()?,
        ref_ts_ms: r.i64()?,
    };
    if u64::from(quote.up_price) > PROB_PRECISION || u64::from(quote.down_price) > PROB_PRECISION {
        return Err(RuleError::QuotePriceAboveOne);
    }
    Ok(quote)
}

/// Encodes a quote into its 128 signed bytes (the inverse of `decode_quote`). Writes the fields
/// as given; validation is the decoder's job.
pub fn encode_quote(q: &Quote) -> [u8; QUOTE_LEN] {
    let mut w = Writer::<QUOTE_LEN>::new();
    w.put(&QUOTE_MAGIC);
    w.put(&[QUOTE_VERSION, q.cluster, q.asset, q.flags]);
    w.put(&q.program_id);
    w.put(&q.quote_id);
    w.put(&q.epoch.to_le_bytes());
    w.put(&q.expiry_ts.to_le_bytes());
    w.put(&q.strike.to_le_bytes());
    w.put(&q.up_price.to_le_bytes());
    w.put(&q.down_price.to_le_bytes());
    w.put(&q.max_size.to_le_bytes());
    w.put(&q.valid_until_ms.to_le_bytes());
    w.put(&q.generated_at_ms.to_le_bytes());
    w.put(&q.ref_price.to_le_bytes());
    w.put(&q.ref_ts_ms.to_le_bytes());
    w.finish()
}
