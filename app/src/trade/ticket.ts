/**
 * The trade ticket: a ladder click picks symbol, round, strike and side; the trader enters a size
 * (the payout if the position wins); Preview asks the engine to build the transaction for the
 * freshest verified quote at that strike (POST /v1/quotes/:id/transaction: stake, payout, house
 * collateral); Sign & send goes through the wallet (submit.ts). Checks a user can fail are made
 * before the wallet is asked: wallet, chain, size, quote verified and live, round open, collateral
 * and SOL. A preview whose quote expired is rebuilt; if the stake changed, the new preview is shown
 * and the trader confirms again.
 */
import { VersionedTransaction } from '@solana/web3.js';
import { bytesToHex, type SurfaceQuote } from '../../../engine/src/client/index.js';
import { api, type TakePreview } from '../api.js';
import { byId, esc } from '../dom.js';
import { shown, TerminalError } from '../errors.js';
import { fmtAtoms, fmtClock, fmtPrice, fmtProb, parseAtoms } from '../format.js';
import type { Verdict } from '../markets/market-stream.js';
import { takerPrice, type Side } from '../price.js';
import type { Balances, ChainClient } from './chain.js';
import { positionLabel } from './activity.js';
import { submit, type SubmitContext } from './submit.js';

export interface LiveQuote {
  readonly quote: SurfaceQuote;
  readonly verdict: Verdict | undefined;
  readonly tradingCloseTs: number;
  readonly halted: boolean;
}

export interface TicketDeps {
  /** The current quote at this symbol, round and strike, if the surface still has one. */
  liveQuote(symbol: string, expiryTs: number, strike: string): LiveQuote | null;
  /** Null until a wallet is connected and the chain is ready. */
  context(): (SubmitContext & { readonly balances: Balances | null }) | null;
  /** Why there is no context (no wallet, chain starting, …). */
  whyNoContext(): TerminalError;
}

interface Target {
  readonly symbol: string;
  readonly expiryTs: number;
  readonly strike: string;
  readonly side: Side;
}

/** A preview stays usable while its quote has at least this long left. */
const MIN_VALIDITY_MS = 750;
/**
 * Older previews are rebuilt right before the wallet is asked, so the transaction carries a recent
 * blockhash (a cluster accepts one for 60–90 s, the demo's local chain for 1–2 s) and the freshest
 * quote; an unchanged stake goes straight on to the wallet.
 */
const REBUILD_AFTER_MS = 500;

export class Ticket {
  private target: Target | null = null;
  private preview: TakePreview | null = null;
  private previewAtMs = 0;
  private busy = false;

  constructor(private readonly deps: TicketDeps) {
    byId('ticket-close').onclick = () => this.close();
    byId('ticket-build').onclick = () => void this.run(() => this.buildPreview());
    byId('ticket-send').onclick = () => void this.run(() => this.send());
    byId<HTMLInputElement>('ticket-size').oninput = () => this.setPreview(null);
  }

  open(symbol: string, expiryTs: number, strike: string, side: Side): void {
    this.target = { symbol, expiryTs, strike, side };
    this.setPreview(null);
    this.result('', '');
    byId('ticket').hidden = false;
    this.refresh(Date.now());
    byId<HTMLInputElement>('ticket-size').focus();
  }

  close(): void {
    this.target = null;
    this.setPreview(null);
    byId('ticket').hidden = true;
  }

  /** Redraw the live line (price, validity); called on every surface and clock tick. */
  refresh(nowMs: number): void {
    const t = this.target;
    if (t === null) return;
    const live = this.deps.liveQuote(t.symbol, t.expiryTs, t.strike);
    const head = `<b>${esc(positionLabel(t))}</b> · round expiring ${fmtClock(t.expiryTs)}`;
    if (live === null) {
      byId('ticket-quote').innerHTML = `${head}<br><span class="bad">no live quote at this strike (the round closed or the strike left the ladder)</span>`;
      return;
    }
    const leftMs = Math.max(0, live.quote.validUntilMs - nowMs);
    const verified = live.verdict === undefined ? '<span class="muted">verifying…</span>' : live.verdict.ok ? '<span class="ok">✓ verified</span>' : '<span class="bad">✗ not verified</span>';
    byId('ticket-quote').innerHTML = `${head}<br>price <b data-testid="ticket-price">${fmtProb(takerPrice(live.quote, t.side, nowMs))}</b> · quote valid ${(leftMs / 1000).toFixed(1)}s · ${verified}`;
  }

