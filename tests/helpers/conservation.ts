/**
 * Conservation, checked after every flow and every rejected attempt:
 * - no collateral is created or destroyed: the token accounts of the mint hold exactly what was
 *   minted (wallets, house vault, round vaults);
 * - every round vault holds exactly the sizes of its open positions (stake + house collateral);
 * - the config's house liability is the house collateral of all open positions.
 */
import { expect } from 'vitest';
import { decodePosition, roundVaultPda, type PositionAccount } from '../../engine/src/client/index.js';
import type { Env } from './exec-trade-env.js';

export async function openPositions(env: Env): Promise<PositionAccount[]> {
  const filter = env.program.coder.accounts.memcmp('position');
  const accounts = await env.connection.getProgramAccounts(env.program.programId, {
    filters: [{ memcmp: { offset: filter.offset ?? 0, bytes: filter.bytes } }],
  });
  return accounts.map((a) => decodePosition(env.program, a.account.data));
}

export async function expectConserved(env: Env): Promise<void> {
  const balances = await env.tokenAccounts();
  const total = [...balances.values()].reduce((s, b) => s + b, 0n);
  expect(total, 'collateral in all token accounts of the mint').toBe(env.minted());

  const positions = await openPositions(env);
  const byRound = new Map<string, bigint>();
  for (const p of positions) byRound.set(p.round.toBase58(), (byRound.get(p.round.toBase58()) ?? 0n) + p.size);
  const roundAccounts = await env.connection.getProgramAccounts(env.program.programId, {
    filters: [{ memcmp: { offset: 0, bytes: env.program.coder.accounts.memcmp('round').bytes } }],
  });
  for (const r of roundAccounts) {
    const vault = roundVaultPda(r.pubkey).address.toBase58();
    expect(balances.get(vault) ?? 0n, `round vault ${vault}`).toBe(byRound.get(r.pubkey.toBase58()) ?? 0n);
  }
  const liability = positions.reduce((s, p) => s + p.houseCollateral, 0n);
  expect((await env.config()).houseLiability, 'config.house_liability').toBe(liability);
}
