/**
 * The built terminal (app/dist), read into memory once at start-up: route → bytes, content type and
 * cache policy. No request path ever reaches the filesystem. Vite names every asset by its content
 * hash, so those are cached for a year; index.html is revalidated on every load.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { TERMINAL_DIST } from './build.js';

export interface TerminalAsset {
  readonly body: Buffer;
  readonly type: string;
  readonly cacheControl: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Every file of the build by route (`/` for index.html), or null when there is no build. */
export function loadTerminalAssets(dist: string = TERMINAL_DIST): ReadonlyMap<string, TerminalAsset> | null {
  if (!existsSync(join(dist, 'index.html'))) return null;
  const assets = new Map<string, TerminalAsset>();
  for (const entry of readdirSync(dist, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const path = join(entry.parentPath, entry.name);
    const type = TYPES[extname(entry.name)];
    if (type === undefined) continue; // source maps and anything unexpected stay unserved
    const route = `/${relative(dist, path).split(/[\\/]/).join('/')}`;
    const hashed = route.startsWith('/assets/');
    assets.set(route === '/index.html' ? '/' : route, { body: readFileSync(path), type, cacheControl: hashed ? IMMUTABLE : 'no-cache' });
  }
  return assets;
}
