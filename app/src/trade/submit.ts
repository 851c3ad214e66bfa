/**
 * One wallet round trip, the same for take, claim and refund: the wallet signs → the terminal sends
 * to the engine's chain → confirmation or the decoded failure. Every step lands in the activity log
 * as it happens, and the signature is recorded before the transaction is sent, so it is shown
 * whatever happens next.
 */
import { shown } from '../errors.js';
import type { Connected, WalletConnector } from '../wallet/standard-wallet.js';
import type { ActivityEntry, ActivityLog } from './activity.js';
import { signatureOf, type ChainClient } from './chain.js';

export interface SubmitContext {
  readonly wallet: WalletConnector;
  readonly chain: ChainClient;
  readonly chainId: `solana:${string}`;
  readonly activity: ActivityLog;
  /** After anything reached the chain: refresh balances and positions. */
  readonly onLanded: () => void;
}

export interface Unsigned {
  readonly transaction: Uint8Array;
  readonly blockhash: string;
  readonly lastValidBlockHeight: number;
  /** Index of the exec-trade instruction, for decoding its errors. */
  readonly programIx: number;
}

export async function submit(ctx: SubmitContext, entry: ActivityEntry, tx: Unsigned): Promise<boolean> {
  const wallet: Connected | null = ctx.wallet.current;
  ctx.activity.update(entry, { status: 'signing', message: `waiting for ${wallet?.wallet.name ?? 'the wallet'}…` });
  let signature: string | undefined;
  try {
    const signed = await ctx.wallet.sign(tx.transaction, ctx.chainId);
    if (signed.kind === 'signed') {
      signature = signatureOf(signed.transaction);
      ctx.activity.update(entry, { signature, message: 'sending…' });
      await ctx.chain.send(signed.transaction, tx.programIx);
    } else {
      signature = signed.signature;
    }
    ctx.activity.update(entry, { status: 'sent', signature, message: 'waiting for confirmation…' });
    await ctx.chain.confirm(signature, tx.blockhash, tx.lastValidBlockHeight, tx.programIx);
    ctx.activity.update(entry, { status: 'confirmed', message: '' });
    return true;
  } catch (err) {
    const { code, message } = shown(err);
    ctx.activity.update(entry, { status: 'failed', code, message, ...(signature ? { signature } : {}) });
    return false;
  } finally {
    if (signature !== undefined) ctx.onLanded();
  }
}
