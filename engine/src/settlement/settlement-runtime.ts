/**
 * Builds the settlement side of the engine from the config: the settlement key (its own file, or a
 * throwaway in demo mode) and the Settler. The keeper that submits the signed settlements lives
 * with the chain (engine/src/chain/chain-runtime.ts). runtime.ts wires both in.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import { PublicKey } from '@solana/web3.js';
import type { Config } from '../config/index.js';
import type { SurfaceStore } from '../cache/types.js';
import { CLUSTER_IDS } from '../market/types.js';
import { ephemeralSigner } from '../signer/keys.js';
import { loadOrCreateSettlementKey } from './settlement-key.js';
import { Settler } from './settler.js';
import { SettlementLedger } from './settlement-ledger.js';

export interface SettlementRuntime {
  readonly settler: Settler;
  readonly settlementAuthority: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createSettlementRuntime(opts: { config: Config; logger: Logger; store: SurfaceStore }): Promise<SettlementRuntime> {
  const { config, logger, store } = opts;
  const log = logger.child({ module: 'settlement' });
  const key = config.demo ? { ...ephemeralSigner(), path: null, created: false } : await loadOrCreateSettlementKey(config.settlement.keypairPath ?? undefined, config.dataDir);
  log.info({ settlementPublicKey: key.publicKeyBase58, keypairPath: key.path, created: key.created }, 'settlement key loaded');
  const programId = new PublicKey(config.programId);
  // The demo's throwaway key lives only in memory, and so does its ledger.
  const ledger = await SettlementLedger.open(config.demo ? null : join(config.dataDir, 'settlements-signed.jsonl'));
  const settler = new Settler({
    store,
    signer: key.signer,
    ledger,
    logger,
    cluster: CLUSTER_IDS[config.cluster],
    programId: programId.toBytes(),
    rule: { windowMs: config.settlement.windowMs, minProviders: config.settlement.minProviders },
    settleDelayMs: config.settlement.delayMs,
    simulated: config.simulated,
  });
  return {
    settler,
    settlementAuthority: key.publicKeyBase58,
    async start() {
      await settler.start();
    },
    async stop() {
      await settler.stop();
    },
  };
}
