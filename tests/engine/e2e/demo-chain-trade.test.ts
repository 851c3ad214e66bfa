/**
 * The whole flow on a fresh machine, no validator: `npm run demo` (a real engine process) builds and
 * starts its local chain (the program executed natively in a solana-program-test bank), publishes
 * it in GET /v1/oracle, funds a wallet through POST /v1/faucet; the trader fetches a quote, POSTs
 * for its transaction, signs it and sends it to `rpcUrl`; the position appears; the engine signs
 * the settlement and its keeper settles the round on the local chain; the trader claims, and the
 * balances on the chain say exactly what happened. 15-second rounds keep it short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, Keypair, PublicKey, VersionedTransaction } from '@solana/web3.js';
import { AccountLayout, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { buildClaimTx, createExecTradeProgram, fetchRound, fetchTraderPositions } from '../../../engine/src/client/index.js';
import { startEngine, type EngineProcess } from '../../helpers/engine-process.js';
import { demoChainReady, until, type DemoOracle } from '../../helpers/demo-chain.js';

const SIZE = 10_000_000n; // 10 collateral of payout

interface WireQuote {
  readonly quoteId: string;
  readonly expiryTs: number;
  readonly validUntilMs: number;
  readonly strike: string;
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
  return body;
}

describe('demo: trade on the local chain end to end (native program, real precompile and SPL Token)', () => {
  let engine: EngineProcess;
  let oracle: DemoOracle;

  beforeAll(async () => {
    engine = await startEngine(['--demo'], { EXEC_EXPIRIES: '15s', EXEC_TRADING_CLOSE_SEC: '4', EXEC_SYMBOLS: 'BTCUSDT', EXEC_LOG_LEVEL: 'info' });
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
    const built = await json<{ transaction: string; stake: string; payout: string }>(
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

    // Then the stake left the wallet and the position is on chain
    const stake = BigInt(built.stake);
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

  it('the faucet refuses a malformed trader with 400', async () => {
    const res = await fetch(`${engine.base}/v1/faucet`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trader: 'not-a-key' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('EXEC_ERR_BAD_TRADER');
  });
});
