/**
 * Start the engine as a child process: `node --import tsx engine/src/main.ts …`, the runtime
 * `npm start` uses (tsx's loader) without the tsx CLI wrapper, whose signal relay SIGKILLs a child
 * that takes more than ~30 ms to acknowledge a SIGTERM (exit 143 instead of a graceful 0; seen on a
 * loaded 2-core machine right after start-up, while the stream workers warm up).
 * `spawnEngine` only spawns it (for runs that are expected to exit, or that find their own address);
 * `startEngine` picks a free loopback port, waits until /v1/health answers, and `stop()` ends it with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = ['--import', 'tsx'];

/** The current environment without any EXEC_* variable, plus `extra`. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('EXEC_')) env[k] = v;
  return { ...env, ...extra };
}

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface EngineChild {
  readonly child: ChildProcess;
  /** stdout and stderr interleaved as they arrived. */
  output(): string;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<ExitStatus>;
  /** SIGTERM, then SIGKILL if still alive after `graceMs`. Resolves with the exit. */
  stop(graceMs?: number): Promise<ExitStatus>;
}

export interface EngineProcess extends EngineChild {
  readonly base: string;
}

export interface SpawnOptions {
  /**
   * The engine always runs as ONE process (`node --import tsx`), never through the tsx launcher,
   * which forwards SIGTERM/SIGINT to its child but not SIGKILL or SIGSTOP (failover tests signal
   * the engine itself) and SIGKILLs a child slow to acknowledge SIGTERM. Kept for callers that ask.
   */
  readonly singleProcess?: boolean;
}

/** Spawns the engine with the current environment minus EXEC_* plus `env`; waits for nothing. */
export function spawnEngine(args: string[], env: Record<string, string>, _opts: SpawnOptions = {}): EngineChild {
  const child = spawn(process.execPath, [...TSX_LOADER, 'engine/src/main.ts', ...args], { cwd: repoRoot, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    const s = d.toString();
    out += s;
    stdout += s;
  });
  child.stderr?.on('data', (d: Buffer) => {
    const s = d.toString();
    out += s;
    stderr += s;
  });
  const exited = new Promise<ExitStatus>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => out,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async stop(graceMs = 12_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Spawns the engine on a free loopback port (log level warn unless `env` says otherwise) and waits until it is healthy. */
export async function startEngine(args: string[], env: Record<string, string> = {}, timeoutMs = 25_000, opts: SpawnOptions = {}): Promise<EngineProcess> {
  const port = await freePort();
  // The demo's local chain on any free port, so parallel test files never collide on 8899.
  const spawned = spawnEngine(args, { EXEC_PORT: String(port), EXEC_LOG_LEVEL: 'warn', EXEC_LOCAL_CHAIN_PORT: '0', ...env }, opts);
  const proc: EngineProcess = { ...spawned, base: `http://127.0.0.1:${port}` };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`engine exited with ${proc.child.exitCode} before becoming healthy:\n${proc.output()}`);
    try {
      if ((await fetch(`${proc.base}/v1/health`)).status === 200) return proc;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await proc.stop();
  throw new Error(`engine not healthy within ${timeoutMs} ms:\n${proc.output()}`);
}
