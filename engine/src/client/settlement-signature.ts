/**
 * The signature check every consumer of a settlement runs before trusting or submitting it: the
 * record names the expected settlement authority as its signer, and the ed25519 signature over the
 * 98 signed bytes verifies under THAT key (a `signer` field alone proves nothing). The expected
 * authority comes from `GET /v1/oracle` (`settlementSigner`) or the on-chain config.
 */
import nacl from 'tweetnacl';
import { base58Bytes } from './base58-bytes.js';
import { SETTLEMENT_LEN, decodeSettlement, type SettlementFields } from './quote-message.js';
import { ClientError } from './errors.js';
import type { SignatureVerifier } from './verify-quote.js';

/** The signed part of a settlement record: 98 bytes (base64), signature and signer (base58). */
export interface SignedSettlementParts {
  readonly message: string;
  readonly signature: string;
  readonly signer: string;
}

/** What /v1/oracle publishes about the settlement signer (the whole response may be passed). */
export interface SettlementAuthorityInfo {
  readonly settlementSigner: string;
}

export class SettlementVerificationError extends ClientError {
  constructor(message: string) {
    super('EXEC_ERR_SETTLEMENT_INVALID', message);
    this.name = 'SettlementVerificationError';
  }
}

const naclVerify: SignatureVerifier = (m, s, k) => nacl.sign.detached.verify(m, s, k);

/** base58 settlement authority from a key or from the /v1/oracle response. */
export function settlementAuthorityOf(expected: string | SettlementAuthorityInfo): string {
  const key = typeof expected === 'string' ? expected : expected.settlementSigner;
  if (typeof key !== 'string' || key === '') throw new SettlementVerificationError('no settlement authority given (GET /v1/oracle: settlementSigner)');
  return key;
}

const invalid = (message: string): Error => new SettlementVerificationError(message);

/**
 * Checks that `settlement` is signed by the expected authority and returns its decoded fields.
 * Throws `SettlementVerificationError` (EXEC_ERR_SETTLEMENT_INVALID) otherwise.
 */
export function verifySettlementSignature(
  settlement: SignedSettlementParts,
  expected: string | SettlementAuthorityInfo,
  verify: SignatureVerifier = naclVerify,
): SettlementFields {
  const authority = settlementAuthorityOf(expected);
  if (settlement.signer !== authority) {
    throw new SettlementVerificationError(`signer ${settlement.signer} is not the settlement authority ${authority}`);
  }
  let message: Uint8Array;
  try {
    message = Uint8Array.from(Buffer.from(settlement.message, 'base64'));
  } catch {
    throw new SettlementVerificationError('message is not base64');
  }
  if (message.length !== SETTLEMENT_LEN) throw new SettlementVerificationError(`message is ${message.length} bytes, ${SETTLEMENT_LEN} expected`);
  const signature = base58Bytes(settlement.signature, 64, 'signature', invalid);
  const key = base58Bytes(authority, 32, 'settlement authority', invalid);
  if (!verify(message, signature, key)) throw new SettlementVerificationError(`signature does not verify under the settlement authority ${authority}`);
  try {
    return decodeSettlement(message);
  } catch (err) {
    throw new SettlementVerificationError(`message is not a settlement: ${err instanceof Error ? err.message : String(err)}`);
  }
}
