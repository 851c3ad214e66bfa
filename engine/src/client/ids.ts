/**
 * On-chain id bytes of assets and clusters, without any Solana library, so the parts of the SDK a
 * browser bundle needs to decode and verify quotes (quote-json, stream/, verify/) stay small.
 * Re-exported by constants.ts.
 */

/** On-chain asset ids (the `asset` byte). Same values as the engine's market ASSET_IDS. */
export const ASSET_IDS = { BTC: 1, ETH: 2, SOL: 3 } as const;
export type AssetName = keyof typeof ASSET_IDS;
/** On-chain cluster ids (the `cluster` byte). */
export const CLUSTER_IDS = { localnet: 0, devnet: 1, testnet: 2, 'mainnet-beta': 3 } as const;
export type ClusterName = keyof typeof CLUSTER_IDS;
