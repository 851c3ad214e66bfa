/**
 * The terminal's build check: the source hash covers the app, the SDK it bundles and the lock file
 * (and nothing under dist/ or node_modules/); a current stamp skips the build; a stale one runs
 * Vite for real and serves what it wrote.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_STAMP, ensureTerminalBuilt, terminalSourceHash } from '../../../../engine/src/api/terminal/build.js';
import { loadTerminalAssets } from '../../../../engine/src/api/terminal/assets.js';

const quiet = { info: () => undefined };
const temp = mkdtempSync(join(tmpdir(), 'exec-terminal-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(temp, 'src-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('terminal source hash', () => {
  const base = { 'app/index.html': '<html>', 'app/src/main.ts': 'x', 'engine/src/client/index.ts': 'sdk', 'package-lock.json': '{}', 'engine/src/api/app.ts': 'server' };

  it('changes with the app, the SDK or the lock file, and not with builds, dependencies or the server', async () => {
    const h0 = await terminalSourceHash(tree(base));
    expect(await terminalSourceHash(tree(base))).toBe(h0);
    const changes: Record<string, string>[] = [{ 'app/src/main.ts': 'y' }, { 'engine/src/client/index.ts': 'sdk2' }, { 'package-lock.json': '{ }' }, { 'app/src/new.ts': '' }];
    for (const change of changes) {
      expect(await terminalSourceHash(tree({ ...base, ...change })), JSON.stringify(change)).not.toBe(h0);
    }
    const unrelated: Record<string, string>[] = [{ 'app/dist/assets/x.js': 'built' }, { 'app/dist.new-1/index.html': 'half' }, { 'app/node_modules/a/index.js': 'dep' }, { 'engine/src/api/app.ts': 'other' }];
    for (const same of unrelated) {
      expect(await terminalSourceHash(tree({ ...base, ...same })), JSON.stringify(same)).toBe(h0);
    }
  });
});

describe('ensureTerminalBuilt', () => {
  it('builds with Vite when the stamp is missing or stale, and skips a current one', async () => {
    const dist = join(temp, 'dist');
    const first = await ensureTerminalBuilt(quiet, { dist });
    expect(first.built).toBe(true);
    const assets = loadTerminalAssets(dist);
    expect(assets?.get('/')?.body.toString()).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
    const script = [...(assets?.keys() ?? [])].find((r) => r.endsWith('.js'));
    expect(assets?.get(script as string)).toMatchObject({ type: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' });
    expect(assets?.get('/')?.cacheControl).toBe('no-cache');
    expect(assets?.has(`/${BUILD_STAMP}`)).toBe(false);

    expect((await ensureTerminalBuilt(quiet, { dist })).built).toBe(false);
    writeFileSync(join(dist, BUILD_STAMP), readFileSync(join(dist, BUILD_STAMP), 'utf8').replace(/"hash":"\w/, '"hash":"_'));
    expect((await ensureTerminalBuilt(quiet, { dist })).built).toBe(true);
  }, 120_000);

  it('no build: no assets (the route then explains how to build)', () => {
    expect(loadTerminalAssets(join(temp, 'nothing'))).toBeNull();
  });
});
