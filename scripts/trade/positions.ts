/** The trader CLI's positions: each with its round and what can be done with it now (by the chain's clock). */
import type { PublicKey } from '@solana/web3.js';
import { decodeRound, fetchTraderPositions, type PositionAccount, type RoundAccount } from '../../engine/src/client/index.js';
import { onChain, type Chain } from './engine.js';

export interface PositionRow {
  readonly address: PublicKey;
  readonly position: PositionAccount;
  readonly round: RoundAccount | null;
  readonly expiryTs: bigint | null;
  /** open, awaiting settlement, WON, lost, REFUNDABLE, refunding, round closed */
  readonly state: string;
  readonly detail: string | null;
  readonly claimable: boolean;
  readonly refundable: boolean;
}

function describe(p: PositionAccount, r: RoundAccount | null, nowSec: bigint): Pick<PositionRow, 'state' | 'detail' | 'claimable' | 'refundable'> {
  if (r === null) return { state: 'round closed', detail: null, claimable: false, refundable: false };
  if (r.status === 'settled') {
    const won = (r.settlementPrice >= p.strike ? 'up' : 'down') === p.side;
    return { state: won ? 'WON' : 'lost', detail: won ? `claim pays ${p.size} atoms` : 'claim closes it', claimable: true, refundable: false };
  }
  if (r.status === 'refunding' || nowSec >= r.refundAfterTs) return { state: 'REFUNDABLE', detail: 'no settlement landed in time: refund returns the stake', claimable: false, refundable: true };
  if (nowSec < r.expiryTs) return { state: 'open', detail: `expires in ${r.expiryTs - nowSec} s`, claimable: false, refundable: false };
  return { state: 'awaiting settlement', detail: `refundable from ${new Date(Number(r.refundAfterTs) * 1000).toISOString()} if none lands`, claimable: false, refundable: false };
}

export async function positionRows(chain: Chain, owner: PublicKey, nowSec: bigint): Promise<PositionRow[]> {
  const positions = await onChain(chain, () => fetchTraderPositions(chain.program, owner));
  const rows: PositionRow[] = [];
  for (const { address, position } of positions) {
    const info = await onChain(chain, () => chain.connection.getAccountInfo(position.round));
    const round = info ? decodeRound(chain.program, info.data) : null;
    rows.push({ address, position, round, expiryTs: round?.expiryTs ?? null, ...describe(position, round, nowSec) });
  }
  return rows.sort((a, b) => Number((a.expiryTs ?? 0n) - (b.expiryTs ?? 0n)));
}