  private async run(step: () => Promise<unknown>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.buttons();
    try {
      await step();
    } catch (err) {
      const { code, message } = shown(err);
      this.result('bad', `<b>${esc(code)}</b> ${esc(message)}`);
    } finally {
      this.busy = false;
      this.buttons();
    }
  }

  /** The live, verified, open quote of the target, or the reason there is none. */
  private quote(nowMs: number): SurfaceQuote {
    const t = this.target;
    if (t === null) throw new TerminalError('EXEC_ERR_TERMINAL_UNEXPECTED', 'no strike selected');
    const live = this.deps.liveQuote(t.symbol, t.expiryTs, t.strike);
    if (live === null) throw new TerminalError('EXEC_ERR_QUOTE_GONE', 'no live quote at this strike: the round closed or the strike left the ladder; pick a strike of the current round');
    if (live.halted) throw new TerminalError('EXEC_ERR_MARKET_HALTED', `${t.symbol} is halted: no trades until it reopens`);
    if (nowMs >= live.tradingCloseTs * 1000) throw new TerminalError('EXEC_ERR_ROUND_CLOSED', `trading in this round closed at ${fmtClock(live.tradingCloseTs)}`);
    if (live.quote.validUntilMs <= nowMs) throw new TerminalError('EXEC_ERR_QUOTE_EXPIRED', 'the quote at this strike expired and its successor has not arrived yet (a second or two)');
    if (live.verdict === undefined) throw new TerminalError('EXEC_ERR_QUOTE_UNVERIFIED', 'the quote is still being verified; try again in a moment');
    if (!live.verdict.ok) throw new TerminalError('EXEC_ERR_QUOTE_UNVERIFIED', `the quote failed verification in this browser (${live.verdict.code}): it cannot be taken`);
    return live.quote;
  }

  private size(): bigint {
    const size = parseAtoms(byId<HTMLInputElement>('ticket-size').value);
    if (size === null) throw new TerminalError('EXEC_ERR_BAD_SIZE', 'size must be a positive amount of collateral with at most 6 decimals, e.g. 10 or 2.5');
    return size;
  }

  private async buildPreview(): Promise<TakePreview> {
    const ctx = this.deps.context();
    if (ctx === null) throw this.deps.whyNoContext();
    const t = this.target as Target;
    this.setPreview(null); // a preview whose quote is gone must not stay on screen
    const quote = this.quote(Date.now());
    if (ctx.activity.hasTaken(quote.quoteId)) {
      throw new TerminalError('EXEC_ERR_QUOTE_ALREADY_TAKEN', 'this wallet already took this quote (one position per quote): the next quote at this strike comes within a second or two');
    }
    this.result('muted', 'building the transaction…');
    const preview = await api.takeTransaction(quote.quoteId, ctx.wallet.current!.publicKey.toBase58(), t.side, this.size());
    this.setPreview(preview);
    this.result('', '');
    return preview;
  }

