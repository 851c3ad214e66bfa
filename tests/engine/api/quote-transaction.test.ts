/**
 * POST /v1/quotes/:quoteId/transaction through app.inject, with real signed quotes in a MemoryStore
 * and the chain served by a real LiteSVM (blockhash, round account, collateral mint).
 */
import { afterEach, describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { pino } from 'pino';
import { Keypair, PublicKey, TransactionInstruction, VersionedTransaction } from '@solana/web3.js';
import { getAssociatedTokenAddressSync } from '@solana/spl-token';
import { lamports } from '@solana/kit';
import { buildApi } from '../../../engine/src/api/app.js';
import { MemoryStore } from '../../../engine/src/cache/memory-store.js';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { DEFAULT_PROGRAM_ID } from '../../../engine/src/config/defaults.js';
import type { SignedQuoteJson } from '../../../engine/src/market/types.js';
import {
  ED25519_PROGRAM_ID,
  EXEC_TRADE_PROGRAM_ID,
  QUOTE_LEN,
  createExecTradeProgram,
  parseCanonicalEd25519Data,
  positionPda,
  quoteFillPda,
  roundPda,
} from '../../../engine/src/client/index.js';
import { makeSurface } from '../../helpers/market-surface.js';
import { decodeIx } from '../../helpers/ix.js';
import { createMint, createTestContext, expectOk, kitAddress, sendIxs, svmChain, type TestContext } from '../../helpers/svm.js';

const logger = pino({ level: 'silent' });
const oracle = createSigner(new Uint8Array(32).fill(7));
const program = createExecTradeProgram();

describe('POST /v1/quotes/:quoteId/transaction', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function setup(opts: { chain?: boolean } = {}) {
    let now = Date.now();
    const store = new MemoryStore({ logger, quoteRetentionMs: 60_000, now: () => now });
    await store.start();
    const ctx = createTestContext();
    const mint = createMint(ctx.svm, ctx.payer, 6);
    const api = buildApi({
      logger,
      store,
      symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
      oracle: { signer: bs58.encode(oracle.publicKey), settlementSigner: 'SettLe11111111111111111111111111111111111111', programId: DEFAULT_PROGRAM_ID, cluster: 'devnet', epoch: 1n, simulated: true },
      ws: { maxSubscriptions: 3, maxFrameBytes: 4096, heartbeatMs: 5000, maxBufferedBytes: 1 << 20 },
      now: () => now,
      chain: opts.chain === false ? null : svmChain(ctx, mint),
    });
    await api.app.ready();
    cleanups.push(async () => {
      await api.app.close();
      await store.stop();
    });
    const surface = makeSurface({ symbol: 'BTCUSDT', seq: 1, signer: oracle, nowMs: now, rounds: 1, strikes: 3, validForMs: 3_000 });
    await store.publishSurface(surface);
    const quote = surface.rounds[0]!.quotes[1]!;
    const post = (quoteId: string, body: unknown) => api.app.inject({ method: 'POST', url: `/v1/quotes/${quoteId}/transaction`, payload: body as object });
    return { api, store, ctx, mint, quote, post, setNow: (t: number) => (now = t), now: () => now };
  }

  const trader = Keypair.generate();
  const body = (over: Record<string, unknown> = {}) => ({ trader: trader.publicKey.toBase58(), side: 'up', size: '100000000', ...over });

  function decode(b64: string): { tx: VersionedTransaction; ixs: TransactionInstruction[] } {
    const tx = VersionedTransaction.deserialize(Buffer.from(b64, 'base64'));
    const keys = tx.message.staticAccountKeys;
    const ixs = tx.message.compiledInstructions.map(
      (ci) => new TransactionInstruction({ programId: keys[ci.programIdIndex]!, keys: ci.accountKeyIndexes.map((i) => ({ pubkey: keys[i]!, isSigner: tx.message.isAccountSigner(i), isWritable: tx.message.isAccountWritable(i) })), data: Buffer.from(ci.data) }),
    );
    return { tx, ixs };
  }

  it('200: an unsigned v0 [Ed25519, take_quote] transaction for an existing round, whose Ed25519 ix passes LiteSVM', async () => {
    const { post, quote, ctx, mint } = await setup();
    const round = roundPda(1, BigInt(quote.expiryTs)).address;
    ctx.svm.setAccount({ address: kitAddress(round), data: new Uint8Array(8), executable: false, lamports: lamports(1_000_000n), programAddress: kitAddress(EXEC_TRADE_PROGRAM_ID), space: 8n });

    const res = await post(quote.quoteId, body());
    expect(res.statusCode).toBe(200);
    const json = res.json();
    const price = BigInt(quote.upPrice);
    const stake = (100_000_000n * price + 999_999n) / 1_000_000n;
    expect(json).toMatchObject({ quoteId: quote.quoteId, side: 'up', size: '100000000', stake: stake.toString(), houseCollateral: (100_000_000n - stake).toString(), payout: '100000000', expiresAtMs: quote.validUntilMs, blockhash: ctx.svm.latestBlockhash(), openRound: false, collateralMint: mint.toBase58() });

    const { tx, ixs } = decode(json.transaction);
    expect(tx.message.recentBlockhash).toBe(ctx.svm.latestBlockhash());
    expect(tx.message.staticAccountKeys[0]!.equals(trader.publicKey)).toBe(true);
    expect(tx.signatures).toHaveLength(1);
    expect(ixs.map((i) => i.programId.toBase58())).toEqual([ED25519_PROGRAM_ID.toBase58(), EXEC_TRADE_PROGRAM_ID.toBase58()]);
    const payload = parseCanonicalEd25519Data(Uint8Array.from(ixs[0]!.data), QUOTE_LEN);
    expect(Buffer.from(payload.message).toString('base64')).toBe(quote.message);
    const take = ixs[1]!;
    expect(decodeIx(Buffer.from(take.data))?.name).toBe('takeQuote');
    const qid = Buffer.from(quote.quoteId, 'hex');
    expect(take.keys[0]!.pubkey.equals(trader.publicKey)).toBe(true);
    expect(take.keys[2]!.pubkey.equals(round)).toBe(true);
    expect(take.keys[5]!.pubkey.equals(quoteFillPda(qid).address)).toBe(true);
    expect(take.keys[6]!.pubkey.toBase58()).toBe(json.position);
    expect(json.position).toBe(positionPda(qid, trader.publicKey).address.toBase58());
    expect(take.keys[8]!.pubkey.equals(getAssociatedTokenAddressSync(mint, trader.publicKey))).toBe(true);

    expectOk(sendIxs(ctx.svm, ctx.payer, [ixs[0]!]));
  });

  it('200: prepends open_round when the round account does not exist; the trader signs and the signature is valid', async () => {
    const { post, quote } = await setup();
    const res = await post(quote.quoteId, body({ side: 'down', size: '5000' }));
    expect(res.statusCode).toBe(200);
    const { tx, ixs } = decode(res.json().transaction);
    expect(res.json().openRound).toBe(true);
    expect(ixs.map((i) => (i.programId.equals(EXEC_TRADE_PROGRAM_ID) ? decodeIx(Buffer.from(i.data))?.name : 'ed25519'))).toEqual(['openRound', 'ed25519', 'takeQuote']);
    tx.sign([trader]);
    expect(tx.signatures[0]!.some((b) => b !== 0)).toBe(true);
  });

  const bad: Array<[string, number, string, Record<string, unknown>]> = [
    ['invalid trader key', 400, 'EXEC_ERR_BAD_TRADER', { trader: 'not-a-key' }],
    ['missing trader', 400, 'EXEC_ERR_BAD_TRADER', { trader: undefined }],
    ['bad side', 400, 'EXEC_ERR_BAD_SIDE', { side: 'sideways' }],
    ['size zero', 400, 'EXEC_ERR_BAD_SIZE', { size: '0' }],
    ['negative size', 400, 'EXEC_ERR_BAD_SIZE', { size: '-5' }],
    ['fractional size', 400, 'EXEC_ERR_BAD_SIZE', { size: '1.5' }],
    ['numeric size', 400, 'EXEC_ERR_BAD_SIZE', { size: 5 }],
    ['size above u64', 400, 'EXEC_ERR_BAD_SIZE', { size: '99999999999999999999' }],
    ['size over max', 422, 'EXEC_ERR_SIZE_ABOVE_MAX', { size: '1000000001' }],
  ];
  for (const [name, status, code, over] of bad) {
    it(`${status} ${code}: ${name}`, async () => {
      const { post, quote } = await setup();
      const res = await post(quote.quoteId, body(over));
      expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    });
  }

  it('422 when the stake would round up to the whole size (1 atom of payout)', async () => {
    const { post, quote } = await setup();
    const res = await post(quote.quoteId, body({ size: '1' }));
    expect([res.statusCode, res.json().error.code]).toEqual([422, 'EXEC_ERR_FILL_NOT_TRADEABLE']);
  });

  it('400 malformed quote id, 404 unknown quote', async () => {
    const { post } = await setup();
    expect((await post('xyz', body())).statusCode).toBe(400);
    const res = await post('ab'.repeat(16), body());
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'EXEC_ERR_QUOTE_NOT_FOUND']);
  });

  it('410 once the quote has expired', async () => {
    const { post, quote, setNow } = await setup();
    setNow(quote.validUntilMs + 1);
    const res = await post(quote.quoteId, body());
    expect([res.statusCode, res.json().error.code]).toEqual([410, 'EXEC_ERR_QUOTE_EXPIRED']);
  });

  it('409 while the market is halted', async () => {
    const { post, quote, store, now } = await setup();
    await store.publishSurface(makeSurface({ symbol: 'BTCUSDT', seq: 2, signer: oracle, nowMs: now(), status: 'halted', rounds: 1 }));
    const res = await post(quote.quoteId, body());
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'EXEC_ERR_MARKET_HALTED']);
  });

  it('503 with a clear message when no RPC is configured', async () => {
    const { post, quote } = await setup({ chain: false });
    const res = await post(quote.quoteId, body());
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toEqual({ code: 'EXEC_ERR_RPC_NOT_CONFIGURED', message: expect.stringContaining('EXEC_RPC_URL') });
  });

  it('a quote signed by another key is refused (never turned into a transaction)', async () => {
    const { post, store, now } = await setup();
    const other = makeSurface({ symbol: 'ETHUSDT', seq: 1, signer: createSigner(new Uint8Array(32).fill(3)), nowMs: now(), rounds: 1, strikes: 1 });
    await store.publishSurface(other);
    const q: SignedQuoteJson = other.rounds[0]!.quotes[0]!;
    const res = await post(q.quoteId, body());
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('EXEC_ERR_QUOTE_SIGNER_MISMATCH');
  });
});
