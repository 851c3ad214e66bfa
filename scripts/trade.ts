/**
 * Trader CLI (`npm run trade -- <command>`): talks to the engine's HTTP API for quotes and to a
 * Solana RPC for everything on-chain. Transactions are built locally with the client SDK from the
 * signed quote (verified against the ON-CHAIN oracle authority), signed with --keypair and sent.
 *
 *   markets [SYMBOL]                         live quotes (quote id, strike, up/down prices, max size;
 *                                            v2: the decay per second and the prices if taken now)
 *   take <quoteId> <up|down> <size> --keypair <path> [--max-price <micros>]
 *                                            v2 quotes: shows the signed price, the price when the
 *                                            transaction lands and the max price the program holds it to
 *   positions --keypair <path>               open positions of the wallet and their rounds
 *   claim --keypair <path>                   claim every position of the wallet whose round is settled
 *   refund --keypair <path>                  refund every position whose unsettled round reached its refund time
 * Options: --rpc (default http://127.0.0.1:8899), --ws (the RPC's WebSocket for confirmations; default
 *          its port + 1, the demo chain's is its wsUrl in GET /v1/oracle), --api (default
 *          http://127.0.0.1:8080), --cu-price <microLamports> (priority fee).
 */
import { readFileSync } from 'node:fs';
import { Connection, Keypair, PublicKey, SendTransactionError, type VersionedTransaction } from '@solana/web3.js';
import {
  ASSET_IDS,
  ClientError,
  ProgramError,
  buildClaimTx,
  buildRefundTx,
  buildTakeQuoteTx,
  buildTakeQuoteV2Tx,
  createExecTradeProgram,
  isLadderLeaf,
  ladderQuoteFromJson,
  priceAtLanding,
  decodeProgramError,
  fetchChainUnixTs,
  fetchConfig,
  fetchTraderPositions,
  decodeRound,
  roundPda,
  type ExecTradeProgram,
  type PositionAccount,
  type RoundAccount,
  type AssetName,
  type SignedQuote,
  type SurfaceQuote,
  type TakerQuoteJson,
} from '../engine/src/client/index.js';

interface Args {
  readonly command: string;
  readonly positional: string[];
  readonly flags: Map<string, string>;
}

class CliError extends Error {}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return { command: 'help', positional: [], flags };
    if (a.startsWith('--')) {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new CliError(`${a} needs a value`);
      flags.set(a.slice(2), v);
      i++;
    } else positional.push(a);
  }
  return { command: positional.shift() ?? 'help', positional, flags };
}

const fmtAtoms = (v: bigint | string): string => {
  const n = BigInt(v);
  return `${n / 1_000_000n}.${(n % 1_000_000n).toString().padStart(6, '0')}`;
};

