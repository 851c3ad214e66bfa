/**
 * The web terminal in a real browser (Debian's Chromium driven by playwright-core) against the demo
 * engine started as users start it. Checks that quotes are rendered and verified in the browser,
 * and that a quote whose signature was altered in flight is shown as unverified and cannot be taken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import { startEngine, type EngineProcess } from '../helpers/engine-process.js';

if (!hasChromium) process.stderr.write('terminal browser tests skipped: /usr/bin/chromium missing (apt-get install chromium)\n');

describe.skipIf(!hasChromium)('web terminal in Chromium', () => {
  let engine: EngineProcess;
  let browser: Browser;

  beforeAll(async () => {
    engine = await startEngine(['--demo']);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    const exit = await engine?.stop();
    expect(exit?.code).toBe(0);
  });

  it('streams every symbol, verifies every quote in the browser and marks the demo SIMULATED', async () => {
    const page = await browser.newPage();
    await page.goto(`${engine.base}/`);
    await expect.poll(() => page.locator('[data-testid="simulated"]').isVisible(), { timeout: 15_000 }).toBe(true);
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT']) {
      await page.locator(`[data-testid="market-${symbol}"] [data-verified="true"]`).first().waitFor({ timeout: 20_000 });
      expect(await page.locator(`[data-testid="status-${symbol}"]`).textContent()).toBe('OPEN');
      const index = await page.locator(`[data-testid="index-${symbol}"]`).textContent();
      expect(index).toMatch(/^[\d,]+\.\d{2}$/);
    }
    expect(await page.locator('[data-verified="false"]').count()).toBe(0);
    expect(await page.locator('[data-testid="connection"]').textContent()).toBe('live');
    await page.screenshot({ path: 'tests/app/.terminal.png' }).catch(() => undefined);
    await page.close();
  }, 60_000);

  it('a quote whose signature is altered in flight shows as unverified and its buttons are disabled', async () => {
    const page = await browser.newPage();
    let tampered: string | null = null;
    let tamperedInDelta: string | null = null;
    await page.routeWebSocket(/\/v1\/stream$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => server.send(m));
      server.onMessage((raw) => {
        const text = typeof raw === 'string' ? raw : raw.toString();
        type WireQuote = { quoteId: string; signature: string };
        const msg = JSON.parse(text) as { type: string; surface?: { rounds: Array<{ quotes: WireQuote[] }> }; quotes?: WireQuote[] };
        // The terminal streams in delta mode: a delta carries only the new quotes, so tamper there too.
        const q = msg.type === 'delta' ? msg.quotes?.[0] : msg.type === 'snapshot' || msg.type === 'update' ? msg.surface?.rounds[0]?.quotes[0] : undefined;
        if (q) {
          // Flip one base58 character of the signature: still valid base58, no longer a valid signature.
          q.signature = (q.signature[0] === '2' ? '3' : '2') + q.signature.slice(1);
          tampered = q.quoteId;
          if (msg.type === 'delta') tamperedInDelta = q.quoteId;
          ws.send(JSON.stringify(msg));
          return;
        }
        ws.send(text);
      });
    });
    await page.goto(`${engine.base}/`);
    await expect.poll(() => tampered !== null && page.locator(`tr[data-quote="${tampered}"] [data-verified="false"]`).count(), { timeout: 20_000 }).toBe(1);
    const row = page.locator(`tr[data-quote="${tampered}"]`);
    expect(await row.locator('button[disabled]').count()).toBe(2);
    // and a quote altered inside a delta frame (verified on arrival, not only in snapshots) too
    await expect.poll(() => tamperedInDelta !== null && page.locator(`tr[data-quote="${tamperedInDelta}"] [data-verified="false"]`).count(), { timeout: 20_000 }).toBe(1);
    await page.close();
  }, 60_000);
});
