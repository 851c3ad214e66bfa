/** The engine's HTTP API as the terminal uses it (same origin; README "HTTP API"). */
import { TerminalError } from './errors.js';
import type { Side } from './price.js';

export interface OracleInfo {
  readonly signer: string;
  readonly settlementSigner: string;
  readonly programId: string;
  readonly cluster: string;
  readonly simulated: boolean;
  readonly markets: ReadonlyArray<{ readonly symbol: string; readonly asset: string; readonly assetId: number }>;
  readonly rpcUrl: string | null;
  readonly wsUrl: string | null;
  readonly collateralMint: string | null;
  readonly chain: { readonly status: 'none' | 'starting' | 'ready' | 'failed'; readonly detail: string | null; readonly local: boolean };
}

export interface TakePreview {
  readonly transaction: string;
  readonly quoteId: string;
  readonly symbol: string;
  readonly trader: string;
  readonly side: Side;
  readonly size: string;
  readonly price: string;
  readonly stake: string;
  readonly houseCollateral: string;
  readonly payout: string;
  readonly expiresAtMs: number;
  readonly blockhash: string;
  readonly lastValidBlockHeight: number;
  readonly openRound: boolean;
  readonly round: string;
  readonly position: string;
  readonly serializedSize: number;
}

export interface HistorySample {
  readonly ts: number;
  readonly price: string;
  readonly mids: Readonly<Record<string, string | null>>;
}

export interface FaucetGrant {
  readonly tokenAccount: string;
  readonly lamports: number;
  readonly collateral: string;
  readonly signature: string;
}

async function call<T>(path: string, init?: { method: 'POST'; body: unknown }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, init ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) } : undefined);
  } catch (err) {
    throw new TerminalError('EXEC_ERR_TERMINAL_NETWORK', `the engine cannot be reached (${path}): ${(err as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!res.ok) {
    const retry = res.headers.get('retry-after');
    const message = body?.error?.message ?? `${res.status} ${res.statusText}`;
    throw new TerminalError(body?.error?.code ?? 'EXEC_ERR_TERMINAL_HTTP', retry ? `${message} (retry in ${retry} s)` : message, res.status);
  }
  return body as T;
}

export const api = {
  oracle: (): Promise<OracleInfo> => call('/v1/oracle'),
  history: (symbol: string, seconds: number): Promise<{ samples: HistorySample[] }> => call(`/v1/markets/${symbol}/history?seconds=${seconds}`),
  faucet: (trader: string): Promise<FaucetGrant> => call('/v1/faucet', { method: 'POST', body: { trader } }),
  takeTransaction: (quoteId: string, trader: string, side: Side, size: bigint): Promise<TakePreview> =>
    call(`/v1/quotes/${quoteId}/transaction`, { method: 'POST', body: { trader, side, size: size.toString() } }),
};
