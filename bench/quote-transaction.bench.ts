/**
 * POST /v1/quotes/:quoteId/transaction through Fastify inject (no socket): per-request latency of
 * building the trader's unsigned take_quote transaction (quote lookup, signature re-verification,
 * PDAs, Anchor instruction, v0 compile). The chain view answers from memory, so RPC time is excluded.
 */
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { pino } from 'pino';
import { Keypair, PublicKey } from '@solana/web3.js';
import { buildApi } from '../engine/src/api/app.js';
import { MemoryStore } from '../engine/src/cache/memory-store.js';
import { createSigner } from '../engine/src/signer/sign.js';
import { DEFAULT_PROGRAM_ID } from '../engine/src/config/defaults.js';
import type { ChainView } from '../engine/src/chain/chain-view.js';
import { makeSurface } from '../tests/helpers/market-surface.js';

export default async function run(log: (line: string) => void): Promise<void> {
  const logger = pino({ level: 'silent' });
  const store = new MemoryStore({ logger, quoteRetentionMs: 60_000 });
  await store.start();
  const oracle = createSigner(randomBytes(32));
  const chain: ChainView = {
    latestBlockhash: async () => ({ blockhash: bs58.encode(randomBytes(32)), lastValidBlockHeight: 1 }),
    accountExists: async () => true,
    collateralMint: async () => new PublicKey(randomBytes(32)),
  };
  const api = buildApi({
    logger,
    store,
    symbols: ['BTCUSDT'],
    oracle: { signer: bs58.encode(oracle.publicKey), settlementSigner: bs58.encode(oracle.publicKey), programId: DEFAULT_PROGRAM_ID, cluster: 'devnet', epoch: 1n, simulated: true },
    ws: { maxSubscriptions: 3, maxFrameBytes: 4096, heartbeatMs: 5000, maxBufferedBytes: 1 << 20 },
    chain,
  });
  await api.app.ready();
  // Every request takes a quote no earlier request took (a real take's quote-fill and position
  // addresses are new), so nothing is served from the SDK's address memo but the round's.
  const warmup = 100;
  const n = 1_000;
  const ids: string[] = [];
  for (let seq = 1; ids.length < warmup + n; seq++) {
    const surface = makeSurface({ symbol: 'BTCUSDT', seq, signer: oracle, rounds: 4, strikes: 11, validForMs: 600_000 });
    await store.publishSurface(surface);
    ids.push(...surface.rounds.flatMap((r) => r.quotes.map((q) => q.quoteId)));
  }
  const trader = Keypair.generate().publicKey.toBase58();
  const samples: number[] = [];
  for (let i = -warmup; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const res = await api.app.inject({ method: 'POST', url: `/v1/quotes/${ids[i + warmup]}/transaction`, payload: { trader, side: i % 2 ? 'up' : 'down', size: '1000000' } });
    if (i >= 0) samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}: ${res.body}`);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number): string => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!.toFixed(2);
  log(`POST /v1/quotes/:id/transaction (inject, ${n} requests after ${warmup} warm-up, each a quote not taken before): p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${pct(99)} ms (goal p99 ≤ 5 ms)`);
  await api.app.close();
  await store.stop();
}
