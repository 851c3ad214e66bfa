import { describe, expect, it } from 'vitest';
import { EXEC_TRADE_IDL, ProgramError, decodeProgramError, programErrorByName, programErrorFromCode } from '../../../engine/src/client/index.js';

const anchorLog = (name: string, n: number, msg: string): string[] => [
  'Program EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3 invoke [1]',
  `Program log: AnchorError occurred. Error Code: ${name}. Error Number: ${n}. Error Message: ${msg}.`,
  'Program EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3 failed: custom program error: 0x' + n.toString(16),
];

describe('program error decoding', () => {
  it('maps every IDL error to a typed ProgramError with the program message and a stable code', () => {
    const errors = (EXEC_TRADE_IDL as unknown as { errors: Array<{ code: number; name: string; msg: string }> }).errors;
    expect(errors.length).toBeGreaterThan(50);
    const codes = new Set<string>();
    errors.forEach((e, i) => {
      expect(e.code).toBe(6000 + i); // append-only, contiguous
      const pe = programErrorFromCode(e.code);
      expect(pe).toBeInstanceOf(ProgramError);
      expect(pe?.errorName).toBe(e.name);
      expect(pe?.message).toBe(e.msg);
      codes.add(pe!.code);
    });
    expect(codes.size).toBe(errors.length);
    const expired = programErrorByName('QuoteExpired');
    expect(expired?.code).toBe('EXEC_ERR_PROGRAM_QUOTE_EXPIRED');
    expect(expired?.message).toBe('Quote: expired');
  });

  it('decodes an Anchor error from transaction logs', () => {
    const code = programErrorByName('QuoteOverfilled')!.programCode;
    const pe = decodeProgramError(new Error('Simulation failed'), { logs: anchorLog('QuoteOverfilled', code, 'Fill: quote max size exceeded') });
    expect(pe?.errorName).toBe('QuoteOverfilled');
    expect(pe?.programCode).toBe(code);
  });

  it("decodes the runtime's failure line for this program when no Anchor line is logged (the native local chain), and only for this program", () => {
    const code = programErrorByName('SettlementTooLate')!.programCode;
    const logs = anchorLog('SettlementTooLate', code, 'x').filter((l) => !l.includes('AnchorError'));
    expect(decodeProgramError(new Error('Simulation failed'), { logs })?.errorName).toBe('SettlementTooLate');
    const other = logs.map((l) => l.replace('EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3', 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA'));
    expect(decodeProgramError(new Error('Simulation failed'), { logs: other })).toBeNull();
    const otherDeployment = logs.map((l) => l.replace('EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3', 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL'));
    expect(decodeProgramError(new Error('x'), { logs: otherDeployment, programId: 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL' })?.errorName).toBe('SettlementTooLate');
  });

  it('decodes Anchor framework errors (< 6000) by name', () => {
    const pe = decodeProgramError(null, { logs: anchorLog('ConstraintSeeds', 2006, 'A seeds constraint was violated') });
    expect(pe?.errorName).toBe('ConstraintSeeds');
    expect(programErrorFromCode(3012)?.errorName).toBe('AccountNotInitialized');
  });

  it('decodes a structured InstructionError only at the program instruction index', () => {
    const ours = { InstructionError: [1, { Custom: programErrorByName('RoundAlreadySettled')!.programCode }] };
    expect(decodeProgramError(ours, { programInstructionIndex: 1 })?.errorName).toBe('RoundAlreadySettled');
    expect(decodeProgramError({ err: ours })?.errorName).toBe('RoundAlreadySettled');
    // The Ed25519 precompile's InvalidSignature at index 0 is not a program error.
    expect(decodeProgramError({ InstructionError: [0, { Custom: 2 }] }, { programInstructionIndex: 1 })).toBeNull();
  });

  it('returns null for errors that are not program errors', () => {
    expect(decodeProgramError(new Error('fetch failed'))).toBeNull();
    expect(programErrorFromCode(123_456)).toBeNull();
  });
});
