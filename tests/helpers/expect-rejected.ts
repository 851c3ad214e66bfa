/**
 * A rejected attempt, checked the way issue 9 asks: the specific error at the specific
 * instruction index, not one token account of the mint changed, and conservation still holding.
 */
import { expect } from 'vitest';
import { ED25519_PRECOMPILE_ERRORS } from '../../engine/src/client/index.js';
import { codeOf, type Env, type TxOutcome } from './exec-trade-env.js';
import { expectConserved } from './conservation.js';

/** An error that is not exec-trade's or Anchor's: a precompile or system-program `Custom(n)`. */
export interface ForeignError {
  readonly label: string;
  readonly code: number;
}

/** The Ed25519 precompile's `PrecompileError` by name (`InvalidSignature` is Custom(2)). */
export function precompileError(name: string): ForeignError {
  const found = Object.entries(ED25519_PRECOMPILE_ERRORS).find(([, n]) => n === name);
  if (!found) throw new Error(`no Ed25519 precompile error named ${name}`);
  return { label: `Ed25519 precompile ${name}`, code: Number(found[0]) };
}

/** The system program's `AccountAlreadyInUse` (Custom(0)), which `init` of an existing account raises. */
export const ACCOUNT_ALREADY_IN_USE: ForeignError = { label: 'system program AccountAlreadyInUse', code: 0 };

/**
 * Runs `attempt` and requires it to fail with `expected` (an exec-trade or Anchor error name, or
 * a foreign `Custom(n)`) at instruction `index`, with every token balance of the mint unchanged
 * and `expectConserved` holding afterwards.
 */
export async function expectRejected(env: Env, attempt: () => Promise<TxOutcome>, expected: string | ForeignError, index: number): Promise<TxOutcome> {
  const want = typeof expected === 'string' ? { label: expected, code: codeOf(expected) } : expected;
  const before = await env.tokenAccounts();
  const out = await attempt();
  if (out.ok) throw new Error(`expected ${want.label} at instruction ${index}, but the transaction succeeded`);
  expect({ index: out.index, custom: out.custom }, `expected ${want.label} (${want.code}) at ${index}, got ${out.text}\n${out.logs.join('\n')}`).toEqual({
    index,
    custom: want.code,
  });
  expect(await env.tokenAccounts(), 'token balances after a rejected attempt').toEqual(before);
  await expectConserved(env);
  return out;
}
