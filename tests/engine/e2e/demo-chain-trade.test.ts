/**
 * The whole flow on a fresh machine, no validator: `npm run demo` (a real engine process) builds and
 * starts its local chain (the program executed natively in a solana-program-test bank), publishes
 * it in GET /v1/oracle, funds a wallet through POST /v1/faucet; the trader fetches a quote, POSTs
 * for its transaction, signs it and sends it to `rpcUrl`; the position appears; the engine signs
 * the settlement and its keeper settles the round on the local chain; the trader claims, and the
 * balances on the chain say exactly what happened. 15-second rounds keep it short. Run in both quote
 * formats: v1 (take_quote) and v2 (one signed ladder per round, take_quote_v2 with the leaf, its
 * proof and a max price; the program charges the price decayed to the chain's clock).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, Keypair, PublicKey, VersionedTransaction } from '@solana/web3.js';
import { AccountLayout, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { buildClaimTx, createExecTradeProgram, decayedPrice, fetchRound, fetchTraderPositions, fillAmounts } from '../../../engine/src/client/index.js';
import { startEngine, type EngineProcess } from '../../helpers/engine-process.js';
import { demoChainReady, until, type DemoOracle } from '../../helpers/demo-chain.js';

const SIZE = 10_000_000n; // 10 collateral of payout
const root = fileURLToPath(new URL('../../..', import.meta.url));

interface WireQuote {
  readonly quoteId: string;
  readonly expiryTs: number;
  readonly validUntilMs: number;
  readonly generatedAtMs: number;
  readonly strike: string;
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
  return body;
}

describe.each(['v1', 'v2'] as const)('demo, quote format %s: trade on the local chain end to end (native program, real precompile and SPL Token)', (format) => {
  let engine: EngineProcess;
  let oracle: DemoOracle;

  beforeAll(async () => {
    engine = await startEngine(['--demo'], { EXEC_EXPIRIES: '15s', EXEC_TRADING_CLOSE_SEC: '4', EXEC_SYMBOLS: 'BTCUSDT', EXEC_LOG_LEVEL: 'info', EXEC_QUOTE_FORMAT: format, EXEC_QUOTE_TTL_MS: '10000' });
    oracle = await demoChainReady(engine.base);
  }, 150_000);

  afterAll(async () => {
    await engine?.stop();
  });

  it('publishes the chain, funds a wallet, takes a quote, settles it through the keeper and pays the claim', async () => {
    // Given the chain the oracle names and a wallet funded by the faucet
    expect(oracle.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(oracle.collateralMint).not.toBeNull();
    const connection = new Connection(oracle.rpcUrl, { commitment: 'confirmed', wsEndpoint: oracle.wsUrl });
    const program = createExecTradeProgram(connection);
    const mint = new PublicKey(oracle.collateralMint);
    const trader = Keypair.generate();
    const grant = await json<{ tokenAccount: string; collateral: string }>(
      await fetch(`${engine.base}/v1/faucet`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trader: trader.publicKey.toBase58() }) }),
    );
    const ata = getAssociatedTokenAddressSync(mint, trader.publicKey);
    expect(grant.tokenAccount).toBe(ata.toBase58());
    const balance = async (): Promise<bigint> => AccountLayout.decode((await connection.getAccountInfo(ata))!.data).amount;
    const funded = await balance();
    expect(funded).toBe(BigInt(grant.collateral));
    expect(await connection.getBalance(trader.publicKey)).toBeGreaterThan(0);

    // When the trader takes the at-the-money UP quote of the current round through the API
    const quote = await until('a quote with 2 s left', 30_000, async () => {
      const market = await json<{ rounds: Array<{ quotes: WireQuote[] }> }>(await fetch(`${engine.base}/v1/markets/BTCUSDT`));
      const quotes = market.rounds[0]?.quotes ?? [];
      const q = quotes[Math.floor(quotes.length / 2)];
      return q && q.validUntilMs - Date.now() > 2_000 ? q : null;
    });
    const built = await json<{ transaction: string; stake: string; payout: string; format?: number; quotedPrice?: string; maxPrice?: string; decayMicrosPerSec?: string }>(
      await fetch(`${engine.base}/v1/quotes/${quote.quoteId}/transaction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ trader: trader.publicKey.toBase58(), side: 'up', size: SIZE.toString() }),
      }),
    );
    const tx = VersionedTransaction.deserialize(Buffer.from(built.transaction, 'base64'));
    tx.sign([trader]);
    const signature = await connection.sendRawTransaction(tx.serialize());
    const latest = await connection.getLatestBlockhash();
    expect((await connection.confirmTransaction({ signature, ...latest }, 'confirmed')).value.err).toBeNull();

    // Then the stake left the wallet and the position is on chain; in v2 the stake is the price
    // decayed to the chain second the fill landed in, never above the taker's max price
    let stake = BigInt(built.stake);
    if (format === 'v2') {
      expect(built.format).toBe(2);
      const landed = await connection.getTransaction(signature, { maxSupportedTransactionVersion: 0, commitment: 'confirmed' });
      const charged = decayedPrice(BigInt(built.quotedPrice!), BigInt(built.decayMicrosPerSec!), BigInt(quote.generatedAtMs), BigInt(landed!.blockTime!));
      expect(charged <= BigInt(built.maxPrice!)).toBe(true);
      stake = fillAmounts(SIZE, charged).stake;
    }
    expect(await balance()).toBe(funded - stake);
    const positions = await fetchTraderPositions(program, trader.publicKey);
    expect(positions).toHaveLength(1);
    const position = positions[0]!.position;
    expect(position).toMatchObject({ side: 'up', size: SIZE, stake });

    // When the round expires, the engine signs its settlement and the keeper lands it
    const round = await until('the keeper to settle the round', 60_000, async () => {
      const r = await fetchRound(program, 1, BigInt(quote.expiryTs));
      return r && r.status === 'settled' ? r : null;
    });
    const won = round.settlementPrice >= position.strike;

    // Then the trader's claim pays the size if UP won, nothing otherwise, and closes the position
    const { blockhash } = await connection.getLatestBlockhash();
    const claim = await buildClaimTx({
      program,
      feePayer: trader.publicKey,
      recentBlockhash: blockhash,
      position: { quoteId: position.quoteId, trader: trader.publicKey, asset: 1, expiryTs: BigInt(quote.expiryTs), collateralMint: mint, payer: position.payer },
    });
    claim.sign([trader]);
    const claimSig = await connection.sendRawTransaction(claim.serialize());
    expect((await connection.confirmTransaction({ signature: claimSig, blockhash, lastValidBlockHeight: latest.lastValidBlockHeight }, 'confirmed')).value.err).toBeNull();
    expect(await balance()).toBe(funded - stake + (won ? SIZE : 0n));
    expect(await fetchTraderPositions(program, trader.publicKey)).toHaveLength(0);
    const landed = await connection.getTransaction(claimSig, { maxSupportedTransactionVersion: 0, commitment: 'confirmed' });
    expect(landed?.meta?.err).toBeNull();
  }, 120_000);

  it('the trader CLI takes a quote on the local chain and shows what it pays', async () => {
    // Given a funded wallet in a keypair file and an at-the-money quote valid long enough for a
    // child process to start (quotes live 10 s here: tsx alone takes seconds on a loaded machine)
    const trader = Keypair.generate();
    const dir = await mkdtemp(join(tmpdir(), 'exec-trade-cli-'));
    const keypair = join(dir, 'trader.json');
    await writeFile(keypair, JSON.stringify(Array.from(trader.secretKey)));
    await json(await fetch(`${engine.base}/v1/faucet`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trader: trader.publicKey.toBase58() }) }));
    const quote = await until('a quote with 6 s left', 30_000, async () => {
      const market = await json<{ rounds: Array<{ quotes: WireQuote[] }> }>(await fetch(`${engine.base}/v1/markets/BTCUSDT`));
      const q = market.rounds[0]?.quotes[Math.floor((market.rounds[0]?.quotes.length ?? 0) / 2)];
      return q && q.validUntilMs - Date.now() > 6_000 ? q : null;
    });
    // When `npm run trade -- take` runs against the engine and its chain
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(join(root, 'node_modules/.bin/tsx'), ['scripts/trade.ts', 'take', quote.quoteId, 'up', SIZE.toString(), '--keypair', keypair, '--api', engine.base, '--rpc', oracle.rpcUrl!, '--ws', oracle.wsUrl!], { cwd: root, timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    await rm(dir, { recursive: true, force: true });
    // Then it filled, and a v2 take showed the signed price, the price now and at landing, and the max price
    expect({ code: r.code, stderr: r.stderr }, r.stdout).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/filled: \w+/);
    if (format === 'v2') expect(r.stdout).toMatch(/price: signed 0\.\d{6}, 0\.\d{6} now, 0\.\d{6} if it lands in 1 s \(decay 0\.\d{6}\/s\); max 0\.\d{6}/);
    const connection = new Connection(oracle.rpcUrl!, 'confirmed');
    expect(await fetchTraderPositions(createExecTradeProgram(connection), trader.publicKey)).toHaveLength(1);
  }, 90_000);

  it('the faucet refuses a malformed trader with 400', async () => {
    const res = await fetch(`${engine.base}/v1/faucet`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trader: 'not-a-key' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('EXEC_ERR_BAD_TRADER');
  });
});
