/**
 * One client message of /v1/stream, checked: JSON text, a known op, the schema, served symbols and,
 * for a round filter, durations the symbols' surfaces have. Anything else is the error frame to send
 * (the connection stays up).
 */
import type WebSocket from 'ws';
import type { MarketSymbol } from '../../../feeds/types.js';
import type { MarketSurface } from '../../../market/types.js';
import { roundLabel } from '../../../client/stream/subscribe.js';
import { ClientMessage, CLIENT_OPS } from '../../schemas/client-message.js';

export type ClientRequest =
  | { readonly ok: true; readonly message: ClientMessage; readonly symbols: readonly MarketSymbol[] }
  | { readonly ok: false; readonly code: string; readonly message: string };

export interface RequestContext {
  serves(symbol: string): boolean;
  /** The symbol's current surface, if one was published. */
  surface(symbol: MarketSymbol): MarketSurface | undefined;
}

const refuse = (code: string, message: string): ClientRequest => ({ ok: false, code, message });

export function parseClientRequest(data: WebSocket.RawData, isBinary: boolean, ctx: RequestContext): ClientRequest {
  if (isBinary) return refuse('EXEC_ERR_WS_BINARY', 'binary frames are not accepted; send JSON text');
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString());
  } catch {
    return refuse('EXEC_ERR_WS_BAD_JSON', 'message is not valid JSON');
  }
  const op = typeof raw === 'object' && raw !== null ? (raw as { op?: unknown }).op : undefined;
  if (typeof op !== 'string' || !(CLIENT_OPS as readonly string[]).includes(op)) {
    return refuse('EXEC_ERR_WS_UNKNOWN_OP', `unknown op ${JSON.stringify(op ?? null)}; expected one of ${CLIENT_OPS.join(', ')}`);
  }
  const parsed = ClientMessage.safeParse(raw);
  if (!parsed.success) {
    return refuse('EXEC_ERR_WS_BAD_MESSAGE', parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; '));
  }
  const requested = parsed.data.symbols.map((s) => s.toUpperCase());
  const unknown = requested.filter((s) => !ctx.serves(s));
  if (unknown.length > 0) return refuse('EXEC_ERR_WS_UNKNOWN_SYMBOL', `unknown symbol(s): ${unknown.join(', ')}`);
  const symbols = [...new Set(requested)] as MarketSymbol[];
  const rounds = parsed.data.op === 'subscribe' ? unknownRounds(symbols, parsed.data.rounds, ctx) : null;
  if (rounds !== null) return refuse('EXEC_ERR_WS_UNKNOWN_ROUND', rounds);
  return { ok: true, message: parsed.data, symbols };
}

/** Why a round filter cannot apply: a duration a symbol's surface does not have (symbols without a surface yet pass). */
function unknownRounds(symbols: readonly MarketSymbol[], rounds: readonly number[] | undefined, ctx: RequestContext): string | null {
  if (rounds === undefined) return null;
  for (const symbol of symbols) {
    const surface = ctx.surface(symbol);
    if (surface === undefined) continue;
    const have = new Set(surface.rounds.map((r) => r.durationSec));
    const missing = rounds.filter((d) => !have.has(d));
    if (missing.length > 0) {
      const list = [...have].map(roundLabel).join(', ') || 'none';
      return `${symbol} has no ${missing.map(roundLabel).join(', ')} round (rounds: ${list})`;
    }
  }
  return null;
}
