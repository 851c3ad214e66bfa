/**
 * The engine's side of the chain, built from the config: a ChainAccess for the API, and once a
 * chain is ready the keeper (settles every published settlement, pre-opens rounds) and the
 * ChainWatch (halts quoting on chain-clock skew, a paused program or a differing schedule; follows
 * the on-chain quote epoch).
 *
 * - EXEC_RPC_URL: ready at once (keeper only with EXEC_KEEPER_KEYPAIR).
 * - Demo without EXEC_RPC_URL (EXEC_LOCAL_CHAIN=auto): the demo chain is built and started in the
 *   background; until it is ready the transaction route answers 503 with the reason, and quotes
 *   stream as usual. The demo faucet serves it.
 */
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { Keypair, PublicKey } from '@solana/web3.js';
import type { Config } from '../config/index.js';
import type { SurfaceStore } from '../cache/types.js';
import { EngineError } from '../lib/errors.js';
import { CLUSTER_IDS } from '../market/types.js';
import { SettlementKeeper, type KeeperStats } from '../settlement/keeper.js';
import { RpcKeeperChain } from '../settlement/keeper-chain.js';
import type { RoundScheduleEntry, RiskLimits } from '../client/index.js';
import { ChainAccess } from './chain-access.js';
import { RpcChainView } from './chain-view.js';
import { ChainWatch, type ChainWatchTarget } from './chain-watch.js';
import { startDemoChain, type DemoChain } from './demo-chain.js';
import type { FaucetGrant } from './provision.js';

/** How far back a starting keeper looks for stored settlements it may have missed (1 h). */
const KEEPER_BACKFILL_SEC = 3_600;
/** The demo chain's house and limits, collateral atoms (6 decimals). */
const DEMO_HOUSE_FUNDING = 1_000_000_000_000n;
const DEMO_REFUND_GRACE_SEC = 3_600n;

export interface ChainRuntime {
  readonly access: ChainAccess;
  /** Demo only, once the local chain is ready; null otherwise. */
  faucet(): ((trader: PublicKey) => Promise<FaucetGrant>) | null;
  readonly demoChainEnabled: boolean;
  /** What the settlement keeper did, or null while there is none (no chain, no keeper key). */
  keeperStats(): KeeperStats | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ChainRuntimeOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly store: SurfaceStore;
  readonly oracleAuthority: string;
  readonly settlementAuthority: string;
  readonly quoting: ChainWatchTarget;
}

