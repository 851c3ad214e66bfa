/**
 * The quote ops of a binary `delta` frame. A quote the base already holds (same signature and
 * bytes) costs nothing beyond its place in a KEEP run; any other quote is a PATCH that sends only
 * the fields that differ both from the base quote of the same round and strike and from the quote
 * before it in the frame, plus its signature. A quote re-signed only because time passed (new id,
 * validity and reference, same terms) thus costs its id and signature; the times it shares with
 * the other fresh quotes of its regeneration are copied from the quote before it.
 */
import { isLadderLeafJson, type MarketSurface, type RoundSurface, type SignedQuoteJson } from '../../market/types.js';
import type { QuoteBytes } from '../../client/quote-json.js';
import { NO_BASE, OP_PATCH, V1_FIELDS } from '../../client/stream/layout.js';
import type { ByteWriter } from './byte-writer.js';
import { KeepRuns } from './keep-runs.js';
import type { QuoteBytesOf } from './binary-frame.js';


function sameField(a: Uint8Array, b: Uint8Array, offset: number, size: number): boolean {
  for (let i = offset; i < offset + size; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameQuote(a: QuoteBytes, b: QuoteBytes): boolean {
  if (a === b) return true;
  for (let i = 0; i < 64; i++) if (a.signature[i] !== b.signature[i]) return false;
  for (let i = 0; i < a.message.length; i++) if (a.message[i] !== b.message[i]) return false;
  return true;
}

const strikeKey = (q: SignedQuoteJson): string => `${q.expiryTs}:${q.strike}`;

export interface DeltaOpWriter {
  /** Writes the ops of one round of the new surface (rounds in order). */
  round(w: ByteWriter, round: RoundSurface): void;
}

export function writeDeltaOps(base: MarketSurface, bytesOf: QuoteBytesOf): DeltaOpWriter {
  const bySignature = new Map<string, number>();
  const byStrike = new Map<string, number>();
  // numbered across every base quote; ladder leaves (binary-ladder.ts) hold their place but are no base of a v1 quote
  const baseBytes: Array<QuoteBytes | null> = [];
  for (const round of base.rounds) {
    for (const q of round.quotes) {
      const i = baseBytes.length;
      if (isLadderLeafJson(q)) {
        baseBytes.push(null);
        continue;
      }
      baseBytes.push(bytesOf(q));
      bySignature.set(q.signature, i);
      byStrike.set(strikeKey(q), i);
    }
  }
  let prev: QuoteBytes | null = null;
  return {
    round(w, round) {
      const runs = new KeepRuns(w);
      for (const q of round.quotes as readonly SignedQuoteJson[]) {
        const bytes = bytesOf(q);
        const kept = bySignature.get(q.signature);
        if (kept !== undefined && kept < NO_BASE && sameQuote(baseBytes[kept] as QuoteBytes, bytes)) {
          runs.keep(kept);
          prev = bytes;
          continue;
        }
        runs.flush();
        const ref = byStrike.get(strikeKey(q));
        const refBytes = ref !== undefined && ref < NO_BASE ? (baseBytes[ref] as QuoteBytes) : null;
        let fromBase = 0;
        let fromPrev = 0;
        for (let i = 0; i < V1_FIELDS.length; i++) {
          const { offset, size } = V1_FIELDS[i] as (typeof V1_FIELDS)[number];
          if (refBytes !== null && sameField(refBytes.message, bytes.message, offset, size)) fromBase |= 1 << i;
          else if (prev !== null && sameField(prev.message, bytes.message, offset, size)) fromPrev |= 1 << i;
        }
        w.u8(OP_PATCH);
        w.u16(refBytes === null ? NO_BASE : (ref as number));
        w.u16(fromBase);
        w.u16(fromPrev);
        for (let i = 0; i < V1_FIELDS.length; i++) {
          if (((fromBase | fromPrev) & (1 << i)) !== 0) continue;
          const { offset, size } = V1_FIELDS[i] as (typeof V1_FIELDS)[number];
          w.bytes(bytes.message.subarray(offset, offset + size));
        }
        w.bytes(bytes.signature);
        prev = bytes;
      }
      runs.flush();
    },
  };
}