function loadKeypair(args: Args): Keypair {
  const path = args.flags.get('keypair');
  if (!path) throw new CliError('--keypair <path> is required (a Solana CLI keypair JSON file)');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read keypair ${path}: ${(err as Error).message}`);
  }
  if (!Array.isArray(raw) || raw.length !== 64) throw new CliError(`keypair ${path} must be a JSON array of 64 numbers`);
  return Keypair.fromSecretKey(Uint8Array.from(raw as number[]));
}

async function api<T>(args: Args, path: string): Promise<T> {
  const base = args.flags.get('api') ?? 'http://127.0.0.1:8080';
  let res: Response;
  try {
    res = await fetch(`${base}${path}`);
  } catch (err) {
    throw new CliError(`engine API ${base} unreachable: ${(err as Error).message}`);
  }
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new CliError(`API ${res.status} ${body.error?.code ?? ''}: ${body.error?.message ?? res.statusText}`);
  return body as T;
}

function chain(args: Args): { connection: Connection; program: ExecTradeProgram } {
  const ws = args.flags.get('ws');
  const connection = new Connection(args.flags.get('rpc') ?? 'http://127.0.0.1:8899', { commitment: 'confirmed', ...(ws ? { wsEndpoint: ws } : {}) });
  return { connection, program: createExecTradeProgram(connection, args.flags.has('program') ? new PublicKey(args.flags.get('program')!) : undefined) };
}

async function send(connection: Connection, tx: VersionedTransaction, signer: Keypair, programIx: number, lastValidBlockHeight: number): Promise<string> {
  tx.sign([signer]);
  try {
    const signature = await connection.sendRawTransaction(tx.serialize());
    const blockhash = tx.message.recentBlockhash;
    const res = await connection.confirmTransaction({ signature, blockhash, lastValidBlockHeight }, 'confirmed');
    if (res.value.err) throw { err: res.value.err };
    return signature;
  } catch (err) {
    const logs = err instanceof SendTransactionError ? (err.logs ?? []) : [];
    throw decodeProgramError(err, { logs, programInstructionIndex: programIx }) ?? err;
  }
}

async function markets(args: Args): Promise<void> {
  const symbol = args.positional[0]?.toUpperCase();
  const body = await api<{ simulated: boolean; markets: Array<{ symbol: string; status: string; index: { price: string | null }; rounds: Array<{ durationSec: number; expiryTs: number; tradingCloseTs: number; quotes: SurfaceQuote[] }> }> }>(args, '/v1/markets');
  const now = Date.now();
  if (body.simulated) console.log('*** SIMULATED: prices do not come from live exchanges ***');
  for (const m of body.markets) {
    if (symbol && m.symbol !== symbol) continue;
    console.log(`\n${m.symbol}  ${m.status}  index ${m.index.price === null ? '-' : fmtAtoms(m.index.price)}`);
    for (const r of m.rounds) {
      console.log(`  ${r.durationSec}s round, expiry ${new Date(r.expiryTs * 1000).toISOString()}, trading closes ${new Date(r.tradingCloseTs * 1000).toISOString()}`);
      for (const q of r.quotes) {
        const decay = isLadderLeaf(q)
          ? `  decay ${fmtAtoms(q.decayMicrosPerSec)}/s, now up ${fmtAtoms(priceAtLanding(q, 'up', now))} down ${fmtAtoms(priceAtLanding(q, 'down', now))}`
          : '';
        console.log(`    ${q.quoteId}  strike ${fmtAtoms(q.strike).padStart(16)}  up ${fmtAtoms(q.upPrice)}  down ${fmtAtoms(q.downPrice)}  max ${q.maxSize}${decay}`);
      }
    }
  }
}

async function take(args: Args): Promise<void> {
  const [quoteId, side, size] = args.positional;
  if (!quoteId || (side !== 'up' && side !== 'down') || !size || !/^[1-9]\d*$/.test(size)) {
    throw new CliError('usage: take <quoteId> <up|down> <size (collateral atoms of payout)> --keypair <path>');
  }
  const trader = loadKeypair(args);
  const { connection, program } = chain(args);
  const quote = await api<TakerQuoteJson>(args, `/v1/quotes/${quoteId}`);
  const maxPriceFlag = args.flags.get('max-price');
  if (maxPriceFlag !== undefined && !/^\d{1,7}$/.test(maxPriceFlag)) throw new CliError('--max-price must be probability micro-units (0..1000000), e.g. 550000 for 0.55');
  const config = await fetchConfig(program);
  if (!config) throw new CliError(`no exec-trade config account on ${connection.rpcEndpoint} for ${program.programId.toBase58()}`);
  const roundExists = (await connection.getAccountInfo(roundPda(ASSET_IDS[quote.asset as AssetName], BigInt(quote.expiryTs), program.programId).address)) !== null;
  const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash('confirmed');
  const cuPrice = args.flags.get('cu-price');
  const common = {
    program,
    oracleAuthority: config.oracleAuthority.toBase58(),
    trader: trader.publicKey,
    side,
    size: BigInt(size),
    collateralMint: config.collateralMint,
    recentBlockhash: blockhash,
    openRound: !roundExists,
    nowMs: Date.now(),
    ...(cuPrice ? { compute: { computeUnitPriceMicroLamports: Number(cuPrice) } } : {}),
  } as const;
  const v2 = isLadderLeaf(quote)
    ? await buildTakeQuoteV2Tx({ ...common, quote: ladderQuoteFromJson(quote), ...(maxPriceFlag === undefined ? {} : { maxPrice: BigInt(maxPriceFlag) }) })
    : null;
  const built = v2 ?? (await buildTakeQuoteTx({ ...common, quote: quote as SignedQuote }));
  console.log(`taking ${side.toUpperCase()} ${quote.symbol} strike ${fmtAtoms(quote.strike)} expiry ${new Date(quote.expiryTs * 1000).toISOString()}`);
  if (v2 !== null) {
    const landing = priceAtLanding(quote, side, common.nowMs + 1_000);
    console.log(`  price: signed ${fmtAtoms(v2.quotedPrice)}, ${fmtAtoms(v2.price)} now, ${fmtAtoms(landing)} if it lands in 1 s (decay ${fmtAtoms(v2.verified.leaf.decayMicrosPerSec)}/s); max ${fmtAtoms(v2.maxPrice)}, worst-case stake ${fmtAtoms(v2.worstCase.stake)}`);
  }
  console.log(`  size (payout) ${fmtAtoms(built.payout)}  stake ${fmtAtoms(built.stake)}  house collateral ${fmtAtoms(built.houseCollateral)}  (${built.serializedSize} bytes)`);
  const programIx = built.transaction.message.compiledInstructions.length - 1;
  const signature = await send(connection, built.transaction, trader, programIx, lastValidBlockHeight);
  console.log(`  filled: ${signature}\n  position ${built.position.toBase58()}`);
}

async function loadPositions(args: Args, owner: PublicKey): Promise<{ program: ExecTradeProgram; connection: Connection; rows: Array<{ address: PublicKey; position: PositionAccount; round: RoundAccount | null }> }> {
  const { connection, program } = chain(args);
  const positions = await fetchTraderPositions(program, owner);
  const rows = [];
  for (const p of positions) {
    const info = await connection.getAccountInfo(p.position.round);
    rows.push({ ...p, round: info ? decodeRound(program, info.data) : null });
  }
  return { program, connection, rows };
}

async function positions(args: Args): Promise<void> {
  const owner = loadKeypair(args).publicKey;
  const { rows } = await loadPositions(args, owner);
  if (rows.length === 0) console.log(`no open positions for ${owner.toBase58()}`);
  for (const { address, position: p, round: r } of rows) {
    const outcome = r?.status === 'settled' ? ((r.settlementPrice >= p.strike ? 'up' : 'down') === p.side ? 'WON' : 'lost') : (r?.status ?? 'round closed');
    console.log(`${address.toBase58()}  ${p.side.toUpperCase()} strike ${fmtAtoms(p.strike)} size ${fmtAtoms(p.size)} stake ${fmtAtoms(p.stake)}  expiry ${r ? new Date(Number(r.expiryTs) * 1000).toISOString() : '?'}  ${outcome}`);
  }
}

async function crank(args: Args, kind: 'claim' | 'refund'): Promise<void> {
  const wallet = loadKeypair(args);
  const { program, connection, rows } = await loadPositions(args, wallet.publicKey);
  const config = await fetchConfig(program);
  if (!config) throw new CliError('no exec-trade config account on this cluster');
  // The program judges refund time by the chain clock, not ours.
  const nowSec = await fetchChainUnixTs(connection);
  let done = 0;
  for (const { address, position: p, round: r } of rows) {
    if (!r) continue;
    const eligible = kind === 'claim' ? r.status === 'settled' : r.status !== 'settled' && nowSec >= r.refundAfterTs;
    if (!eligible) continue;
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash('confirmed');
    const params = { quoteId: p.quoteId, trader: p.trader, asset: r.asset, expiryTs: r.expiryTs, collateralMint: config.collateralMint, payer: p.payer };
    const tx = kind === 'claim' ? await buildClaimTx({ program, feePayer: wallet.publicKey, recentBlockhash: blockhash, position: params }) : await buildRefundTx({ program, feePayer: wallet.publicKey, recentBlockhash: blockhash, position: params });
    const signature = await send(connection, tx, wallet, 0, lastValidBlockHeight);
    console.log(`${kind} ${address.toBase58()}: ${signature}`);
    done++;
  }
  console.log(done === 0 ? `nothing to ${kind}` : `${done} position(s) ${kind === 'claim' ? 'claimed' : 'refunded'}`);
}

/** The header comment of this file is the usage text. */
function usage(): string {
  return readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]!.replace(/^\/\*\*|^ \* ?/gm, '');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  switch (args.command) {
    case 'markets':
      return markets(args);
    case 'take':
      return take(args);
    case 'positions':
      return positions(args);
    case 'claim':
      return crank(args, 'claim');
    case 'refund':
      return crank(args, 'refund');
    case 'help':
      console.log(usage());
      return;
    default:
      console.error(usage());
      throw new CliError(`unknown command "${args.command}"`);
  }
}

// Exit once done: a Connection that confirmed a transaction keeps its WebSocket (and so the
// process) alive, and web3.js offers no way to close it.
main().then(() => process.exit(0), (err: unknown) => {
  const cause = err instanceof TypeError ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  const netCode = cause ? (cause.code ?? cause.message ?? 'network error') : undefined;
  if (netCode !== undefined) {
    const rpc = process.argv.includes('--rpc') ? process.argv[process.argv.indexOf('--rpc') + 1] : 'http://127.0.0.1:8899';
    console.error(`error: Solana RPC ${rpc} unreachable (${netCode}); start a validator or pass --rpc <url>`);
  } else if (err instanceof ProgramError) console.error(`program rejected the transaction: ${err.errorName} (${err.programCode}): ${err.message}`);
  else if (err instanceof ClientError) console.error(`error [${err.code}]: ${err.message}`);
  else if (err instanceof CliError) console.error(`error: ${err.message}`);
  else console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
