/** Errors the API answers with; each maps to an HTTP status and a stable code (docs/errors.md). */
import { EngineError } from '../lib/errors.js';

export class ApiError extends EngineError {
  constructor(code: string, statusCode: number, message: string) {
    super(code, message, { statusCode });
    this.name = 'ApiError';
  }
}

export const unknownSymbol = (symbol: string): ApiError =>
  new ApiError('EXEC_ERR_UNKNOWN_SYMBOL', 404, `unknown symbol "${symbol}"`);
