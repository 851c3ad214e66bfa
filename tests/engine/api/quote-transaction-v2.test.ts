/**
 * Quote format v2 through the HTTP API (app.inject, real signed ladders in a MemoryStore, chain
 * served by LiteSVM): GET /v1/quotes/:id serves a leaf with its root, signature and proof, which
 * the SDK verifies; POST .../transaction builds [Ed25519(root), take_quote_v2] whose Ed25519
 * instruction LiteSVM's precompile accepts, and reports the signed price, the price now, at
 * landing and the max price the program will hold the fill to.
 */
import { afterEach, describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { pino } from 'pino';
import { Keypair, TransactionInstruction, VersionedTransaction, type PublicKey } from '@solana/web3.js';
import { buildApi } from '../../../engine/src/api/app.js';
import { MemoryStore } from '../../../engine/src/cache/memory-store.js';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { DEFAULT_PROGRAM_ID } from '../../../engine/src/config/defaults.js';
import type { LadderLeafJson } from '../../../engine/src/market/types.js';
import { ED25519_PROGRAM_ID, EXEC_TRADE_PROGRAM_ID, LADDER_ROOT_LEN, QuoteVerifier, decayedPrice, parseCanonicalEd25519Data, type LadderQuoteJson } from '../../../engine/src/client/index.js';
import { makeLadderSurface } from '../../helpers/ladder-surface.js';
import { decodeIx } from '../../helpers/ix.js';
import { createMint, createTestContext, expectOk, kitAddress, sendIxs, svmChain, type TestContext } from '../../helpers/svm.js';

const logger = pino({ level: 'silent' });
const oracle = createSigner(new Uint8Array(32).fill(7));
const ORACLE = bs58.encode(oracle.publicKey);

describe('quote format v2 over HTTP', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  /**
   * The 1-minute round's quotes are valid until 5 s before its expiry at most: a test started in a
   * minute's last 12 s would sign quotes already expired (410). Wait for the next minute then.
   */
  async function clearOfTradingClose(): Promise<void> {
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 48_000) await new Promise((r) => setTimeout(r, 60_100 - intoMinute));
  }

  async function setup() {
    await clearOfTradingClose();
    let now = Math.floor(Date.now() / 1000) * 1000 + 100;
    const store = new MemoryStore({ logger, quoteRetentionMs: 60_000, now: () => now });
    await store.start();
    const ctx = createTestContext();
    const mint = createMint(ctx.svm, ctx.payer, 6);
    const api = buildApi({
      logger,
      store,
      symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
      oracle: { signer: ORACLE, settlementSigner: 'SettLe11111111111111111111111111111111111111', programId: DEFAULT_PROGRAM_ID, cluster: 'devnet', epoch: 1n, simulated: true, quoteFormat: 'v2' },
      ws: { maxSubscriptions: 3, maxFrameBytes: 4096, heartbeatMs: 5000, maxBufferedBytes: 1 << 20 },
      now: () => now,
      chain: svmChain(ctx, mint),
    });
    await api.app.ready();
    cleanups.push(async () => {
      await api.app.close();
      await store.stop();
    });
    const surface = makeLadderSurface({ symbol: 'BTCUSDT', seq: 1, signer: oracle, nowMs: now, rounds: 1, strikes: 5, validForMs: 3_000 });
    await store.publishSurface(surface);
    const leaf = surface.rounds[0]!.quotes[2] as LadderLeafJson;
    return { api, store, ctx, leaf, surface, setNow: (t: number) => (now = t), now: () => now };
  }

  const trader = Keypair.generate();

  it('GET /v1/quotes/:id serves a v2 quote with everything a taker needs, verifiable on its own', async () => {
    const { api, leaf, surface } = await setup();
    const res = await api.app.inject({ method: 'GET', url: `/v1/quotes/${leaf.quoteId}` });
    expect(res.statusCode).toBe(200);
    const q = res.json() as LadderQuoteJson;
    expect(q).toMatchObject({ ...leaf, root: surface.rounds[0]!.ladder!.root, signature: surface.rounds[0]!.ladder!.signature, signer: ORACLE });
    expect(q.proof).toHaveLength(3); // 5 leaves: index 2 meets 3 siblings
    const verifier = await QuoteVerifier.create();
    const v = await verifier.verifyLadderQuote(q, { expectedSigner: ORACLE });
    expect(v.decayMicrosPerSec).toBe(BigInt(leaf.decayMicrosPerSec));
    const oracleInfo = (await api.app.inject({ method: 'GET', url: '/v1/oracle' })).json();
    expect(oracleInfo.quoteFormat).toEqual({ version: 2, rootLength: 106, leafLength: 60, maxLeaves: 32, decay: true });
  });

  it('POST .../transaction builds [Ed25519(root), take_quote_v2] and prices it at landing', async () => {
    const { api, leaf, ctx, setNow, now } = await setup();
    setNow(now() + 1_500); // the quote is 1.5 s old
    const res = await api.app.inject({ method: 'POST', url: `/v1/quotes/${leaf.quoteId}/transaction`, payload: { trader: trader.publicKey.toBase58(), side: 'up', size: '100000000' } });
    expect(res.statusCode).toBe(200);
    const json = res.json();
    const signed = BigInt(leaf.upPrice);
    const rate = BigInt(leaf.decayMicrosPerSec);
    const at = (ms: number): bigint => decayedPrice(signed, rate, BigInt(leaf.generatedAtMs), BigInt(Math.ceil(ms / 1000)));
    expect(json).toMatchObject({
      format: 2,
      quoteId: leaf.quoteId,
      quotedPrice: signed.toString(),
      price: at(now()).toString(),
      priceAtLanding: at(now() + 2_000).toString(),
      maxPrice: at(now() + 2_000).toString(),
      decayMicrosPerSec: rate.toString(),
      openRound: true,
    });
    expect(BigInt(json.price) > signed).toBe(true);
    expect(BigInt(json.maxPrice) >= BigInt(json.price)).toBe(true);
    const tx = VersionedTransaction.deserialize(Buffer.from(json.transaction, 'base64'));
    const keys = tx.message.staticAccountKeys;
    const ixs = tx.message.compiledInstructions.map((ci) => new TransactionInstruction({ programId: keys[ci.programIdIndex]!, keys: ci.accountKeyIndexes.map((i) => ({ pubkey: keys[i]!, isSigner: tx.message.isAccountSigner(i), isWritable: tx.message.isAccountWritable(i) })), data: Buffer.from(ci.data) }));
    expect(ixs.map((i) => (i.programId.equals(EXEC_TRADE_PROGRAM_ID) ? decodeIx(Buffer.from(i.data))?.name : i.programId.equals(ED25519_PROGRAM_ID) ? 'ed25519' : '?'))).toEqual(['openRound', 'ed25519', 'takeQuoteV2']);
    const payload = parseCanonicalEd25519Data(Uint8Array.from(ixs[1]!.data), LADDER_ROOT_LEN);
    expect(Buffer.from(payload.message).toString('base64')).toBe((await api.app.inject({ method: 'GET', url: `/v1/quotes/${leaf.quoteId}` })).json().root);
    // the real precompile accepts the root signature
    expectOk(sendIxs(ctx.svm, ctx.payer, [ixs[1]!]));
  });

  it('honours a taker max price, and refuses one the quote already exceeds or a malformed one', async () => {
    const { api, leaf, setNow, now } = await setup();
    const post = (maxPrice: unknown) => api.app.inject({ method: 'POST', url: `/v1/quotes/${leaf.quoteId}/transaction`, payload: { trader: trader.publicKey.toBase58(), side: 'down', size: '100000000', maxPrice } });
    const ok = await post('990000');
    expect([ok.statusCode, ok.json().maxPrice]).toEqual([200, '990000']);
    setNow(now() + 2_000);
    const tooLow = await post(leaf.downPrice);
    expect([tooLow.statusCode, tooLow.json().error.code]).toEqual([422, 'EXEC_ERR_PRICE_ABOVE_MAX']);
    for (const bad of ['1000001', '-1', 5, '0.5']) {
      const res = await post(bad);
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'EXEC_ERR_BAD_MAX_PRICE']);
    }
  });
});
