/** GET /v1/settlements/:symbol/:expiryTs and the {type:'settlement'} stream frame, with a really signed record. */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import type WebSocket from 'ws';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { buildSettlementRecord } from '../../../engine/src/settlement/build-record.js';
import { verifySettlementRecord, type SettlementRecordJson } from '../../../engine/src/client/settlement-record.js';
import { EXEC_TRADE_PROGRAM_ID } from '../../../engine/src/client/constants.js';
import { settlementSigner, signer as quoteSigner, startApi, type Harness } from './harness.js';
import { WsProbe } from './ws-client.js';

const EXPIRY = 1_800_000_060;

async function record(settler = settlementSigner): Promise<SettlementRecordJson> {
  const res = await buildSettlementRecord({
    symbol: 'SOLUSDT',
    asset: 3,
    cluster: 1,
    programId: EXEC_TRADE_PROGRAM_ID.toBytes(),
    expiryTs: EXPIRY,
    observations: [
      { venue: 'binance', mid: 187_250_000n, exchangeTs: EXPIRY * 1000 - 10 },
      { venue: 'kraken', mid: 187_260_000n, exchangeTs: EXPIRY * 1000 - 900 },
    ],
    rule: { windowMs: 5_000, minProviders: 2 },
    publishedAtMs: EXPIRY * 1000 + 1_500,
    simulated: true,
    signer: settler,
  });
  if (!res.ok) throw new Error(res.reason);
  return res.record;
}

describe('settlement API', () => {
  let h: Harness | undefined;
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await h?.close();
    h = undefined;
  });

  it('serves a published record that anyone can recompute and verify', async () => {
    h = await startApi();
    expect((await h.app.inject({ method: 'GET', url: `/v1/settlements/SOLUSDT/${EXPIRY}` })).statusCode).toBe(404);
    await h.store.publishSettlement({ ...(await record()), symbol: 'SOLUSDT' });
    const res = await h.app.inject({ method: 'GET', url: `/v1/settlements/solusdt/${EXPIRY}` });
    expect(res.statusCode).toBe(200);
    const rec = res.json() as SettlementRecordJson;
    expect(rec.price).toBe('187255000');
    expect((await verifySettlementRecord(rec, bs58.encode(settlementSigner.publicKey))).price).toBe(187_255_000n);
  });

  it('/v1/oracle publishes the settlement signer, and the SDK checks records against it', async () => {
    h = await startApi();
    const oracle = h.app.inject({ method: 'GET', url: '/v1/oracle' });
    const info = (await oracle).json() as { signer: string; settlementSigner: string };
    // Given the published settlement signer (a key distinct from the quote signer)
    expect(info.settlementSigner).toBe(bs58.encode(settlementSigner.publicKey));
    expect(info.settlementSigner).not.toBe(info.signer);
    // When records are checked against the oracle info
    const good = await record();
    expect((await verifySettlementRecord(good, info)).price).toBe(187_255_000n);
    // Then one signed by the quote key, by a stranger, or by a stranger under the settlement signer's name is refused
    const byQuoteKey = await record(quoteSigner);
    const byStranger = await record(createSigner(randomBytes(32)));
    const forged = { ...byStranger, signer: info.settlementSigner };
    for (const bad of [byQuoteKey, byStranger, forged]) {
      await expect(verifySettlementRecord(bad, info)).rejects.toMatchObject({ code: 'EXEC_ERR_SETTLEMENT_INVALID' });
    }
  });

  it('400 for a malformed expiry, 404 for an unknown symbol or a round without settlement', async () => {
    h = await startApi();
    const code = async (url: string) => {
      const r = await h!.app.inject({ method: 'GET', url });
      return [r.statusCode, r.json().error.code];
    };
    expect(await code('/v1/settlements/SOLUSDT/soon')).toEqual([400, 'EXEC_ERR_BAD_EXPIRY']);
    expect(await code('/v1/settlements/DOGEUSDT/60')).toEqual([404, 'EXEC_ERR_UNKNOWN_SYMBOL']);
    expect(await code('/v1/settlements/SOLUSDT/60')).toEqual([404, 'EXEC_ERR_SETTLEMENT_NOT_FOUND']);
  });

  it('streams the record to the symbol’s subscribers only', async () => {
    h = await startApi();
    const sol = new WsProbe(await h.app.injectWS('/v1/stream'));
    const btc = new WsProbe(await h.app.injectWS('/v1/stream'));
    sockets.push(sol.ws, btc.ws);
    sol.send({ op: 'subscribe', symbols: ['SOLUSDT'] });
    btc.send({ op: 'subscribe', symbols: ['BTCUSDT'] });
    await sol.next((f) => f.type === 'ack');
    await btc.next((f) => f.type === 'ack');
    const rec = await record();
    await h.store.publishSettlement({ ...rec, symbol: 'SOLUSDT' });
    const frame = await sol.next((f) => f.type === 'settlement');
    expect(frame).toMatchObject({ type: 'settlement', symbol: 'SOLUSDT', settlement: { expiryTs: EXPIRY, price: rec.price, signature: rec.signature } });
    await expect(btc.next((f) => f.type === 'settlement', 200)).rejects.toThrow(/timed out/);
  });
});
