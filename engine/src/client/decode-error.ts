/**
 * Program errors → typed SDK errors (`ProgramError`, with the program's own message from the IDL).
 * Sources, in order: an Anchor error line in the logs (`AnchorError.parse`), the runtime's own
 * `Program <id> failed: custom program error: 0x…` log line for this program (present on every
 * validator, and the only one on the native local chain, whose program prints its Anchor lines to
 * stdout), a structured `InstructionError [index, { Custom: n }]` (RPC JSON or LiteSVM), then
 * Anchor's `translateError`.
 * Custom codes raised by another program in the same transaction (the Ed25519 precompile's
 * Custom(2) for a bad signature) are not ours: pass `programInstructionIndex` to keep them apart.
 */
import { AnchorError, LangErrorCode, LangErrorMessage, translateError } from '@coral-xyz/anchor';
import { ProgramError } from './errors.js';
import { EXEC_TRADE_IDL } from './program.js';

interface IdlError {
  readonly code: number;
  readonly name: string;
  readonly msg?: string;
}

const IDL_ERRORS: ReadonlyMap<number, IdlError> = new Map(
  ((EXEC_TRADE_IDL as unknown as { errors?: IdlError[] }).errors ?? []).map((e) => [e.code, e]),
);
const IDL_MESSAGES = new Map([...IDL_ERRORS.values()].map((e) => [e.code, e.msg ?? e.name]));
const LANG_NAMES = new Map(Object.entries(LangErrorCode).map(([name, code]) => [code as number, name]));

/** Ed25519 precompile errors (`PrecompileError` as `Custom(n)` at the precompile's index). */
export const ED25519_PRECOMPILE_ERRORS: Readonly<Record<number, string>> = {
  0: 'InvalidPublicKey',
  1: 'InvalidRecoveryId',
  2: 'InvalidSignature',
  3: 'InvalidDataOffsets',
  4: 'InvalidInstructionDataSize',
};

/** The typed error for an exec-trade (≥ 6000) or Anchor framework (< 6000) error number, or null if unknown. */
export function programErrorFromCode(code: number, logs: readonly string[] = [], cause?: unknown): ProgramError | null {
  const own = IDL_ERRORS.get(code);
  if (own) return new ProgramError(code, own.name, own.msg ?? own.name, logs, cause);
  const langName = LANG_NAMES.get(code);
  if (langName) return new ProgramError(code, langName, LangErrorMessage.get(code) ?? langName, logs, cause);
  return null;
}

/** The typed error for an exec-trade error name (IDL `errors[].name`), or null if the IDL has no such error. */
export function programErrorByName(name: string, logs: readonly string[] = []): ProgramError | null {
  for (const e of IDL_ERRORS.values()) if (e.name === name) return programErrorFromCode(e.code, logs);
  return null;
}

const EXEC_TRADE_IDL_ADDRESS = (EXEC_TRADE_IDL as unknown as { address: string }).address;

/** The code of the last `Program <programId> failed: custom program error: 0x…` line, or null. */
export function runtimeFailureCode(logs: readonly string[], programId: string): number | null {
  const prefix = `Program ${programId} failed: custom program error: 0x`;
  for (let i = logs.length - 1; i >= 0; i--) {
    const line = logs[i]!;
    if (line.startsWith(prefix)) {
      const code = Number.parseInt(line.slice(prefix.length), 16);
      return Number.isSafeInteger(code) ? code : null;
    }
  }
  return null;
}

/** `{ InstructionError: [index, { Custom: n }] }` as returned by RPC confirmations. */
export function customCodeOf(err: unknown): { index: number; code: number } | null {
  if (typeof err !== 'object' || err === null || !('InstructionError' in err)) return null;
  const ie = (err as { InstructionError: unknown }).InstructionError;
  if (!Array.isArray(ie) || typeof ie[0] !== 'number') return null;
  const detail = ie[1] as unknown;
  if (typeof detail === 'object' && detail !== null && 'Custom' in detail && typeof (detail as { Custom: unknown }).Custom === 'number') {
    return { index: ie[0], code: (detail as { Custom: number }).Custom };
  }
  return null;
}

export interface DecodeOptions {
  readonly logs?: readonly string[];
  /** The exec-trade deployment (default: the IDL's address), for the runtime's failure log line. */
  readonly programId?: string;
  /** Index of the exec-trade instruction in the transaction; custom errors at other indexes are not decoded. */
  readonly programInstructionIndex?: number;
}

export function decodeProgramError(err: unknown, opts: DecodeOptions = {}): ProgramError | null {
  if (err instanceof ProgramError) return err;
  const logs = opts.logs ?? ((err as { logs?: unknown })?.logs as string[] | undefined) ?? [];
  if (err instanceof AnchorError) return programErrorFromCode(err.error.errorCode.number, err.logs, err);
  if (Array.isArray(logs) && logs.length > 0) {
    const parsed = AnchorError.parse([...logs]);
    if (parsed) return programErrorFromCode(parsed.error.errorCode.number, logs, err);
    const code = runtimeFailureCode(logs, opts.programId ?? EXEC_TRADE_IDL_ADDRESS);
    if (code !== null) return programErrorFromCode(code, logs, err);
  }
  const structured = customCodeOf(err) ?? customCodeOf((err as { err?: unknown })?.err);
  if (structured) {
    if (opts.programInstructionIndex !== undefined && structured.index !== opts.programInstructionIndex) return null;
    return programErrorFromCode(structured.code, logs, err);
  }
  const translated = translateError(err, IDL_MESSAGES) as unknown;
  if (translated instanceof AnchorError) return programErrorFromCode(translated.error.errorCode.number, translated.logs, err);
  if (translated !== err && typeof (translated as { code?: unknown })?.code === 'number') {
    return programErrorFromCode((translated as { code: number }).code, logs, err);
  }
  return null;
}
