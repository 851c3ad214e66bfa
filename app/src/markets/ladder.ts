/**
 * One round's ladder: a row per strike with UP and DOWN take buttons (prices through takerPrice),
 * the max size and the quote's verdict. Rows are keyed by strike and updated in place, so a button
 * under the pointer is never replaced by a re-render (a click would be lost) and the row keeps its
 * element while its quote is re-signed. A quote is takeable only when verified, live and the round
 * open.
 */
import type { SurfaceQuote, SurfaceRoundJson } from '../../../engine/src/client/index.js';
import { h } from '../dom.js';
import { fmtAtoms, fmtPrice, fmtProb } from '../format.js';
import type { Verdict } from './market-stream.js';
import { takerPrice, type Side } from '../price.js';

interface Row {
  readonly tr: HTMLTableRowElement;
  readonly up: HTMLButtonElement;
  readonly down: HTMLButtonElement;
  readonly max: HTMLTableCellElement;
  readonly sig: HTMLTableCellElement;
}

export class LadderTable {
  readonly table: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;
  private readonly rows = new Map<string, Row>();
  private readonly empty: HTMLTableRowElement;

  constructor(readonly expiryTs: number) {
    this.body = h('tbody');
    this.empty = h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'no live quotes'));
    this.table = h(
      'table',
      { class: 'ladder' },
      h('thead', {}, h('tr', {}, h('th', {}, 'strike'), h('th', {}, 'UP'), h('th', {}, 'DOWN'), h('th', {}, 'max size'), h('th', {}, 'sig'))),
      this.body,
    );
  }

  update(round: SurfaceRoundJson<SurfaceQuote>, verdicts: ReadonlyMap<string, Verdict>, halted: boolean, nowMs: number): void {
    const seen = new Set<string>();
    let previous: HTMLTableRowElement | null = null;
    for (const quote of round.quotes) {
      seen.add(quote.strike);
      const row = this.rows.get(quote.strike) ?? this.addRow(quote.strike);
      // keep ladder order: each row right after the one before it
      const expected: ChildNode | null = previous === null ? this.body.firstChild : previous.nextSibling;
      if (expected !== row.tr) this.body.insertBefore(row.tr, expected);
      previous = row.tr;
      this.fill(row, quote, verdicts.get(quote.quoteId), halted || nowMs >= round.tradingCloseTs * 1000, nowMs);
    }
    for (const [strike, row] of this.rows) {
      if (!seen.has(strike)) {
        row.tr.remove();
        this.rows.delete(strike);
      }
    }
    if (round.quotes.length === 0) this.body.replaceChildren(this.empty);
    else this.empty.remove();
  }

  private addRow(strike: string): Row {
    const button = (side: Side): HTMLButtonElement => h('button', { type: 'button', 'data-side': side, 'data-strike': strike, 'data-expiry': this.expiryTs, disabled: true });
    const up = button('up');
    const down = button('down');
    const max = h('td');
    const sig = h('td');
    const tr = h('tr', { 'data-strike': strike }, h('td', {}, fmtPrice(strike)), h('td', { class: 'up' }, up), h('td', { class: 'down' }, down), max, sig);
    const row = { tr, up, down, max, sig };
    this.rows.set(strike, row);
    return row;
  }

  private fill(row: Row, quote: SurfaceQuote, verdict: Verdict | undefined, closed: boolean, nowMs: number): void {
    row.tr.dataset['quote'] = quote.quoteId;
    const takeable = verdict?.ok === true && !closed && quote.validUntilMs > nowMs;
    for (const [button, side] of [[row.up, 'up'], [row.down, 'down']] as const) {
      const text = fmtProb(takerPrice(quote, side, nowMs));
      if (button.textContent !== text) button.textContent = text;
      button.disabled = !takeable;
    }
    const max = fmtAtoms(quote.maxSize);
    if (row.max.textContent !== max) row.max.textContent = max;
    const state = verdict === undefined ? 'pending' : verdict.ok ? 'true' : 'false';
    if (row.sig.dataset['state'] !== state || row.sig.title !== (verdict && !verdict.ok ? verdict.reason : '')) {
      row.sig.dataset['state'] = state;
      row.sig.replaceChildren(
        verdict === undefined
          ? h('span', { class: 'muted' }, '…')
          : verdict.ok
            ? h('span', { class: 'ok', 'data-verified': 'true', title: 'ed25519 signature by the oracle key verified in this browser' }, '✓')
            : h('span', { class: 'bad', 'data-verified': 'false', title: `${verdict.code}: ${verdict.reason}` }, '✗'),
      );
      row.sig.title = verdict && !verdict.ok ? verdict.reason : '';
    }
  }
}
