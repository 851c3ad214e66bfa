/**
 * RpcChainView against a loopback JSON-RPC server (the one place a fake RPC is unavoidable: no
 * validator runs here). web3.js's real Connection talks HTTP to it on 127.0.0.1:<free port>.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import anchor from '@coral-xyz/anchor';
import { Keypair, PublicKey } from '@solana/web3.js';
import { ChainUnavailableError, RpcChainView } from '../../../engine/src/chain/chain-view.js';
import { RpcHttpError } from '../../../engine/src/chain/rpc-fetch.js';
import { classifyChainError } from '../../../engine/src/settlement/keeper-chain.js';
import { EXEC_TRADE_IDL } from '../../../engine/src/client/program.js';
import { EXEC_TRADE_PROGRAM_ID, configPda } from '../../../engine/src/client/index.js';

interface Rpc {
  readonly url: string;
  readonly calls: string[];
  accounts: Map<string, Buffer>;
  blockhashes: string[];
  status: number;
  close(): Promise<void>;
}

async function startRpc(): Promise<Rpc> {
  const calls: string[] = [];
  const state = { accounts: new Map<string, Buffer>(), blockhashes: [Keypair.generate().publicKey.toBase58()], status: 200 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { id, method, params } = JSON.parse(body) as { id: string; method: string; params: unknown[] };
      calls.push(method);
      if (state.status !== 200) {
        res.statusCode = state.status;
        res.end('unavailable');
        return;
      }
      let result: unknown;
      if (method === 'getLatestBlockhash') {
        result = { context: { slot: 1 }, value: { blockhash: state.blockhashes[Math.min(calls.filter((c) => c === method).length, state.blockhashes.length) - 1], lastValidBlockHeight: 300 } };
      } else if (method === 'getAccountInfo') {
        const data = state.accounts.get(params[0] as string);
        result = { context: { slot: 1 }, value: data ? { data: [data.toString('base64'), 'base64'], executable: false, lamports: 1_000_000, owner: EXEC_TRADE_PROGRAM_ID.toBase58(), rentEpoch: 0, space: data.length } : null };
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    get accounts() {
      return state.accounts;
    },
    set accounts(v) {
      state.accounts = v;
    },
    set status(v: number) {
      state.status = v;
    },
    get blockhashes() {
      return state.blockhashes;
    },
    set blockhashes(v) {
      state.blockhashes = v;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('RpcChainView', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('caches the blockhash for its TTL with one request in flight, then refreshes', async () => {
    const rpc = await startRpc();
    cleanups.push(rpc.close);
    const [a, b] = [Keypair.generate().publicKey.toBase58(), Keypair.generate().publicKey.toBase58()];
    rpc.blockhashes = [a, b];
    let now = 1_000;
    const view = new RpcChainView({ rpcUrl: rpc.url, programId: EXEC_TRADE_PROGRAM_ID, blockhashTtlMs: 2_000, now: () => now });
    const first = await Promise.all([view.latestBlockhash(), view.latestBlockhash(), view.latestBlockhash()]);
    expect(first.map((f) => f.blockhash)).toEqual([a, a, a]);
    now += 1_999;
    expect((await view.latestBlockhash()).blockhash).toBe(a);
    expect(rpc.calls.filter((c) => c === 'getLatestBlockhash')).toHaveLength(1);
    now += 1;
    expect(await view.latestBlockhash()).toEqual({ blockhash: b, lastValidBlockHeight: 300 });
    expect(rpc.calls.filter((c) => c === 'getLatestBlockhash')).toHaveLength(2);
  });

  it('accountExists: positive answers cached, negative ones asked again', async () => {
    const rpc = await startRpc();
    cleanups.push(rpc.close);
    const view = new RpcChainView({ rpcUrl: rpc.url, programId: EXEC_TRADE_PROGRAM_ID });
    const round = Keypair.generate().publicKey;
    expect(await view.accountExists(round)).toBe(false);
    rpc.accounts.set(round.toBase58(), Buffer.alloc(8));
    expect(await view.accountExists(round)).toBe(true);
    expect(await view.accountExists(round)).toBe(true);
    expect(rpc.calls.filter((c) => c === 'getAccountInfo')).toHaveLength(2);
  });

  it('reads the collateral mint from the on-chain Config once (or takes the configured one)', async () => {
    const rpc = await startRpc();
    cleanups.push(rpc.close);
    const mint = Keypair.generate().publicKey;
    const view = new RpcChainView({ rpcUrl: rpc.url, programId: EXEC_TRADE_PROGRAM_ID });
    await expect(view.collateralMint()).rejects.toBeInstanceOf(ChainUnavailableError);
    const coder = new anchor.BorshAccountsCoder(EXEC_TRADE_IDL as never);
    const k = (): PublicKey => Keypair.generate().publicKey;
    const BN = anchor.BN;
    const data = await coder.encode('Config', {
      admin: k(), oracle_authority: k(), settlement_authority: k(), collateral_mint: mint, cluster: 0, quote_epoch: new BN(3), paused: false,
      allow_simulated: false, limits: { max_position_size: new BN(1), max_round_liability: new BN(1), max_wallet_round_size: new BN(1) },
      trading_close_offset_sec: new BN(10), refund_grace_sec: new BN(60), house_liability: new BN(0), bump: 255, house_vault_bump: 254, padding: new Array(64).fill(0),
    });
    rpc.accounts.set(configPda().address.toBase58(), data);
    expect((await view.collateralMint()).equals(mint)).toBe(true);
    await view.collateralMint();
    expect(rpc.calls.filter((c) => c === 'getAccountInfo')).toHaveLength(2);
    const fixed = new RpcChainView({ rpcUrl: rpc.url, programId: EXEC_TRADE_PROGRAM_ID, collateralMint: mint });
    expect((await fixed.collateralMint()).equals(mint)).toBe(true);
  });

  it('HTTP errors carry their status: 503/429 retryable, 400 not (never decided from message text)', async () => {
    const rpc = await startRpc();
    cleanups.push(rpc.close);
    const view = new RpcChainView({ rpcUrl: rpc.url, programId: EXEC_TRADE_PROGRAM_ID });
    for (const [status, retryable] of [[503, true], [429, true], [400, false]] as const) {
      rpc.status = status;
      const err = (await view.accountExists(Keypair.generate().publicKey).catch((e: unknown) => e)) as ChainUnavailableError;
      expect(err).toBeInstanceOf(ChainUnavailableError);
      expect(err.cause).toBeInstanceOf(RpcHttpError);
      expect([(err.cause as RpcHttpError).status, (err.cause as RpcHttpError).retryable]).toEqual([status, retryable]);
      expect(classifyChainError(err.cause, 1)).toBe(err.cause);
    }
  });

  it('an unreachable RPC surfaces as ChainUnavailableError (HTTP 503)', async () => {
    const rpc = await startRpc();
    const url = rpc.url;
    await rpc.close();
    const view = new RpcChainView({ rpcUrl: url, programId: EXEC_TRADE_PROGRAM_ID });
    const err = await view.latestBlockhash().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChainUnavailableError);
    expect((err as ChainUnavailableError).statusCode).toBe(503);
  });
});
