/**
 * The trading session: the chain named by GET /v1/oracle (polled until the demo chain is ready),
 * the connected wallet, its balances and positions (re-read every few seconds, and right after
 * anything lands), and the context the ticket and the positions panel submit with.
 */
import { api, type OracleInfo } from '../api.js';
import { shown, TerminalError } from '../errors.js';
import { fmtAtoms, fmtSol } from '../format.js';
import { solanaChain, type WalletConnector } from '../wallet/standard-wallet.js';
import type { ActivityLog } from './activity.js';
import { ChainClient, type Balances, type PositionView } from './chain.js';
import type { SubmitContext } from './submit.js';

const REFRESH_MS = 3_000;
const ORACLE_POLL_MS = 2_000;

export interface SessionView {
  onChain(oracle: OracleInfo): void;
  onBalances(balances: Balances | null): void;
  onPositions(positions: PositionView[]): void;
  onError(text: string): void;
}

export class TradeSession {
  private chain: ChainClient | null = null;
  private balances: Balances | null = null;
  private timer: number | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(
    private oracle: OracleInfo,
    private readonly wallet: WalletConnector,
    private readonly activity: ActivityLog,
    private readonly view: SessionView,
  ) {
    wallet.onChange((c) => {
      this.balances = null;
      this.activity.load(c?.publicKey.toBase58() ?? null);
      this.view.onBalances(null);
      this.view.onPositions([]);
      void this.refresh();
    });
  }

  start(): void {
    this.useOracle(this.oracle);
    this.timer = window.setInterval(() => void this.refresh(), REFRESH_MS);
  }

  /** Submit context: null without a wallet or a ready chain (whyNoContext says which). */
  context(): (SubmitContext & { readonly balances: Balances | null }) | null {
    if (this.chain === null || this.wallet.current === null) return null;
    return {
      wallet: this.wallet,
      chain: this.chain,
      chainId: solanaChain(this.oracle.cluster),
      activity: this.activity,
      balances: this.balances,
      onLanded: () => void this.refresh(),
    };
  }

  whyNoContext(): TerminalError {
    if (this.wallet.current === null) return new TerminalError('EXEC_ERR_WALLET_NOT_CONNECTED', 'connect a wallet first (the transaction is built for its address)');
    const c = this.oracle.chain;
    return new TerminalError('EXEC_ERR_CHAIN_NOT_READY', `the engine's chain is ${c.status}${c.detail ? `: ${c.detail}` : ''}`);
  }

  /** The demo faucet, when the engine serves its own local chain. */
  faucet(): (() => Promise<void>) | null {
    const c = this.wallet.current;
    if (c === null || !this.oracle.chain.local || this.oracle.chain.status !== 'ready') return null;
    return async () => {
      const entry = this.activity.start('faucet', 'faucet: SOL and demo collateral');
      try {
        const grant = await api.faucet(c.publicKey.toBase58());
        this.activity.update(entry, { status: 'confirmed', signature: grant.signature, label: `faucet: +${fmtSol(grant.lamports)}, +${fmtAtoms(grant.collateral)} collateral`, message: '' });
      } catch (err) {
        this.activity.update(entry, { status: 'failed', ...shown(err) });
      }
      await this.refresh();
    };
  }

  /** Re-read balances and positions now (coalesced with a read in flight). */
  refresh(): Promise<void> {
    this.refreshing ??= this.read().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private useOracle(oracle: OracleInfo): void {
    this.oracle = oracle;
    this.view.onChain(oracle);
    const c = oracle.chain;
    if (c.status === 'ready' && oracle.rpcUrl !== null && oracle.collateralMint !== null) {
      this.chain = new ChainClient({ ...oracle, rpcUrl: oracle.rpcUrl, collateralMint: oracle.collateralMint });
      void this.refresh();
    } else if (c.status === 'starting') {
      window.setTimeout(() => void api.oracle().then((o) => this.useOracle(o), () => this.useOracle(oracle)), ORACLE_POLL_MS);
    }
  }

  private async read(): Promise<void> {
    const owner = this.wallet.current?.publicKey;
    if (this.chain === null || owner === undefined) return;
    try {
      const [balances, positions] = await Promise.all([this.chain.balances(owner), this.chain.positions(owner)]);
      if (!this.wallet.current?.publicKey.equals(owner)) return; // switched meanwhile
      this.balances = balances;
      this.view.onBalances(balances);
      this.view.onPositions(positions);
    } catch (err) {
      const { code, message } = shown(err);
      this.view.onError(`${code}: cannot read the chain: ${message}`);
    }
  }

  stop(): void {
    if (this.timer !== null) window.clearInterval(this.timer);
  }
}
