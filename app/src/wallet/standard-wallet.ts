/**
 * Wallets through the Wallet Standard (@wallet-standard/app `getWallets`), the interface Phantom,
 * Solflare, Backpack and others register in the page. A wallet is usable when it has
 * `standard:connect` and signs v0 transactions with `solana:signTransaction` (preferred: the
 * terminal sends to the engine's chain itself) or `solana:signAndSendTransaction` (the wallet sends
 * to its own RPC). Rejections (code 4001, the convention these wallets share) and every other
 * wallet failure come back as TerminalErrors with their own codes.
 */
import { getWallets } from '@wallet-standard/app';
import type { Wallet, WalletAccount } from '@wallet-standard/base';
import { StandardConnect, StandardDisconnect, StandardEvents, type StandardConnectFeature, type StandardDisconnectFeature, type StandardEventsFeature } from '@wallet-standard/features';
import {
  SolanaSignAndSendTransaction,
  SolanaSignTransaction,
  type SolanaSignAndSendTransactionFeature,
  type SolanaSignTransactionFeature,
} from '@solana/wallet-standard-features';
import { PublicKey } from '@solana/web3.js';
import bs58 from 'bs58';
import { TerminalError } from '../errors.js';

/** The Wallet Standard chain of an exec-trade cluster (the demo's local chain is `solana:localnet`). */
export function solanaChain(cluster: string): `solana:${string}` {
  return cluster === 'mainnet-beta' ? 'solana:mainnet' : `solana:${cluster}`;
}

export type SignResult = { readonly kind: 'signed'; readonly transaction: Uint8Array } | { readonly kind: 'sent'; readonly signature: string };

export interface Connected {
  readonly wallet: Wallet;
  readonly account: WalletAccount;
  readonly publicKey: PublicKey;
}

const signsV0 = (feature: { supportedTransactionVersions: readonly unknown[] } | undefined): boolean => feature?.supportedTransactionVersions.includes(0) ?? false;

function signTx(wallet: Wallet): SolanaSignTransactionFeature[typeof SolanaSignTransaction] | undefined {
  const f = (wallet.features as Partial<SolanaSignTransactionFeature>)[SolanaSignTransaction];
  return signsV0(f) ? f : undefined;
}

function signAndSendTx(wallet: Wallet): SolanaSignAndSendTransactionFeature[typeof SolanaSignAndSendTransaction] | undefined {
  const f = (wallet.features as Partial<SolanaSignAndSendTransactionFeature>)[SolanaSignAndSendTransaction];
  return signsV0(f) ? f : undefined;
}

/** Can connect and sign a v0 transaction. */
export function isUsable(wallet: Wallet): boolean {
  return StandardConnect in wallet.features && (signTx(wallet) !== undefined || signAndSendTx(wallet) !== undefined);
}

/** A wallet's refusal or failure as a TerminalError; 4001 is "the user rejected the request". */
export function walletError(wallet: Wallet, action: string, err: unknown): TerminalError {
  const code = (err as { code?: unknown } | null)?.code;
  const detail = err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);
  if (code === 4001) return new TerminalError('EXEC_ERR_WALLET_REJECTED', `${wallet.name}: you rejected the ${action}; nothing was sent`);
  return new TerminalError('EXEC_ERR_WALLET_FAILED', `${wallet.name} could not ${action}: ${detail}`);
}

export class WalletConnector {
  private readonly registry = getWallets();
  private connected: Connected | null = null;
  private offEvents: (() => void) | null = null;
  private readonly listeners = new Set<(c: Connected | null) => void>();

  /** Calls `fn` whenever a wallet registers or unregisters. */
  onWalletsChanged(fn: () => void): () => void {
    const offRegister = this.registry.on('register', fn);
    const offUnregister = this.registry.on('unregister', fn);
    return () => {
      offRegister();
      offUnregister();
    };
  }

  /** Calls `fn` on connect, disconnect and account switch. */
  onChange(fn: (c: Connected | null) => void): void {
    this.listeners.add(fn);
  }

  usable(): readonly Wallet[] {
    return this.registry.get().filter(isUsable);
  }

  get current(): Connected | null {
    return this.connected;
  }

  async connect(wallet: Wallet): Promise<Connected> {
    const connect = (wallet.features as StandardConnectFeature)[StandardConnect];
    let accounts: readonly WalletAccount[];
    try {
      ({ accounts } = await connect.connect());
    } catch (err) {
      throw walletError(wallet, 'connection', err);
    }
    const account = accounts.find((a) => a.chains.some((c) => c.startsWith('solana:'))) ?? accounts[0];
    if (account === undefined) throw new TerminalError('EXEC_ERR_WALLET_FAILED', `${wallet.name} connected without any account`);
    this.offEvents?.();
    const events = (wallet.features as Partial<StandardEventsFeature>)[StandardEvents];
    this.offEvents = events?.on('change', ({ accounts: changed }) => {
      if (changed === undefined) return;
      const next = changed[0];
      this.set(next === undefined ? null : { wallet, account: next, publicKey: new PublicKey(next.publicKey) });
    }) ?? null;
    const c: Connected = { wallet, account, publicKey: new PublicKey(account.publicKey) };
    this.set(c);
    return c;
  }

  async disconnect(): Promise<void> {
    const c = this.connected;
    this.offEvents?.();
    this.offEvents = null;
    this.set(null);
    const disconnect = c === null ? undefined : (c.wallet.features as Partial<StandardDisconnectFeature>)[StandardDisconnect];
    await disconnect?.disconnect().catch(() => undefined); // the terminal forgets the wallet either way
  }

  /** Has the connected wallet sign (or sign and send) a serialized v0 transaction. */
  async sign(transaction: Uint8Array, chain: `solana:${string}`): Promise<SignResult> {
    const c = this.connected;
    if (c === null) throw new TerminalError('EXEC_ERR_WALLET_NOT_CONNECTED', 'connect a wallet first');
    const signer = signTx(c.wallet);
    try {
      if (signer !== undefined) {
        const [out] = await signer.signTransaction({ account: c.account, transaction, chain });
        if (out === undefined) throw new Error('the wallet returned no transaction');
        return { kind: 'signed', transaction: out.signedTransaction };
      }
      const sender = signAndSendTx(c.wallet);
      if (sender === undefined) throw new TerminalError('EXEC_ERR_WALLET_FAILED', `${c.wallet.name} cannot sign v0 transactions`);
      const [out] = await sender.signAndSendTransaction({ account: c.account, transaction, chain });
      if (out === undefined) throw new Error('the wallet returned no signature');
      return { kind: 'sent', signature: bs58.encode(out.signature) };
    } catch (err) {
      if (err instanceof TerminalError) throw err;
      throw walletError(c.wallet, 'signature', err);
    }
  }

  private set(c: Connected | null): void {
    this.connected = c;
    for (const fn of this.listeners) fn(c);
  }
}
