/**
 * Constants that more than one module needs a single source for. The program id here is the one
 * `declare_id!` uses for the default (devnet) build of the exec-trade program.
 */
export const DEFAULT_PROGRAM_ID = 'EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3';

/** Hard deadline for graceful shutdown; after it the process exits with code 1. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/** Version byte of the signed quote layout served by /v1/oracle (docs/quote-format.md). */
export const QUOTE_FORMAT_VERSION = 1;
