/**
 * Serves the web market terminal (app/public) at `/`. The files are read once at start-up from a
 * fixed list, so no request path ever reaches the filesystem.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

const PUBLIC_DIR = new URL('../../../../../app/public/', import.meta.url);
const FILES: ReadonlyArray<{ route: string; file: string; type: string }> = [
  { route: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
  { route: '/terminal.js', file: 'terminal.js', type: 'text/javascript; charset=utf-8' },
  { route: '/verify.js', file: 'verify.js', type: 'text/javascript; charset=utf-8' },
  { route: '/surface-delta.js', file: 'surface-delta.js', type: 'text/javascript; charset=utf-8' },
  { route: '/terminal.css', file: 'terminal.css', type: 'text/css; charset=utf-8' },
];

/** The OpenAPI description of a static file route: 200 with the file in its content type. */
export function staticFileSchema(route: string, type: string) {
  const mediaType = type.split(';')[0] as string;
  return {
    tags: ['terminal'],
    summary: route === '/' ? 'The web market terminal' : `Terminal asset ${route}`,
    response: { 200: { description: `the file (${mediaType})`, content: { [mediaType]: { schema: z.string() } } } },
  };
}

export function registerTerminalRoutes(app: FastifyInstance): void {
  for (const { route, file, type } of FILES) {
    const body = readFileSync(new URL(file, PUBLIC_DIR));
    // static, read once: not rate limited (a page load fetches five of them)
    const options = { config: { rateLimit: false }, schema: staticFileSchema(route, type) };
    app.get(route, options, async (_req, reply) => reply.type(type).header('cache-control', 'no-cache').send(body));
  }
}
