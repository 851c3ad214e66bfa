/**
 * Quote fields -> signed JSON. The message is encoded once, signed, then decoded again and every
 * JSON field is taken from the decoded copy (client/quote-json.ts, the same rendering the binary
 * stream decoder uses), so the JSON and the signed bytes cannot disagree.
 */
import { EngineError } from '../lib/errors.js';
import type { MarketSymbol } from '../feeds/types.js';
import { CLUSTER_IDS, SYMBOL_ASSET, type SignedQuoteJson } from '../market/types.js';
import { quoteJsonFromBytes, signerKey, type SignerKey } from '../client/quote-json.js';
import { ASSET_IDS } from '../client/ids.js';
import { decodeQuote, encodeQuote, type QuoteFields } from './quote-message.js';
import type { Ed25519Signer } from './sign.js';

const signerKeys = new WeakMap<Ed25519Signer, SignerKey>();
const KNOWN_CLUSTERS = new Set<number>(Object.values(CLUSTER_IDS));

function keyOf(signer: Ed25519Signer): SignerKey {
  let key = signerKeys.get(signer);
  if (key === undefined) {
    key = signerKey(signer.publicKey);
    signerKeys.set(signer, key);
  }
  return key;
}

/** Encode, sign and render one quote. Throws EXEC_ERR_SIGN_QUOTE when symbol and asset id disagree. */
export function signQuote(fields: QuoteFields, signer: Ed25519Signer, symbol: MarketSymbol): SignedQuoteJson {
  const message = encodeQuote(fields);
  const signature = signer.sign(message);
  const q = decodeQuote(message);
  if (q.asset !== ASSET_IDS[SYMBOL_ASSET[symbol]]) {
    throw new EngineError('EXEC_ERR_SIGN_QUOTE', `quote asset id ${q.asset} does not belong to ${symbol}`);
  }
  if (!KNOWN_CLUSTERS.has(q.cluster)) throw new EngineError('EXEC_ERR_SIGN_QUOTE', `unknown cluster id ${q.cluster}`);
  return quoteJsonFromBytes(message, signature, keyOf(signer), q) as SignedQuoteJson;
}
