/**
 * Shared set-up for the QuoteEngine tests: fixed keys and prices, index snapshots, and engines that
 * publish into one array under fake timers starting 1 s into a whole hour.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import bs58 from 'bs58';
import pino from 'pino';
import { QuoteEngine, type QuoteEngineOptions } from '../../../engine/src/market/quote-engine.js';
import { createSigner } from '../../../engine/src/signer/sign.js';
import type { IndexSnapshot } from '../../../engine/src/aggregator/types.js';
import type { MarketSymbol } from '../../../engine/src/feeds/types.js';
import type { MarketSurface } from '../../../engine/src/market/types.js';

// 2026-01-01T00:00:00Z, a multiple of 3600 s; tests start 1 s into the hour.
export const T0 = 1_767_225_600_000;
export const START = T0 + 1_000;
export const PROGRAM_ID = bs58.encode(Uint8Array.from({ length: 32 }, (_, i) => i + 1));
export const signer = createSigner(Uint8Array.from({ length: 32 }, (_, i) => 100 + i));
export const SIGNER = bs58.encode(signer.publicKey);
export const BTC = 97_312_345_678n;

/** `price` moved by `n` basis points. */
export const bps = (price: bigint, n: bigint): bigint => price + (price * n) / 10_000n;

/** An open index snapshot at the current (fake) time from one fresh binance source. */
export function snap(price: bigint | null, overrides: Partial<IndexSnapshot> = {}, symbol: MarketSymbol = 'BTCUSDT'): IndexSnapshot {
  const now = Date.now();
  return {
    symbol,
    price,
    ts: now,
    sourceTs: now - 20,
    providers: 3,
    sources: [{ venue: 'binance', mid: price, exchangeTs: now - 20, receivedTs: now - 5, status: 'ok' }],
    confidence: 1_000_000n,
    status: 'open',
    haltReason: null,
    simulated: false,
    ...overrides,
  };
}

export interface QuoteEngineHarness {
  /** Every surface published in the current test, oldest first; emptied before each test. */
  readonly published: MarketSurface[];
  last(): MarketSurface;
  /** A started engine publishing into `published`: devnet, epoch 7, the file's defaults, then `overrides`. */
  makeEngine(overrides?: Partial<QuoteEngineOptions>): Promise<QuoteEngine>;
  /** An engine publishing into `published` from exactly `options` (no defaults), not started; stopped after the test. */
  buildEngine(options: EngineChoices): QuoteEngine;
}

/** What a test chooses; the harness supplies the signer, the publish callback and a silent logger. */
export type EngineChoices = Omit<QuoteEngineOptions, 'signer' | 'publish' | 'logger'>;

/** Registers the before/after hooks of one test file (fake timers at START; the last engine stopped). */
export function useQuoteEngineHarness(defaults: Partial<QuoteEngineOptions>): QuoteEngineHarness {
  const published: MarketSurface[] = [];
  let engine: QuoteEngine | undefined;
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
    published.length = 0;
  });
  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
    vi.useRealTimers();
  });
  const buildEngine = (options: EngineChoices): QuoteEngine => {
    engine = new QuoteEngine({
      signer,
      publish: (s) => {
        published.push(s);
      },
      logger: pino({ level: 'silent' }),
      ...options,
    });
    return engine;
  };
  return {
    published,
    last: () => published[published.length - 1]!,
    buildEngine,
    async makeEngine(overrides = {}) {
      const e = buildEngine({ cluster: 'devnet', programId: PROGRAM_ID, epoch: 7n, simulated: false, ...defaults, ...overrides });
      await e.start();
      return e;
    },
  };
}
