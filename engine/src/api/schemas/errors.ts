/**
 * The error side of the HTTP contract: every code a route can answer with, its status and an
 * example message (docs/errors.md explains each), the response schemas built from them for the
 * OpenAPI document, and which request field failing validation yields which code.
 */
import { z } from 'zod';

interface ApiErrorSpec {
  /** Statuses the code is sent with (most have one). */
  readonly statuses: readonly number[];
  readonly example: string;
}

export const API_ERRORS = {
  EXEC_ERR_BAD_REQUEST: { statuses: [400], example: 'body must be a JSON object' },
  EXEC_ERR_NOT_FOUND: { statuses: [404], example: 'no route GET /v1/quotes/…' },
  EXEC_ERR_INTERNAL: { statuses: [500], example: 'internal error' },
  EXEC_ERR_RATE_LIMITED: { statuses: [429], example: 'rate limit exceeded, retry in 1 minute (see the Retry-After header)' },
  EXEC_ERR_UNKNOWN_SYMBOL: { statuses: [404], example: 'unknown symbol "DOGEUSDT"' },
  EXEC_ERR_MARKET_NOT_READY: { statuses: [503], example: 'BTCUSDT: no surface published yet' },
  EXEC_ERR_BAD_QUOTE_ID: { statuses: [400], example: 'quoteId must be 32 hex characters' },
  EXEC_ERR_QUOTE_NOT_FOUND: { statuses: [404], example: 'quote a97aa97fc5fbd1d1536d361c964b8700 not found' },
  EXEC_ERR_QUOTE_EXPIRED: { statuses: [410], example: 'quote a97aa97fc5fbd1d1536d361c964b8700 expired at 2026-12-06T02:14:14.609Z' },
  EXEC_ERR_MARKET_HALTED: { statuses: [409], example: 'BTCUSDT is halted: 1 fresh provider, 2 required' },
  EXEC_ERR_BAD_EXPIRY: { statuses: [400], example: 'expiryTs must be unix seconds (an unsigned integer)' },
  EXEC_ERR_SETTLEMENT_NOT_FOUND: { statuses: [404], example: 'no settlement for BTCUSDT at 1796523300' },
  EXEC_ERR_BAD_TRADER: { statuses: [400], example: 'trader "not-a-key" is not a base58 public key' },
  EXEC_ERR_BAD_SIDE: { statuses: [400], example: 'side must be "up" or "down"' },
  EXEC_ERR_BAD_SIZE: { statuses: [400], example: 'size must be a positive integer string (collateral atoms of payout)' },
  EXEC_ERR_BAD_MAX_PRICE: { statuses: [400], example: 'maxPrice must be an integer string of probability micro-units, 0..1000000' },
  EXEC_ERR_SIZE_ABOVE_MAX: { statuses: [422], example: "size 2000000000 is above the quote's max size 1000000000" },
  EXEC_ERR_FILL_NOT_TRADEABLE: { statuses: [422], example: 'stake rounds up to the whole size' },
  EXEC_ERR_QUOTE_TARGET: { statuses: [422], example: 'quote is for another program' },
  EXEC_ERR_QUOTE_SIGNER_MISMATCH: { statuses: [422], example: 'quote signed by another key than the oracle authority' },
  EXEC_ERR_QUOTE_BAD_SIGNATURE: { statuses: [422], example: 'quote signature does not verify' },
  EXEC_ERR_QUOTE_FIELD_MISMATCH: { statuses: [422], example: 'quote field strike: JSON has 1, signed message has 2' },
  EXEC_ERR_QUOTE_FORMAT: { statuses: [422], example: 'quote message must be 128 bytes' },
  EXEC_ERR_TX_TOO_LARGE: { statuses: [422], example: 'transaction is 1240 bytes, above the 1232-byte packet limit' },
  EXEC_ERR_CLIENT_ARGUMENT: { statuses: [422], example: 'size must be positive' },
  EXEC_ERR_QUOTE_PROOF: { statuses: [422], example: 'leaf 3 and its proof do not lead to the signed ladder root' },
  EXEC_ERR_PRICE_ABOVE_MAX: { statuses: [422], example: 'the quote costs 523417 now, above maxPrice 520000' },
  EXEC_ERR_RPC_NOT_CONFIGURED: { statuses: [503], example: 'transaction building needs a Solana RPC: set EXEC_RPC_URL' },
  EXEC_ERR_RPC_UNAVAILABLE: { statuses: [503], example: 'chain starting: the demo chain is building and starting' },
  EXEC_ERR_WS_UPGRADE_REQUIRED: { statuses: [426], example: '/v1/stream is a WebSocket endpoint: connect with a WebSocket client (docs/asyncapi.yaml)' },
} as const satisfies Record<string, ApiErrorSpec>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** Every route can answer these. */
const ALWAYS: readonly ApiErrorCode[] = ['EXEC_ERR_RATE_LIMITED', 'EXEC_ERR_INTERNAL'];

