/**
 * Parsers of single EXEC_* variables (zod 4), shared by the schema in schema.ts. Each turns the raw
 * string into its typed value and reports problems in words that name what is expected.
 */
import { availableParallelism } from 'node:os';
import bs58 from 'bs58';
import { z } from 'zod';
import { LIVE_VENUES, MARKET_SYMBOLS, isMarketSymbol, type LiveVenue, type MarketSymbol } from '../feeds/types.js';
import type { SimVenueFault } from '../feeds/sim/sim-feed.js';
import { parseSimFaults } from '../feeds/sim/sim-faults.js';
import { buildScheduleOptions } from '../market/schedule.js';
import { parseDecimal, PRICE_DECIMALS } from '../lib/fixed-point.js';

const U64_MAX = (1n << 64n) - 1n;

export type FeedsConfig = { readonly kind: 'live' } | { readonly kind: 'sim' } | { readonly kind: 'replay'; readonly file: string };

export function int(def: number, min: number, max: number) {
  return z.coerce.number<string>().int().min(min).max(max).default(def);
}

export const MAX_STREAM_WORKERS = 64;

/** `auto` (one per core: os.availableParallelism()) or a count 0..64; 0 serves the stream in the API process. */
export const StreamWorkersVar = z
  .string()
  .regex(/^(auto|\d{1,2})$/, 'must be auto or a number of workers 0..64')
  .transform((v) => (v === 'auto' ? availableParallelism() : Number(v)))
  .pipe(z.number().int().min(0).max(MAX_STREAM_WORKERS));

/**
 * A plain decimal number such as `0.94` or `2`, checked by `range`. Only for model inputs (λ,
 * volatilities, replay speed), never for money or prices, which stay integers.
 */
export function decimal(def: number, range: z.ZodNumber) {
  return z
    .string()
    .regex(/^\d{1,9}(\.\d{1,12})?$/, 'must be a decimal number such as 0.5')
    .transform(Number)
    .pipe(range)
    .default(def);
}

/** Annualised volatility, e.g. 0.5 = 50 %. */
export function volVar(def: number) {
  return decimal(def, z.number().gt(0).max(100));
}

export const FeedsVar = z
  .string()
  .regex(/^(live|sim|replay:.+)$/, 'must be "live", "sim" or "replay:<file>"')
  .transform((v): FeedsConfig => (v.startsWith('replay:') ? { kind: 'replay', file: v.slice('replay:'.length) } : { kind: v as 'live' | 'sim' }));

export const SymbolsVar = z.string().transform((v, ctx): MarketSymbol[] => {
  const items = v.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const unknown = items.filter((s) => !isMarketSymbol(s));
  if (items.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one symbol' });
  if (unknown.length > 0) {
    ctx.addIssue({ code: 'custom', message: `unknown symbol(s) ${unknown.join(', ')}; allowed: ${MARKET_SYMBOLS.join(', ')}` });
  }
  if (new Set(items).size !== items.length) ctx.addIssue({ code: 'custom', message: 'lists a symbol twice' });
  return items.filter(isMarketSymbol);
});

export const ProgramIdVar = z.string().refine((v) => {
  try {
    return bs58.decode(v).length === 32;
  } catch {
    return false;
  }
}, 'must be a base58 public key (32 bytes)');

export const U64Var = z
  .string()
  .regex(/^\d{1,20}$/, 'must be an unsigned integer')
  .transform((v, ctx) => {
    const n = BigInt(v);
    if (n > U64_MAX) ctx.addIssue({ code: 'custom', message: 'must fit in a u64' });
    return n;
  });

export const PathVar = z.string().min(1);

export const BoolVar = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const VenuesVar = z.string().transform((v, ctx): LiveVenue[] => {
  const items = v.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const unknown = items.filter((s) => !(LIVE_VENUES as readonly string[]).includes(s));
  if (items.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one venue' });
  if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown venue(s) ${unknown.join(', ')}; allowed: ${LIVE_VENUES.join(', ')}` });
  if (new Set(items).size !== items.length) ctx.addIssue({ code: 'custom', message: 'lists a venue twice' });
  return items as LiveVenue[];
});

const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };
/**
 * Round durations such as `1m,5m,15m,1h` (units s, m, h) → seconds, distinct, in the order given
 * (EXEC_TRADING_CLOSE_SEC pairs with it by position; `toConfig` sorts both).
 */
export const ExpiriesVar = z.string().transform((v, ctx): number[] => {
  const out: number[] = [];
  for (const item of v.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const m = /^(\d{1,5})([smh])$/.exec(item);
    const sec = m ? Number(m[1]) * (DURATION_UNITS[m[2] ?? 's'] ?? 1) : 0;
    if (sec <= 0) ctx.addIssue({ code: 'custom', message: `"${item}" is not a duration like 30s, 5m or 1h` });
    else out.push(sec);
  }
  if (out.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one expiry' });
  if (new Set(out).size !== out.length) ctx.addIssue({ code: 'custom', message: 'lists an expiry twice' });
  if (out.length > 0 && new Set(out).size === out.length) {
    try {
      buildScheduleOptions(out);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
});

/** A positive USDT amount as a decimal string → price micro-units. */
export const UsdtVar = z.string().transform((v, ctx): bigint => {
  const n = parseDecimal(v, PRICE_DECIMALS);
  if (n === null || n <= 0n) ctx.addIssue({ code: 'custom', message: 'must be a positive decimal amount' });
  return n ?? 0n;
});

/** Comma-separated whole seconds, e.g. `10,30,30,30`. */
export const SecondsListVar = z.string().transform((v, ctx): number[] => {
  const items = v.split(',').map((s) => s.trim());
  const bad = items.filter((s) => !/^\d{1,6}$/.test(s));
  if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `"${bad.join('", "')}" not whole seconds; expected a list such as 10,30,30,30` });
  return items.map(Number);
});

/** The demo fault list of the simulated venues (feeds/sim/sim-faults.ts), e.g. `kraken:silent,bybit:+80bps@ETHUSDT`. */
export const SimFaultsVar = z.string().transform((v, ctx): Partial<Record<LiveVenue, SimVenueFault>> => {
  try {
    return parseSimFaults(v);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
    return {};
  }
});

export const UrlVar = z.string().regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// URL');
