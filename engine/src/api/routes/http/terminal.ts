/**
 * Serves the web market terminal (app/public) at `/`. The files are read once at start-up from a
 * fixed list, so no request path ever reaches the filesystem.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const PUBLIC_DIR = new URL('../../../../../app/public/', import.meta.url);
const FILES: ReadonlyArray<{ route: string; file: string; type: string }> = [
  { route: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
  { route: '/terminal.js', file: 'terminal.js', type: 'text/javascript; charset=utf-8' },
  { route: '/verify.js', file: 'verify.js', type: 'text/javascript; charset=utf-8' },
  { route: '/surface-delta.js', file: 'surface-delta.js', type: 'text/javascript; charset=utf-8' },
  { route: '/terminal.css', file: 'terminal.css', type: 'text/css; charset=utf-8' },
];

export function registerTerminalRoutes(app: FastifyInstance): void {
  for (const { route, file, type } of FILES) {
    const body = readFileSync(new URL(file, PUBLIC_DIR));
    // static, read once: not rate limited (a page load fetches five of them)
    app.get(route, { config: { rateLimit: false } }, async (_req, reply) => reply.type(type).header('cache-control', 'no-cache').send(body));
  }
}
