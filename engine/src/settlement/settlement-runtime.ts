/**
 * Builds the settlement side of the engine from the config: the settlement key (its own file, or a
 * throwaway in demo mode), the Settler, the RPC chain view (EXEC_RPC_URL) used by the transaction
 * endpoint, and the keeper (EXEC_RPC_URL + EXEC_KEEPER_KEYPAIR). runtime.ts wires it in.
 */
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import bs58 from 'bs58';
import { Keypair, PublicKey } from '@solana/web3.js';
import type { Config } from '../config/index.js';
import type { SurfaceStore } from '../cache/types.js';
import { CLUSTER_IDS } from '../market/types.js';
import { EngineError } from '../lib/errors.js';
import { ephemeralSigner } from '../signer/keys.js';
import { RpcChainView } from '../chain/chain-view.js';
import { loadOrCreateSettlementKey } from './settlement-key.js';
import { Settler } from './settler.js';
import { SettlementKeeper } from './keeper.js';

/** How far back a starting keeper looks for stored settlements it may have missed (1 h). */
const KEEPER_BACKFILL_SEC = 3_600;
import { RpcKeeperChain } from './keeper-chain.js';

export interface SettlementRuntime {
  readonly settler: Settler;
  readonly chain: RpcChainView | null;
  readonly keeper: SettlementKeeper | null;
  readonly settlementAuthority: string;
  start(): Promise<void>;
  stop(): Promise<void>;
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

export async function createSettlementRuntime(opts: { config: Config; logger: Logger; store: SurfaceStore }): Promise<SettlementRuntime> {
  const { config, logger, store } = opts;
  const log = logger.child({ module: 'settlement' });
  const key = config.demo ? { ...ephemeralSigner(), path: null, created: false } : await loadOrCreateSettlementKey(config.settlement.keypairPath ?? undefined, config.dataDir);
  log.info({ settlementPublicKey: key.publicKeyBase58, keypairPath: key.path, created: key.created }, 'settlement key loaded');
  const programId = new PublicKey(config.programId);
  const settler = new Settler({
    store,
    signer: key.signer,
    logger,
    cluster: CLUSTER_IDS[config.cluster],
    programId: programId.toBytes(),
    rule: { windowMs: config.settlement.windowMs, minProviders: config.settlement.minProviders },
    settleDelayMs: config.settlement.delayMs,
    simulated: config.simulated,
  });
  const collateralMint = config.chain.collateralMint === null ? undefined : new PublicKey(config.chain.collateralMint);
  const chain = config.chain.rpcUrl === null ? null : new RpcChainView({ rpcUrl: config.chain.rpcUrl, programId, ...(collateralMint ? { collateralMint } : {}) });
  let keeper: SettlementKeeper | null = null;
  if (chain && config.keeper.keypairPath !== null) {
    const payer = await loadSolanaKeypair(config.keeper.keypairPath);
    keeper = new SettlementKeeper({
      store,
      chain: new RpcKeeperChain(chain.connection, chain.program, payer, () => chain.collateralMint()),
      logger,
      settlementAuthority: bs58.encode(key.signer.publicKey),
      symbols: config.symbols,
      preOpenDurationsSec: config.keeper.preOpen ? config.market.expiriesSec : [],
      backfill: { durationsSec: config.market.expiriesSec, lookbackSec: KEEPER_BACKFILL_SEC },
    });
    log.info({ keeper: payer.publicKey.toBase58() }, 'settlement keeper enabled');
  } else {
    log.info({ rpc: chain !== null }, 'settlement keeper disabled (needs EXEC_RPC_URL and EXEC_KEEPER_KEYPAIR)');
  }
  return {
    settler,
    chain,
    keeper,
    settlementAuthority: key.publicKeyBase58,
    async start() {
      await settler.start();
      await keeper?.start();
    },
    async stop() {
      await keeper?.stop();
      await settler.stop();
    },
  };
}
