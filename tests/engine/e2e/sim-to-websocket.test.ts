/**
 * The whole engine on a loopback port: sim feed → Aggregator → QuoteEngine → MemoryStore → API, read
 * by a real `ws` client. Every quote received must verify with tweetnacl against the oracle key and
 * its message bytes must decode to the JSON fields; per-symbol seqs must be consecutive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import WebSocket from 'ws';
import nacl from 'tweetnacl';
import bs58 from 'bs58';
import { loadConfig } from '../../../engine/src/config/index.js';
import { createRuntime, type Runtime } from '../../../engine/src/runtime.js';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { FLAG_SIMULATED, QUOTE_LEN, decodeQuote } from '../../../engine/src/client/quote-message.js';
import { ASSET_IDS, CLUSTER_IDS, type MarketSurface, type SignedQuoteJson } from '../../../engine/src/market/types.js';
import { WsProbe } from '../api/ws-client.js';
import { v1 } from '../../helpers/market-surface.js';

const signer = createSigner(new Uint8Array(32).fill(3));
const signerBase58 = bs58.encode(signer.publicKey);

function checkQuote(q: SignedQuoteJson, tamperCheck: boolean): void {
  const message = Buffer.from(q.message, 'base64');
  expect(message.length).toBe(QUOTE_LEN);
  expect(q.signer).toBe(signerBase58);
  expect(nacl.sign.detached.verify(message, bs58.decode(q.signature), signer.publicKey)).toBe(true);
  if (tamperCheck) {
    const tampered = Buffer.from(message);
    tampered[80] = (tampered[80] ?? 0) ^ 1;
    expect(nacl.sign.detached.verify(tampered, bs58.decode(q.signature), signer.publicKey)).toBe(false);
  }
  const f = decodeQuote(message);
  expect(Buffer.from(f.quoteId).toString('hex')).toBe(q.quoteId);
  expect(f.asset).toBe(ASSET_IDS[q.asset]);
  expect(f.cluster).toBe(CLUSTER_IDS[q.cluster]);
  expect(bs58.encode(f.programId)).toBe(q.programId);
  expect(f.epoch.toString()).toBe(q.epoch);
  expect(Number(f.expiryTs)).toBe(q.expiryTs);
  expect(f.strike.toString()).toBe(q.strike);
  expect(f.upPrice.toString()).toBe(q.upPrice);
  expect(f.downPrice.toString()).toBe(q.downPrice);
  expect(f.upPrice + f.downPrice).toBeGreaterThanOrEqual(1_000_000n);
  expect(f.maxSize.toString()).toBe(q.maxSize);
  expect(Number(f.validUntilMs)).toBe(q.validUntilMs);
  expect(Number(f.generatedAtMs)).toBe(q.generatedAtMs);
  expect(f.refPrice.toString()).toBe(q.refPrice);
  expect(Number(f.refTsMs)).toBe(q.refTsMs);
  expect((f.flags & FLAG_SIMULATED) !== 0).toBe(q.simulated);
  expect(q.simulated).toBe(true);
}

describe('sim feed to WebSocket client (e2e, loopback)', () => {
  let runtime: Runtime | undefined;
  let client: WebSocket | undefined;
  afterEach(async () => {
    client?.terminate();
    await runtime?.stop();
    runtime = undefined;
  });

  it('streams a snapshot then consecutive, verifiable updates', async () => {
    // Given the engine in demo mode on a free loopback port, re-quoting on every index move
    const config = loadConfig({
      env: { EXEC_PORT: '0', EXEC_SIM_TICK_HZ: '40', EXEC_MOVE_THRESHOLD_BPS: '0', EXEC_MIN_INTERVAL_MS: '20', EXEC_LOCAL_CHAIN: 'off' },
      argv: ['--demo'],
    });
    runtime = await createRuntime({ config, logger: pino({ level: 'silent' }), signer, signerBase58 });
    const address = await runtime.start();
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // When a real client subscribes to two symbols
    client = new WebSocket(`${address.replace('http', 'ws')}/v1/stream`);
    const probe = new WsProbe(client);
    await new Promise<void>((resolve, reject) => {
      client?.once('open', () => resolve());
      client?.once('error', reject);
    });
    probe.send({ op: 'subscribe', symbols: ['BTCUSDT', 'SOLUSDT'] });
    expect(await probe.next()).toMatchObject({ type: 'ack', subscribed: ['BTCUSDT', 'SOLUSDT'] });

    // Then it gets one snapshot per symbol and then updates whose seq follows on by exactly 1
    const lastSeq = new Map<string, number | null>();
    for (let i = 0; i < 2; i++) {
      const snap = await probe.next();
      expect(snap.type).toBe('snapshot');
      lastSeq.set(String(snap.symbol), snap.seq as number | null);
    }
    let quotesChecked = 0;
    const updates = { BTCUSDT: 0, SOLUSDT: 0 } as Record<string, number>;
    while ((updates.BTCUSDT ?? 0) < 4 || (updates.SOLUSDT ?? 0) < 4) {
      const frame = await probe.next((f) => f.type === 'update', 10_000);
      const symbol = String(frame.symbol);
      const seq = frame.seq as number;
      const prev = lastSeq.get(symbol);
      if (prev !== null && prev !== undefined) expect(seq).toBe(prev + 1);
      lastSeq.set(symbol, seq);
      updates[symbol] = (updates[symbol] ?? 0) + 1;
      const surface = frame.surface as MarketSurface;
      expect(surface.seq).toBe(seq);
      expect(surface.symbol).toBe(symbol);
      expect(surface.simulated).toBe(true);
      if (surface.status === 'open') {
        expect(surface.rounds).toHaveLength(4);
        for (const round of surface.rounds) {
          for (const q of round.quotes) {
            expect(q.symbol).toBe(symbol);
            checkQuote(v1(q), quotesChecked % 50 === 0);
            quotesChecked++;
          }
        }
      }
    }
    expect(quotesChecked).toBeGreaterThan(100);

    // And a quote from the stream is served over HTTP by id, identical to the streamed one
    const surface = await runtime.store.getSurface('BTCUSDT');
    const quote = surface?.rounds.find((r) => r.quotes.length > 0)?.quotes[0];
    if (!quote) throw new Error('no BTC quote published');
    const res = await fetch(`${address}/v1/quotes/${quote.quoteId}`);
    expect([200, 410]).toContain(res.status);
    if (res.status === 200) expect(await res.json()).toEqual(quote);
    const oracle = (await (await fetch(`${address}/v1/oracle`)).json()) as { signer: string; simulated: boolean };
    expect(oracle).toMatchObject({ signer: signerBase58, simulated: true });
  });
});
