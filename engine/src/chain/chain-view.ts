/**
 * What the API needs from the chain to build a trader's transaction: a recent blockhash (cached
 * briefly, one request in flight), whether a round account exists (positive answers cached), and
 * the collateral mint (EXEC_COLLATERAL_MINT, else read once from the on-chain Config account).
 */
import { Connection, PublicKey, type ConnectionConfig } from '@solana/web3.js';
import { EngineError } from '../lib/errors.js';
import { createExecTradeProgram, type ExecTradeProgram } from '../client/program.js';
import { fetchConfig } from '../client/accounts.js';
import { statusAwareFetch } from './rpc-fetch.js';

export interface RecentBlockhash {
  readonly blockhash: string;
  readonly lastValidBlockHeight: number;
}

export interface ChainView {
  latestBlockhash(): Promise<RecentBlockhash>;
  accountExists(address: PublicKey): Promise<boolean>;
  collateralMint(): Promise<PublicKey>;
}

export class ChainUnavailableError extends EngineError {
  constructor(message: string, cause?: unknown) {
    super('EXEC_ERR_RPC_UNAVAILABLE', message, { statusCode: 503, cause });
    this.name = 'ChainUnavailableError';
  }
}

export interface RpcChainViewOptions {
  readonly rpcUrl: string;
  readonly programId: PublicKey;
  readonly collateralMint?: PublicKey;
  readonly blockhashTtlMs?: number;
  readonly now?: () => number;
}

export class RpcChainView implements ChainView {
  readonly connection: Connection;
  readonly program: ExecTradeProgram;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private cached: { value: RecentBlockhash; atMs: number } | null = null;
  private inflight: Promise<RecentBlockhash> | null = null;
  private readonly existing = new Set<string>();
  private mint: PublicKey | null;

  constructor(opts: RpcChainViewOptions) {
    this.connection = new Connection(opts.rpcUrl, {
      commitment: 'confirmed',
      disableRetryOnRateLimit: true,
      fetch: statusAwareFetch() as unknown as ConnectionConfig['fetch'],
    });
    this.program = createExecTradeProgram(this.connection, opts.programId);
    this.ttlMs = opts.blockhashTtlMs ?? 2_000;
    this.now = opts.now ?? Date.now;
    this.mint = opts.collateralMint ?? null;
  }

  async latestBlockhash(): Promise<RecentBlockhash> {
    if (this.cached && this.now() - this.cached.atMs < this.ttlMs) return this.cached.value;
    // getLatestBlockhashAndContext: getLatestBlockhash folds RPC errors into message text.
    this.inflight ??= this.connection
      .getLatestBlockhashAndContext('confirmed')
      .then(({ value }) => {
        this.cached = { value, atMs: this.now() };
        return value;
      })
      .catch((err: unknown) => {
        throw new ChainUnavailableError('RPC: could not fetch a recent blockhash', err);
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  async accountExists(address: PublicKey): Promise<boolean> {
    const key = address.toBase58();
    if (this.existing.has(key)) return true;
    let info;
    try {
      info = (await this.connection.getAccountInfoAndContext(address, 'confirmed')).value;
    } catch (err) {
      throw new ChainUnavailableError(`RPC: could not read account ${key}`, err);
    }
    if (info === null) return false;
    if (this.existing.size > 10_000) this.existing.clear();
    this.existing.add(key);
    return true;
  }

  async collateralMint(): Promise<PublicKey> {
    if (this.mint) return this.mint;
    let config;
    try {
      config = await fetchConfig(this.program);
    } catch (err) {
      throw new ChainUnavailableError('RPC: could not read the exec-trade config account', err);
    }
    if (!config) throw new ChainUnavailableError(`exec-trade config account not found for program ${this.program.programId.toBase58()}`);
    this.mint = config.collateralMint;
    return this.mint;
  }
}
