/**
 * exec-trade's `emit_cpi!` events (QuoteTakenEvent, PositionClaimedEvent, PositionRefundedEvent)
 * read back from a confirmed transaction: each is a self-invocation of the program whose data is
 * Anchor's event tag, the event's discriminator and its Borsh fields, so it survives log
 * truncation and is the authoritative record of what the program charged and paid.
 *
 *   const tx = await connection.getTransaction(sig, { maxSupportedTransactionVersion: 0 });
 *   const [taken] = execTradeEvents(program, tx).filter((e) => e.name === 'quoteTakenEvent');
 */
import bs58 from 'bs58';
import type { PublicKey, VersionedTransactionResponse } from '@solana/web3.js';
import type { ExecTradeProgram } from './program.js';

/** Anchor's EVENT_IX_TAG (sha256("anchor:event")[..8], little-endian u64 0x1d9acb512ea545e4). */
const EVENT_IX_TAG = Uint8Array.from([0xe4, 0x45, 0xa5, 0x2e, 0x51, 0xcb, 0x9a, 0x1d]);

export interface ExecTradeEvent {
  /** camelCase event name, e.g. `quoteTakenEvent`. */
  readonly name: string;
  /** Fields as Anchor's coder decodes them (u64 as BN, pubkeys as PublicKey). */
  readonly data: Record<string, unknown>;
}

function accountKeys(tx: VersionedTransactionResponse): PublicKey[] {
  const keys = tx.transaction.message.staticAccountKeys;
  const loaded = tx.meta?.loadedAddresses;
  return loaded ? [...keys, ...loaded.writable, ...loaded.readonly] : [...keys];
}

/** Every event the program emitted in `tx`, in order. Empty for a failed or unknown transaction. */
export function execTradeEvents(program: ExecTradeProgram, tx: VersionedTransactionResponse | null): ExecTradeEvent[] {
  if (!tx?.meta || tx.meta.err !== null) return [];
  const keys = accountKeys(tx);
  const out: ExecTradeEvent[] = [];
  for (const group of tx.meta.innerInstructions ?? []) {
    for (const ix of group.instructions) {
      if (!keys[ix.programIdIndex]?.equals(program.programId)) continue;
      const data = bs58.decode(ix.data);
      if (data.length < 16 || !EVENT_IX_TAG.every((b, i) => data[i] === b)) continue;
      const event = program.coder.events.decode(Buffer.from(data.subarray(8)).toString('base64'));
      if (event) out.push({ name: event.name, data: event.data as Record<string, unknown> });
    }
  }
  return out;
}
