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
