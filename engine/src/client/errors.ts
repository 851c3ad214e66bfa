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
