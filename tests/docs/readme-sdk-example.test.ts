/**
 * README.md's "SDK: stream, verify, take" example, run exactly as printed (the block between its
 * markers, written to a file at the repo root so its `./engine/src/client` import resolves) against
 * a real demo engine with its local chain. It must exit by itself, having verified quotes and taken
 * one, and the position it prints must exist on the chain.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, PublicKey } from '@solana/web3.js';
import { createExecTradeProgram, fetchTraderPositions } from '../../engine/src/client/index.js';
import { cleanEnv, repoRoot, startEngine, type EngineProcess } from '../helpers/engine-process.js';
import { demoChainReady } from '../helpers/demo-chain.js';

/** The ```ts block between <!-- sdk-example --> and <!-- /sdk-example --> in README.md. */
function readmeExample(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const m = /<!-- sdk-example -->\n```ts\n([\s\S]*?)```\n<!-- \/sdk-example -->/.exec(readme);
  if (m === null) throw new Error('README.md has no sdk-example block');
  return m[1] as string;
}

describe('README SDK example', () => {
  let engine: EngineProcess;
  let rpcUrl: string;
  const file = join(repoRoot, `.readme-sdk-example-${process.pid}.ts`);

  beforeAll(async () => {
    engine = await startEngine(['--demo'], { EXEC_SYMBOLS: 'BTCUSDT', EXEC_STREAM_WORKERS: '0' });
    rpcUrl = (await demoChainReady(engine.base)).rpcUrl;
  }, 200_000);

  afterAll(async () => {
    rmSync(file, { force: true });
    await engine?.stop();
  });

  it('streams, verifies, takes a quote and exits by itself', async () => {
    writeFileSync(file, readmeExample());
    const run = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: repoRoot, env: cleanEnv({ API_URL: engine.base }), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the example did not exit within 90 s:\n${out}`));
      }, 90_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, out });
      });
    });
    expect(run.code, run.out).toBe(0);
    const verified = /BTCUSDT #\d+: (\d+)\/(\d+) quotes verified/.exec(run.out);
    expect(verified?.[1]).toBe(verified?.[2]);
    expect(Number(verified?.[1])).toBeGreaterThan(0);
    expect(run.out).toMatch(/took UP BTCUSDT strike \d+: stake \d+, payout 10000000 \(\w+\)/);
    const printed = /position (\w+): up size 10000000 stake (\d+)/.exec(run.out);
    expect(printed, run.out).not.toBeNull();

    // the position it printed is on the chain, owned by the example's wallet
    const program = createExecTradeProgram(new Connection(rpcUrl, 'confirmed'));
    const account = await program.provider.connection.getAccountInfo(new PublicKey(printed![1]!));
    expect(account?.owner.equals(program.programId)).toBe(true);
    const trader = program.coder.accounts.decode('position', account!.data) as { trader: PublicKey };
    const held = await fetchTraderPositions(program, trader.trader);
    expect(held.map((p) => p.address.toBase58())).toEqual([printed![1]]);
    expect(held[0]?.position.stake.toString()).toBe(printed![2]);
  }, 120_000);
});
