/**
 * The API contract run (a step of `npm test`): starts the demo engine (simulated venues, its own
 * local chain) on a free loopback port, waits until its chain is ready, and runs schemathesis
 * against the OpenAPI document the engine serves (GET /v1/openapi.json). Any 5xx, any status the
 * document does not list, and any response body, content type or header that does not match the
 * document fails the run.
 *
 *   npx tsx scripts/api-contract/run.ts --st <path to schemathesis' `st`> [--max-time <s>]
 *
 * The demo runs as `npm run demo` does, except: per-IP rate limits are lifted (429 is documented,
 * but a throttled run tests little else) and rounds are 15 s and 1 min, so settlement records exist
 * within the run. scripts/api-contract/exec_trade_hooks.py puts live quote ids, a wallet key and
 * recent expiries into most generated requests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Keypair } from '@solana/web3.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ROUND_SEC = 15;

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Non-EXEC_ variables of this environment, plus `extra`. */
function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('EXEC_')) env[k] = v;
  return { ...env, ...extra };
}

async function waitForChain(base: string, engine: ChildProcess, engineOutput: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (engine.exitCode !== null) throw new Error(`the demo engine exited with ${engine.exitCode} before it was ready:\n${engineOutput()}`);
    try {
      const oracle = (await (await fetch(`${base}/v1/oracle`)).json()) as { chain: { status: string; detail: string | null } };
      if (oracle.chain.status === 'ready') return;
      if (oracle.chain.status === 'failed') throw new Error(`the demo chain failed: ${oracle.chain.detail}`);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('the demo chain failed')) throw err;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the demo chain was not ready within ${timeoutMs / 1000} s`);
}

function stop(engine: ChildProcess): Promise<void> {
  if (engine.exitCode !== null || engine.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => engine.kill('SIGKILL'), 15_000);
    engine.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    engine.kill('SIGTERM');
  });
}

async function main(): Promise<number> {
  const st = arg('st');
  const maxTime = arg('max-time', '120');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let engineLog = '';
  const engine = spawn(process.execPath, ['--import', 'tsx', 'engine/src/main.ts', '--demo'], {
    cwd: root,
    env: environment({
      EXEC_PORT: String(port),
      EXEC_LOCAL_CHAIN_PORT: '0',
      EXEC_LOG_LEVEL: 'warn',
      EXEC_HTTP_RATE_LIMIT_MAX: '10000000',
      EXEC_HTTP_TX_RATE_LIMIT_MAX: '10000000',
      EXEC_EXPIRIES: `${ROUND_SEC}s,1m`,
      EXEC_TRADING_CLOSE_SEC: '4,10',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  engine.stdout?.on('data', (d: Buffer) => (engineLog += d.toString()));
  engine.stderr?.on('data', (d: Buffer) => (engineLog += d.toString()));
  try {
    const startedAt = Date.now();
    await waitForChain(base, engine, () => engineLog.slice(-4_000), 240_000);
    process.stdout.write(`demo engine and its local chain ready at ${base} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
    const checks = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance', 'response_headers_conformance'];
    // schemathesis and hypothesis keep caches in the working directory: a scratch one, not the clone
    const scratch = mkdtempSync(join(tmpdir(), 'exec-trade-schemathesis-'));
    const code = await new Promise<number>((resolve) => {
      const run = spawn(st, ['run', `${base}/v1/openapi.json`, '--checks', checks.join(','), '--max-time', maxTime, '--workers', '1', '--request-timeout', '10'], {
        cwd: scratch,
        stdio: 'inherit',
        env: {
          ...process.env,
          PYTHONPATH: fileURLToPath(new URL('.', import.meta.url)),
          SCHEMATHESIS_HOOKS: 'exec_trade_hooks',
          CONTRACT_API_URL: base,
          CONTRACT_WALLET: Keypair.generate().publicKey.toBase58(),
          CONTRACT_ROUND_SEC: String(ROUND_SEC),
        },
      });
      run.once('exit', (c) => resolve(c ?? 1));
      run.once('error', (err) => {
        process.stderr.write(`cannot run ${st}: ${err.message}\n`);
        resolve(1);
      });
    }).finally(() => rmSync(scratch, { recursive: true, force: true }));
    const errors = engineLog.split('\n').filter((l) => l.includes('"level":50') || l.includes('"level":60'));
    if (code !== 0 && errors.length > 0) process.stderr.write(`engine errors during the run:\n${errors.slice(-10).join('\n')}\n`);
    return code;
  } finally {
    await stop(engine);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`api contract run: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
