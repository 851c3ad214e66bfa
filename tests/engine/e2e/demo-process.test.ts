/**
 * `npm run demo` as a real child process: it becomes healthy on the chosen port, says SIMULATED, and
 * exits 0 on SIGTERM within the shutdown deadline. A bad configuration exits 2 listing every problem.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('EXEC_')) env[k] = v;
  return { ...env, ...extra };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface Run {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: string[], env: NodeJS.ProcessEnv): Run {
  const child = spawn(tsx, ['engine/src/main.ts', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const r: Run = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  child.stdout?.on('data', (d: Buffer) => {
    r.stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    r.stderr += d.toString();
  });
  return r;
}

describe('engine process', () => {
  let current: Run | undefined;
  afterEach(() => {
    if (current && current.child.exitCode === null && current.child.signalCode === null) current.child.kill('SIGKILL');
    current = undefined;
  });

  it('demo: healthy, SIMULATED everywhere, clean exit 0 on SIGTERM', async () => {
    const port = await freePort();
    current = run(['--demo'], cleanEnv({ EXEC_PORT: String(port) }));
    const base = `http://127.0.0.1:${port}`;

    const deadline = Date.now() + 25_000;
    let healthy = false;
    while (!healthy && Date.now() < deadline && current.child.exitCode === null) {
      try {
        healthy = (await fetch(`${base}/v1/health`)).status === 200;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    expect(healthy, current.stderr).toBe(true);

    const oracle = await fetch(`${base}/v1/oracle`);
    expect(oracle.headers.get('x-exec-mode')).toBe('SIMULATED');
    expect(await oracle.json()).toMatchObject({ simulated: true, quoteFormat: { version: 1, length: 128 } });
    expect(current.stdout).toContain('SIMULATED MODE');
    expect(current.stdout).toContain('"mode":"SIMULATED"');
    expect(current.stdout).toContain('oraclePublicKey');

    const killedAt = Date.now();
    current.child.kill('SIGTERM');
    const exit = await current.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(current.stdout).toContain('shutdown complete');
  }, 40_000);

  it('invalid configuration exits 2 and lists every problem', async () => {
    current = run([], cleanEnv({ EXEC_PORT: 'eighty', EXEC_SYMBOLS: 'BTCUSDT,DOGEUSDT', EXEC_CLUSTER: 'moon', EXEC_NOPE: '1' }));
    const exit = await current.exited;
    expect(exit.code).toBe(2);
    for (const name of ['EXEC_PORT', 'EXEC_SYMBOLS', 'EXEC_CLUSTER', 'EXEC_NOPE']) expect(current.stderr).toContain(name);
    expect(current.stderr).toContain('DOGEUSDT');
  }, 30_000);
});
