/**
 * Everything the terminal asked a wallet to sign, as it happened: waiting for the wallet, sent (with
 * its signature), confirmed, or failed with a code and message. Kept in localStorage per wallet, so a
 * reload never loses a signature; a claim entry also records what it paid, which is how a position
 * stays visible after its account is closed.
 */
import { esc } from '../dom.js';
import { fmtAtoms, fmtClock, fmtPrice } from '../format.js';

export type ActivityKind = 'take' | 'claim' | 'refund' | 'faucet';
export type ActivityStatus = 'signing' | 'sent' | 'confirmed' | 'failed';

export interface PositionNote {
  /** The position's quote id (hex). */
  readonly quoteId?: string;
  readonly symbol: string;
  readonly side: string;
  readonly strike: string;
  readonly size: string;
  readonly stake: string;
  readonly expiryTs: string;
  /** Claim entries: the outcome and what the claim paid to the wallet (atoms). */
  readonly outcome?: 'won' | 'lost' | 'refunded';
  readonly paid?: string;
}

export interface ActivityEntry {
  readonly id: string;
  readonly kind: ActivityKind;
  readonly at: number;
  status: ActivityStatus;
  label: string;
  signature?: string;
  code?: string;
  message?: string;
  position?: PositionNote;
}

const MAX_ENTRIES = 200;

export class ActivityLog {
  private entries: ActivityEntry[] = [];
  private key: string | null = null;

  constructor(private readonly render: () => void) {}

  /** Switch to a wallet's log (null: none connected). */
  load(owner: string | null): void {
    this.key = owner === null ? null : `exec-trade:activity:${owner}`;
    this.entries = [];
    if (this.key !== null) {
      try {
        this.entries = JSON.parse(localStorage.getItem(this.key) ?? '[]') as ActivityEntry[];
      } catch {
        this.entries = [];
      }
    }
    this.render();
  }

  start(kind: ActivityKind, label: string, position?: PositionNote): ActivityEntry {
    const entry: ActivityEntry = { id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, kind, at: Date.now(), status: 'signing', label, ...(position ? { position } : {}) };
    this.entries.unshift(entry);
    this.entries.length = Math.min(this.entries.length, MAX_ENTRIES);
    this.update(entry, {});
    return entry;
  }

  update(entry: ActivityEntry, patch: Partial<Omit<ActivityEntry, 'id' | 'kind' | 'at'>>): void {
    Object.assign(entry, patch);
    if (this.key !== null) localStorage.setItem(this.key, JSON.stringify(this.entries));
    this.render();
  }

  /** A take of this quote was sent (a quote makes one position per wallet). */
  hasTaken(quoteId: string): boolean {
    return this.entries.some((e) => e.kind === 'take' && e.status !== 'failed' && e.status !== 'signing' && e.position?.quoteId === quoteId);
  }

  /** Confirmed claims and refunds: positions whose accounts are closed. */
  closedPositions(): ActivityEntry[] {
    return this.entries.filter((e) => (e.kind === 'claim' || e.kind === 'refund') && e.status === 'confirmed' && e.position !== undefined);
  }

  html(): string {
    if (this.entries.length === 0) return '<p class="muted">No transactions yet.</p>';
    return `<ol class="activity">${this.entries
      .slice(0, 30)
      .map((e) => {
        const sig = e.signature ? `<code class="sig" data-testid="activity-signature" title="transaction signature">${esc(e.signature)}</code>` : '';
        const err = e.code ? `<div class="bad" data-testid="activity-error"><b>${esc(e.code)}</b> ${esc(e.message ?? '')}</div>` : '';
        return `<li data-kind="${e.kind}" data-status="${e.status}"><span class="muted">${fmtClock(Math.floor(e.at / 1000))}</span> <span class="st ${e.status}">${e.status}</span> ${esc(e.label)}${sig}${err}</li>`;
      })
      .join('')}</ol>`;
  }
}

/** "BTCUSDT UP ≥ 97,300.00" */
export const positionLabel = (p: Pick<PositionNote, 'symbol' | 'side' | 'strike'>): string => `${p.symbol} ${p.side.toUpperCase()} ≥ ${fmtPrice(p.strike)}`;

export const paidLabel = (p: PositionNote): string => (p.paid === undefined || p.paid === '0' ? '—' : `+${fmtAtoms(p.paid)}`);
