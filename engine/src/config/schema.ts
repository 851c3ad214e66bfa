/**
 * The configuration schema (zod 4). Keys are the environment variable names, so every validation
 * issue names the variable to fix; `ConfigSchema` turns the flat variables into the nested `Config`.
 * Only `load.ts` reads `process.env`; it hands the variables (and the argv flags) to this schema.
 */
import bs58 from 'bs58';
import { z } from 'zod';
import { MARKET_SYMBOLS, isMarketSymbol, type MarketSymbol } from '../feeds/types.js';
import { CLUSTERS } from '../market/types.js';
import { DEFAULT_PROGRAM_ID } from './defaults.js';

const U64_MAX = (1n << 64n) - 1n;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function int(def: number, min: number, max: number) {
  return z.coerce.number<string>().int().min(min).max(max).default(def);
}

const FeedsVar = z
  .string()
  .regex(/^(live|sim|replay:.+)$/, 'must be "live", "sim" or "replay:<file>"')
  .transform((v): FeedsConfig => (v.startsWith('replay:') ? { kind: 'replay', file: v.slice('replay:'.length) } : { kind: v as 'live' | 'sim' }));

const SymbolsVar = z.string().transform((v, ctx): MarketSymbol[] => {
  const items = v.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const unknown = items.filter((s) => !isMarketSymbol(s));
  if (items.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one symbol' });
  if (unknown.length > 0) {
    ctx.addIssue({ code: 'custom', message: `unknown symbol(s) ${unknown.join(', ')}; allowed: ${MARKET_SYMBOLS.join(', ')}` });
  }
  if (new Set(items).size !== items.length) ctx.addIssue({ code: 'custom', message: 'lists a symbol twice' });
  return items.filter(isMarketSymbol);
});

const ProgramIdVar = z.string().refine((v) => {
  try {
    return bs58.decode(v).length === 32;
  } catch {
    return false;
  }
}, 'must be a base58 public key (32 bytes)');

const U64Var = z
  .string()
  .regex(/^\d{1,20}$/, 'must be an unsigned integer')
  .transform((v, ctx) => {
    const n = BigInt(v);
    if (n > U64_MAX) ctx.addIssue({ code: 'custom', message: 'must fit in a u64' });
    return n;
  });

const PathVar = z.string().min(1);

export type FeedsConfig = { readonly kind: 'live' } | { readonly kind: 'sim' } | { readonly kind: 'replay'; readonly file: string };

/** The variables, keyed by name. Unset and empty variables take the default. */
export const EnvSchema = z.object({
  EXEC_HOST: z.string().min(1).default('127.0.0.1'),
  EXEC_PORT: int(8080, 0, 65_535),
  EXEC_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  EXEC_FEEDS: FeedsVar.default({ kind: 'live' }),
  EXEC_SYMBOLS: SymbolsVar.default([...MARKET_SYMBOLS]),
  EXEC_ORACLE_KEYPAIR: PathVar.optional(),
  EXEC_DATA_DIR: PathVar.default('.data'),
  EXEC_CLUSTER: z.enum(CLUSTERS).default('devnet'),
  EXEC_PROGRAM_ID: ProgramIdVar.default(DEFAULT_PROGRAM_ID),
  EXEC_QUOTE_EPOCH: U64Var.default(1n),
  EXEC_QUOTE_RETENTION_MS: int(60_000, 0, 3_600_000),
  EXEC_WS_MAX_SUBSCRIPTIONS: int(MARKET_SYMBOLS.length, 1, 1_000),
  EXEC_WS_MAX_FRAME_BYTES: int(4_096, 64, 1_048_576),
  EXEC_WS_HEARTBEAT_MS: int(5_000, 100, 600_000),
  EXEC_WS_MAX_BUFFERED_BYTES: int(4_194_304, 1_024, 1_073_741_824),
});

/** Flags from argv: `--demo` and `--record <file>`. */
export const ArgsSchema = z.object({
  demo: z.boolean(),
  record: PathVar.nullable(),
});

export type EnvVars = z.input<typeof EnvSchema>;
export type ArgsInput = z.input<typeof ArgsSchema>;

/** Build the nested, final configuration from parsed variables and flags. */
export function toConfig(env: z.output<typeof EnvSchema>, args: z.output<typeof ArgsSchema>) {
  const feeds: FeedsConfig = args.demo ? { kind: 'sim' } : env.EXEC_FEEDS;
  return {
    demo: args.demo,
    /** True whenever prices do not come from live exchanges (sim, or replay of anything). */
    simulated: feeds.kind !== 'live',
    server: { host: env.EXEC_HOST, port: env.EXEC_PORT },
    logLevel: env.EXEC_LOG_LEVEL,
    feeds,
    recordFile: args.record,
    symbols: env.EXEC_SYMBOLS,
    oracleKeypairPath: env.EXEC_ORACLE_KEYPAIR ?? null,
    dataDir: env.EXEC_DATA_DIR,
    cluster: env.EXEC_CLUSTER,
    programId: env.EXEC_PROGRAM_ID,
    quoteEpoch: env.EXEC_QUOTE_EPOCH,
    store: { quoteRetentionMs: env.EXEC_QUOTE_RETENTION_MS },
    ws: {
      maxSubscriptions: env.EXEC_WS_MAX_SUBSCRIPTIONS,
      maxFrameBytes: env.EXEC_WS_MAX_FRAME_BYTES,
      heartbeatMs: env.EXEC_WS_HEARTBEAT_MS,
      maxBufferedBytes: env.EXEC_WS_MAX_BUFFERED_BYTES,
    },
  };
}

type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends bigint | string | number | boolean | null
    ? T
    : { readonly [K in keyof T]: DeepReadonly<T[K]> };

export type Config = DeepReadonly<ReturnType<typeof toConfig>>;
