/**
 * Builds `exec-trade-local-chain` with cargo (programs/exec-trade-bank). Cargo decides what is
 * stale: a fresh binary costs about a second; the first build compiles the Solana bank and takes
 * minutes, so progress is logged as it goes.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { LOCAL_CHAIN_BIN_NAME, LOCAL_CHAIN_CRATE_DIR, LocalChainError, localChainBinaryPath, type ChainLogger } from './local-chain.js';

/** Runs `cargo build --bin exec-trade-local-chain`; resolves with the binary's path. Aborting kills cargo. */
export async function buildLocalChain(log: ChainLogger, signal?: AbortSignal, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const args = ['build', '--bin', LOCAL_CHAIN_BIN_NAME, '--manifest-path', join(LOCAL_CHAIN_CRATE_DIR, 'Cargo.toml')];
  const started = Date.now();
  let compiled = 0;
  const tail: string[] = [];
  await new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new LocalChainError('local chain build aborted'));
    const child = spawn('cargo', args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    signal?.addEventListener('abort', () => child.kill('SIGTERM'), { once: true });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        const text = line.trim();
        if (text === '') continue;
        tail.push(text);
        if (tail.length > 30) tail.shift();
        if (text.startsWith('Compiling')) {
          compiled++;
          if (compiled === 1) log.info({}, 'building the local chain with cargo (the first build compiles the Solana bank: several minutes)');
          if (compiled % 100 === 0) log.info({ crates: compiled, elapsedSec: Math.round((Date.now() - started) / 1000) }, 'local chain build in progress');
        }
      }
    });
    child.once('error', (err) => {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      reject(new LocalChainError(missing ? 'cargo not found: the demo chain is built with Rust (https://rustup.rs), or set EXEC_RPC_URL to a validator where exec-trade is deployed' : `cannot run cargo: ${err.message}`, err));
    });
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else if (signal?.aborted) reject(new LocalChainError('local chain build aborted'));
      else reject(new LocalChainError(`cargo build of the local chain failed (exit ${code}):\n${tail.join('\n')}`));
    });
  });
  if (compiled > 0) log.info({ crates: compiled, elapsedSec: Math.round((Date.now() - started) / 1000) }, 'local chain built');
  return localChainBinaryPath(env);
}
