/**
 * Child process of the stream benchmarks: opens N WebSocket clients to a stream URL, subscribes each
 * to the given symbols with the given options (JSON, e.g. {"format":"binary","updates":"delta"}),
 * prints `READY <snapshots>` once every snapshot arrived, then records for every update or delta
 * frame (JSON or binary) the receive time minus the frame's embedded `ts` (build time, wall-clock
 * ms). On `REPORT` on stdin it prints one JSON line of samples and exits.
 * Usage: tsx bench/tick-to-wire-clients.ts <ws-url> <n> <SYM,SYM> [options-json]
 * With options `{"raw":true}` it does not subscribe and records every binary frame (the baseline).
 */
import WebSocket from 'ws';

const [url, countText, symbolsText, optionsText = '{}'] = process.argv.slice(2);
if (!url || !countText || !symbolsText) {
  process.stderr.write('usage: tick-to-wire-clients.ts <ws-url> <clients> <SYM,SYM> [options-json]\n');
  process.exit(2);
}
const count = Number(countText);
const symbols = symbolsText.split(',');
const options = JSON.parse(optionsText) as { raw?: boolean; [key: string]: unknown };
const raw = options.raw === true;
const HEAD_RE = /^\{"type":"(?:update|delta)","symbol":"(\w+)","seq":(\d+),(?:"baseSeq":\d+,)?"ts":([\d.]+)/;
const ASSETS = ['', 'BTC', 'ETH', 'SOL'];
const nowMs = (): number => performance.timeOrigin + performance.now();

const keys: string[] = [];
const deltas: number[] = [];
/** Wall-clock receive time of each frame in `keys`. */
const receivedAt: number[] = [];
const closes: Record<string, number> = {};
const sockets: WebSocket[] = [];
let snapshots = 0;
let frames = 0;
let bytes = 0;
/** Wall-clock ms of the first and the last update/delta frame. */
let firstAtMs = 0;
let lastAtMs = 0;

function onMessage(data: Buffer, isBinary: boolean): void {
  const at = nowMs();
  frames++;
  bytes += data.length;
  if (isBinary) {
    const type = data[3];
    const key = `${ASSETS[data[4] ?? 0]}USDT:${Number(data.readBigUInt64LE(8))}`;
    if (type === 1 && !raw) snapshots++;
    else {
      if (firstAtMs === 0) firstAtMs = at;
      lastAtMs = at;
      keys.push(key);
      receivedAt.push(at);
      deltas.push(at - data.readDoubleLE(24));
    }
    return;
  }
  const head = HEAD_RE.exec(data.toString('latin1', 0, 96));
  if (head) {
    if (firstAtMs === 0) firstAtMs = at;
    lastAtMs = at;
    keys.push(`${head[1]}:${head[2]}`);
    receivedAt.push(at);
    deltas.push(at - Number(head[3]));
  } else if (data.toString('latin1', 0, 20).startsWith('{"type":"snapshot"')) snapshots++;
}

function open(): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url as string, { perMessageDeflate: false });
    sockets.push(ws);
    ws.once('open', () => {
      if (!raw) ws.send(JSON.stringify({ op: 'subscribe', symbols, ...options }));
      resolve();
    });
    ws.once('error', reject);
    ws.on('message', onMessage);
    ws.on('close', (code) => {
      closes[code] = (closes[code] ?? 0) + 1;
    });
  });
}

for (let i = 0; i < count; i += 50) {
  await Promise.all(Array.from({ length: Math.min(50, count - i) }, () => open()));
}
const deadline = Date.now() + 60_000;
while (!raw && snapshots < count * symbols.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
process.stdout.write(`READY ${snapshots}\n`);

process.stdin.on('data', (chunk: Buffer) => {
  if (!chunk.toString().includes('REPORT')) return;
  process.stdout.write(`${JSON.stringify({ keys, deltas, receivedAt, frames, bytes, closes, firstAtMs, lastAtMs })}\n`, () => {
    for (const ws of sockets) ws.terminate();
    process.exit(0);
  });
});
