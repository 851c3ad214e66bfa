/** Shapes shared by the HTTP routes: path parameters and the error body. */
import { z } from 'zod';

/** 16 random bytes as 32 lowercase or uppercase hex characters. */
export const QUOTE_ID_RE = /^[0-9a-fA-F]{32}$/;

export const SymbolParams = z.object({
  symbol: z.string().meta({ description: 'a served market, case-insensitive', examples: ['BTCUSDT'] }),
});
export const QuoteParams = z.object({
  quoteId: z
    .string()
    .regex(QUOTE_ID_RE, { error: 'quoteId must be 32 hex characters' })
    .meta({ description: 'the quote id (32 hex characters, case-insensitive)', examples: ['a97aa97fc5fbd1d1536d361c964b8700'] }),
});
export const SettlementParams = z.object({
  symbol: SymbolParams.shape.symbol,
  expiryTs: z
    .string()
    .regex(/^\d{1,12}$/, { error: 'expiryTs must be unix seconds (an unsigned integer)' })
    .meta({ description: 'round expiry, unix seconds', examples: ['1796523300'] }),
});

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
