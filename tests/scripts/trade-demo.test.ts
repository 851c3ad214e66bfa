/**
 * `npm run trade` against `npm run demo`, as a user runs them: a real demo engine process with its
 * local chain, and the CLI spawned through npm for every step. Nothing but --api is given: the CLI
 * finds the chain in GET /v1/oracle. Every command must exit by itself (no lingering socket), and
 * the balances it reports are checked against the chain.
 *
 * keygen → faucet → markets → take by strike → positions (open) → settlement by the engine's
 * keeper → positions (WON / lost) → claim → positions (none); then take by quote id → the chain
 * clock moved past the refund time → refund; and the clear errors on the way.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, Keypair, PublicKey } from '@solana/web3.js';
import { AccountLayout, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { createExecTradeProgram, fetchRound } from '../../engine/src/client/index.js';
import { repoRoot, startEngine, type EngineProcess } from '../helpers/engine-process.js';
import { demoChainReady, until } from '../helpers/demo-chain.js';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** `npm run --silent trade -- <args>`; fails the test if it does not exit on its own within `limitMs`. */
function trade(args: string[], limitMs = 60_000): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'trade', '--', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`trade ${args.join(' ')} did not exit within ${limitMs} ms:\n${stdout}\n${stderr}`));
    }, limitMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

interface WireQuote {
  readonly quoteId: string;
  readonly strike: string;
  readonly expiryTs: number;
  readonly validUntilMs: number;
}

const SIZE = 10_000_000n;

/** One of the local chain's own `exec_*` JSON-RPC methods (engine/src/chain/local-chain.ts). */
async function chainCall<T>(rpcUrl: string, method: string, params: unknown[]): Promise<T> {
  const res = (await (await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })).json()) as { result?: T; error?: unknown };
  if (res.result === undefined) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.result;
}

