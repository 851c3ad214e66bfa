/**
 * The positions panel: every position account of the connected wallet, read from the chain with
 * the SDK's decoders and classified against its round (open, awaiting settlement, won, lost,
 * refundable), with claim and refund buttons; below them, positions already claimed or refunded
 * (their accounts are closed; the activity log remembers what they paid).
 */
import { bytesToHex } from '../../../engine/src/client/index.js';
import { byId, esc } from '../dom.js';
import { shown } from '../errors.js';
import { fmtAtoms, fmtClock, fmtPrice } from '../format.js';
import { paidLabel, positionLabel, type ActivityLog, type PositionNote } from './activity.js';
import type { PositionState, PositionView } from './chain.js';
import { submit, type SubmitContext } from './submit.js';

const STATE_TEXT: Readonly<Record<PositionState, string>> = {
  open: 'open',
  'awaiting-settlement': 'awaiting settlement',
  won: 'won',
  lost: 'lost',
  refundable: 'refundable',
  unknown: 'round not found',
};

function note(v: PositionView): PositionNote {
  const p = v.position;
  return { quoteId: bytesToHex(p.quoteId), symbol: v.symbol, side: p.side, strike: p.strike.toString(), size: p.size.toString(), stake: p.stake.toString(), expiryTs: String(v.round?.expiryTs ?? 0n) };
}

export class PositionsPanel {
  private views: PositionView[] = [];
  private busy = new Set<string>();

  constructor(
    private readonly activity: ActivityLog,
    private readonly context: () => SubmitContext | null,
  ) {
    byId('positions').addEventListener('click', (ev) => {
      const button = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
      if (button?.dataset['position']) void this.close(button.dataset['position'], button.dataset['action'] === 'refund' ? 'refund' : 'claim');
    });
  }

  set(views: PositionView[]): void {
    this.views = views;
    this.render();
  }

  render(): void {
    const closedEntries = this.activity.closedPositions();
    // a claim confirmed before the next chain read: show it once, as closed
    const closedIds = new Set(closedEntries.map((e) => e.position?.quoteId));
    const rows = this.views.filter((v) => !closedIds.has(bytesToHex(v.position.quoteId))).map((v) => {
      const p = v.position;
      const key = v.address.toBase58();
      const action =
        v.state === 'won' || v.state === 'lost'
          ? `<button data-action="claim" data-position="${key}" data-testid="claim" ${this.busy.has(key) ? 'disabled' : ''}>${v.state === 'won' ? `Claim ${fmtAtoms(p.size)}` : 'Close'}</button>`
          : v.state === 'refundable'
            ? `<button data-action="refund" data-position="${key}" data-testid="refund" ${this.busy.has(key) ? 'disabled' : ''}>Refund ${fmtAtoms(p.stake)}</button>`
            : '';
      const settled = v.round?.status === 'settled' ? ` · settled ${fmtPrice(v.round.settlementPrice)}` : '';
      return `<tr data-testid="position" data-state="${v.state}" data-quote="${bytesToHex(p.quoteId)}">
        <td>${esc(positionLabel({ symbol: v.symbol, side: p.side, strike: p.strike.toString() }))}<div class="muted">expiry ${v.round ? fmtClock(v.round.expiryTs) : '?'}${settled}</div></td>
        <td>${fmtAtoms(p.size)}</td><td>${fmtAtoms(p.stake)}</td>
        <td><span class="state ${v.state}">${STATE_TEXT[v.state]}</span></td><td>${action}</td></tr>`;
    });
    const closed = closedEntries.map((e) => {
      const n = e.position as PositionNote;
      return `<tr data-testid="closed-position" data-outcome="${n.outcome ?? ''}">
        <td>${esc(positionLabel(n))}<div class="muted">expiry ${fmtClock(BigInt(n.expiryTs))}</div></td>
        <td>${fmtAtoms(n.size)}</td><td>${fmtAtoms(n.stake)}</td>
        <td><span class="state ${n.outcome ?? ''}">${n.outcome === 'won' ? 'won · claimed' : n.outcome === 'refunded' ? 'refunded' : 'lost · closed'}</span></td><td class="ok">${paidLabel(n)}</td></tr>`;
    });
    byId('positions-body').innerHTML =
      rows.length + closed.length === 0
        ? '<tr><td colspan="5" class="muted">No positions. Click UP or DOWN on a verified quote to trade.</td></tr>'
        : [...rows, ...closed].join('');
  }

  private async close(key: string, kind: 'claim' | 'refund'): Promise<void> {
    const ctx = this.context();
    const view = this.views.find((v) => v.address.toBase58() === key);
    if (ctx === null || view === undefined || this.busy.has(key)) return;
    const owner = ctx.wallet.current?.publicKey;
    if (owner === undefined) return;
    const outcome = kind === 'refund' ? 'refunded' : view.state === 'won' ? 'won' : 'lost';
    const paid = outcome === 'won' ? view.position.size : outcome === 'refunded' ? view.position.stake : 0n;
    const n: PositionNote = { ...note(view), outcome, paid: paid.toString() };
    const entry = ctx.activity.start(kind, `${kind} ${positionLabel(n)}${paid > 0n ? ` · +${fmtAtoms(paid)}` : ''}`, n);
    this.busy.add(key);
    this.render();
    try {
      const tx = await ctx.chain.closeTx(owner, view, kind);
      await submit(ctx, entry, { transaction: tx.transaction.serialize(), blockhash: tx.blockhash, lastValidBlockHeight: tx.lastValidBlockHeight, programIx: 0 });
    } catch (err) {
      ctx.activity.update(entry, { status: 'failed', ...shown(err) });
    } finally {
      this.busy.delete(key);
      this.render();
    }
  }
}
