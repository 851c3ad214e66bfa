/**
 * Trading from the web terminal end to end, as a user would: the demo engine as its own process
 * with its local chain, Debian's Chromium, and a Wallet Standard wallet registered in the page and
 * backed by a real keypair. The wallet connects; a take before the faucet is refused with a clear
 * reason; the faucet funds it; a rejected signature is reported and sends nothing; a size below the
 * program's minimum comes back as the program's decoded error; then UP and DOWN
 * at the same strike are taken through preview → wallet → chain (one of them must win), the ticket reports the round's close, the keeper
 * settles the round, both are claimed, and every balance the terminal shows equals the chain's
 * (getTokenAccountBalance). Then a position whose round passes its refund time unsettled (the
 * local chain's clock advanced) is refunded from the panel. 30-second rounds keep it near a minute and leave a loaded machine (CI: 2
 * cores shared with the rest of the suite) time for both takes in one round.
 * Screenshots go to tests/app/.screenshots, or SCREENSHOT_DIR (`npm run screenshots`: docs/screenshots, the README's).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, PublicKey } from '@solana/web3.js';
import { getAssociatedTokenAddressSync } from '@solana/spl-token';
import type { Browser, Page } from 'playwright-core';
import { fillAmounts } from '../../engine/src/client/index.js';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import { startEngine, type EngineProcess } from '../helpers/engine-process.js';
import { installTestWallet, type TestWallet } from '../helpers/test-wallet.js';
import { demoChainReady, until } from '../helpers/demo-chain.js';

const SIZE_TEXT = '10';
const ROUND = { EXEC_EXPIRIES: '30s', EXEC_TRADING_CLOSE_SEC: '4' };
/** Seconds of trading the round must have left when the UP take starts: enough for UP and DOWN. */
const PAIR_LEFT_SEC = 18;
const SIZE = 10_000_000n;
const SHOTS = process.env['SCREENSHOT_DIR'] ?? join('tests', 'app', '.screenshots');

