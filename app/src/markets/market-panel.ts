/**
 * One symbol's panel: index, status and seq; venue health; the index chart with the strikes and
 * expiry of the round in view; round tabs (a tab resubscribes the symbol with a round filter, so
 * the stream carries only that round); then per round its schedule, probability curve and ladder.
 */
import { roundLabel, type SurfaceQuote, type SurfaceRoundJson } from '../../../engine/src/client/index.js';
import type { HistorySample } from '../api.js';
import { IndexChart, type RoundMarks } from '../charts/index-chart.js';
import { probabilityCurveSvg } from '../charts/probability-curve.js';
import { venueHealthHtml } from '../charts/venue-health.js';
import { esc, h } from '../dom.js';
import { fmtClock, fmtPrice, fmtSecs } from '../format.js';
import type { Side } from '../price.js';
import { LadderTable } from './ladder.js';
import type { MarketUpdate } from './market-stream.js';

export interface PanelActions {
  take(symbol: string, expiryTs: number, strike: string, side: Side): void;
  /** Show only the round of this label (null: every round). */
  filter(symbol: string, round: string | null): void;
}

interface RoundBlock {
  readonly el: HTMLElement;
  readonly head: HTMLElement;
  readonly curve: HTMLElement;
  readonly ladder: LadderTable;
}

/** The at-the-money strike: the one nearest the index. */
function atmStrike(quotes: readonly SurfaceQuote[], index: string | null): string | null {
  if (quotes.length === 0 || index === null) return null;
  const ref = BigInt(index);
  const dist = (q: SurfaceQuote): bigint => (BigInt(q.strike) > ref ? BigInt(q.strike) - ref : ref - BigInt(q.strike));
  return quotes.reduce((best, q) => (dist(q) < dist(best) ? q : best)).strike;
}

export class MarketPanel {
  readonly el: HTMLElement;
  private readonly head: HTMLElement;
  private readonly health: HTMLElement;
  private readonly tabs: HTMLElement;
  private readonly roundsEl: HTMLElement;
  private readonly chart: IndexChart;
  private readonly blocks = new Map<number, RoundBlock>();
  /** Every round duration seen unfiltered, for the tabs. */
  private readonly labels = new Set<string>();
  private filter: string | null = null;
  private last: MarketUpdate | null = null;

  constructor(
    readonly symbol: string,
    private readonly actions: PanelActions,
  ) {
    this.head = h('header');
    this.health = h('div', { class: 'health', 'data-testid': `venue-health-${symbol}` });
    const chartBox = h('div', { class: 'chart', 'data-testid': `chart-${symbol}` });
    this.tabs = h('div', { class: 'tabs', role: 'tablist' });
    this.roundsEl = h('div', { class: 'rounds' });
    this.el = h('section', { class: 'market', id: `m-${symbol}`, 'data-testid': `market-${symbol}` }, this.head, this.health, chartBox, this.tabs, this.roundsEl);
    this.chart = new IndexChart(chartBox);
    this.roundsEl.addEventListener('click', (ev) => {
      const b = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-side]');
      if (b && !b.disabled) this.actions.take(symbol, Number(b.dataset['expiry']), b.dataset['strike'] as string, b.dataset['side'] as Side);
    });
    this.tabs.addEventListener('click', (ev) => {
      const b = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-round]');
      if (!b) return;
      this.filter = b.dataset['round'] === 'all' ? null : (b.dataset['round'] as string);
      this.actions.filter(symbol, this.filter);
      this.renderTabs();
    });
  }

  /** The round tab chosen (null: every round). */
  get roundFilter(): string | null {
    return this.filter;
  }

  seedHistory(samples: readonly HistorySample[]): void {
    this.chart.seed(samples);
  }

  dispose(): void {
    this.chart.dispose();
    this.el.remove();
  }

  update(u: MarketUpdate, nowMs: number): void {
    this.last = u;
    if (this.filter === null) for (const r of u.surface.rounds) this.labels.add(roundLabel(r.durationSec));
    this.chart.push(u.surface.index);
    this.render(nowMs);
  }

  /** Clock tick: countdowns, expired quotes' buttons. */
  render(nowMs: number): void {
    const u = this.last;
    if (u === null) return;
    const s = u.surface;
    const halted = s.status === 'halted';
    this.head.innerHTML = `<strong>${esc(this.symbol)}</strong>
      <span class="index" data-testid="index-${esc(this.symbol)}">${fmtPrice(s.index.price)}</span>
      <span class="badge ${halted ? 'bad' : 'ok'}" data-testid="status-${esc(this.symbol)}">${halted ? 'HALTED' : 'OPEN'}</span>
      <span class="muted">seq ${u.seq}</span>${halted ? `<span class="bad">${esc(s.haltReason ?? 'halted')}</span>` : ''}`;
    this.health.innerHTML = venueHealthHtml(s.index, nowMs);
    this.renderTabs();
    this.renderRounds(s.rounds, u, halted, nowMs);
    const inView = s.rounds[0];
    this.chart.mark(inView === undefined ? null : this.marks(inView, s.index.price), nowMs);
  }

  private marks(round: SurfaceRoundJson<SurfaceQuote>, index: string | null): RoundMarks {
    return { expiryTs: round.expiryTs, strikes: round.quotes.map((q) => q.strike), atmStrike: atmStrike(round.quotes, index), label: roundLabel(round.durationSec) };
  }

  private renderTabs(): void {
    const labels = ['all', ...[...this.labels]];
    const html = labels
      .map((l) => `<button type="button" data-round="${esc(l)}" aria-selected="${(this.filter ?? 'all') === l}">${esc(l)}</button>`)
      .join('');
    if (this.tabs.innerHTML !== html) this.tabs.innerHTML = html;
  }

  private renderRounds(rounds: readonly SurfaceRoundJson<SurfaceQuote>[], u: MarketUpdate, halted: boolean, nowMs: number): void {
    const live = new Set<number>();
    let previous: HTMLElement | null = null;
    for (const round of rounds) {
      live.add(round.expiryTs);
      const block = this.blocks.get(round.expiryTs) ?? this.addBlock(round.expiryTs);
      const expected: ChildNode | null = previous === null ? this.roundsEl.firstChild : previous.nextSibling;
      if (expected !== block.el) this.roundsEl.insertBefore(block.el, expected);
      previous = block.el;
      const closesIn = Math.max(0, Math.ceil(round.tradingCloseTs - nowMs / 1000));
      const label = roundLabel(round.durationSec);
      block.head.innerHTML = `<b>${label}</b> round · expires ${fmtClock(round.expiryTs)}Z · ${closesIn > 0 ? `closes in ${fmtSecs(closesIn)}` : '<span class="warn">trading closed</span>'} · σ ${(Number(round.volatility) / 1e4).toFixed(1)}%`;
      block.curve.innerHTML = probabilityCurveSvg(round.quotes, u.surface.index.price, nowMs, `curve-${this.symbol}-${label}`);
      block.ladder.update(round, u.verdicts, halted, nowMs);
    }
    for (const [expiry, block] of this.blocks) {
      if (!live.has(expiry)) {
        block.el.remove();
        this.blocks.delete(expiry);
      }
    }
  }

  private addBlock(expiryTs: number): RoundBlock {
    const head = h('div', { class: 'muted round-head' });
    const curve = h('div', { class: 'curve-box' });
    const ladder = new LadderTable(expiryTs);
    const el = h('div', { class: 'round', 'data-expiry': expiryTs }, head, h('div', { class: 'round-body' }, curve, ladder.table));
    const block = { el, head, curve, ladder };
    this.blocks.set(expiryTs, block);
    return block;
  }
}
