/** Decode exec-trade instruction data in tests (the Program's coder type hides `decode`); names in camelCase like `program.methods`. */
import { BorshInstructionCoder } from '@coral-xyz/anchor';
import { EXEC_TRADE_IDL } from '../../engine/src/client/program.js';

const coder = new BorshInstructionCoder(EXEC_TRADE_IDL as never);

export function decodeIx(data: Buffer | Uint8Array): { name: string; data: unknown } | null {
  const d = coder.decode(Buffer.from(data));
  return d ? { name: d.name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), data: d.data } : null;
}