async function loadSolanaKeypair(path: string): Promise<Keypair> {
  try {
    const bytes = JSON.parse(await readFile(path, 'utf8')) as unknown;
    if (!Array.isArray(bytes) || bytes.length !== 64) throw new Error('must be a JSON array of 64 numbers');
    return Keypair.fromSecretKey(Uint8Array.from(bytes as number[]));
  } catch (err) {
    throw new EngineError('EXEC_ERR_KEEPER_KEYPAIR', `keeper keypair ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** The engine's schedule as the program holds it. */
export function programSchedule(config: Config): RoundScheduleEntry[] {
  return config.market.expiriesSec.map((durationSec, i) => ({ durationSec, closeOffsetSec: config.market.closeOffsetsSec[i] ?? 0 }));
}

/** Demo limits: fills from 1 USDT up to the largest quote size; generous round and wallet caps. */
function demoLimits(config: Config): RiskLimits {
  const sizes = Object.values(config.market.maxSizeAtoms);
  const maxPositionSize = sizes.reduce((a, b) => (b > a ? b : a), 1_000_000n);
  return { minPositionSize: 1_000_000n, maxPositionSize, maxRoundNetPayout: 100_000_000_000n, maxWalletRoundSize: 10n * maxPositionSize };
}

export async function createChainRuntime(o: ChainRuntimeOptions): Promise<ChainRuntime> {
  const { config, logger, store } = o;
  const log = logger.child({ module: 'chain' });
  const access = new ChainAccess();
  const programId = new PublicKey(config.programId);
  let keeper: SettlementKeeper | null = null;
  let watch: ChainWatch | null = null;
  let demo: DemoChain | null = null;
  const abort = new AbortController();
  let demoStart: Promise<void> | null = null;

  const attach = async (view: RpcChainView, payer: Keypair | null): Promise<void> => {
    watch = new ChainWatch({
      connection: view.connection,
      programId,
      target: o.quoting,
      schedule: programSchedule(config),
      cluster: CLUSTER_IDS[config.cluster],
      maxSkewSec: config.chain.clockMaxSkewSec,
      checkMs: config.chain.clockCheckMs,
      logger,
    });
    await watch.start();
    if (payer === null) {
      log.info({}, 'settlement keeper disabled (needs EXEC_KEEPER_KEYPAIR with EXEC_RPC_URL)');
      return;
    }
    keeper = new SettlementKeeper({
      store,
      chain: new RpcKeeperChain(view.connection, view.program, payer, () => view.collateralMint()),
      logger,
      settlementAuthority: o.settlementAuthority,
      symbols: config.symbols,
      preOpenDurationsSec: config.keeper.preOpen ? config.market.expiriesSec : [],
      backfill: { durationsSec: config.market.expiriesSec, lookbackSec: KEEPER_BACKFILL_SEC },
    });
    await keeper.start();
    log.info({ keeper: payer.publicKey.toBase58() }, 'settlement keeper enabled');
  };

  const startDemo = async (): Promise<void> => {
    access.starting('the demo chain is building and starting');
    try {
      demo = await startDemoChain({
        logger: log,
        port: config.localChain.port,
        oracleAuthority: new PublicKey(o.oracleAuthority),
        settlementAuthority: new PublicKey(o.settlementAuthority),
        roundSchedule: programSchedule(config),
        limits: demoLimits(config),
        refundGraceSec: DEMO_REFUND_GRACE_SEC,
        houseFunding: DEMO_HOUSE_FUNDING,
        quoteEpoch: o.quoting.currentEpoch(),
        faucetLamports: config.localChain.faucetLamports,
        faucetCollateralAtoms: config.localChain.faucetCollateralAtoms,
        signal: abort.signal,
      });
      if (abort.signal.aborted) {
        await demo.stop();
        return;
      }
      // No blockhash cache: the local chain (solana-program-test) registers a new blockhash every
      // ~6 ms and accepts one for its last 150, so a blockhash lives 1–2 s there (60–90 s on a
      // cluster), and a 2 s cache would hand out expired ones.
      const view = new RpcChainView({ rpcUrl: demo.chain.rpcUrl, programId, collateralMint: demo.collateralMint, blockhashTtlMs: 0 });
      access.setReady({ view, rpcUrl: demo.chain.rpcUrl, wsUrl: demo.chain.wsUrl, collateralMint: demo.collateralMint, local: true });
      await attach(view, demo.keeperPayer);
      log.info({ rpcUrl: demo.chain.rpcUrl, wsUrl: demo.chain.wsUrl, collateralMint: demo.collateralMint.toBase58() }, 'demo chain ready: take quotes against this RPC (POST /v1/faucet funds a wallet)');
    } catch (err) {
      access.setFailed(err instanceof Error ? err.message : String(err));
      if (!abort.signal.aborted) log.error({ err }, 'demo chain unavailable: quotes stream, but cannot be taken');
    }
  };

  return {
    access,
    demoChainEnabled: config.localChain.enabled,
    faucet: () => (demo ? (trader: PublicKey) => demo!.faucet(trader) : null),
    keeperStats: () => keeper?.stats() ?? null,
    async start() {
      if (config.chain.rpcUrl !== null) {
        const mint = config.chain.collateralMint === null ? undefined : new PublicKey(config.chain.collateralMint);
        const view = new RpcChainView({ rpcUrl: config.chain.rpcUrl, programId, ...(mint ? { collateralMint: mint } : {}) });
        access.setReady({ view, rpcUrl: config.chain.rpcUrl, wsUrl: null, collateralMint: mint ?? null, local: false });
        if (!mint) {
          // Published in /v1/oracle once read from the on-chain Config; an RPC failure now is not fatal.
          void view
            .collateralMint()
            .then((m) => access.setReady({ view, rpcUrl: config.chain.rpcUrl as string, wsUrl: null, collateralMint: m, local: false }))
            .catch((err: unknown) => log.warn({ err }, 'collateral mint not readable from the chain yet'));
        }
        const payer = config.keeper.keypairPath === null ? null : await loadSolanaKeypair(config.keeper.keypairPath);
        await attach(view, payer);
      } else if (config.localChain.enabled) {
        demoStart = startDemo();
      }
    },
    async stop() {
      abort.abort();
      await watch?.stop();
      await keeper?.stop();
      await demoStart;
      await demo?.stop();
    },
  };
}
