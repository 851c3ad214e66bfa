/**
 * Quote format v2: a round's ladder -> one signed root and its leaf quotes (docs/quote-format.md).
 * The leaves are encoded into one buffer, hashed (node:crypto's one-shot sha256), the tree built,
 * the 106-byte root message signed once; every JSON field is then rendered from the encoded bytes
 * (client/ladder-json.ts), so the JSON and the signed bytes cannot disagree.
 */
import { EngineError } from '../lib/errors.js';
import type { MarketSymbol } from '../feeds/types.js';
import { CLUSTER_IDS, SYMBOL_ASSET, type LadderJson, type LadderLeafJson } from '../market/types.js';
import { ASSET_IDS } from '../client/ids.js';
import { MAX_LADDER_LEAVES, encodeLadderLeaf, encodeLadderRoot, type LadderLeafFields, type LadderRootFields } from '../client/ladder.js';
import { ladderJson, ladderLeafJson } from '../client/ladder-json.js';
import { ladderHasher, ladderLevelsFromHashes } from '../client/ladder-tree.js';
import { signerKey, type SignerKey } from '../client/quote-json.js';
import type { Ed25519Signer } from './sign.js';

/** The root message's fields except what the leaves determine (leaf count, Merkle root). */
export type LadderHead = Omit<LadderRootFields, 'leafCount' | 'root'>;

export interface SignedLadder {
  readonly ladder: LadderJson;
  /** One per leaf, in ladder order (`index` = position). */
  readonly quotes: LadderLeafJson[];
}

const signerKeys = new WeakMap<Ed25519Signer, SignerKey>();
const KNOWN_CLUSTERS = new Set<number>(Object.values(CLUSTER_IDS));

function keyOf(signer: Ed25519Signer): SignerKey {
  let key = signerKeys.get(signer);
  if (key === undefined) signerKeys.set(signer, (key = signerKey(signer.publicKey)));
  return key;
}

/** A ladder's signed bytes: its encoded leaves, root fields and message, and the one signature. */
export interface SealedLadder {
  readonly fields: LadderRootFields;
  readonly root: Uint8Array;
  readonly signature: Uint8Array;
  readonly leaves: readonly Uint8Array[];
}

/**
 * Encode, hash and sign one ladder (the signed bytes only; signLadder renders them). Throws
 * EXEC_ERR_SIGN_QUOTE when the asset id is not the symbol's, the cluster id is unknown, or the
 * ladder has no leaf or more than MAX_LADDER_LEAVES.
 */
export function sealLadder(head: LadderHead, leaves: readonly LadderLeafFields[], signer: Ed25519Signer, symbol: MarketSymbol): SealedLadder {
  if (head.asset !== ASSET_IDS[SYMBOL_ASSET[symbol]]) throw new EngineError('EXEC_ERR_SIGN_QUOTE', `ladder asset id ${head.asset} does not belong to ${symbol}`);
  if (!KNOWN_CLUSTERS.has(head.cluster)) throw new EngineError('EXEC_ERR_SIGN_QUOTE', `unknown cluster id ${head.cluster}`);
  if (leaves.length < 1 || leaves.length > MAX_LADDER_LEAVES) {
    throw new EngineError('EXEC_ERR_SIGN_QUOTE', `a ladder holds 1..${MAX_LADDER_LEAVES} leaves, got ${leaves.length}`);
  }
  const h = ladderHasher();
  const encoded = new Array<Uint8Array>(leaves.length);
  const hashes = new Array<Uint8Array>(leaves.length);
  for (let i = 0; i < leaves.length; i++) {
    const leaf = encodeLadderLeaf(leaves[i] as LadderLeafFields);
    encoded[i] = leaf;
    hashes[i] = h.leaf(leaf);
  }
  const levels = ladderLevelsFromHashes(hashes, h);
  const fields: LadderRootFields = { ...head, leafCount: leaves.length, root: (levels[levels.length - 1] as Uint8Array[])[0] as Uint8Array };
  const root = encodeLadderRoot(fields);
  return { fields, root, signature: signer.sign(root), leaves: encoded };
}

/** Encode, hash, sign (sealLadder) and render one ladder: its JSON and one JSON quote per leaf. */
export function signLadder(head: LadderHead, leaves: readonly LadderLeafFields[], signer: Ed25519Signer, symbol: MarketSymbol): SignedLadder {
  const { fields, root, signature, leaves: encoded } = sealLadder(head, leaves, signer, symbol);
  const quotes = new Array<LadderLeafJson>(leaves.length);
  for (let i = 0; i < leaves.length; i++) {
    quotes[i] = ladderLeafJson(fields, encoded[i] as Uint8Array, i, leaves[i]) as LadderLeafJson;
  }
  return { ladder: ladderJson(root, fields, signature, keyOf(signer)), quotes };
}
