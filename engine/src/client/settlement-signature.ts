/**
 * The signature check every consumer of a settlement runs before trusting or submitting it: the
 * record names the expected settlement authority as its signer, and the ed25519 signature over the
 * 98 signed bytes verifies under THAT key (a `signer` field alone proves nothing). The expected
 * authority comes from `GET /v1/oracle` (`settlementSigner`) or the on-chain config.
 */
import { base58Bytes } from './base58-bytes.js';
import { SETTLEMENT_LEN, decodeSettlement, type SettlementFields } from './quote-message.js';
import { ClientError } from './errors.js';
import { base64ToBytes } from './encoding.js';
import { defaultSignatureVerifier, type SignatureVerifier } from './verify/ed25519-verifier.js';

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

/** base58 settlement authority from a key or from the /v1/oracle response. */
export function settlementAuthorityOf(expected: string | SettlementAuthorityInfo): string {
  const key = typeof expected === 'string' ? expected : expected.settlementSigner;
  if (typeof key !== 'string' || key === '') throw new SettlementVerificationError('no settlement authority given (GET /v1/oracle: settlementSigner)');
  return key;
}

const invalid = (message: string): Error => new SettlementVerificationError(message);

/** What a signature check needs: the signed bytes, the signature and the expected key. */
export interface SettlementSignatureParts {
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  readonly key: Uint8Array;
  readonly authority: string;
}

/**
 * Everything `verifySettlementSignature` checks except the ed25519 verification itself: the signer
 * is the expected authority, the message is a settlement, signature and key are well formed.
 */
export function settlementSignatureParts(settlement: SignedSettlementParts, expected: string | SettlementAuthorityInfo): SettlementSignatureParts {
  const authority = settlementAuthorityOf(expected);
  if (settlement.signer !== authority) {
    throw new SettlementVerificationError(`signer ${settlement.signer} is not the settlement authority ${authority}`);
  }
  let message: Uint8Array;
  try {
    message = base64ToBytes(settlement.message);
  } catch {
    throw new SettlementVerificationError('message is not base64');
  }
  if (message.length !== SETTLEMENT_LEN) throw new SettlementVerificationError(`message is ${message.length} bytes, ${SETTLEMENT_LEN} expected`);
  const signature = base58Bytes(settlement.signature, 64, 'signature', invalid);
  const key = base58Bytes(authority, 32, 'settlement authority', invalid);
  return { message, signature, key, authority };
}

/** The decoded fields of a settlement message, or SettlementVerificationError. */
export function decodeSignedSettlement(message: Uint8Array): SettlementFields {
  try {
    return decodeSettlement(message);
  } catch (err) {
    throw new SettlementVerificationError(`message is not a settlement: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export const settlementSignatureFailure = (authority: string): SettlementVerificationError =>
  new SettlementVerificationError(`signature does not verify under the settlement authority ${authority}`);

/**
 * Checks that `settlement` is signed by the expected authority and returns its decoded fields.
 * Throws `SettlementVerificationError` (EXEC_ERR_SETTLEMENT_INVALID) otherwise. `verify` is
 * synchronous (default: node:crypto with cached keys where available, else tweetnacl);
 * `verifySettlementRecord` uses the SDK's async verifier, which also reaches WebCrypto.
 */
export function verifySettlementSignature(
  settlement: SignedSettlementParts,
  expected: string | SettlementAuthorityInfo,
  verify: SignatureVerifier = defaultSignatureVerifier(),
): SettlementFields {
  const parts = settlementSignatureParts(settlement, expected);
  if (!verify(parts.message, parts.signature, parts.key)) throw settlementSignatureFailure(parts.authority);
  return decodeSignedSettlement(parts.message);
}
