/**
 * A Wallet Standard wallet registered in a page the way a browser extension registers one (the
 * `wallet-standard:register-wallet` event, and `wallet-standard:app-ready` for apps that load
 * first), backed by a real keypair that signs in this process: the page hands it the serialized
 * transaction, it comes back signed by the key. Features: standard:connect, standard:disconnect,
 * standard:events, solana:signTransaction (legacy and v0). `reject` makes the next signatures fail
 * the way Phantom, Solflare and Backpack fail a rejected request (code 4001).
 */
import { Keypair, VersionedTransaction } from '@solana/web3.js';
import type { Page } from 'playwright-core';

export interface TestWallet {
  readonly keypair: Keypair;
  /** Signatures asked for so far. */
  signed(): number;
  reject(on: boolean): void;
}

interface WalletInit {
  readonly name: string;
  readonly address: string;
  readonly publicKey: number[];
}

/** Runs in the page before any of its scripts. */
function registerInPage(init: WalletInit): void {
  type Listener = (props: { accounts?: readonly unknown[] }) => void;
  const w = window as unknown as { __execTestWalletSign(b64: string): Promise<{ rejected: boolean; signed: string }> };
  const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
  const unb64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const chains = ['solana:localnet', 'solana:devnet'] as const;
  const account = Object.freeze({ address: init.address, publicKey: new Uint8Array(init.publicKey), chains, features: ['solana:signTransaction'], label: init.name });
  const listeners = new Set<Listener>();
  let accounts: readonly unknown[] = [];
  const setAccounts = (next: readonly unknown[]): void => {
    accounts = next;
    for (const l of listeners) l({ accounts });
  };
  const wallet = {
    version: '1.0.0',
    name: init.name,
    icon: 'data:image/svg+xml;base64,' + btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#58a6ff"/></svg>'),
    chains,
    get accounts() {
      return accounts;
    },
    features: {
      'standard:connect': { version: '1.0.0', connect: async () => (setAccounts([account]), { accounts }) },
      'standard:disconnect': { version: '1.0.0', disconnect: async () => setAccounts([]) },
      'standard:events': {
        version: '1.0.0',
        on: (_event: 'change', listener: Listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      'solana:signTransaction': {
        version: '1.0.0',
        supportedTransactionVersions: ['legacy', 0],
        signTransaction: async (...inputs: Array<{ transaction: Uint8Array }>) =>
          Promise.all(
            inputs.map(async ({ transaction }) => {
              const out = await w.__execTestWalletSign(b64(transaction));
              if (out.rejected) throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
              return { signedTransaction: unb64(out.signed) };
            }),
          ),
      },
    },
  };
  const callback = ({ register }: { register(w: unknown): void }): void => register(wallet);
  window.dispatchEvent(new CustomEvent('wallet-standard:register-wallet', { detail: callback }));
  window.addEventListener('wallet-standard:app-ready', (ev) => callback((ev as CustomEvent).detail));
}

export async function installTestWallet(page: Page, keypair: Keypair = Keypair.generate(), name = 'Test Wallet'): Promise<TestWallet> {
  let rejecting = false;
  let count = 0;
  await page.exposeFunction('__execTestWalletSign', (transaction: string) => {
    count++;
    if (rejecting) return { rejected: true, signed: '' };
    const tx = VersionedTransaction.deserialize(Buffer.from(transaction, 'base64'));
    tx.sign([keypair]);
    return { rejected: false, signed: Buffer.from(tx.serialize()).toString('base64') };
  });
  await page.addInitScript(registerInPage, { name, address: keypair.publicKey.toBase58(), publicKey: [...keypair.publicKey.toBytes()] });
  return { keypair, signed: () => count, reject: (on) => (rejecting = on) };
}
