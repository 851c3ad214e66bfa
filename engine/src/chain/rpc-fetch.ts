/**
 * The fetch that web3.js's Connection uses for JSON-RPC: a non-2xx HTTP answer becomes an
 * `RpcHttpError` carrying the status, so callers decide retries by status (STYLE 3.6) instead of
 * parsing web3.js's "503 Service Unavailable: …" message text.
 */
import { RpcError } from '../client/errors.js';

export const RETRYABLE_HTTP_STATUS: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

export class RpcHttpError extends RpcError {
  readonly status: number;
  constructor(status: number, statusText: string) {
    super(`RPC HTTP ${status} ${statusText}`, RETRYABLE_HTTP_STATUS.has(status));
    this.name = 'RpcHttpError';
    this.status = status;
  }
}

export function statusAwareFetch(base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const res = await base(input, init);
    if (!res.ok) throw new RpcHttpError(res.status, res.statusText);
    return res;
  };
}
