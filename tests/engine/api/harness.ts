/** Shared set-up for the API tests: a MemoryStore, a signer and a built (not listening) app. */
import { pino } from 'pino';
import bs58 from 'bs58';
import { buildApi, type ApiApp } from '../../../engine/src/api/app.js';
import { MemoryStore } from '../../../engine/src/cache/memory-store.js';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { DEFAULT_PROGRAM_ID } from '../../../engine/src/config/defaults.js';
import type { StreamLimits } from '../../../engine/src/api/routes/ws/stream-hub.js';
import type { FeedHealth } from '../../../engine/src/feeds/types.js';
import { OPEN_HTTP_LIMITS, type HttpLimits } from '../../../engine/src/api/security.js';
import type { ChainInfo } from '../../../engine/src/chain/chain-access.js';
import type { TerminalAsset } from '../../../engine/src/api/terminal/assets.js';

export const signer = createSigner(new Uint8Array(32).fill(9));
/** The settlement key /v1/oracle publishes in the harness (a separate key, as in production). */
export const settlementSigner = createSigner(new Uint8Array(32).fill(10));
export const SETTLEMENT_SIGNER = bs58.encode(settlementSigner.publicKey);

export interface Harness extends ApiApp {
  readonly store: MemoryStore;
  close(): Promise<void>;
}

export async function startApi(
  options: {
    ws?: Partial<StreamLimits>;
    simulated?: boolean;
    now?: () => number;
    symbols?: Array<'BTCUSDT' | 'ETHUSDT' | 'SOLUSDT'>;
    feedHealth?: () => readonly FeedHealth[];
    http?: Partial<HttpLimits>;
    streamWorkers?: number;
    chainInfo?: () => ChainInfo;
    /** The terminal's files (default: app/dist as built). */
    terminal?: ReadonlyMap<string, TerminalAsset> | null;
  } = {},
): Promise<Harness> {
  const logger = pino({ level: 'silent' });
  const store = new MemoryStore({ logger, quoteRetentionMs: 60_000, ...(options.now ? { now: options.now } : {}) });
  await store.start();
  const api = buildApi({
    logger,
    store,
    symbols: options.symbols ?? ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
    oracle: {
      signer: bs58.encode(signer.publicKey),
      settlementSigner: SETTLEMENT_SIGNER,
      programId: DEFAULT_PROGRAM_ID,
      cluster: 'devnet',
      epoch: 1n,
      simulated: options.simulated ?? true,
    },
    ws: { maxSubscriptions: 3, maxFrameBytes: 4096, heartbeatMs: 5000, maxBufferedBytes: 1 << 20, ...options.ws },
    ...(options.now ? { now: options.now } : {}),
    ...(options.feedHealth ? { feedHealth: options.feedHealth } : {}),
    ...(options.http ? { http: { ...OPEN_HTTP_LIMITS, ...options.http } } : {}),
    ...(options.streamWorkers ? { streamWorkers: options.streamWorkers } : {}),
    ...(options.chainInfo ? { chainInfo: options.chainInfo } : {}),
    ...(options.terminal !== undefined ? { terminal: options.terminal } : {}),
    // every response of every API test is checked against the OpenAPI document's schema
    responseContract: 'throw',
  });
  await api.app.ready();
  return {
    ...api,
    store,
    async close() {
      await api.app.close();
      await store.stop();
    },
  };
}

/** The harness's app listening on a free loopback port; the ws:// URL of its /v1/stream. */
export async function listenStream(h: Harness): Promise<string> {
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const address = h.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `ws://127.0.0.1:${address.port}/v1/stream`;
}
