/** The minimal logger the SDK accepts (pino, console or anything alike); defaults to a no-op. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const noop = (): void => undefined;
export const noopLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
