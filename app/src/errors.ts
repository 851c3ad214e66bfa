/**
 * Every error the terminal shows: a stable code (docs/errors.md, "Terminal") and a message a user
 * can act on. API errors keep the server's code, program errors the SDK's decoded
 * EXEC_ERR_PROGRAM_* code and the program's own message.
 */
import { ClientError, ProgramError } from '../../engine/src/client/index.js';

export class TerminalError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TerminalError';
  }
}

export interface Shown {
  readonly code: string;
  readonly message: string;
}

/** What to show for anything thrown. */
export function shown(err: unknown): Shown {
  if (err instanceof ProgramError) return { code: err.code, message: `${err.message} (program error ${err.programCode}, ${err.errorName})` };
  if (err instanceof TerminalError || err instanceof ClientError) return { code: err.code, message: err.message };
  return { code: 'EXEC_ERR_TERMINAL_UNEXPECTED', message: err instanceof Error ? err.message : String(err) };
}