export const ErrorBodySchema = z
  .strictObject({ error: z.strictObject({ code: z.string().regex(/^EXEC_ERR_[A-Z0-9_]+$/), message: z.string() }) })
  .meta({ id: 'Error', description: 'Every error: a stable code (docs/errors.md) and a message for people. Decide by code, never by message.' });

function errorSchema(status: number, codes: readonly ApiErrorCode[]): z.ZodType {
  const examples = codes.map((code) => ({ error: { code, message: API_ERRORS[code].example } }));
  return z
    .strictObject({ error: z.strictObject({ code: z.enum(codes as [ApiErrorCode, ...ApiErrorCode[]]), message: z.string() }) })
    .meta({ description: `HTTP ${status}: ${codes.join(', ')} (docs/errors.md)`, examples });
}

/** What a route takes from the request beyond its URL, each with the statuses a malformed one gets (EXEC_ERR_BAD_REQUEST). */
export interface RequestParts {
  /** Path parameters: 414 when one is longer than 100 characters, 400 when it is not valid percent-encoding. */
  readonly path?: boolean;
  /** A JSON body: 400 not JSON, 413 too large, 415 not application/json. */
  readonly body?: boolean;
}

function malformedStatuses(parts: RequestParts): number[] {
  return [...(parts.path ? [400, 414] : []), ...(parts.body ? [400, 413, 415] : [])];
}

/**
 * The error part of a route's `response` schemas: for each status one of `codes` (plus 429 and 500,
 * which any route may answer, and EXEC_ERR_BAD_REQUEST for a malformed path or body) can carry, the
 * schema whose `code` is exactly those.
 */
export function errorResponses(codes: readonly ApiErrorCode[], parts: RequestParts = {}): Record<number, z.ZodType> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  const add = (status: number, code: ApiErrorCode): void => {
    const list = byStatus.get(status) ?? [];
    if (!list.includes(code)) byStatus.set(status, [...list, code]);
  };
  for (const code of new Set([...codes, ...ALWAYS])) for (const status of API_ERRORS[code].statuses) add(status, code);
  for (const status of malformedStatuses(parts)) add(status, 'EXEC_ERR_BAD_REQUEST');
  const out: Record<number, z.ZodType> = {};
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) out[status] = errorSchema(status, list);
  return out;
}

/** Request fields whose validation failure has its own code; any other failure is EXEC_ERR_BAD_REQUEST. */
export const FIELD_ERROR_CODES: Readonly<Record<string, ApiErrorCode>> = {
  'params/quoteId': 'EXEC_ERR_BAD_QUOTE_ID',
  'params/expiryTs': 'EXEC_ERR_BAD_EXPIRY',
  'body/trader': 'EXEC_ERR_BAD_TRADER',
  'body/side': 'EXEC_ERR_BAD_SIDE',
  'body/size': 'EXEC_ERR_BAD_SIZE',
  'body/maxPrice': 'EXEC_ERR_BAD_MAX_PRICE',
};

/** Messages for a request part that is not even the right shape (a body that is not an object). */
const PART_MESSAGES: Readonly<Record<string, string>> = {
  body: 'body must be a JSON object',
};

export interface ValidationIssue {
  readonly instancePath: string;
  readonly message?: string | undefined;
}

/** The code and message of a failed request validation: its first issue decides (fields are checked in declaration order). */
export function validationFailure(context: string | undefined, issues: readonly ValidationIssue[]): { code: ApiErrorCode; message: string } {
  const first = issues[0];
  const field = first?.instancePath.split('/')[1] ?? '';
  const code = FIELD_ERROR_CODES[`${context}/${field}`];
  if (code !== undefined && first !== undefined) return { code, message: first.message ?? `invalid ${field}` };
  const where = field === '' ? (PART_MESSAGES[context ?? ''] ?? `invalid ${context ?? 'request'}`) : `${context}.${field}: ${first?.message ?? 'invalid'}`;
  return { code: 'EXEC_ERR_BAD_REQUEST', message: where };
}
