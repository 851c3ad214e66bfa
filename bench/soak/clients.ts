/**
 * Soak stream clients, run as their own process (so their work does not stall the engine's or the
 * driver's event loop): `clients.ts <wsUrl> <count> <slowFraction> <durationMs>`. Each client
 * subscribes to one symbol (round robin). Fast clients read every frame's head (type, symbol, seq,
 * ts) without parsing the body, count lost updates from seq gaps and sample delivery latency (frame
 * ts = built, wall clock µs → received). Slow clients stop reading (socket paused) so the engine must
 * cut them. Prints one JSON line of results at the end.
 */
import WebSocket from 'ws';
import { Reservoir, percentile } from './stats.js';

const [url = '', countArg = '1000', slowArg = '0.05', durationArg = '60000'] = process.argv.slice(2);
const count = Number(countArg);
const slowEvery = Number(slowArg) > 0 ? Math.round(1 / Number(slowArg)) : 0;
const durationMs = Number(durationArg);
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
const HEAD = /^\{"type":"(\w+)","symbol":"(\w+)","seq":(\d+|null),"ts":([\d.]+)/;

const latency = new Reservoir();
let frames = 0;
let lost = 0;
let lostClients = 0;
let slowCut = 0;
let fastClosed = 0;
let opened = 0;
const now = (): number => performance.timeOrigin + performance.now();

function startClient(i: number): void {
  const slow = slowEvery > 0 && i % slowEvery === 0;
  const ws = new WebSocket(url, { perMessageDeflate: false });
  let last: number | null = null;
  let myLost = 0;
  ws.on('open', () => {
    opened += 1;
    ws.send(JSON.stringify({ op: 'subscribe', symbols: [SYMBOLS[i % SYMBOLS.length]] }));
    // ws.pause() stops reading for good (pausing the raw socket is undone by ws when its parser drains)
    if (slow) setTimeout(() => ws.pause(), 2_000);
  });
  ws.on('message', (data: Buffer) => {
    if (slow) return;
    const m = HEAD.exec(data.subarray(0, 160).toString('latin1'));
    if (m === null || m[3] === 'null') return;
    frames += 1;
    const seq = Number(m[3]);
    if (m[1] === 'update' && last !== null && seq > last + 1) myLost += seq - last - 1;
    last = seq;
    // a snapshot on subscribe carries the time its surface was built, maybe a second ago: not a delivery
    if (m[1] === 'update') latency.add(now() - Number(m[4]));
  });
  ws.on('close', (code) => {
    if (slow && code === 4001) slowCut += 1;
    else if (!slow && !ending) fastClosed += 1;
    if (myLost > 0) lostClients += 1;
    lost += myLost;
  });
  ws.on('error', () => undefined);
  clients.push(ws);
}

let ending = false;
const clients: WebSocket[] = [];
setTimeout(() => {
  ending = true;
  for (const ws of clients) ws.terminate();
}, durationMs);

// open gradually (50 per 100 ms), as real clients arrive, not as one SYN flood
for (let i = 0; i < count; i++) setTimeout(() => startClient(i), Math.floor(i / 50) * 100);
setTimeout(() => {
  const s = latency.sorted();
  const out = { opened, frames, lostUpdatesFastClients: lost, fastClientsWithLoss: lostClients, fastClientsClosedEarly: fastClosed, slowClients: slowEvery > 0 ? Math.ceil(count / slowEvery) : 0, slowCut, latencyP50Ms: percentile(s, 50), latencyP99Ms: percentile(s, 99), latencyMaxMs: s.at(-1) ?? null };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}, durationMs + 1_000);
