/** The trader CLI as a real child process against a real (loopback, port 0) engine API. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keypair } from '@solana/web3.js';
import { makeSurface } from '../helpers/market-surface.js';
import { makeLadderSurface } from '../helpers/ladder-surface.js';
import type { LadderLeafJson } from '../../engine/src/market/types.js';
import { signer, startApi, type Harness } from '../engine/api/harness.js';
import { freePort } from '../helpers/free-port.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function trade(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(join(root, 'node_modules/.bin/tsx'), ['scripts/trade.ts', ...args], { cwd: root, timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('scripts/trade.ts', () => {
  let h: Harness;
  let api: string;
  let dir: string;
  beforeAll(async () => {
    h = await startApi();
    await h.store.publishSurface(makeSurface({ symbol: 'ETHUSDT', seq: 1, signer, rounds: 1, strikes: 3, validForMs: 60_000 }));
    await h.store.publishSurface(makeLadderSurface({ symbol: 'SOLUSDT', seq: 1, signer, rounds: 1, strikes: 3, validForMs: 60_000 }));
    api = await h.app.listen({ host: '127.0.0.1', port: 0 });
    dir = await mkdtemp(join(tmpdir(), 'exec-trade-cli-'));
  });
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('markets lists the signed quotes of a symbol', async () => {
    const surface = await h.store.getSurface('ETHUSDT');
    const r = await trade(['markets', 'ETHUSDT', '--api', api]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SIMULATED');
    for (const q of surface!.rounds[0]!.quotes) expect(r.stdout).toContain(q.quoteId);
  });

  it('markets shows each quote format v2 leaf with its decay and its prices if taken now', async () => {
    const surface = await h.store.getSurface('SOLUSDT');
    const r = await trade(['markets', 'SOLUSDT', '--api', api]);
    expect(r.code).toBe(0);
    for (const q of surface!.rounds[0]!.quotes as LadderLeafJson[]) {
      const decay = `0.${q.decayMicrosPerSec.padStart(6, '0')}`;
      expect(r.stdout).toMatch(new RegExp(`${q.quoteId} .* decay ${decay.replace('.', '\\.')}/s, now up 0\\.\\d{6} down 0\\.\\d{6}`));
    }
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await trade(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/take <quoteId> <up\|down> <size> --keypair <path>/);
  });

  it('fails clearly: missing keypair, bad keypair file, unreachable API, unreachable RPC, bad usage', async () => {
    const kpPath = join(dir, 'trader.json');
    await writeFile(kpPath, JSON.stringify(Array.from(Keypair.generate().secretKey)));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '[1,2,3]');
    const quoteId = (await h.store.getSurface('ETHUSDT'))!.rounds[0]!.quotes[0]!.quoteId;
    const closed = await freePort();
    const deadRpc = `http://127.0.0.1:${closed}`;
    const cases: Array<[string[], RegExp]> = [
      [['take', quoteId, 'up', '1000'], /--keypair <path> is required/],
      [['take', quoteId, 'up', '1000', '--keypair', bad], /must be a JSON array of 64 numbers/],
      [['take', quoteId, 'sideways', '1000', '--keypair', kpPath], /usage: take/],
      [['markets', '--api', 'http://127.0.0.1:1'], /engine API http:\/\/127\.0\.0\.1:1 unreachable/],
      [['take', 'ab'.repeat(16), 'up', '1000', '--keypair', kpPath, '--api', api, '--rpc', deadRpc], /API 404 EXEC_ERR_QUOTE_NOT_FOUND/],
      [['take', quoteId, 'up', '1000', '--keypair', kpPath, '--api', api, '--rpc', deadRpc], new RegExp(`Solana RPC ${deadRpc} unreachable \\(ECONNREFUSED\\)`)],
      [['positions', '--keypair', kpPath, '--rpc', deadRpc], new RegExp(`Solana RPC ${deadRpc} unreachable \\(ECONNREFUSED\\)`)],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const r = await trade(args);
      expect([args[0], r.code]).toEqual([args[0], 1]);
      expect(r.stderr).toMatch(message);
    }
  });
});
