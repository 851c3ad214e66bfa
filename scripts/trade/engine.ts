/**
 * The trader CLI's view of the engine and its chain: GET/POST on the engine API with clear errors,
 * and the chain to trade on as GET /v1/oracle names it (or `--rpc`), with the on-chain config read
 * once. Every RPC call is plain HTTP: nothing opens a WebSocket, so the CLI exits when it is done.
 */
import { Connection, PublicKey } from '@solana/web3.js';
import { createExecTradeProgram, fetchConfig, type ConfigAccount, type ExecTradeProgram } from '../../engine/src/client/index.js';

export class CliError extends Error {}

export interface Args {
  readonly command: string;
  readonly positional: string[];
  readonly flags: Map<string, string>;
}

export interface Chain {
  readonly rpcUrl: string;
  readonly connection: Connection;
  readonly program: ExecTradeProgram;
  readonly config: ConfigAccount;
}

interface OracleChain {
  readonly programId: string;
  readonly rpcUrl: string | null;
  readonly collateralMint: string | null;
  readonly chain: { readonly status: string; readonly detail: string | null };
}

export const apiBase = (args: Args): string => (args.flags.get('api') ?? 'http://127.0.0.1:8080').replace(/\/$/, '');

async function call<T>(args: Args, path: string, init?: RequestInit): Promise<T> {
  const base = apiBase(args);
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, init);
  } catch (err) {
    throw new CliError(`engine API ${base} unreachable (${networkCode(err)}): start it with npm run demo, or pass --api <url>`);
  }
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new CliError(`API ${res.status} ${body.error?.code ?? ''}: ${body.error?.message ?? res.statusText}`);
  return body as T;
}

export const engineGet = <T>(args: Args, path: string): Promise<T> => call<T>(args, path);

export const enginePost = <T>(args: Args, path: string, body: unknown): Promise<T> =>
  call<T>(args, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** ECONNREFUSED and the like, from a failed fetch (Node puts the system error under `cause`). */
export function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/** Runs an RPC step; a network failure becomes a CliError naming the RPC. */
async function rpc<T>(rpcUrl: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    if (err instanceof TypeError && cause !== undefined) throw new CliError(`Solana RPC ${rpcUrl} unreachable (${networkCode(err)}): is the engine's chain up? (GET /v1/oracle; or pass --rpc <url>)`);
    throw err;
  }
}

/**
 * The chain to trade on: `--rpc` (with `--program`, default the SDK's program id) or, without it,
 * the RPC and program the engine publishes in GET /v1/oracle. The on-chain config (oracle authority,
 * collateral mint) is read from it; a collateral mint the engine names differently is refused.
 */
export async function chainOf(args: Args, programId?: string): Promise<Chain> {
  const override = args.flags.get('rpc');
  let rpcUrl: string;
  let program: string | undefined = args.flags.get('program') ?? programId;
  let mint: string | null = null;
  if (override !== undefined) rpcUrl = override;
  else {
    const oracle = await engineGet<OracleChain>(args, '/v1/oracle');
    if (oracle.rpcUrl === null) {
      const why = oracle.chain.status === 'starting' ? 'its chain is still starting; try again in a few seconds' : `it has no chain (${oracle.chain.status}: ${oracle.chain.detail ?? 'no detail'})`;
      throw new CliError(`the engine at ${apiBase(args)} names no RPC to trade on: ${why}. Pass --rpc <url> to use another.`);
    }
    rpcUrl = oracle.rpcUrl;
    program ??= oracle.programId;
    mint = oracle.collateralMint;
  }
  const connection = new Connection(rpcUrl, { commitment: 'confirmed' });
  const execTrade = createExecTradeProgram(connection, program === undefined ? undefined : new PublicKey(program));
  const config = await rpc(rpcUrl, () => fetchConfig(execTrade));
  if (config === null) throw new CliError(`no exec-trade config account on ${rpcUrl} for program ${execTrade.programId.toBase58()}`);
  if (mint !== null && !config.collateralMint.equals(new PublicKey(mint))) {
    throw new CliError(`the engine names collateral mint ${mint}, the chain's config holds ${config.collateralMint.toBase58()}: refusing to trade`);
  }
  return { rpcUrl, connection, program: execTrade, config };
}

/** `step` with RPC network failures reported as such (for calls after chainOf). */
export const onChain = <T>(chain: Chain, step: () => Promise<T>): Promise<T> => rpc(chain.rpcUrl, step);
