/**
 * The terminal's routes: every built file at its path with its type and cache policy (nothing else
 * of the filesystem is reachable), and a 503 page that says how to build when there is no build.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalAsset } from '../../../../../engine/src/api/terminal/assets.js';
import { startApi, type Harness } from '../../harness.js';

const asset = (body: string, type: string, cacheControl: string): TerminalAsset => ({ body: Buffer.from(body), type, cacheControl });

describe('terminal routes', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('serves the build from memory with its types and cache policy; other paths are 404', async () => {
    const files = new Map([
      ['/', asset('<!doctype html>', 'text/html; charset=utf-8', 'no-cache')],
      ['/assets/index-abc.js', asset('export {}', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable')],
    ]);
    h = await startApi({ terminal: files });
    const page = await h.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = await h.app.inject({ method: 'GET', url: '/assets/index-abc.js' });
    expect(script.body).toBe('export {}');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/assets/../package.json', '/index.html', '/assets/other.js', '/.build-stamp']) {
      expect((await h.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('without a build, / answers 503 and says how to build; the API still works', async () => {
    h = await startApi({ terminal: null });
    const page = await h.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm run build:app');
    expect((await h.app.inject({ method: 'GET', url: '/v1/oracle' })).statusCode).toBe(200);
  });
});
