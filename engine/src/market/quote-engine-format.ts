/** Inputs and outputs of the QuoteEngine that are plain conversions: program id bytes, index JSON. */
import bs58 from 'bs58';
import type { IndexSnapshot } from '../aggregator/types.js';
import { EngineError } from '../lib/errors.js';
import type { IndexJson } from './types.js';

/** The configured base58 program id as its 32 bytes; EXEC_ERR_MARKET_CONFIG otherwise. */
export function decodeProgramId(text: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = bs58.decode(text);
  } catch (err) {
    throw new EngineError('EXEC_ERR_MARKET_CONFIG', `quote engine: program id is not base58: ${text}`, { cause: err });
  }
  if (bytes.length !== 32) throw new EngineError('EXEC_ERR_MARKET_CONFIG', `quote engine: program id must be 32 bytes, got ${bytes.length}`);
  return bytes;
}

/** The index part of a published surface (bigints as decimal strings). */
export function indexJson(snap: IndexSnapshot): IndexJson {
  return {
    price: snap.price === null ? null : snap.price.toString(),
    ts: snap.ts,
    sourceTs: snap.sourceTs,
    providers: snap.providers,
    confidence: snap.confidence === null ? null : snap.confidence.toString(),
    sources: snap.sources.map((s) => ({
      venue: s.venue,
      mid: s.mid === null ? null : s.mid.toString(),
      exchangeTs: s.exchangeTs,
      receivedTs: s.receivedTs,
      status: s.status,
    })),
  };
}