describe('npm run trade against npm run demo', () => {
  let engine: EngineProcess;
  let dir: string;
  let wallet: string;
  let connection: Connection;
  let rpcUrl: string;
  let mint: PublicKey;
  const api = (): string[] => ['--api', engine.base];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exec-trade-cli-demo-'));
    wallet = join(dir, 'wallet.json');
    engine = await startEngine(['--demo'], { EXEC_EXPIRIES: '15s', EXEC_TRADING_CLOSE_SEC: '4', EXEC_SYMBOLS: 'BTCUSDT', EXEC_QUOTE_TTL_MS: '10000' });
    const oracle = await demoChainReady(engine.base);
    rpcUrl = oracle.rpcUrl;
    connection = new Connection(rpcUrl, 'confirmed');
    mint = new PublicKey(oracle.collateralMint);
  }, 200_000);

  afterAll(async () => {
    await engine?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const balance = async (owner: PublicKey): Promise<bigint> => {
    const info = await connection.getAccountInfo(getAssociatedTokenAddressSync(mint, owner));
    return info === null ? 0n : AccountLayout.decode(info.data).amount;
  };
  const owner = (): PublicKey => Keypair.fromSecretKey(Uint8Array.from(JSON.parse(readFileSync(wallet, 'utf8')) as number[])).publicKey;
  /** The middle strike of the current round, once it has `leftMs` of trading left. */
  const liveQuote = (leftMs: number): Promise<WireQuote> =>
    until('a quote with time left', 30_000, async () => {
      const m = (await (await fetch(`${engine.base}/v1/markets/BTCUSDT`)).json()) as { rounds: Array<{ tradingCloseTs: number; quotes: WireQuote[] }> };
      const round = m.rounds.find((r) => r.quotes.length > 0 && r.tradingCloseTs * 1000 - Date.now() > leftMs);
      return round?.quotes[Math.floor(round.quotes.length / 2)] ?? null;
    });

  it('keygen, faucet and markets: a funded wallet and the live quotes, each command exiting by itself', async () => {
    const made = await trade(['keygen', '--keypair', wallet]);
    expect([made.code, made.stderr]).toEqual([0, '']);
    expect(statSync(wallet).mode & 0o777).toBe(0o600);
    expect(made.stdout).toContain(owner().toBase58());
    expect((await trade(['keygen', '--keypair', wallet])).stderr).toMatch(/already exists: not overwriting/);

    const funded = await trade(['faucet', '--keypair', wallet, ...api()]);
    expect([funded.code, funded.stderr]).toEqual([0, '']);
    expect(await balance(owner())).toBeGreaterThan(SIZE);

    const quote = await liveQuote(0);
    const listed = await trade(['markets', 'BTCUSDT', ...api()]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('SIMULATED');
    expect(listed.stdout).toMatch(new RegExp(`[0-9a-f]{32}  strike +${(BigInt(quote.strike) / 1_000_000n).toString()}\\.000000  up \\d+\\.\\d{6}  down \\d+\\.\\d{6}`));
  }, 120_000);

  it('take by strike, positions, the keeper settles, claim pays exactly what the chain says', async () => {
    const start = await balance(owner());
    const quote = await liveQuote(6_000);
    const strike = (BigInt(quote.strike) / 1_000_000n).toString();
    const took = await trade(['take', 'BTCUSDT', strike, 'up', SIZE.toString(), '--keypair', wallet, ...api()]);
    expect([took.code, took.stderr]).toEqual([0, '']);
    expect(took.stdout).toMatch(/filled: \w+/);
    const stake = start - (await balance(owner()));
    expect(stake).toBeGreaterThan(0n);
    expect(stake).toBeLessThan(SIZE);
    expect(took.stdout).toContain(`stake ${(stake / 1_000_000n).toString()}.${(stake % 1_000_000n).toString().padStart(6, '0')}`);

    const open = await trade(['positions', '--keypair', wallet, ...api()]);
    expect(open.code).toBe(0);
    expect(open.stdout).toMatch(/UP strike .* (open|awaiting settlement)/);
    expect((await trade(['claim', '--keypair', wallet, ...api()])).stdout).toMatch(/nothing to claim: 1 position\(s\) (open|awaiting settlement)/);

    // the engine signs the settlement and its keeper lands it
    const program = createExecTradeProgram(connection);
    const round = await until('the keeper to settle the round', 90_000, async () => {
      const r = await fetchRound(program, 1, BigInt(quote.expiryTs));
      return r?.status === 'settled' ? r : null;
    });
    const won = round.settlementPrice >= BigInt(quote.strike);
    const settled = await trade(['positions', '--keypair', wallet, ...api()]);
    expect(settled.stdout).toMatch(won ? /UP strike .* WON/ : /UP strike .* lost/);

    const beforeClaim = await balance(owner());
    const claimed = await trade(['claim', '--keypair', wallet, ...api()]);
    expect([claimed.code, claimed.stderr]).toEqual([0, '']);
    expect(claimed.stdout).toMatch(/1 position\(s\) claimed/);
    expect(await balance(owner())).toBe(beforeClaim + (won ? SIZE : 0n));
    expect((await trade(['positions', '--keypair', wallet, ...api()])).stdout).toContain('no open positions');
  }, 180_000);

  it('says clearly what is wrong', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['take', 'BTCUSDT', '1', 'up', '1000', '--keypair', wallet, ...api()], /has no strike 1 now; its strikes: \d+/],
      [['take', 'BTCUSDT', '97300', 'up', '1000', '--round', '7x', '--keypair', wallet, ...api()], /--round 7x: expected a round duration/],
      [['take', 'ab'.repeat(16), 'up', '1000', '--keypair', wallet, ...api()], /API 404 EXEC_ERR_QUOTE_NOT_FOUND/],
      [['take', 'DOGEUSDT', '1', 'up', '1000', '--keypair', wallet, ...api()], /API 404 EXEC_ERR_UNKNOWN_SYMBOL/],
      [['positions', '--keypair', join(dir, 'missing.json'), ...api()], /cannot read keypair/],
    ];
    for (const [args, message] of cases) {
      const r = await trade(args);
      expect([args.slice(0, 2).join(' '), r.code]).toEqual([args.slice(0, 2).join(' '), 1]);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(dir, 'missing.json'))).toBe(false);
  }, 120_000);

  // Last: the engine halts quoting once the chain clock runs ahead of wall time (it did here, by an hour).
  it('take by quote id; once the chain clock passes the refund time without a settlement, refund returns the stake', async () => {
    const start = await balance(owner());
    const quote = await liveQuote(8_000);
    const took = await trade(['take', quote.quoteId, 'down', SIZE.toString(), '--keypair', wallet, ...api()]);
    expect([took.code, took.stderr]).toEqual([0, '']);
    expect(await balance(owner())).toBeLessThan(start);
    expect((await trade(['refund', '--keypair', wallet, ...api()])).stdout).toMatch(/nothing to refund/);

    // the chain's clock (which the program judges refunds by) jumps past the round's refund time
    const program = createExecTradeProgram(connection);
    const round = await fetchRound(program, 1, BigInt(quote.expiryTs));
    expect(round?.status).toBe('open');
    const clock = await chainCall<{ unixTimestamp: number }>(rpcUrl, 'exec_getClock', []);
    await chainCall(rpcUrl, 'exec_advanceClock', [{ seconds: Number(round!.refundAfterTs) - clock.unixTimestamp + 5 }]);
    expect((await trade(['positions', '--keypair', wallet, ...api()])).stdout).toMatch(/DOWN strike .* REFUNDABLE/);

    const refunded = await trade(['refund', '--keypair', wallet, ...api()]);
    expect([refunded.code, refunded.stderr]).toEqual([0, '']);
    expect(refunded.stdout).toMatch(/1 position\(s\) refunded/);
    expect(await balance(owner())).toBe(start);
  }, 120_000);
});
