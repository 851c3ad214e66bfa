/** Shapes shared by the HTTP routes: path parameters and the error body. */
import { z } from 'zod';

/** 16 random bytes as 32 lowercase or uppercase hex characters. */
export const QUOTE_ID_RE = /^[0-9a-fA-F]{32}$/;

export const SymbolParams = z.object({ symbol: z.string() });
export const QuoteParams = z.object({ quoteId: z.string() });

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
