/**
 * The settlement authority key (signs the 98-byte settlement messages). Distinct from the oracle
 * key: EXEC_SETTLEMENT_KEYPAIR, or `<dataDir>/settlement-keypair.json` generated (0600) if missing.
 */
import { loadOrCreateKeypair, type OracleKeypair } from '../signer/keys.js';

export const SETTLEMENT_KEYPAIR_FILE = 'settlement-keypair.json';

export async function loadOrCreateSettlementKey(path: string | undefined, dataDir: string): Promise<OracleKeypair> {
  return loadOrCreateKeypair(path, dataDir, SETTLEMENT_KEYPAIR_FILE);
}
