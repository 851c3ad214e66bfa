/**
 * The wallet corner of the header: the Wallet Standard wallets found in the page (a button each),
 * the connected account with its SOL and collateral balances (as the chain reports them), the
 * demo faucet, and disconnect.
 */
import type { Wallet } from '@wallet-standard/base';
import { byId, h } from '../dom.js';
import { shown, TerminalError } from '../errors.js';
import { fmtAtoms, fmtSol, shortKey } from '../format.js';
import type { Balances } from '../trade/chain.js';
import type { WalletConnector } from './standard-wallet.js';

export interface WalletBarActions {
  /** Demo only (the engine's POST /v1/faucet); null hides the button. */
  faucet(): (() => Promise<void>) | null;
}

export class WalletBar {
  private picking = false;

  constructor(
    private readonly connector: WalletConnector,
    private readonly actions: WalletBarActions,
  ) {
    connector.onWalletsChanged(() => this.render(null));
    byId('wallet-connect').onclick = () => this.connectClicked();
    byId('wallet-disconnect').onclick = () => void connector.disconnect();
    byId('wallet-list').addEventListener('click', (ev) => {
      const b = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-wallet]');
      const wallet = this.connector.usable().find((w) => w.name === b?.dataset['wallet']);
      if (wallet) void this.connect(wallet);
    });
    byId('faucet').onclick = () => void this.runFaucet();
  }

  message(text: string, cls = ''): void {
    const el = byId('wallet-message');
    el.className = cls;
    el.textContent = text;
  }

  render(balances: Balances | null): void {
    const c = this.connector.current;
    byId('wallet-connect').hidden = c !== null;
    byId('wallet-disconnect').hidden = c === null;
    byId('faucet').hidden = c === null || this.actions.faucet() === null;
    const account = byId('wallet-account');
    account.textContent = c === null ? '' : `${c.wallet.name} ${shortKey(c.publicKey.toBase58())}`;
    account.title = c?.publicKey.toBase58() ?? '';
    account.dataset['address'] = c?.publicKey.toBase58() ?? '';
    const col = byId('balance-collateral');
    const sol = byId('balance-sol');
    col.textContent = c === null || balances === null ? '' : balances.collateral === null ? 'no collateral account' : `${fmtAtoms(balances.collateral)} collateral`;
    col.dataset['atoms'] = balances?.collateral?.toString() ?? '';
    sol.textContent = c === null || balances === null ? '' : fmtSol(balances.lamports);
    sol.dataset['lamports'] = balances?.lamports.toString() ?? '';
    const list = byId('wallet-list');
    list.hidden = !this.picking || c !== null;
    list.replaceChildren(...this.connector.usable().map((w: Wallet) => h('button', { type: 'button', 'data-wallet': w.name }, h('img', { src: w.icon, alt: '' }), w.name)));
  }

  private connectClicked(): void {
    const wallets = this.connector.usable();
    if (wallets.length === 0) {
      const e = new TerminalError('EXEC_ERR_WALLET_NONE', 'no Wallet Standard wallet in this browser: install Phantom, Solflare, Backpack or another Solana wallet, then reload');
      this.message(`${e.code}: ${e.message}`, 'bad');
      return;
    }
    if (wallets.length === 1) return void this.connect(wallets[0] as Wallet);
    this.picking = !this.picking;
    this.render(null);
  }

  private async connect(wallet: Wallet): Promise<void> {
    this.picking = false;
    this.message(`connecting ${wallet.name}…`, 'muted');
    try {
      await this.connector.connect(wallet);
      this.message('');
    } catch (err) {
      const { code, message } = shown(err);
      this.message(`${code}: ${message}`, 'bad');
    }
  }

  private async runFaucet(): Promise<void> {
    const run = this.actions.faucet();
    if (run === null) return;
    const button = byId<HTMLButtonElement>('faucet');
    button.disabled = true;
    try {
      await run();
    } finally {
      button.disabled = false;
    }
  }
}
