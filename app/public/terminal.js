// exec-trade market terminal: streams signed surfaces over /v1/stream, verifies every quote in the
// browser, detects sequence gaps and silent streams, and builds take-quote transactions through
// POST /v1/quotes/:id/transaction for a wallet to sign.
import { verifyQuote } from './verify.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const API = params.get('api') ?? location.origin;
const WS_URL = API.replace(/^http/, 'ws') + '/v1/stream';

/** @type {Map<string, { surface: any, seq: number, verified: Map<string, {ok:boolean, reason?:string}> }>} */
const markets = new Map();
const state = { oracle: '', symbols: [], selected: new Set(), ws: null, lastMessageAt: 0, heartbeatMs: 5000, retries: 0 };

const esc = (t) => String(t).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmtPrice = (micro) => {
  if (micro === null || micro === undefined) return '—';
  const n = BigInt(micro);
  const whole = n / 1_000_000n;
  const frac = (n % 1_000_000n).toString().padStart(6, '0').slice(0, 2);
  return `${whole.toLocaleString('en-US')}.${frac}`;
};
const fmtProb = (micro) => (Number(BigInt(micro)) / 1_000_000).toFixed(4);
const fmtSecs = (s) => (s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`);
const durationLabel = (d) => (d >= 3600 ? `${d / 3600}h` : `${d / 60}m`);

function setConn(text, cls) {
  const el = $('conn');
  el.textContent = text;
  el.className = `badge ${cls}`;
}

async function loadOracle() {
  const res = await fetch(`${API}/v1/oracle`);
  const o = await res.json();
  state.oracle = o.signer;
  state.symbols = o.symbols ?? ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
  $('oracle').textContent = `oracle ${o.signer.slice(0, 6)}…${o.signer.slice(-4)} · ${o.cluster} · program ${String(o.programId).slice(0, 6)}…`;
  $('sim').hidden = !o.simulated;
  const nav = $('symbols');
  nav.replaceChildren();
  for (const s of state.symbols) {
    state.selected.add(s);
    const b = document.createElement('button');
    b.textContent = s;
    b.setAttribute('aria-pressed', 'true');
    b.onclick = () => toggleSymbol(s, b);
    nav.append(b);
  }
}

function toggleSymbol(symbol, button) {
  const on = !state.selected.has(symbol);
  button.setAttribute('aria-pressed', String(on));
  if (on) state.selected.add(symbol);
  else {
    state.selected.delete(symbol);
    markets.delete(symbol);
    $(`m-${symbol}`)?.remove();
  }
  send({ op: on ? 'subscribe' : 'unsubscribe', symbols: [symbol] });
}

function send(msg) {
  if (state.ws?.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(msg));
}

function connect() {
  setConn('connecting…', 'warn');
  const ws = new WebSocket(WS_URL);
  state.ws = ws;
  ws.onopen = () => {
    state.retries = 0;
    state.lastMessageAt = Date.now();
    setConn('live', 'ok');
    send({ op: 'subscribe', symbols: [...state.selected] });
  };
  ws.onmessage = (ev) => {
    state.lastMessageAt = Date.now();
    onMessage(JSON.parse(ev.data));
  };
  ws.onclose = (ev) => {
    setConn(`disconnected${ev.reason ? `: ${ev.reason}` : ''} — retrying`, 'bad');
    const delay = Math.min(10_000, 250 * 2 ** state.retries++) * (0.5 + Math.random() / 2);
    setTimeout(connect, delay);
  };
}

function surfaceOf(msg) {
  return msg.surface ?? msg.data;
}

function onMessage(msg) {
  switch (msg.type) {
    case 'snapshot':
    case 'update': {
      const surface = surfaceOf(msg);
      const symbol = msg.symbol;
      if (!surface) return; // subscribed before the engine published anything for this symbol
      const prev = markets.get(symbol);
      if (msg.type === 'update' && prev && msg.seq !== prev.seq + 1) {
        // A gap: something was lost. Resubscribe to get a fresh snapshot.
        setConn(`gap on ${symbol} (${prev.seq} → ${msg.seq}), resyncing`, 'warn');
        send({ op: 'unsubscribe', symbols: [symbol] });
        send({ op: 'subscribe', symbols: [symbol] });
        return;
      }
      markets.set(symbol, { surface, seq: msg.seq ?? surface.seq, verified: new Map() });
      void verifyAndRender(symbol);
      break;
    }
    case 'heartbeat':
      if (msg.intervalMs) state.heartbeatMs = msg.intervalMs;
      break;
    case 'status': {
      const m = markets.get(msg.symbol);
      if (m) render(msg.symbol);
      break;
    }
    case 'error':
      setConn(`server: ${msg.message ?? msg.error?.message ?? 'error'}`, 'warn');
      break;
    default:
      break;
  }
}

async function verifyAndRender(symbol) {
  const m = markets.get(symbol);
  if (!m) return;
  const now = Date.now();
  const quotes = m.surface.rounds.flatMap((r) => r.quotes);
  const results = await Promise.all(quotes.map((q) => verifyQuote(q, { oracle: state.oracle, nowMs: now })));
  quotes.forEach((q, i) => m.verified.set(q.quoteId, results[i]));
  render(symbol);
}

function render(symbol) {
  const m = markets.get(symbol);
  if (!m) return;
  const s = m.surface;
  let panel = $(`m-${symbol}`);
  if (!panel) {
    panel = document.createElement('section');
    panel.id = `m-${symbol}`;
    panel.className = 'market';
    panel.dataset.testid = `market-${symbol}`;
    $('markets').append(panel);
  }
  const halted = s.status === 'halted';
  const now = Date.now();
  const sources = s.index.sources
    .map((src) => `<span class="${src.status === 'ok' ? 'ok' : 'bad'}" title="${esc(src.status)}">${esc(src.venue)}</span>`)
    .join('');
  const rounds = s.rounds
    .map((r) => {
      const closesIn = Math.max(0, r.tradingCloseTs - Math.floor(now / 1000));
      const rows = r.quotes
        .map((q) => {
          const v = m.verified.get(q.quoteId);
          const ok = v?.ok === true;
          const badge = v ? (ok ? '<span class="ok" data-verified="true">✓</span>' : `<span class="bad" data-verified="false" title="${esc(v.reason)}">✗</span>`) : '…';
          const dis = ok && !halted ? '' : 'disabled';
          return `<tr data-quote="${q.quoteId}"><td>${fmtPrice(q.strike)}</td>
            <td class="up"><button ${dis} data-side="up" data-id="${q.quoteId}">${fmtProb(q.upPrice)}</button></td>
            <td class="down"><button ${dis} data-side="down" data-id="${q.quoteId}">${fmtProb(q.downPrice)}</button></td>
            <td>${BigInt(q.maxSize).toLocaleString('en-US')}</td><td>${badge}</td></tr>`;
        })
        .join('');
      return `<div class="round"><div class="muted">${durationLabel(r.durationSec)} round · expires ${new Date(r.expiryTs * 1000).toISOString().slice(11, 19)}Z · closes in ${fmtSecs(closesIn)} · σ ${(Number(r.volatility) / 1e4).toFixed(1)}%</div>
        <table><thead><tr><th>strike</th><th>UP</th><th>DOWN</th><th>max size</th><th>sig</th></tr></thead><tbody>${rows || '<tr><td colspan="5" class="muted">no live quotes</td></tr>'}</tbody></table></div>`;
    })
    .join('');
  panel.innerHTML = `<header><strong>${symbol}</strong>
      <span class="index" data-testid="index-${symbol}">${fmtPrice(s.index.price)}</span>
      <span class="badge ${halted ? 'bad' : 'ok'}" data-testid="status-${symbol}">${halted ? 'HALTED' : 'OPEN'}</span>
      <span class="muted">seq ${m.seq}</span></header>
    ${halted ? `<p class="bad">${esc(s.haltReason ?? 'halted')}</p>` : ''}
    <div class="sources muted">${s.index.providers} providers: ${sources} ± ${fmtPrice(s.index.confidence)}</div>${rounds}`;
  for (const b of panel.querySelectorAll('button[data-id]')) {
    b.onclick = () => openTicket(symbol, b.dataset.id, b.dataset.side);
  }
}

function openTicket(symbol, quoteId, side) {
  const m = markets.get(symbol);
  const q = m?.surface.rounds.flatMap((r) => r.quotes).find((x) => x.quoteId === quoteId);
  if (!q) return;
  $('ticket').hidden = false;
  $('ticket').dataset.quote = quoteId;
  $('ticket').dataset.side = side;
  $('ticket-summary').textContent = `${symbol} ${side.toUpperCase()} ≥ ${fmtPrice(q.strike)} at ${fmtProb(side === 'up' ? q.upPrice : q.downPrice)} · valid ${Math.max(0, Math.round((q.validUntilMs - Date.now()) / 100) / 10)}s`;
  $('ticket-size').value = $('ticket-size').value || '1000000';
  $('ticket-trader').value = $('ticket-trader').value || window.solana?.publicKey?.toString() || '';
  $('ticket-result').textContent = '';
}

async function buildTicket() {
  const t = $('ticket');
  const out = $('ticket-result');
  out.textContent = 'building…';
  try {
    const res = await fetch(`${API}/v1/quotes/${t.dataset.quote}/transaction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ trader: $('ticket-trader').value.trim(), side: t.dataset.side, size: $('ticket-size').value.trim() }),
    });
    const body = await res.json();
    if (!res.ok) {
      out.textContent = `${res.status}: ${body.error?.message ?? JSON.stringify(body)}`;
      return;
    }
    out.textContent = `stake ${body.stake} · payout ${body.payout}\nunsigned transaction (${atob(body.transaction).length} bytes):\n${body.transaction}`;
    if (window.solana?.signAndSendTransaction) out.textContent += '\nwallet detected: approve in your wallet';
    else out.textContent += '\nno wallet detected: sign it with your wallet or `npm run trade`';
  } catch (err) {
    out.textContent = `request failed: ${err.message}`;
  }
}

$('ticket-build').onclick = () => void buildTicket();
$('ticket-cancel').onclick = () => ($('ticket').hidden = true);

// Watchdog: a stream with no message (not even a heartbeat) for 3 intervals is dead; replace it.
setInterval(() => {
  if (state.ws?.readyState === WebSocket.OPEN && Date.now() - state.lastMessageAt > 3 * state.heartbeatMs) {
    setConn('stream silent, reconnecting', 'warn');
    state.ws.close();
  }
  for (const symbol of markets.keys()) render(symbol);
}, 1000);

loadOracle()
  .then(connect)
  .catch((err) => setConn(`cannot reach ${API}: ${err.message}`, 'bad'));
