/**
 * Child process of bench/tick-to-wire.bench.ts: opens N WebSocket clients to the engine, subscribes
 * each to every symbol (in delta mode when the 4th argument is `delta`), prints `READY` once all
 * snapshots arrived, then records for every update or delta frame the receive time minus the frame's
 * embedded `ts` (build time, wall-clock ms). On `REPORT` on stdin it prints one JSON line of samples
 * and exits. Usage: tsx bench/tick-to-wire-clients.ts <ws-url> <n> <symbols> [full|delta]
 */
import WebSocket from 'ws';

const [url, countText, symbolsText, updates = 'full'] = process.argv.slice(2);
if (!url || !countText || !symbolsText) {
  process.stderr.write('usage: tick-to-wire-clients.ts <ws-url> <clients> <SYM,SYM>\n');
  process.exit(2);
}
const count = Number(countText);
const symbols = symbolsText.split(',');
const HEAD_RE = /^\{"type":"(?:update|delta)","symbol":"(\w+)","seq":(\d+),(?:"baseSeq":\d+,)?"ts":([\d.]+)/;
const nowMs = (): number => performance.timeOrigin + performance.now();

const keys: string[] = [];
const deltas: number[] = [];
const closes: Record<string, number> = {};
const sockets: WebSocket[] = [];
let snapshots = 0;
let frames = 0;

function open(): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url as string, { perMessageDeflate: false });
    sockets.push(ws);
    ws.once('open', () => {
      ws.send(JSON.stringify(updates === 'delta' ? { op: 'subscribe', symbols, updates } : { op: 'subscribe', symbols }));
      resolve();
    });
    ws.once('error', reject);
    ws.on('message', (data: Buffer) => {
      const at = nowMs();
      frames++;
      const head = HEAD_RE.exec(data.toString('latin1', 0, 96));
      if (head) {
        keys.push(`${head[1]}:${head[2]}`);
        deltas.push(at - Number(head[3]));
      } else if (data.toString('latin1', 0, 20).startsWith('{"type":"snapshot"')) snapshots++;
    });
    ws.on('close', (code) => {
      closes[code] = (closes[code] ?? 0) + 1;
    });
  });
}

for (let i = 0; i < count; i += 50) {
  await Promise.all(Array.from({ length: Math.min(50, count - i) }, () => open()));
}
const deadline = Date.now() + 30_000;
while (snapshots < count * symbols.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
process.stdout.write(`READY ${snapshots}\n`);

process.stdin.on('data', (chunk: Buffer) => {
  if (!chunk.toString().includes('REPORT')) return;
  process.stdout.write(`${JSON.stringify({ keys, deltas, frames, closes })}\n`, () => {
    for (const ws of sockets) ws.terminate();
    process.exit(0);
  });
});