  private async send(): Promise<void> {
    const ctx = this.deps.context();
    if (ctx === null) throw this.deps.whyNoContext();
    let preview = this.preview ?? (await this.buildPreview());
    if (Date.now() - this.previewAtMs > REBUILD_AFTER_MS || preview.expiresAtMs - Date.now() < MIN_VALIDITY_MS) {
      const previous = preview;
      preview = await this.buildPreview();
      if (preview.stake !== previous.stake) {
        throw new TerminalError('EXEC_ERR_PRICE_MOVED', `the price moved since the preview: stake ${fmtAtoms(previous.stake)} → ${fmtAtoms(preview.stake)}; review the new preview and send again`);
      }
    }
    this.checkFunds(ctx.balances, BigInt(preview.stake));
    const bytes = Uint8Array.from(atob(preview.transaction), (c) => c.charCodeAt(0));
    const programIx = VersionedTransaction.deserialize(bytes).message.compiledInstructions.length - 1;
    const t = this.target as Target;
    const note = { quoteId: preview.quoteId, symbol: t.symbol, side: t.side, strike: t.strike, size: preview.size, stake: preview.stake, expiryTs: String(t.expiryTs) };
    const entry = ctx.activity.start('take', `take ${positionLabel(note)} · size ${fmtAtoms(preview.size)} · stake ${fmtAtoms(preview.stake)}`, note);
    this.setPreview(null); // a quote is taken once: the next trade needs a new preview
    this.result('muted', 'waiting for the wallet…');
    const ok = await submit(ctx, entry, { transaction: bytes, blockhash: preview.blockhash, lastValidBlockHeight: preview.lastValidBlockHeight, programIx });
    // what the chain charged: a decaying (v2) quote costs more the later it lands than its preview
    const stake = ok ? await this.landedStake(ctx, preview) : preview.stake;
    byId('ticket-result').dataset['stake'] = ok ? stake : '';
    if (ok) this.result('ok', `confirmed: position ${esc(positionLabel(note))}, size ${fmtAtoms(preview.size)}, stake ${fmtAtoms(stake)}<br><code class="sig">${esc(entry.signature ?? '')}</code>`);
    else this.result('bad', `<b>${esc(entry.code ?? '')}</b> ${esc(entry.message ?? '')}${entry.signature ? `<br><code class="sig">${esc(entry.signature)}</code>` : ''}`);
  }

  /** The stake of the position this take opened, read from the chain (the preview's if it cannot be read). */
  private async landedStake(ctx: SubmitContext, preview: TakePreview): Promise<string> {
    const owner = ctx.wallet.current?.publicKey;
    if (owner === undefined) return preview.stake;
    const views = await ctx.chain.positions(owner).catch(() => []);
    const mine = views.find((v) => bytesToHex(v.position.quoteId) === preview.quoteId.toLowerCase());
    return mine === undefined ? preview.stake : mine.position.stake.toString();
  }

  private checkFunds(b: Balances | null, stake: bigint): void {
    if (b === null) return; // not loaded yet: the chain decides
    if (b.lamports === 0) throw new TerminalError('EXEC_ERR_NO_SOL', 'the wallet has no SOL for fees and rent (use the faucet in the demo)');
    if (b.collateral === null) throw new TerminalError('EXEC_ERR_NO_TOKEN_ACCOUNT', 'the wallet has no collateral token account (use the faucet in the demo)');
    if (b.collateral < stake) throw new TerminalError('EXEC_ERR_INSUFFICIENT_FUNDS', `the stake is ${fmtAtoms(stake)} but the wallet holds ${fmtAtoms(b.collateral)} collateral`);
  }

  private setPreview(p: TakePreview | null): void {
    this.preview = p;
    this.previewAtMs = Date.now();
    const dl = byId('ticket-preview');
    dl.innerHTML =
      p === null
        ? ''
        : `<dt>price</dt><dd data-testid="preview-price">${fmtProb(p.price)}</dd>
           <dt>stake (you pay)</dt><dd data-testid="preview-stake" data-atoms="${esc(p.stake)}">${fmtAtoms(p.stake)}</dd>
           <dt>payout if it wins</dt><dd data-testid="preview-payout" data-atoms="${esc(p.payout)}">${fmtAtoms(p.payout)}</dd>
           <dt>house collateral</dt><dd data-testid="preview-house" data-atoms="${esc(p.houseCollateral)}">${fmtAtoms(p.houseCollateral)}</dd>
           <dt>strike</dt><dd>${fmtPrice(this.target?.strike ?? null)}</dd>
           <dt>transaction</dt><dd>${p.serializedSize} bytes${p.openRound ? ', opens the round' : ''}</dd>`;
    this.buttons();
  }

  private buttons(): void {
    byId<HTMLButtonElement>('ticket-build').disabled = this.busy;
    byId<HTMLButtonElement>('ticket-send').disabled = this.busy || this.preview === null;
  }

  private result(cls: string, html: string): void {
    const el = byId('ticket-result');
    el.className = cls;
    el.innerHTML = html;
    if (cls !== 'ok') el.dataset['stake'] = '';
  }
}
