/**
 * exec-trade market terminal: composition. Oracle info → one panel per symbol fed by the stream
 * (every quote verified here) and seeded with index history → wallet (Wallet Standard) → trading
 * session (chain, balances, positions) → ticket, positions panel, activity log. A one-second clock
 * redraws countdowns and disables quotes as they expire.
 */
import './polyfills.js';
import './terminal.css';
import { api, type OracleInfo } from './api.js';
import { byId, h } from './dom.js';
import { shown } from './errors.js';
import { shortKey } from './format.js';
import { MarketPanel } from './markets/market-panel.js';
import { MarketStream, type MarketUpdate } from './markets/market-stream.js';
import { ActivityLog } from './trade/activity.js';
import { PositionsPanel } from './trade/positions.js';
import { TradeSession } from './trade/session.js';
import { Ticket, type LiveQuote } from './trade/ticket.js';
import { WalletBar } from './wallet/wallet-bar.js';
import { WalletConnector } from './wallet/standard-wallet.js';

const HISTORY_SECONDS = 900;

function setConn(text: string, level: 'ok' | 'warn' | 'bad'): void {
  const el = byId('conn');
  el.textContent = text;
  el.className = `badge ${level}`;
}

function showOracle(o: OracleInfo): void {
  byId('sim').hidden = !o.simulated;
  byId('oracle').textContent = `oracle ${shortKey(o.signer)} · ${o.cluster} · program ${shortKey(o.programId)}`;
  const c = o.chain;
  const chain = byId('chain');
  chain.textContent = c.status === 'ready' ? `chain ${o.rpcUrl ?? ''}` : `chain ${c.status}${c.detail ? `: ${c.detail}` : ''}`;
  chain.className = c.status === 'ready' ? 'muted' : c.status === 'failed' ? 'bad' : 'warn';
  chain.dataset['status'] = c.status;
}

async function loadOracle(): Promise<OracleInfo> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.oracle();
    } catch (err) {
      setConn(`cannot reach the engine: ${shown(err).message}; retrying`, 'bad');
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
    }
  }
}

async function main(): Promise<void> {
  const oracle = await loadOracle();
  showOracle(oracle);
  const updates = new Map<string, MarketUpdate>();
  const panels = new Map<string, MarketPanel>();

  const connector = new WalletConnector();
  const activity = new ActivityLog(() => {
    byId('activity').innerHTML = activity.html();
    positions.render();
  });
  const session: TradeSession = new TradeSession(oracle, connector, activity, {
    onChain: (o) => {
      showOracle(o);
      walletBar.render(null);
    },
    onBalances: (b) => walletBar.render(b),
    onPositions: (p) => positions.set(p),
    onError: (text) => walletBar.message(text, 'bad'),
  });
  const positions = new PositionsPanel(activity, () => session.context());
  const walletBar = new WalletBar(connector, { faucet: () => session.faucet() });
  const ticket = new Ticket({
    liveQuote: (symbol, expiryTs, strike): LiveQuote | null => {
      const u = updates.get(symbol);
      const round = u?.surface.rounds.find((r) => r.expiryTs === expiryTs);
      const quote = round?.quotes.find((q) => q.strike === strike);
      if (u === undefined || round === undefined || quote === undefined) return null;
      return { quote, verdict: u.verdicts.get(quote.quoteId), tradingCloseTs: round.tradingCloseTs, halted: u.surface.status === 'halted' };
    },
    context: () => session.context(),
    whyNoContext: () => session.whyNoContext(),
  });

  const stream = await MarketStream.create(oracle.signer, {
    onUpdate: (u) => {
      updates.set(u.symbol, u);
      panels.get(u.symbol)?.update(u, Date.now());
      ticket.refresh(Date.now());
      showVerified();
    },
    onStatus: setConn,
    onSettlement: () => void session.refresh(),
  });
  const showVerified = (): void => {
    let ok = 0;
    let total = 0;
    for (const u of updates.values()) {
      for (const v of u.verdicts.values()) {
        total++;
        if (v.ok) ok++;
      }
    }
    const el = byId('verified');
    el.textContent = `${ok}/${total} quotes verified (${stream.backend})`;
    el.className = ok === total ? 'muted' : 'bad';
  };

  const nav = byId('symbols');
  for (const { symbol } of oracle.markets) {
    const panel = new MarketPanel(symbol, {
      take: (s, expiryTs, strike, side) => ticket.open(s, expiryTs, strike, side),
      filter: (s, round) => stream.watch(s, round),
    });
    panels.set(symbol, panel);
    byId('markets').append(panel.el);
    stream.watch(symbol, null);
    api.history(symbol, HISTORY_SECONDS).then((h) => panel.seedHistory(h.samples), () => undefined); // the stream fills the chart anyway
    const toggle = h('button', { type: 'button', 'aria-pressed': 'true' }, symbol);
    toggle.onclick = () => {
      const on = toggle.getAttribute('aria-pressed') !== 'true';
      toggle.setAttribute('aria-pressed', String(on));
      panel.el.hidden = !on;
      if (on) stream.watch(symbol, panel.roundFilter);
      else {
        stream.unwatch(symbol);
        updates.delete(symbol);
        showVerified();
      }
    };
    nav.append(toggle);
  }
  stream.start();
  session.start();
  walletBar.render(null);
  activity.load(null);

  window.setInterval(() => {
    const now = Date.now();
    for (const panel of panels.values()) panel.render(now);
    ticket.refresh(now);
  }, 1_000);
}

void main();
