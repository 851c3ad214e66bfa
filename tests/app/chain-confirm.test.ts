/**
 * The terminal's chain client (app/src/trade/chain.ts) confirming on the real local chain once
 * web3.js's confirmation has given up. web3.js stops waiting when the block height passes the
 * blockhash's lastValidBlockHeight even if the transaction landed (on the demo chain a blockhash
 * lives 1–2 s, so a loaded machine gets there first), and rejects with a bare status error when its
 * status check beats the signature notification. Here lastValidBlockHeight is already past: a
 * landed transaction still confirms, a landed failure is still decoded, and only one that never
 * landed is EXEC_ERR_TX_EXPIRED.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { Keypair, LAMPORTS_PER_SOL, SystemProgram, TransactionMessage, VersionedTransaction, type PublicKey } from '@solana/web3.js';
import { ChainClient } from '../../app/src/trade/chain.js';
import { createEnv, stopEnvs, type Env, type Trader } from '../helpers/exec-trade-env.js';

let env: Env;
let trader: Trader;
let client: ChainClient;

async function transfer(to: PublicKey, lamports: number): Promise<{ tx: VersionedTransaction; blockhash: string; signature: string }> {
  const { blockhash } = await env.connection.getLatestBlockhash();
  const message = new TransactionMessage({ payerKey: trader.kp.publicKey, recentBlockhash: blockhash, instructions: [SystemProgram.transfer({ fromPubkey: trader.kp.publicKey, toPubkey: to, lamports })] }).compileToV0Message();
  const tx = new VersionedTransaction(message);
  tx.sign([trader.kp]);
  return { tx, blockhash, signature: bs58.encode(tx.signatures[0] as Uint8Array) };
}

beforeAll(async () => {
  env = await createEnv();
  trader = await env.newTrader(0n);
  client = new ChainClient({
    signer: '',
    settlementSigner: '',
    programId: env.program.programId.toBase58(),
    cluster: 'localnet',
    simulated: true,
    markets: [],
    rpcUrl: env.chain.rpcUrl,
    wsUrl: env.chain.wsUrl,
    collateralMint: env.mint.toBase58(),
    chain: { status: 'ready', detail: null, local: true },
  });
}, 120_000);
afterAll(stopEnvs);

describe('terminal chain client: confirmation after web3.js gave up', () => {
  it('a landed transaction confirms although its lastValidBlockHeight has passed', async () => {
    const to = Keypair.generate().publicKey;
    const { tx, blockhash, signature } = await transfer(to, 1_000_000);
    expect(await client.send(tx.serialize(), 0)).toBe(signature);
    await expect(client.confirm(signature, blockhash, 0, 0)).resolves.toBeUndefined();
    expect(await env.connection.getBalance(to)).toBe(1_000_000);
  });

  it('a landed failure comes back as what failed on-chain, not as an expiry', async () => {
    const { tx, blockhash, signature } = await transfer(Keypair.generate().publicKey, 1_000 * LAMPORTS_PER_SOL);
    await env.connection.sendRawTransaction(tx.serialize(), { skipPreflight: true });
    await expect(client.confirm(signature, blockhash, 0, 0)).rejects.toMatchObject({ code: 'EXEC_ERR_CHAIN_REJECTED', message: expect.stringMatching(/failed on-chain.*Custom/) });
  });

  it('a transaction that never landed is EXEC_ERR_TX_EXPIRED', async () => {
    const { blockhash, signature } = await transfer(Keypair.generate().publicKey, 1_000);
    await expect(client.confirm(signature, blockhash, 0, 0)).rejects.toMatchObject({ code: 'EXEC_ERR_TX_EXPIRED' });
  });
});
