/** The `trader` field of a request body: a canonical base58 public key, else 400 EXEC_ERR_BAD_TRADER. */
import { PublicKey } from '@solana/web3.js';
import { ApiError } from '../../api-error.js';

export function parseTrader(v: unknown): PublicKey {
  if (typeof v !== 'string') throw new ApiError('EXEC_ERR_BAD_TRADER', 400, 'trader must be a base58 public key');
  try {
    const pk = new PublicKey(v);
    if (pk.toBase58() !== v) throw new Error('non-canonical');
    return pk;
  } catch {
    throw new ApiError('EXEC_ERR_BAD_TRADER', 400, `trader "${v.slice(0, 60)}" is not a base58 public key`);
  }
}
