/** Display formats. Amounts stay bigint to the last digit: no float ever touches money. */

/** Collateral token decimals (USDC-like; the demo mint has 6). */
export const COLLATERAL_DECIMALS = 6;

function groupThousands(whole: bigint): string {
  return whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Fixed-point integer → "97,312.34" with `shown` fraction digits (truncated). */
export function fixed(value: bigint | string, decimals: number, shown: number): string {
  const v = BigInt(value);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const unit = 10n ** BigInt(decimals);
  const frac = (abs % unit).toString().padStart(decimals, '0').slice(0, shown);
  return `${neg ? '-' : ''}${groupThousands(abs / unit)}${shown > 0 ? `.${frac}` : ''}`;
}

/** Price micro-units → "97,312.34". */
export const fmtPrice = (micro: string | bigint | null): string => (micro === null ? '—' : fixed(micro, 6, 2));

/** Probability micro-units → "0.5230". */
export const fmtProb = (micro: string | bigint): string => fixed(micro, 6, 4);

/** Collateral atoms → "1,000.00". */
export const fmtAtoms = (atoms: string | bigint): string => fixed(atoms, COLLATERAL_DECIMALS, 2);

/** Lamports → "2.0000 SOL". */
export const fmtSol = (lamports: number | bigint): string => `${fixed(BigInt(lamports), 9, 4)} SOL`;

/** "12.5" collateral → 12_500_000n atoms; null for anything that is not a positive decimal with ≤ 6 places. */
export function parseAtoms(text: string): bigint | null {
  const m = /^\s*(\d{1,12})(?:\.(\d{1,6}))?\s*$/.exec(text);
  if (m === null) return null;
  const atoms = BigInt(m[1] as string) * 10n ** BigInt(COLLATERAL_DECIMALS) + BigInt((m[2] ?? '').padEnd(COLLATERAL_DECIMALS, '0'));
  return atoms > 0n ? atoms : null;
}

export const fmtSecs = (s: number): string => (s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`);

export const fmtClock = (unixSec: number | bigint): string => new Date(Number(unixSec) * 1000).toISOString().slice(11, 19);

export const shortKey = (base58: string): string => `${base58.slice(0, 4)}…${base58.slice(-4)}`;

/** Basis points between a price and a reference, both micro-units: "+1.2 bps". */
export function fmtBps(value: bigint, reference: bigint): string {
  if (reference === 0n) return '—';
  const tenthsBps = ((value - reference) * 100_000n) / reference;
  const sign = tenthsBps < 0n ? '-' : '+';
  const abs = tenthsBps < 0n ? -tenthsBps : tenthsBps;
  return `${sign}${abs / 10n}.${abs % 10n} bps`;
}

