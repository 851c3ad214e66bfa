// exec-trade market terminal: streams signed surfaces over /v1/stream in delta mode (a snapshot, then
// per surface only the quotes that are new, rebuilt with applyDelta), verifies every quote in the
// browser once (verdicts cached per quoteId while the quote stays on the surface), detects sequence
// gaps and silent streams, and builds take-quote transactions through POST /v1/quotes/:id/transaction
// for a wallet to sign.
import { verifyQuote } from './verify.js';
import { applyDelta } from './surface-delta.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const API = params.get('api') ?? location.origin;
const WS_URL = API.replace(/^http/, 'ws') + '/v1/stream';

/**
 * Per symbol: the held surface and the verdict of each of its quotes ({ pending: quote } while being
 * verified). A snapshot starts a new entry; deltas and updates mutate the entry.
 * @type {Map<string, { surface: any, seq: number, verified: Map<string, {ok:boolean, reason?:string} | {pending:any}> }>}
 */
const markets = new Map();
/** Symbols waiting for the snapshot of a resubscription: their deltas are ignored until it comes. */
const resyncing = new Set();
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
  send(on ? { op: 'subscribe', symbols: [symbol], updates: 'delta' } : { op: 'unsubscribe', symbols: [symbol] });
}

/** A gap or a delta that does not apply: resubscribe to get a fresh snapshot. */
function resync(symbol, why) {
  setConn(`${why} on ${symbol}, resyncing`, 'warn');
  resyncing.add(symbol);
  send({ op: 'subscribe', symbols: [symbol], updates: 'delta' });
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
    resyncing.clear();
    send({ op: 'subscribe', symbols: [...state.selected], updates: 'delta' });
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
      resyncing.delete(msg.symbol);
      start(msg);
      break;
    case 'update': {
      // Full-mode frame (a server without delta mode): the whole surface, verdicts kept by quoteId.
      const m = markets.get(msg.symbol);
      if (resyncing.has(msg.symbol)) return;
      if (!m) return start(msg); // the first surface after a snapshot without one
      if (msg.seq !== m.seq + 1) return resync(msg.symbol, `gap (${m.seq} → ${msg.seq})`);
      const signatures = new Map(m.surface.rounds.flatMap((r) => r.quotes).map((q) => [q.quoteId, q.signature]));
      hold(msg.symbol, m, surfaceOf(msg), msg.seq, (q) => signatures.get(q.quoteId) !== q.signature);
      break;
    }
    case 'delta': {
      const m = markets.get(msg.symbol);
      if (resyncing.has(msg.symbol)) return;
      if (!m || msg.baseSeq !== m.seq) return resync(msg.symbol, `gap (${m?.seq ?? 'none'} → ${msg.seq})`);
      let surface;
      try {
        surface = applyDelta(m.surface, msg);
      } catch (err) {
        return resync(msg.symbol, err.message);
      }
      const fresh = new Set(msg.quotes);
      hold(msg.symbol, m, surface, msg.seq, (q) => fresh.has(q));
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

/** A fresh start for the symbol from a frame carrying a whole surface: every quote is verified. */
function start(msg) {
  const surface = surfaceOf(msg);
  if (!surface) return; // subscribed before the engine published anything for this symbol
  const m = { surface, seq: msg.seq ?? surface.seq, verified: new Map() };
  markets.set(msg.symbol, m);
  void verifyAndRender(msg.symbol, m, surface.rounds.flatMap((r) => r.quotes));
}

/** Make `surface` the held one: verdicts of quotes that stay are kept, `isNew` quotes are verified. */
function hold(symbol, m, surface, seq, isNew) {
  const quotes = surface.rounds.flatMap((r) => r.quotes);
  const verified = new Map();
  const toVerify = [];
  for (const q of quotes) {
    if (isNew(q) || !m.verified.has(q.quoteId)) toVerify.push(q);
    else verified.set(q.quoteId, m.verified.get(q.quoteId));
  }
  m.surface = surface;
  m.seq = seq;
  m.verified = verified;
  void verifyAndRender(symbol, m, toVerify);
}

/** Verify `quotes` (every one of a snapshot, the new ones of a delta) and render the symbol. */
async function verifyAndRender(symbol, m, quotes) {
  const now = Date.now();
  for (const q of quotes) m.verified.set(q.quoteId, { pending: q });
  const results = await Promise.all(quotes.map((q) => verifyQuote(q, { oracle: state.oracle, nowMs: now })));
  // A later surface may have replaced the verdict map meanwhile: results go into the current one,
  // and only for the very quote object that was verified.
  quotes.forEach((q, i) => {
    if (m.verified.get(q.quoteId)?.pending === q) m.verified.set(q.quoteId, results[i]);
  });
  if (markets.get(symbol) === m) render(symbol);
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
          const found = m.verified.get(q.quoteId);
          const v = found && !found.pending ? found : undefined;
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