describe.skipIf(!hasChromium)('trading from the web terminal (Wallet Standard wallet, demo chain)', () => {
  let engine: EngineProcess;
  let browser: Browser;
  let page: Page;
  let wallet: TestWallet;
  let connection: Connection;
  let ata: PublicKey;
  let rpcUrl: string;
  /** Console errors and uncaught exceptions of the page (a CSP violation shows up here). */
  const problems: string[] = [];

  beforeAll(async () => {
    engine = await startEngine(['--demo'], { ...ROUND, EXEC_SYMBOLS: 'BTCUSDT' });
    const oracle = await demoChainReady(engine.base);
    rpcUrl = oracle.rpcUrl;
    connection = new Connection(rpcUrl, 'confirmed');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    wallet = await installTestWallet(page);
    ata = getAssociatedTokenAddressSync(new PublicKey(oracle.collateralMint), wallet.keypair.publicKey);
    mkdirSync(SHOTS, { recursive: true });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
  });

  const text = (testId: string): Promise<string> => page.locator(`[data-testid="${testId}"]`).first().innerText();
  const shownCollateral = async (): Promise<bigint | null> => {
    const atoms = await page.locator('[data-testid="balance-collateral"]').getAttribute('data-atoms');
    return atoms ? BigInt(atoms) : null;
  };
  const chainCollateral = async (): Promise<bigint> => BigInt((await connection.getTokenAccountBalance(ata, 'confirmed')).value.amount);

  interface Pick {
    /** Only this strike (default: the at-the-money row). */
    readonly strike?: string;
    /** Only this round (its expiry, unix seconds): it must still be open. */
    readonly expiry?: string;
    /** Not this quote (a quote makes one position per trader: wait for its successor). */
    readonly notQuote?: string;
    /** Seconds the round must have left before its trading closes. */
    readonly minLeftSec?: number;
  }

  /** Clicks `side` at a strike of the current round once it has time left; resolves with what it clicked. */
  async function openTicket(side: 'up' | 'down', pick: Pick = {}): Promise<{ strike: string; quoteId: string; expiry: string }> {
    const market = page.locator('[data-testid="market-BTCUSDT"]');
    return until(`a ${side} quote to take`, 40_000, async () => {
      const round = pick.expiry === undefined ? market.locator('.round').first() : market.locator(`.round[data-expiry="${pick.expiry}"]`);
      if ((await round.count()) === 0) {
        if (pick.expiry !== undefined) throw new Error(`the round expiring at ${pick.expiry} left the ladder before the ${side} take (the machine was too slow for the round)`);
        return null;
      }
      const closesIn = /closes in (\d+)s/.exec(await round.locator('.round-head').innerText());
      if (closesIn === null || Number(closesIn[1]) < (pick.minLeftSec ?? 6)) {
        if (pick.expiry !== undefined) throw new Error(`the round expiring at ${pick.expiry} closes too soon for the ${side} take (the machine was too slow for the round)`);
        return null;
      }
      const rows = round.locator('tbody tr[data-strike]');
      const count = await rows.count();
      if (count === 0) return null;
      const row = pick.strike === undefined ? rows.nth(Math.floor(count / 2)) : round.locator(`tr[data-strike="${pick.strike}"]`);
      if ((await row.count()) === 0) return null;
      const quoteId = await row.getAttribute('data-quote');
      const button = row.locator(`button[data-side="${side}"]`);
      if (quoteId === null || quoteId === pick.notQuote || (await button.isDisabled())) return null;
      await button.click();
      return { strike: (await row.getAttribute('data-strike')) as string, quoteId, expiry: (await round.getAttribute('data-expiry')) as string };
    });
  }

  /**
   * Preview, clicked again (as a user would) while the ticket says the quote is momentarily not
   * takeable: expired before its successor arrived, or still being verified (a loaded machine delays
   * frames). Any other verdict fails with the ticket's own message.
   */
  async function preview(): Promise<void> {
    const state = async (): Promise<string> => ((await page.locator('[data-testid="preview-stake"]').count()) > 0 ? 'preview' : text('ticket-result'));
    for (let attempt = 0; ; attempt++) {
      await page.locator('[data-testid="ticket-build"]').click();
      await expect.poll(state, { timeout: 10_000 }).toMatch(/^(preview|EXEC_ERR)/);
      const verdict = await state();
      if (verdict === 'preview') return;
      if (!/^EXEC_ERR_QUOTE_(EXPIRED|UNVERIFIED)/.test(verdict) || attempt === 10) expect(verdict).toBe('preview');
      await page.waitForTimeout(300);
    }
  }

  /** Takes that failed after the wallet signed only because the machine was slow (each is a failed take in the activity log). */
  let slowFailures = 0;

  /**
   * Sign & send, and the ticket's verdict, sent again as a user would when the verdict says so:
   * Sign & send rebuilds a preview older than half a second and, if the price moved meanwhile, shows
   * the new preview and asks again (EXEC_ERR_PRICE_MOVED); a quote that expired before its successor
   * arrived, or a transaction whose blockhash expired while the wallet signed (a loaded machine),
   * needs a new preview first.
   */
  async function send(): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      await page.locator('[data-testid="ticket-send"]').click();
      await expect.poll(() => text('ticket-result'), { timeout: 20_000 }).toMatch(/^(confirmed|EXEC_ERR)/);
      const verdict = await text('ticket-result');
      if (attempt === 4) return verdict;
      if (verdict.startsWith('EXEC_ERR_PRICE_MOVED')) continue;
      if (/^EXEC_ERR_QUOTE_(EXPIRED|UNVERIFIED)/.test(verdict)) await preview();
      else if (verdict.startsWith('EXEC_ERR_TX_EXPIRED')) {
        slowFailures++;
        await preview();
      } else return verdict;
    }
  }

  async function takeAndConfirm(side: 'up' | 'down', pick: Pick): Promise<{ strike: string; quoteId: string; expiry: string; stake: bigint }> {
    const picked = await openTicket(side, pick);
    const priceText = await text('ticket-price');
    await page.locator('[data-testid="ticket-size"]').fill(SIZE_TEXT);
    await preview();
    const previewStake = BigInt((await page.locator('[data-testid="preview-stake"]').getAttribute('data-atoms')) as string);
    const house = BigInt((await page.locator('[data-testid="preview-house"]').getAttribute('data-atoms')) as string);
    expect(BigInt((await page.locator('[data-testid="preview-payout"]').getAttribute('data-atoms')) as string)).toBe(SIZE);
    expect(previewStake + house).toBe(SIZE);
    // the preview's stake is the fill maths at the price it shows
    const previewPrice = BigInt(Math.round(Number(await page.locator('[data-testid="preview-price"]').innerText()) * 1e6));
    expect(previewStake).toBe(fillAmounts(SIZE, previewPrice).stake);
    expect(priceText).toMatch(/^0\.\d{4}$/);
    expect(await send()).toMatch(/^confirmed/);
    const stake = BigInt((await page.locator('[data-testid="ticket-result"]').getAttribute('data-stake')) as string);
    return { ...picked, stake };
  }

  it('connects, refuses what cannot work, funds, takes UP and DOWN, settles, claims: balances shown = chain', async () => {
    await page.goto(`${engine.base}/`);
    await page.locator('[data-testid="market-BTCUSDT"] [data-verified="true"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-verified="false"]').count()).toBe(0);

    // Given the wallet connected through the Wallet Standard
    await page.locator('[data-testid="wallet-connect"]').click();
    await expect.poll(() => page.locator('[data-testid="wallet-address"]').getAttribute('data-address')).toBe(wallet.keypair.publicKey.toBase58());
    await expect.poll(() => page.locator('[data-testid="balance-sol"]').getAttribute('data-lamports'), { timeout: 10_000 }).toBe('0');

    // When it tries to trade before the faucet, then it is told why, and the wallet is never asked
    await openTicket('up');
    expect(await page.locator('[data-testid="ticket-send"]').isDisabled()).toBe(true); // nothing to send before a preview
    await preview();
    expect(await send()).toMatch(/^EXEC_ERR_NO_SOL/);
    expect(wallet.signed()).toBe(0);

    // When the faucet funds it, then the balances shown are the chain's
    await page.locator('[data-testid="faucet"]').click();
    await expect.poll(shownCollateral, { timeout: 15_000 }).not.toBeNull();
    const funded = await chainCollateral();
    expect(funded).toBeGreaterThan(0n);
    expect(await shownCollateral()).toBe(funded);
    expect(Number(await page.locator('[data-testid="balance-sol"]').getAttribute('data-lamports'))).toBe(await connection.getBalance(wallet.keypair.publicKey, 'confirmed'));

    // When the user rejects the signature, then nothing is sent and the terminal says so
    wallet.reject(true);
    await openTicket('up');
    await preview();
    expect(await send()).toMatch(/^EXEC_ERR_WALLET_REJECTED/);
    expect(wallet.signed()).toBe(1);
    expect(await chainCollateral()).toBe(funded);
    wallet.reject(false);

    // When the size is below the program's minimum, then the program's own error comes back decoded
    await openTicket('up');
    await page.locator('[data-testid="ticket-size"]').fill('0.5');
    await preview();
    expect(await send()).toMatch(/^EXEC_ERR_PROGRAM_POSITION_TOO_SMALL Limits: position size below minimum \(program error 6075/);
    expect(await chainCollateral()).toBe(funded);

    // When UP and then DOWN are taken at one strike (two quotes: a quote makes one position per trader)
    // in one round (so one of them wins), which must then have time left for both on a loaded machine
    const up = await takeAndConfirm('up', { minLeftSec: PAIR_LEFT_SEC });
    const down = await takeAndConfirm('down', { strike: up.strike, expiry: up.expiry, notQuote: up.quoteId, minLeftSec: 3 });
    await page.screenshot({ path: join(SHOTS, 'terminal-positions-open.png') });

    // Then both positions are on the chain and in the panel, and the stakes left the wallet
    await expect.poll(() => page.locator('[data-testid="position"]').count(), { timeout: 10_000 }).toBe(2);
    expect(await chainCollateral()).toBe(funded - up.stake - down.stake);
    await expect.poll(shownCollateral, { timeout: 10_000 }).toBe(funded - up.stake - down.stake);
    const signatures = await page.locator('[data-testid="activity-signature"]').allInnerTexts();
    expect(signatures.length).toBeGreaterThanOrEqual(3); // faucet, rejected take (signature none), two takes
    for (const sig of signatures) expect(sig).toMatch(/^[1-9A-HJ-NP-Za-km-z]{64,88}$/);

    // When the round's trading closes, then the open ticket says so
    await expect.poll(() => text('ticket-quote'), { timeout: 40_000 }).toContain('no live quote at this strike');
    await page.locator('[data-testid="ticket-build"]').click();
    await expect.poll(() => text('ticket-result'), { timeout: 5_000 }).toMatch(/^EXEC_ERR_(QUOTE_GONE|ROUND_CLOSED)/);

    // When the round expires and the keeper settles it, then one position won and the other lost
    await expect.poll(() => page.locator('[data-testid="position"][data-state="won"]').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.locator('[data-testid="position"][data-state="lost"]').count()).toBe(1);

    // When both are claimed, then the winner pays the size and the balances shown equal the chain's
    for (const state of ['won', 'lost']) {
      await page.locator(`[data-testid="position"][data-state="${state}"] [data-testid="claim"]`).click();
      await expect.poll(() => page.locator(`[data-testid="closed-position"][data-outcome="${state}"]`).count(), { timeout: 20_000 }).toBe(1);
    }
    const final = funded - up.stake - down.stake + SIZE;
    await expect.poll(chainCollateral, { timeout: 10_000 }).toBe(final);
    await expect.poll(shownCollateral, { timeout: 10_000 }).toBe(final);
    await expect.poll(() => page.locator('[data-testid="position"]').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator('[data-testid="closed-position"]').count()).toBe(2);
    // failed takes: the rejected one and the one below the minimum (the check before the faucet never reached the wallet)
    expect(await page.locator(`[data-testid="activity"] li[data-status="failed"][data-kind="take"]`).count()).toBe(2 + slowFailures);
    await page.locator('#ticket-close').click(); // the README's picture: markets, positions, activity
    expect(await page.locator('#ticket').isHidden()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'terminal.png') });
    expect(problems).toEqual([]);
  }, 180_000);

  // continues from the test above: the wallet is connected and funded, no position is open
  it('refunds a position whose round was not settled by its refund time (the chain clock moved past it)', async () => {
    const before = await chainCollateral();
    const taken = await takeAndConfirm('up', { minLeftSec: 8 });
    await expect.poll(() => page.locator('[data-testid="position"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await chainCollateral()).toBe(before - taken.stake);

    // When the chain's clock passes the round's refund time (expiry + the demo's 1 h grace) before
    // any settlement (a settlement no longer lands after it), then the position is refundable
    const res = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'exec_advanceClock', params: [{ seconds: 3_700 }] }) });
    expect(((await res.json()) as { error?: unknown }).error).toBeUndefined();
    await expect.poll(() => page.locator('[data-testid="position"]').getAttribute('data-state'), { timeout: 20_000 }).toBe('refundable');

    // When it is refunded, then the stake comes back and the balances shown equal the chain's
    await page.locator('[data-testid="position"][data-state="refundable"] [data-testid="refund"]').click();
    await expect.poll(() => page.locator('[data-testid="closed-position"][data-outcome="refunded"]').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(chainCollateral, { timeout: 10_000 }).toBe(before);
    await expect.poll(shownCollateral, { timeout: 10_000 }).toBe(before);
    await expect.poll(() => page.locator('[data-testid="position"]').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator('[data-testid="activity"] li[data-status="confirmed"][data-kind="refund"] [data-testid="activity-signature"]').innerText()).toMatch(/^[1-9A-HJ-NP-Za-km-z]{64,88}$/);
    await page.screenshot({ path: join(SHOTS, 'terminal-refunded.png') });
    expect(problems).toEqual([]);
  }, 120_000);
});
