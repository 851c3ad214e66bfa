//! Constants shared by the rules, the program and the TypeScript engine.
//!
//! Every value here is pinned by `tests/constants.rs`; the TypeScript twins live in
//! `engine/src/client/quote-message.ts` and `engine/src/market/types.ts`.

/// Price precision: prices are micro-units of USDT (exponent -6).
pub const PRICE_PRECISION: u64 = 1_000_000;
/// Probability precision: `1_000_000` = 1.0 (exponent -6).
pub const PROB_PRECISION: u64 = 1_000_000;

/// Length in bytes of a signed quote message (`"EXQT"` v1).
pub const QUOTE_LEN: usize = 128;
/// Length in bytes of a signed settlement message (`"EXST"` v1).
pub const SETTLEMENT_LEN: usize = 98;
/// Magic that starts every quote message.
pub const QUOTE_MAGIC: [u8; 4] = *b"EXQT";
/// Magic that starts every settlement message.
pub const SETTLEMENT_MAGIC: [u8; 4] = *b"EXST";
/// Quote layout version understood by these rules.
pub const QUOTE_VERSION: u8 = 1;
/// Settlement layout version understood by these rules.
pub const SETTLEMENT_VERSION: u8 = 1;
/// Flag bit 0: the prices were simulated, not taken from live exchanges.
pub const FLAG_SIMULATED: u8 = 0x01;
/// Every flag bit these rules understand; any other bit set is rejected.
pub const KNOWN_FLAGS: u8 = FLAG_SIMULATED;
/// Settlement method 1: median of venue prices at expiry.
pub const SETTLEMENT_METHOD_MEDIAN: u8 = 1;

/// Bytes of `Ed25519SigVerify111111111111111111111111111`, the native signature-verify program.
pub const ED25519_PROGRAM_ID: [u8; 32] = [
    3, 125, 70, 214, 124, 147, 251, 190, 18, 249, 66, 143, 131, 141, 64, 255, 5, 112, 116, 73, 39,
    244, 138, 100, 252, 202, 112, 68, 128, 0, 0, 0,
];
/// Length of an ed25519 public key.
pub const ED25519_PUBKEY_LEN: usize = 32;
/// Length of an ed25519 signature.
pub const ED25519_SIGNATURE_LEN: usize = 64;
/// Bytes before the offsets record: `num_signatures` (u8) and padding (u8).
pub const ED25519_OFFSETS_START: usize = 2;
/// Length of one signature-offsets record (seven u16).
pub const ED25519_OFFSETS_LEN: usize = 14;
/// Canonical public key offset in the web3.js layout (right after the single offsets record).
pub const ED25519_PUBKEY_OFFSET: u16 = 16;
/// Canonical signature offset (after the public key).
pub const ED25519_SIGNATURE_OFFSET: u16 = 48;
/// Canonical message offset (after the signature); also the length of everything before it.
pub const ED25519_MESSAGE_OFFSET: u16 = 112;
/// Instruction index meaning "this same instruction" in the offsets record.
pub const SELF_INDEX: u16 = 0xFFFF;
/// Stack height of an instruction called directly by the transaction (not through CPI).
pub const TRANSACTION_LEVEL_STACK_HEIGHT: usize = 1;

/// Cluster id: localnet.
pub const CLUSTER_LOCALNET: u8 = 0;
/// Cluster id: devnet.
pub const CLUSTER_DEVNET: u8 = 1;
/// Cluster id: testnet.
pub const CLUSTER_TESTNET: u8 = 2;
/// Cluster id: mainnet-beta.
pub const CLUSTER_MAINNET: u8 = 3;

/// Asset id: BTC (index BTCUSDT).
pub const ASSET_BTC: u8 = 1;
/// Asset id: ETH (index ETHUSDT).
pub const ASSET_ETH: u8 = 2;
/// Asset id: SOL (index SOLUSDT).
pub const ASSET_SOL: u8 = 3;

/// Side id of an UP position (pays if settlement price ≥ strike).
pub const SIDE_UP: u8 = 0;
/// Side id of a DOWN position (pays if settlement price < strike).
pub const SIDE_DOWN: u8 = 1;

/// Seed of the `Config` PDA: `["config"]`.
pub const SEED_CONFIG: &[u8] = b"config";
/// Seed of the house vault token account PDA: `["house_vault"]`.
pub const SEED_HOUSE_VAULT: &[u8] = b"house_vault";
/// Seed prefix of a `Round` PDA: `["round", asset (u8), expiry_ts (i64 LE)]`.
pub const SEED_ROUND: &[u8] = b"round";
/// Seed prefix of a round vault token account PDA: `["round_vault", round]`.
pub const SEED_ROUND_VAULT: &[u8] = b"round_vault";
/// Seed prefix of a `QuoteFill` replay record: `["quote_fill", quote_id (16 bytes)]`.
pub const SEED_QUOTE_FILL: &[u8] = b"quote_fill";
/// Seed prefix of a `Position`: `["position", quote_id (16), trader (32)]`.
pub const SEED_POSITION: &[u8] = b"position";
/// Seed prefix of a `WalletExposure`: `["exposure", round, trader]`.
pub const SEED_EXPOSURE: &[u8] = b"exposure";

/// Shortest refund grace a config may hold, seconds: time for the settlement to land after expiry
/// before a losing trader could turn the round into a refund.
pub const MIN_REFUND_GRACE_SEC: i64 = 600;
/// Longest refund grace a config may hold, seconds (7 days): an unsettled trader's funds are never
/// locked longer (`expiry + grace` is still computed with checked maths).
pub const MAX_REFUND_GRACE_SEC: i64 = 7 * 24 * 3600;
/// Entries of the round schedule (round durations and their trading-close offsets).
pub const MAX_ROUND_SCHEDULE: usize = 8;
/// Distinct strikes one round tracks for its worst-case net payout.
pub const MAX_ROUND_STRIKES: usize = 32;

/// Milliseconds per second, for unix-second to unix-millisecond conversions.
pub const MS_PER_SEC: i64 = 1_000;

/// Magic that starts a signed ladder root ("EXQR", quote format v2).
pub const LADDER_ROOT_MAGIC: [u8; 4] = *b"EXQR";
/// Ladder root layout version.
pub const LADDER_ROOT_VERSION: u8 = 2;
/// Length in bytes of a signed ladder root message.
pub const LADDER_ROOT_LEN: usize = 106;
/// Length in bytes of one ladder leaf (a strike's quote without what the root binds).
pub const LADDER_LEAF_LEN: usize = 60;
/// Most leaves one ladder may have; proofs are at most `MAX_LADDER_PROOF` hashes long. 32 keeps
/// the largest v2 take (open_round and compute-budget instructions included) 33 bytes under the
/// 1,232-byte packet; 64 leaves would leave one byte.
pub const MAX_LADDER_LEAVES: u16 = 32;
/// Longest proof a ladder of `MAX_LADDER_LEAVES` can need (⌈log2 32⌉).
pub const MAX_LADDER_PROOF: usize = 5;
/// Prefix of a leaf hash: `sha256(0x00 ‖ leaf)`.
pub const LEAF_HASH_PREFIX: u8 = 0x00;
/// Prefix of a node hash: `sha256(0x01 ‖ left ‖ right)`; a node can never pass as a leaf.
pub const NODE_HASH_PREFIX: u8 = 0x01;
/// No price, once aged by its decay, passes this (probability micro-units, 0.99).
pub const MAX_DECAYED_PRICE: u32 = 990_000;
