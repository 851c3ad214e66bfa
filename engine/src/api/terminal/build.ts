/**
 * Builds the web terminal (app/, Vite) when its build is missing or stale, so `npm start`,
 * `npm run demo` and `npm test` serve what the sources say. Stale = the sha-256 of every input
 * (app sources, the SDK under engine/src/client that the app imports, package-lock.json) differs
 * from the stamp written by the last build. Hashing ~200 small files takes a few milliseconds; a
 * build takes a few seconds (Vite in a child process, so the engine never loads the bundler).
 * The new build is written next to app/dist and swapped in with renames, so concurrent starts
 * never serve a half-written directory.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../../lib/errors.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const APP_DIR = join(REPO_ROOT, 'app');
export const TERMINAL_DIST = join(APP_DIR, 'dist');
export const BUILD_STAMP = '.build-stamp';

/** What the bundle is made of: these trees and files (dist and dot-files excluded). */
const INPUTS = ['app', 'engine/src/client', 'package-lock.json'];

export interface BuildLogger {
  info(obj: object, msg: string): void;
}

export interface EnsureResult {
  readonly built: boolean;
  readonly hash: string;
  readonly ms: number;
}

async function listFiles(root: string, path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (info === null) return [];
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => !relative(root, p).split(/[\\/]/).some((part) => part === 'dist' || part.startsWith('dist.') || part === 'node_modules'));
}

/** sha-256 over the relative path and bytes of every input file, in sorted order. */
export async function terminalSourceHash(root: string = REPO_ROOT): Promise<string> {
  const files = (await Promise.all(INPUTS.map((p) => listFiles(root, join(root, p))))).flat().sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(root, file)).update('\0');
    hash.update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

async function readStamp(dist: string): Promise<string | null> {
  try {
    return (JSON.parse(await readFile(join(dist, BUILD_STAMP), 'utf8')) as { hash?: string }).hash ?? null;
  } catch {
    return null;
  }
}

function viteBin(): string {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch (err) {
    throw new EngineError('EXEC_ERR_TERMINAL_BUILD', 'vite is not installed: run `npm install` (the terminal in app/ is built with Vite)', { cause: err });
  }
}

function runVite(outDir: string): Promise<void> {
  const args = [viteBin(), 'build', '--config', join(APP_DIR, 'vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer): void => {
      output = (output + d.toString()).slice(-8_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (err) => reject(new EngineError('EXEC_ERR_TERMINAL_BUILD', `cannot run vite: ${err.message}`, { cause: err })));
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new EngineError('EXEC_ERR_TERMINAL_BUILD', `vite build of app/ failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}

export interface EnsureOptions {
  /** Build even when the stamp is current. */
  readonly force?: boolean;
  /** Where the build goes (default app/dist, where the engine serves it from). */
  readonly dist?: string;
}

/** Build app/ into app/dist unless the stamp says it is current (`force`: always). */
export async function ensureTerminalBuilt(log: BuildLogger, opts: EnsureOptions = {}): Promise<EnsureResult> {
  const started = performance.now();
  const dist = opts.dist ?? TERMINAL_DIST;
  const hash = await terminalSourceHash();
  if (!opts.force && (await readStamp(dist)) === hash) return { built: false, hash, ms: performance.now() - started };
  log.info({ dist: relative(REPO_ROOT, dist) }, 'building the web terminal (app/ changed or was never built)');
  const tag = `${process.pid}-${Date.now()}`;
  const fresh = `${dist}.new-${tag}`;
  const old = `${dist}.old-${tag}`;
  try {
    await runVite(fresh);
    await writeFile(join(fresh, BUILD_STAMP), JSON.stringify({ hash, builtAt: new Date().toISOString() }));
    await rename(dist, old).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    // another process may have swapped in the same build meanwhile: that is as good as ours
    await rename(fresh, dist).catch(async (err: unknown) => {
      if ((await readStamp(dist)) !== hash) throw err;
    });
  } finally {
    await rm(fresh, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
  const ms = performance.now() - started;
  log.info({ ms: Math.round(ms) }, 'web terminal built');
  return { built: true, hash, ms };
}
