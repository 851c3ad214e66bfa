/**
 * The SDK's stream decoder and quote verifier in a real browser (Debian's Chromium): bundled for the
 * browser with esbuild (a Node module anywhere in it fails the bundle), it decodes the golden frames
 * of docs/stream-format.md into the fixture surfaces and verifies every quote with WebCrypto.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import bs58 from 'bs58';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import { GOLDEN_BASE, GOLDEN_NEXT, STREAM_SIGNER } from '../fixtures/golden/stream-frames.js';

const doc = readFileSync(new URL('../../docs/stream-format.md', import.meta.url), 'utf8');
const golden = (name: string): string => (new RegExp(`<!-- golden:${name} -->\\n\`\`\`\\n([0-9a-f \\n]+)\`\`\``).exec(doc)?.[1] ?? '').replace(/\s+/g, '');

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [new URL('./fixtures/sdk-browser-entry.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

describe('SDK bundle for browsers', () => {
  it('bundles for the browser without any Node module', async () => {
    const code = await bundle();
    expect(code.length).toBeGreaterThan(10_000);
    expect(code).not.toMatch(/require\(["']node:/);
  });
});

describe.skipIf(!hasChromium)('SDK stream decoder and verifier in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let base = '';

  beforeAll(async () => {
    const code = await bundle();
    server = createServer((req, res) => {
      if (req.url === '/sdk.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/sdk.js"></script>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it('decodes the golden snapshot and delta to the fixture surfaces and verifies every quote with WebCrypto', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    const result = await page.evaluate(
      async ({ snapshotHex, deltaHex, signer }) => {
        const sdk = (globalThis as unknown as { execTradeSdk: Record<string, any> }).execTradeSdk;
        const bytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
        const stream = new sdk.SurfaceStream({ format: 'binary', updates: 'delta' });
        const events = [...stream.receive(bytes(snapshotHex).buffer), ...stream.receive(bytes(deltaHex).buffer)];
        const verifier = await sdk.QuoteVerifier.create();
        const held = stream.surface('BTCUSDT');
        const quotes = [...events.flatMap((e: any) => (e.kind === 'surface' ? e.surface.rounds.flatMap((r: any) => r.quotes) : []))];
        const verdicts = await verifier.verifyAll(quotes, { expectedSigner: signer });
        const forged = { ...quotes[0], upPrice: '1' };
        const forgedVerdict = (await verifier.verifyAll([forged], { expectedSigner: signer }))[0];
        return {
          backend: verifier.backend,
          kinds: events.map((e: any) => `${e.kind}:${e.frame}:${e.seq}`),
          snapshot: JSON.stringify(events[0].surface),
          held: JSON.stringify(held),
          ok: verdicts.filter((v: any) => v.ok).length,
          total: verdicts.length,
          forgedCode: forgedVerdict.ok ? null : forgedVerdict.error.code,
        };
      },
      { snapshotHex: golden('snapshot'), deltaHex: golden('delta'), signer: bs58.encode(STREAM_SIGNER.publicKey) },
    );
    expect(result.backend).toBe('webcrypto');
    expect(result.kinds).toEqual(['surface:snapshot:41', 'surface:delta:42']);
    expect(JSON.parse(result.snapshot)).toEqual(GOLDEN_BASE);
    expect(JSON.parse(result.held)).toEqual(GOLDEN_NEXT);
    expect(result.total).toBe(6);
    expect(result.ok).toBe(6);
    expect(result.forgedCode).toBe('EXEC_ERR_QUOTE_FIELD_MISMATCH');
    await page.close();
  }, 60_000);
});
