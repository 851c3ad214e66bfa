/**
 * The engine's chain, whichever it is and whenever it is ready: EXEC_RPC_URL from the start, or the
 * demo's local chain once it is built and provisioned. It is a ChainView for the API (answering
 * 503 with the reason until ready) and says what `GET /v1/oracle` publishes about the chain.
 */
import type { PublicKey } from '@solana/web3.js';
import { ChainUnavailableError, type ChainView, type RecentBlockhash } from './chain-view.js';

export type ChainStatus = 'none' | 'starting' | 'ready' | 'failed';

export interface ChainInfo {
  readonly status: ChainStatus;
  /** Why the chain is not ready (starting, failed, not configured). */
  readonly detail: string | null;
  readonly rpcUrl: string | null;
  readonly wsUrl: string | null;
  readonly collateralMint: string | null;
  /** True when this is the demo's own local chain (POST /v1/faucet serves it). */
  readonly local: boolean;
}

export interface ReadyChain {
  readonly view: ChainView;
  readonly rpcUrl: string;
  readonly wsUrl: string | null;
  readonly collateralMint: PublicKey | null;
  readonly local: boolean;
}

export class ChainAccess implements ChainView {
  private ready: ReadyChain | null = null;
  private status: ChainStatus = 'none';
  private detail: string | null = 'no chain configured (set EXEC_RPC_URL, or run the demo)';

  starting(detail: string): void {
    this.status = 'starting';
    this.detail = detail;
  }

  setReady(chain: ReadyChain): void {
    this.ready = chain;
    this.status = 'ready';
    this.detail = null;
  }

  setFailed(detail: string): void {
    this.ready = null;
    this.status = 'failed';
    this.detail = detail;
  }

  info(): ChainInfo {
    return {
      status: this.status,
      detail: this.detail,
      rpcUrl: this.ready?.rpcUrl ?? null,
      wsUrl: this.ready?.wsUrl ?? null,
      collateralMint: this.ready?.collateralMint?.toBase58() ?? null,
      local: this.ready?.local ?? false,
    };
  }

  private view(): ChainView {
    if (this.ready) return this.ready.view;
    throw new ChainUnavailableError(`chain ${this.status}: ${this.detail ?? 'not ready'}`);
  }

  latestBlockhash(): Promise<RecentBlockhash> {
    return this.view().latestBlockhash();
  }

  accountExists(address: PublicKey): Promise<boolean> {
    return this.view().accountExists(address);
  }

  collateralMint(): Promise<PublicKey> {
    return this.view().collateralMint();
  }
}
