/**
 * The local chain as a component: starts `exec-trade-local-chain` (programs/exec-trade-bank: the
 * program compiled for the host, in a solana-program-test bank, behind Solana's JSON-RPC and
 * PubSub), waits for its ready line, and stops it. The child also exits when our stdin pipe closes,
 * so it never outlives a killed parent.
 *
 * Its clock follows the wall clock; `advanceClock` / `setClock` are the documented `exec_*` RPC
 * methods (programs/exec-trade-bank/README.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Connection, PublicKey } from '@solana/web3.js';
import { EngineError } from '../lib/errors.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const LOCAL_CHAIN_CRATE_DIR = join(REPO_ROOT, 'programs/exec-trade-bank');
export const LOCAL_CHAIN_BIN_NAME = 'exec-trade-local-chain';

/** Minimal logger (pino-compatible) so tests and scripts can pass their own. */
export interface ChainLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export class LocalChainError extends EngineError {
  constructor(message: string, cause?: unknown) {
    super('EXEC_ERR_LOCAL_CHAIN', message, { cause });
    this.name = 'LocalChainError';
  }
}

/** Where cargo puts the binary: `$CARGO_TARGET_DIR/debug`, else the crate's own target dir. */
export function localChainBinaryPath(env: NodeJS.ProcessEnv = process.env): string {
  const targetDir = env.CARGO_TARGET_DIR ?? join(LOCAL_CHAIN_CRATE_DIR, 'target');
  return join(targetDir, 'debug', LOCAL_CHAIN_BIN_NAME);
}

export interface ClockState {
  readonly unixTimestamp: number;
  readonly slot: number;
  readonly mode: 'followWall' | 'frozen';
}

export interface LocalChainOptions {
  /** Base58 key named as the program's upgrade authority (signs initialize_config). */
  readonly upgradeAuthority: PublicKey;
  readonly host?: string;
  /** 0 (default): any free port pair. PubSub is always on port + 1. */
  readonly port?: number;
  readonly binaryPath?: string;
  readonly startTimeoutMs?: number;
  readonly logger?: ChainLogger;
}

interface ReadyLine {
  readonly rpcUrl: string;
  readonly wsUrl: string;
  readonly programId: string;
  readonly faucet: string;
}

const quiet: ChainLogger = { info: () => {}, warn: () => {}, debug: () => {} };

export class LocalChain {
  readonly rpcUrl: string;
  readonly wsUrl: string;
  readonly programId: PublicKey;
  readonly connection: Connection;
  private readonly child: ChildProcess;
  private exited: Promise<void>;

  private constructor(child: ChildProcess, ready: ReadyLine, exited: Promise<void>) {
    this.child = child;
    this.exited = exited;
    this.rpcUrl = ready.rpcUrl;
    this.wsUrl = ready.wsUrl;
    this.programId = new PublicKey(ready.programId);
    this.connection = new Connection(ready.rpcUrl, { commitment: 'confirmed', wsEndpoint: ready.wsUrl });
  }

  static async start(opts: LocalChainOptions): Promise<LocalChain> {
    const log = opts.logger ?? quiet;
    const bin = opts.binaryPath ?? localChainBinaryPath();
    if (!existsSync(bin)) {
      throw new LocalChainError(`local chain binary not found at ${bin}: build it with \`npm run build:chain\``);
    }
    const args = ['--upgrade-authority', opts.upgradeAuthority.toBase58(), '--host', opts.host ?? '127.0.0.1', '--port', String(opts.port ?? 0), '--exit-with-stdin'];
    const child = spawn(bin, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'error' },
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const stderr: string[] = [];
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr.push(chunk);
      if (stderr.length > 50) stderr.shift();
      for (const line of chunk.split('\n')) if (line.trim()) log.warn({ line }, 'local chain stderr');
    });
    const lines = createInterface({ input: child.stdout! });
    const timeoutMs = opts.startTimeoutMs ?? 30_000;
    const ready = await new Promise<ReadyLine>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new LocalChainError(`local chain did not start within ${timeoutMs} ms`));
      }, timeoutMs);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new LocalChainError(`local chain exited before it was ready (code ${code}, signal ${signal}): ${stderr.join('').trim()}`));
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new LocalChainError(`cannot start the local chain at ${bin}`, err));
      });
      lines.on('line', (line) => {
        if (line.startsWith('{') && line.includes('"ready"')) {
          clearTimeout(timer);
          resolve(JSON.parse(line) as ReadyLine);
        } else if (line.trim()) {
          // The program's own msg! output: natively it goes to stdout, not the transaction logs.
          log.debug({ line }, 'program log');
        }
      });
    });
    log.info({ rpcUrl: ready.rpcUrl, wsUrl: ready.wsUrl, programId: ready.programId }, 'local chain ready');
    return new LocalChain(child, ready, exited);
  }

  private async call<T>(method: string, params: unknown[]): Promise<T> {
    const res = await fetch(this.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = (await res.json()) as { result?: T; error?: { code: number; message: string } };
    if (body.error) throw new LocalChainError(`${method}: ${body.error.message}`);
    return body.result as T;
  }

  getClock(): Promise<ClockState> {
    return this.call('exec_getClock', []);
  }

  /** Moves the chain clock forward (never back). */
  advanceClock(seconds: number): Promise<ClockState> {
    return this.call('exec_advanceClock', [{ seconds }]);
  }

  /** Sets the chain clock (never back); `followWallClock: false` freezes it there. */
  setClock(unixTimestamp: number, followWallClock = true): Promise<ClockState> {
    return this.call('exec_setClock', [{ unixTimestamp, followWallClock }]);
  }

  /** Stops the chain clock where it is. */
  freezeClock(): Promise<ClockState> {
    return this.call('exec_setClock', [{ followWallClock: false }]);
  }

  /** Lets the chain clock follow the wall clock again from where it is (forward to wall time if behind). */
  followWallClock(): Promise<ClockState> {
    return this.call('exec_setClock', [{ followWallClock: true }]);
  }

  async stop(): Promise<void> {
    // web3.js keeps a PubSub socket (for confirmations) that would retry a stopped chain forever,
    // logging "ws error: connect ECONNREFUSED"; `_rpcWebSocket` is its only handle on it.
    const ws = (this.connection as unknown as { _rpcWebSocket?: { setAutoReconnect(on: boolean): void; close(): void } })._rpcWebSocket;
    ws?.setAutoReconnect(false);
    ws?.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.stdin?.end();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await this.exited;
    clearTimeout(timer);
  }
}
