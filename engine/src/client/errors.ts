/**
 * Typed SDK errors. The client package stands alone (it imports nothing from the server modules),
 * so it has its own base class; codes are stable strings, listed in docs/errors.md.
 */
export class ClientError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClientError';
    this.code = code;
  }
}

export class QuoteFormatError extends ClientError {
  constructor(message: string) {
    super('EXEC_ERR_QUOTE_FORMAT', message);
    this.name = 'QuoteFormatError';
  }
}

/** A caller-supplied value is malformed (wrong length, out of range, unknown side...). */
export class InvalidArgumentError extends ClientError {
  constructor(message: string) {
    super('EXEC_ERR_CLIENT_ARGUMENT', message);
    this.name = 'InvalidArgumentError';
  }
}

/** An Ed25519-program instruction does not have the exact layout the program requires. */
export class Ed25519LayoutError extends ClientError {
  constructor(message: string) {
    super('EXEC_ERR_ED25519_LAYOUT', message);
    this.name = 'Ed25519LayoutError';
  }
}

/** A built transaction does not fit in one packet (1,232 bytes). */
export class TransactionTooLargeError extends ClientError {
  readonly size: number;
  constructor(size: number, limit: number) {
    super('EXEC_ERR_TX_TOO_LARGE', `transaction is ${size} bytes, limit ${limit}`);
    this.name = 'TransactionTooLargeError';
    this.size = size;
  }
}

/**
 * The exec-trade program rejected an instruction. `programCode` is the Anchor error number
 * (6000 + index for ExecTradeError, < 6000 for Anchor's own), `errorName` the IDL name.
 */
export class ProgramError extends ClientError {
  readonly programCode: number;
  readonly errorName: string;
  readonly logs: readonly string[];
  constructor(programCode: number, errorName: string, message: string, logs: readonly string[] = [], cause?: unknown) {
    super(`EXEC_ERR_PROGRAM_${errorName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`, message, { cause });
    this.name = 'ProgramError';
    this.programCode = programCode;
    this.errorName = errorName;
    this.logs = logs;
  }
}

/** An RPC call failed; `retryable` is decided from the HTTP status / error kind, never the text. */
export class RpcError extends ClientError {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean, cause?: unknown) {
    super(retryable ? 'EXEC_ERR_RPC_RETRYABLE' : 'EXEC_ERR_RPC', message, { cause });
    this.name = 'RpcError';
    this.retryable = retryable;
  }
}

/** A signed quote's signature does not verify against its message and signer. */
export class QuoteSignatureError extends ClientError {
  constructor(message: string) {
    super('EXEC_ERR_QUOTE_BAD_SIGNATURE', message);
    this.name = 'QuoteSignatureError';
  }
}

/** A signed quote is signed by a key other than the expected oracle key. */
export class QuoteSignerMismatchError extends ClientError {
  readonly expected: string;
  readonly actual: string;
  constructor(expected: string, actual: string) {
    super('EXEC_ERR_QUOTE_SIGNER_MISMATCH', `quote signed by ${actual}, expected ${expected}`);
    this.name = 'QuoteSignerMismatchError';
    this.expected = expected;
    this.actual = actual;
  }
}

/** A signed quote is past its validUntilMs. */
export class QuoteExpiredError extends ClientError {
  readonly validUntilMs: number;
  constructor(validUntilMs: number, nowMs: number) {
    super('EXEC_ERR_QUOTE_EXPIRED', `quote valid until ${validUntilMs}, now ${nowMs}`);
    this.name = 'QuoteExpiredError';
    this.validUntilMs = validUntilMs;
  }
}

/** A JSON field of a signed quote disagrees with the signed message bytes. */
export class QuoteFieldMismatchError extends ClientError {
  readonly field: string;
  constructor(field: string, json: unknown, signed: unknown) {
    super('EXEC_ERR_QUOTE_FIELD_MISMATCH', `quote field ${field}: JSON has ${String(json)}, signed message has ${String(signed)}`);
    this.name = 'QuoteFieldMismatchError';
    this.field = field;
  }
}

/** The requested fill size is above what the quote still allows (its signed max_size). */
export class QuoteSizeError extends ClientError {
  readonly maxSize: bigint;
  constructor(size: bigint, maxSize: bigint) {
    super('EXEC_ERR_SIZE_ABOVE_MAX', `size ${size} is above the quote's max size ${maxSize}`);
    this.name = 'QuoteSizeError';
    this.maxSize = maxSize;
  }
}

/** The quote or settlement was signed for another program, cluster or round than the one targeted. */
export class QuoteTargetError extends ClientError {
  constructor(message: string) {
    super('EXEC_ERR_QUOTE_TARGET', message);
    this.name = 'QuoteTargetError';
  }
}

/**
 * A /v1/stream `delta` frame does not apply to the surface held: another symbol, `baseSeq` is not
 * the held seq (a frame was missed), or it names a quote neither side holds. Resubscribe for a snapshot.
 */
export class SurfaceDeltaError extends ClientError {
  constructor(message: string) {
    super('EXEC_ERR_DELTA_BASE', message);
    this.name = 'SurfaceDeltaError';
  }
}

/** `createEd25519Verifier({ backend })` asked for a backend this platform does not have (or that failed its self-test). */
export class Ed25519BackendError extends ClientError {
  constructor(backend: string) {
    super('EXEC_ERR_ED25519_BACKEND', `ed25519 backend ${backend} is not available on this platform`);
    this.name = 'Ed25519BackendError';
  }
}

/** A binary /v1/stream frame is malformed: bad magic, unknown version or type, truncated, or an invalid reference. */
export class StreamFrameError extends ClientError {
  constructor(message: string) {
    super('EXEC_ERR_STREAM_FRAME', message);
    this.name = 'StreamFrameError';
  }
}

/** A v2 quote's leaf and proof do not lead to the signed ladder root (or the index is outside the ladder). */
export class QuoteProofError extends ClientError {
  constructor(message: string) {
    super('EXEC_ERR_QUOTE_PROOF', message);
    this.name = 'QuoteProofError';
  }
}

/** The price a decaying quote will cost when the transaction lands is above the taker's maximum. */
export class QuotePriceAboveMaxError extends ClientError {
  readonly price: bigint;
  readonly maxPrice: bigint;
  constructor(price: bigint, maxPrice: bigint, landingTs: bigint) {
    super('EXEC_ERR_PRICE_ABOVE_MAX', `the quote will cost ${price} (probability micro-units) when it lands at ${landingTs}, above the maximum ${maxPrice}`);
    this.name = 'QuotePriceAboveMaxError';
    this.price = price;
    this.maxPrice = maxPrice;
  }
}
