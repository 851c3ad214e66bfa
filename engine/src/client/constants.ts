/**
 * On-chain constants mirrored from programs/exec-trade (constants.rs `#[constant]` seeds, ids).
 * tests/engine/client/constants.test.ts compares them with the committed IDL's constants.
 */
import { PublicKey } from '@solana/web3.js';

export const EXEC_TRADE_PROGRAM_ID = new PublicKey('EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3');
export const ED25519_PROGRAM_ID = new PublicKey('Ed25519SigVerify111111111111111111111111111');
/** The upgradeable BPF loader: owner of a deployed program's ProgramData account. */
export const BPF_LOADER_UPGRADEABLE_ID = new PublicKey('BPFLoaderUpgradeab1e11111111111111111111111');

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** PDA seed prefixes (Rust `SEED_*`). */
export const SEED_CONFIG = utf8('config');
export const SEED_HOUSE_VAULT = utf8('house_vault');
export const SEED_ROUND = utf8('round');
export const SEED_ROUND_VAULT = utf8('round_vault');
export const SEED_QUOTE_FILL = utf8('quote_fill');
export const SEED_POSITION = utf8('position');
export const SEED_EXPOSURE = utf8('exposure');

export { ASSET_IDS, CLUSTER_IDS, type AssetName, type ClusterName } from './ids.js';

/** take_quote `side` argument. */
export const SIDE_UP = 0;
export const SIDE_DOWN = 1;
export type SideName = 'up' | 'down';
export const SIDE_IDS: Readonly<Record<SideName, number>> = { up: SIDE_UP, down: SIDE_DOWN };

/** Probability micro-units: 1_000_000 = 1.0. */
export const PROB_ONE = 1_000_000n;
export const QUOTE_ID_LEN = 16;
/** Maximum serialized transaction size (one packet). */
export const PACKET_DATA_SIZE = 1232;
/** Entries of the config's round schedule (IDL constant MAX_ROUND_SCHEDULE). */
export const MAX_ROUND_SCHEDULE = 8;
/** Distinct strikes one round tracks (IDL constant MAX_ROUND_STRIKES). */
export const MAX_ROUND_STRIKES = 32;
/** Shortest refund grace the program accepts, seconds (IDL constant MIN_REFUND_GRACE_SEC). */
export const MIN_REFUND_GRACE_SEC = 600n;
