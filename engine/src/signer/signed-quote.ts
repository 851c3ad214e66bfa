/**
 * Quote fields -> signed JSON. The message is encoded once, signed, then decoded again and every
 * JSON field is taken from the decoded copy, so the JSON and the signed bytes cannot disagree.
 */
import { base58Encode } from '../lib/base58.js';
import { EngineError } from '../lib/errors.js';
import type { MarketSymbol } from '../feeds/types.js';
import { ASSET_IDS, CLUSTER_IDS, SYMBOL_ASSET, type Asset, type ClusterName, type SignedQuoteJson } from '../market/types.js';
import { FLAG_SIMULATED, decodeQuote, encodeQuote, type QuoteFields } from './quote-message.js';
import type { Ed25519Signer } from './sign.js';

const ASSET_BY_ID = new Map<number, Asset>(Object.entries(ASSET_IDS).map(([name, id]) => [id, name as Asset]));
const CLUSTER_BY_ID = new Map<number, ClusterName>(Object.entries(CLUSTER_IDS).map(([name, id]) => [id, name as ClusterName]));

const signerNames = new WeakMap<Ed25519Signer, string>();
let lastProgramId: Uint8Array | null = null;
let lastProgramIdBase58 = '';

function signerBase58(signer: Ed25519Signer): string {
  let name = signerNames.get(signer);
  if (name === undefined) {
    name = base58Encode(signer.publicKey);
    signerNames.set(signer, name);
  }
  return name;
}

function programIdBase58(bytes: Uint8Array): string {
  if (lastProgramId === null || !Buffer.from(lastProgramId).equals(bytes)) {
    lastProgramId = bytes.slice();
    lastProgramIdBase58 = base58Encode(bytes);
  }
  return lastProgramIdBase58;
}

/** Encode, sign and render one quote. Throws EXEC_ERR_SIGN_QUOTE when symbol and asset id disagree. */
export function signQuote(fields: QuoteFields, signer: Ed25519Signer, symbol: MarketSymbol): SignedQuoteJson {
  const message = encodeQuote(fields);
  const signature = signer.sign(message);
  const q = decodeQuote(message);
  const asset = ASSET_BY_ID.get(q.asset);
  const cluster = CLUSTER_BY_ID.get(q.cluster);
  if (asset === undefined || asset !== SYMBOL_ASSET[symbol]) {
    throw new EngineError('EXEC_ERR_SIGN_QUOTE', `quote asset id ${q.asset} does not belong to ${symbol}`);
  }
  if (cluster === undefined) throw new EngineError('EXEC_ERR_SIGN_QUOTE', `unknown cluster id ${q.cluster}`);
  return {
    quoteId: Buffer.from(q.quoteId).toString('hex'),
    symbol,
    asset,
    cluster,
    programId: programIdBase58(q.programId),
    epoch: q.epoch.toString(),
    expiryTs: Number(q.expiryTs),
    strike: q.strike.toString(),
    upPrice: q.upPrice.toString(),
    downPrice: q.downPrice.toString(),
    maxSize: q.maxSize.toString(),
    validUntilMs: Number(q.validUntilMs),
    generatedAtMs: Number(q.generatedAtMs),
    refPrice: q.refPrice.toString(),
    refTsMs: Number(q.refTsMs),
    simulated: (q.flags & FLAG_SIMULATED) !== 0,
    message: Buffer.from(message).toString('base64'),
    signature: base58Encode(signature),
    signer: signerBase58(signer),
  };
}
