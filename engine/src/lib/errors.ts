/**
 * Typed engine errors with stable codes (STYLE.md 3.6). Decide behaviour by `code`, never by message.
 * Every code is listed in docs/errors.md.
 */
export class EngineError extends Error {
  readonly code: string;
  readonly statusCode: number | undefined;

  constructor(code: string, message: string, options: { statusCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EngineError';
    this.code = code;
    this.statusCode = options.statusCode;
  }
}

export class ConfigError extends EngineError {
  readonly issues: readonly string[];
  constructor(issues: readonly string[]) {
    super('EXEC_ERR_CONFIG', `invalid configuration:\n  - ${issues.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
