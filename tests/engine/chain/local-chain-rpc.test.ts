/**
 * The local chain's JSON-RPC and PubSub, method by method, through @solana/web3.js and Anchor as a
 * client would use them against a validator (issue 9.4): cluster info, airdrops and confirmation
 * over the websocket, account reads and their encodings, program-account filters, token balances,
 * simulation, the validator's error codes for bad sends, getTransaction with meta, subscriptions,
 * and the clock extension methods. One fresh chain for the file (frozen clock, see exec-trade-env).
 */
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keypair, LAMPORTS_PER_SOL, PublicKey, SendTransactionError, SystemProgram, TransactionMessage, VersionedTransaction, type Connection } from '@solana/web3.js';
import { ACCOUNT_SIZE, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { configPda, positionPda } from '../../../engine/src/client/index.js';
import { createEnv, expectOk, quoteIdOf, stopEnvs, type Env, type Trader } from '../../helpers/exec-trade-env.js';

let env: Env;
let conn: Connection;
let trader: Trader;
let quoteId: Uint8Array;

async function rpc(method: string, params: unknown[] = []): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  const res = await fetch(env.chain.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return (await res.json()) as { result?: unknown; error?: { code: number; message: string } };
}

async function transfer(from: Keypair, to: PublicKey, lamports: number, blockhash?: string): Promise<VersionedTransaction> {
  const message = new TransactionMessage({
    payerKey: from.publicKey,
    recentBlockhash: blockhash ?? (await conn.getLatestBlockhash()).blockhash,
    instructions: [SystemProgram.transfer({ fromPubkey: from.publicKey, toPubkey: to, lamports })],
  }).compileToV0Message();
  const tx = new VersionedTransaction(message);
  tx.sign([from]);
  return tx;
}

beforeAll(async () => {
  env = await createEnv();
  conn = env.connection;
  trader = await env.newTrader(1_000_000_000n);
  const q = await env.quote();
  quoteId = quoteIdOf(q);
  expectOk(await env.take(trader.kp, q, 'up', 10_000_000n, { openRound: true }));
}, 120_000);
afterAll(stopEnvs);

describe('local chain JSON-RPC (as @solana/web3.js sees it)', () => {
  it('cluster: version, genesis hash, health, slot and block height, epoch info, blockhash', async () => {
    expect((await conn.getVersion())['solana-core']).toMatch(/^\d+\.\d+/);
    expect(await conn.getGenesisHash()).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
    expect((await rpc('getHealth')).result).toBe('ok');
    const [slot, height] = [await conn.getSlot(), await conn.getBlockHeight()];
    expect(slot).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    const latest = await conn.getLatestBlockhash();
    expect(latest.lastValidBlockHeight).toBeGreaterThan(height);
    expect((await conn.getEpochInfo()).absoluteSlot).toBeGreaterThanOrEqual(slot);
  });

  it('airdrop, confirmation over the websocket (blockhash strategy), balance and signature status', async () => {
    const who = Keypair.generate().publicKey;
    const sig = await conn.requestAirdrop(who, 2 * LAMPORTS_PER_SOL);
    const latest = await conn.getLatestBlockhash();
    const confirmed = await conn.confirmTransaction({ signature: sig, ...latest }, 'confirmed');
    expect(confirmed.value.err).toBeNull();
    expect(await conn.getBalance(who)).toBe(2 * LAMPORTS_PER_SOL);
    const status = (await conn.getSignatureStatuses([sig, bs58Random(64)])).value;
    expect(status[0]).toMatchObject({ err: null, confirmationStatus: expect.stringMatching(/confirmed|finalized/) });
    expect(status[1]).toBeNull();
  });

  it('account reads: base64 data and owner, null for a missing account, getMultipleAccounts in order, rent exemption that matches real accounts', async () => {
    const cfg = await conn.getAccountInfo(configPda(env.program.programId).address);
    expect(cfg?.owner.equals(env.program.programId)).toBe(true);
    expect(await conn.getAccountInfo(Keypair.generate().publicKey)).toBeNull();
    const many = await conn.getMultipleAccountsInfo([trader.ata, Keypair.generate().publicKey, env.mint]);
    expect(many.map((a) => a?.owner.toBase58() ?? null)).toEqual([TOKEN_PROGRAM_ID.toBase58(), null, TOKEN_PROGRAM_ID.toBase58()]);
    expect(many[0]?.data.length).toBe(ACCOUNT_SIZE);
    expect(await conn.getMinimumBalanceForRentExemption(ACCOUNT_SIZE)).toBe(many[0]?.lamports);
    const sliced = (await rpc('getAccountInfo', [trader.ata.toBase58(), { encoding: 'base64', dataSlice: { offset: 0, length: 32 } }])).result as { value: { data: [string, string] } };
    expect(Buffer.from(sliced.value.data[0], 'base64').equals(env.mint.toBuffer())).toBe(true);
  });

  it('program accounts with dataSize and memcmp filters, as Anchor `.all(filters)` uses them', async () => {
    const mine = await env.program.account.position.all([{ memcmp: { offset: 8, bytes: trader.kp.publicKey.toBase58() } }]);
    const positions = await env.program.account.position.all();
    expect(positions.length).toBeGreaterThanOrEqual(1);
    expect(mine.map((p) => p.publicKey.toBase58())).toEqual([positionPda(quoteId, trader.kp.publicKey, env.program.programId).address.toBase58()]);
    const none = await env.program.account.position.all([{ memcmp: { offset: 8, bytes: Keypair.generate().publicKey.toBase58() } }]);
    expect(none).toEqual([]);
    const tokenAccounts = await conn.getProgramAccounts(TOKEN_PROGRAM_ID, { filters: [{ dataSize: ACCOUNT_SIZE }, { memcmp: { offset: 32, bytes: trader.kp.publicKey.toBase58() } }] });
    expect(tokenAccounts.map((a) => a.pubkey.toBase58())).toEqual([trader.ata.toBase58()]);
  });

  it('token balances: getTokenAccountBalance with decimals, getTokenAccountsByOwner by mint', async () => {
    const bal = await conn.getTokenAccountBalance(trader.ata);
    expect(BigInt(bal.value.amount)).toBe(await env.balance(trader.ata));
    expect(bal.value.decimals).toBe(6);
    const owned = await conn.getTokenAccountsByOwner(trader.kp.publicKey, { mint: env.mint });
    expect(owned.value.map((a) => a.pubkey.toBase58())).toEqual([trader.ata.toBase58()]);
  });

  it('simulateTransaction reports success with logs, and a failure with its error, without landing', async () => {
    const payer = trader.kp;
    const before = await conn.getBalance(payer.publicKey);
    const ok = await conn.simulateTransaction(await transfer(payer, Keypair.generate().publicKey, 1_000_000));
    expect(ok.value.err).toBeNull();
    expect(ok.value.logs?.some((l) => l.includes('11111111111111111111111111111111'))).toBe(true);
    const broke = await conn.simulateTransaction(await transfer(payer, Keypair.generate().publicKey, 1_000 * LAMPORTS_PER_SOL));
    expect(broke.value.err).not.toBeNull();
    expect(await conn.getBalance(payer.publicKey)).toBe(before);
  });

  it("sendTransaction answers like a validator: preflight failure (-32002 with logs), bad signature (-32003), unknown blockhash, a duplicate", async () => {
    const payer = trader.kp;
    const preflight = await rpc('sendTransaction', [Buffer.from((await transfer(payer, Keypair.generate().publicKey, 1_000 * LAMPORTS_PER_SOL)).serialize()).toString('base64'), { encoding: 'base64' }]);
    expect(preflight.error?.code).toBe(-32002);
    const data = (preflight.error as { data?: { err: unknown; logs: string[] } }).data;
    expect(data?.err).toEqual({ InstructionError: [0, { Custom: 1 }] });
    expect(data?.logs.join('\n')).toMatch(/insufficient lamports/);
    await expect(conn.sendTransaction(await transfer(payer, Keypair.generate().publicKey, 1_000 * LAMPORTS_PER_SOL))).rejects.toBeInstanceOf(SendTransactionError);
    const forged = await transfer(payer, Keypair.generate().publicKey, 1_000);
    forged.signatures[0]![0] = forged.signatures[0]![0]! ^ 1;
    const raw = await rpc('sendTransaction', [Buffer.from(forged.serialize()).toString('base64'), { encoding: 'base64' }]);
    expect(raw.error?.code).toBe(-32003);
    const stale = await transfer(payer, Keypair.generate().publicKey, 1_000, bs58Random());
    const unknown = await rpc('sendTransaction', [Buffer.from(stale.serialize()).toString('base64'), { encoding: 'base64' }]);
    expect(unknown.error?.message).toMatch(/[Bb]lockhash not found/);
    const once = await transfer(payer, Keypair.generate().publicKey, 10_000_000);
    await conn.sendTransaction(once);
    const twice = await rpc('sendTransaction', [Buffer.from(once.serialize()).toString('base64'), { encoding: 'base64' }]);
    expect(twice.error?.message).toMatch(/already been processed|AlreadyProcessed/);
  });

  it('getTransaction: meta with fee, balances, logs and err (null on success, the error when a landed transaction failed); null for an unknown signature', async () => {
    const payer = trader.kp;
    const to = Keypair.generate().publicKey;
    const sig = await conn.sendTransaction(await transfer(payer, to, 5_000_000));
    await conn.confirmTransaction({ signature: sig, ...(await conn.getLatestBlockhash()) }, 'confirmed');
    const got = await conn.getTransaction(sig, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 });
    expect(got?.meta?.err).toBeNull();
    expect(got?.meta?.fee).toBe(5_000);
    expect(got?.meta?.postBalances[1]! - got!.meta!.preBalances[1]!).toBe(5_000_000);
    expect(got?.meta?.logMessages?.length).toBeGreaterThan(0);
    const failing = await conn.sendTransaction(await transfer(payer, to, 1_000 * LAMPORTS_PER_SOL), { skipPreflight: true });
    // web3.js resolves with the error when the signature notification wins the race, and rejects with
    // it when its own getSignatureStatus after subscribing does: both mean the failure landed
    const confirmed = await conn.confirmTransaction({ signature: failing, ...(await conn.getLatestBlockhash()) }, 'confirmed').then(
      (r) => r.value.err,
      (err: unknown) => err,
    );
    expect(confirmed).toEqual({ InstructionError: [0, { Custom: 1 }] });
    const landed = await conn.getTransaction(failing, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 });
    expect(landed?.meta?.err).toEqual({ InstructionError: [0, { Custom: 1 }] });
    expect(landed?.meta?.fee).toBe(5_000);
    expect(await conn.getTransaction(bs58Random(64), { maxSupportedTransactionVersion: 0 })).toBeNull();
  });

  it('subscriptions: accountSubscribe sees a balance change, logsSubscribe sees the program, slotSubscribe ticks', async () => {
    const watched = Keypair.generate().publicKey;
    const seen = new Promise<number>((resolve) => {
      const id = conn.onAccountChange(watched, (info) => {
        void conn.removeAccountChangeListener(id);
        resolve(info.lamports);
      }, 'confirmed');
    });
    const logs = new Promise<string[]>((resolve) => {
      const id = conn.onLogs(SystemProgram.programId, (l) => {
        void conn.removeOnLogsListener(id);
        resolve(l.logs);
      }, 'confirmed');
    });
    await new Promise((r) => setTimeout(r, 200)); // let both subscriptions register
    await conn.sendTransaction(await transfer(trader.kp, watched, 3_000_000));
    expect(await seen).toBe(3_000_000);
    expect((await logs).join('\n')).toContain('11111111111111111111111111111111');
    const slot = await new Promise<number>((resolve) => {
      const id = conn.onSlotChange((s) => {
        void conn.removeSlotChangeListener(id);
        resolve(s.slot);
      });
      void conn.requestAirdrop(Keypair.generate().publicKey, LAMPORTS_PER_SOL);
    });
    expect(slot).toBeGreaterThan(0);
  });

  it('clock extension methods: read, advance, set (never back), and an unknown method is -32601', async () => {
    const c0 = await env.chain.getClock();
    expect(c0.mode).toBe('frozen');
    const c1 = await env.chain.advanceClock(90);
    expect(c1.unixTimestamp).toBe(c0.unixTimestamp + 90);
    expect((await rpc('exec_setClock', [{ unixTimestamp: c0.unixTimestamp, followWallClock: false }])).error?.message).toMatch(/back/);
    expect((await rpc('exec_setClock', [c0.unixTimestamp])).error?.code).toBe(-32602);
    expect((await env.chain.getClock()).unixTimestamp).toBe(c1.unixTimestamp);
    expect((await rpc('getNoSuchThing')).error?.code).toBe(-32601);
  });
});

function bs58Random(len = 32): string {
  return bs58.encode(randomBytes(len));
}
