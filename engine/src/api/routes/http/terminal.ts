/**
 * Serves the web market terminal (app/, built by Vite into app/dist) at `/`. The files are read
 * once when the API is built (api/terminal/assets.ts), so no request path reaches the filesystem.
 * Without a build, `/` answers 503 with how to make one (`npm start` builds it automatically).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loadTerminalAssets, type TerminalAsset } from '../../terminal/assets.js';

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>exec-trade</title>
<p>The web terminal is not built. <code>npm start</code> and <code>npm run demo</code> build it when app/ changes;
<code>npm run build:app</code> builds it by hand. The API under <code>/v1/</code> works without it.</p>`;

/** The OpenAPI description of a static file route: 200 with the file in its content type. */
export function staticFileSchema(route: string, type: string) {
  const mediaType = type.split(';')[0] as string;
  return {
    tags: ['terminal'],
    summary: route === '/' ? 'The web market terminal' : `Terminal asset ${route}`,
    response: { 200: { description: `the file (${mediaType})`, content: { [mediaType]: { schema: z.string() } } } },
  };
}

const NOT_BUILT_SCHEMA = {
  tags: ['terminal'],
  summary: 'The web market terminal (not built: how to build it)',
  response: { 503: { description: 'the terminal is not built (text/html)', content: { 'text/html': { schema: z.string() } } } },
};

export function registerTerminalRoutes(app: FastifyInstance, assets: ReadonlyMap<string, TerminalAsset> | null = loadTerminalAssets()): void {
  // static, read once: not rate limited (a page load fetches several of them)
  const config = { rateLimit: false };
  if (assets === null) {
    app.get('/', { config, schema: NOT_BUILT_SCHEMA }, async (_req, reply) => reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(NOT_BUILT));
    return;
  }
  for (const [route, asset] of assets) {
    app.get(route, { config, schema: staticFileSchema(route, asset.type) }, async (_req, reply) => reply.type(asset.type).header('cache-control', asset.cacheControl).send(asset.body));
  }
}
