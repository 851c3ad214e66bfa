/**
 * Trader CLI (`npm run trade -- <command>`): reads the engine's GET /v1/oracle for the chain to
 * trade on (RPC URL, program, collateral mint; `npm run demo` publishes its own local chain), takes
 * quotes from the engine's API, and builds every transaction locally with the client SDK, checking
 * each quote against the on-chain oracle authority before signing with your keypair.
 *
 *   markets [SYMBOL]                          live quotes: quote id, strike, UP/DOWN prices, max size
 *                                             (quote format v2: the decay per second, prices if taken now)
 *   keygen --keypair <path>                   write a new wallet keypair file (never overwrites one)
 *   faucet --keypair <path>                   demo chain only: SOL for fees and demo collateral
 *   take <SYMBOL> <strike> <up|down> <size> [--round 5m] --keypair <path>
 *                                             takes the live quote of that strike (nearest round that
 *                                             trades, or --round) the moment it runs
 *   take <quoteId> <up|down> <size> --keypair <path>
 *                                             takes that quote (they live seconds: EXEC_QUOTE_TTL_MS)
 *                                             size = payout in collateral atoms (1 USDT = 1000000)
 *                                             v2 quotes: [--max-price <micros>] the worst price the
 *                                             program may charge (default: the price at landing); shows
 *                                             the signed price, the price now and at landing
 *   positions --keypair <path>                the wallet's positions: open, awaiting settlement,
 *                                             WON / lost (claim), REFUNDABLE (refund); its balance
 *   claim --keypair <path>                    claim every position whose round settled
 *   refund --keypair <path>                   refund every position whose round reached refund time
 *                                             without a settlement (judged by the chain's clock)
 * Options: --api <url> the engine (default http://127.0.0.1:8080), --rpc <url> another RPC than the
 *          one the engine names, --cu-price <microLamports> priority fee.
 */
import { readFileSync } from 'node:fs';
import { Connection, Keypair, PublicKey, type VersionedTransaction } from '@solana/web3.js';
import { getAssociatedTokenAddressSync } from '@solana/spl-token';
import { CliError, chainOf, engineGet, enginePost, onChain, type Args, type Chain } from './trade/engine.js';
import { loadKeypair, writeNewKeypair } from './trade/keypair.js';
import { positionRows, type PositionRow } from './trade/positions.js';
import { pickQuote } from './trade/pick-quote.js';
import {
  ASSET_IDS,
  buildClaimTx,
  buildRefundTx,
  buildTakeQuoteTx,
  buildTakeQuoteV2Tx,
  ClientError,
  isLadderLeaf,
  ladderQuoteFromJson,
  priceAtLanding,
  fetchChainUnixTs,
  ProgramError,
  roundPda,
  sendAndConfirmByPolling,
  type AssetName,
  type SignedQuote,
  type SurfaceQuote,
} from '../engine/src/client/index.js';

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
  const sign = n < 0n ? '-' : '';
  const a = n < 0n ? -n : n;
  return `${sign}${a / 1_000_000n}.${(a % 1_000_000n).toString().padStart(6, '0')}`;
};

async function send(chain: Chain, tx: VersionedTransaction, signer: Keypair, programIx: number, lastValidBlockHeight: number): Promise<string> {
  tx.sign([signer]);
  return onChain(chain, () => sendAndConfirmByPolling(chain.connection, tx, { lastValidBlockHeight, programInstructionIndex: programIx }));
}

async function collateralBalance(connection: Connection, mint: PublicKey, owner: PublicKey): Promise<bigint> {
  const ata = getAssociatedTokenAddressSync(mint, owner);
  const balance = await connection.getTokenAccountBalance(ata).catch(() => null);
  return balance === null ? 0n : BigInt(balance.value.amount);
}

interface WireMarket {
  readonly symbol: string;
  readonly status: string;
  readonly haltReason: string | null;
  readonly index: { readonly price: string | null };
  readonly rounds: ReadonlyArray<{ durationSec: number; expiryTs: number; tradingCloseTs: number; quotes: SurfaceQuote[] }>;
}

async function markets(args: Args): Promise<void> {
  const symbol = args.positional[0]?.toUpperCase();
  const body = await engineGet<{ simulated: boolean; waiting: string[]; markets: WireMarket[] }>(args, '/v1/markets');
  if (body.simulated) console.log('*** SIMULATED: prices do not come from live exchanges ***');
  if (symbol && !body.markets.some((m) => m.symbol === symbol) && !body.waiting.includes(symbol)) throw new CliError(`no market ${symbol}; the engine serves ${[...body.markets.map((m) => m.symbol), ...body.waiting].join(', ')}`);
  const now = Date.now();
  for (const m of body.markets) {
    if (symbol && m.symbol !== symbol) continue;
    console.log(`\n${m.symbol}  ${m.status}${m.haltReason ? ` (${m.haltReason})` : ''}  index ${m.index.price === null ? '-' : fmtAtoms(m.index.price)}`);
    for (const r of m.rounds) {
      console.log(`  ${r.durationSec}s round, expiry ${new Date(r.expiryTs * 1000).toISOString()}, trading closes ${new Date(r.tradingCloseTs * 1000).toISOString()}`);
      if (r.quotes.length === 0) console.log('    (no quotes: trading closed or halted)');
      for (const q of r.quotes) {
        const decay = isLadderLeaf(q) ? `  decay ${fmtAtoms(q.decayMicrosPerSec)}/s, now up ${fmtAtoms(priceAtLanding(q, 'up', now))} down ${fmtAtoms(priceAtLanding(q, 'down', now))}` : '';
        console.log(`    ${q.quoteId}  strike ${fmtAtoms(q.strike).padStart(16)}  up ${fmtAtoms(q.upPrice)}  down ${fmtAtoms(q.downPrice)}  max ${fmtAtoms(q.maxSize)}${decay}`);
      }
    }
  }
  for (const w of body.waiting) if (!symbol || w === symbol) console.log(`\n${w}  waiting for its first surface`);
  console.log('\ntake one: npm run trade -- take <SYMBOL> <strike> <up|down> <size in atoms> --keypair <path>');
}

async function keygen(args: Args): Promise<void> {
  const path = args.flags.get('keypair');
  if (!path) throw new CliError('--keypair <path> is required: where to write the new keypair');
  const key = writeNewKeypair(path);
  console.log(`wrote ${path}: wallet ${key.publicKey.toBase58()}\nfund it on the demo chain: npm run trade -- faucet --keypair ${path}`);
}

async function faucet(args: Args): Promise<void> {
  const wallet = loadKeypair(args);
  const grant = await enginePost<{ tokenAccount: string; lamports: number; collateral: string; signature: string }>(args, '/v1/faucet', { trader: wallet.publicKey.toBase58() });
  console.log(`funded ${wallet.publicKey.toBase58()}: ${grant.lamports / 1e9} SOL and ${fmtAtoms(grant.collateral)} collateral (token account ${grant.tokenAccount})`);
}

async function take(args: Args): Promise<void> {
  const trader = loadKeypair(args);
  const maxPriceFlag = args.flags.get('max-price');
  if (maxPriceFlag !== undefined && (!/^\d{1,7}$/.test(maxPriceFlag) || BigInt(maxPriceFlag) > 1_000_000n)) {
    throw new CliError('--max-price must be probability micro-units (0..1000000), e.g. 550000 for 0.55');
  }
  const { quote, side, size } = await pickQuote(args);
  const chain = await chainOf(args, quote.programId);
  const round = roundPda(ASSET_IDS[quote.asset as AssetName], BigInt(quote.expiryTs), chain.program.programId).address;
  const roundExists = (await onChain(chain, () => chain.connection.getAccountInfo(round))) !== null;
  const { blockhash, lastValidBlockHeight } = await onChain(chain, () => chain.connection.getLatestBlockhash('confirmed'));
  const cuPrice = args.flags.get('cu-price');
  const common = {
    program: chain.program,
    oracleAuthority: chain.config.oracleAuthority.toBase58(),
    trader: trader.publicKey,
    side,
    size,
    collateralMint: chain.config.collateralMint,
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
  console.log(`  payout ${fmtAtoms(built.payout)}  stake ${fmtAtoms(built.stake)}  house collateral ${fmtAtoms(built.houseCollateral)}  (${built.serializedSize} bytes)`);
  const programIx = built.transaction.message.compiledInstructions.length - 1;
  const signature = await send(chain, built.transaction, trader, programIx, lastValidBlockHeight);
  console.log(`  filled: ${signature}\n  position ${built.position.toBase58()}`);
}

const describeRow = (row: PositionRow): string => {
  const p = row.position;
  const when = row.expiryTs === null ? '' : `  expiry ${new Date(Number(row.expiryTs) * 1000).toISOString()}`;
  return `${row.address.toBase58()}  ${p.side.toUpperCase()} strike ${fmtAtoms(p.strike)} payout ${fmtAtoms(p.size)} stake ${fmtAtoms(p.stake)}${when}  ${row.state}${row.detail ? ` (${row.detail})` : ''}`;
};

async function positions(args: Args): Promise<void> {
  const owner = loadKeypair(args).publicKey;
  const chain = await chainOf(args);
  const nowSec = await onChain(chain, () => fetchChainUnixTs(chain.connection));
  const rows = await positionRows(chain, owner, nowSec);
  const balance = await onChain(chain, () => collateralBalance(chain.connection, chain.config.collateralMint, owner));
  const lamports = await onChain(chain, () => chain.connection.getBalance(owner));
  console.log(`wallet ${owner.toBase58()}: ${fmtAtoms(balance)} collateral, ${lamports / 1e9} SOL`);
  if (rows.length === 0) console.log('no open positions');
  for (const row of rows) console.log(describeRow(row));
}

async function crank(args: Args, kind: 'claim' | 'refund'): Promise<void> {
  const wallet = loadKeypair(args);
  const chain = await chainOf(args);
  // The program judges refund time by the chain clock, not ours.
  const nowSec = await onChain(chain, () => fetchChainUnixTs(chain.connection));
  const rows = await positionRows(chain, wallet.publicKey, nowSec);
  const before = await onChain(chain, () => collateralBalance(chain.connection, chain.config.collateralMint, wallet.publicKey));
  let done = 0;
  for (const row of rows) {
    if (row.round === null || !(kind === 'claim' ? row.claimable : row.refundable)) continue;
    const p = row.position;
    const { blockhash, lastValidBlockHeight } = await onChain(chain, () => chain.connection.getLatestBlockhash('confirmed'));
    const params = { quoteId: p.quoteId, trader: p.trader, asset: row.round.asset, expiryTs: row.round.expiryTs, collateralMint: chain.config.collateralMint, payer: p.payer };
    const crankParams = { program: chain.program, feePayer: wallet.publicKey, recentBlockhash: blockhash, position: params };
    const tx = kind === 'claim' ? await buildClaimTx(crankParams) : await buildRefundTx(crankParams);
    const signature = await send(chain, tx, wallet, 0, lastValidBlockHeight);
    console.log(`${kind} ${row.address.toBase58()} (${row.state}): ${signature}`);
    done++;
  }
  if (done === 0) {
    const waiting = rows.filter((r) => !(kind === 'claim' ? r.claimable : r.refundable)).map((r) => r.state);
    console.log(`nothing to ${kind}${waiting.length > 0 ? `: ${waiting.length} position(s) ${[...new Set(waiting)].join(', ')}` : ''}`);
    return;
  }
  const after = await collateralBalance(chain.connection, chain.config.collateralMint, wallet.publicKey);
  console.log(`${done} position(s) ${kind === 'claim' ? 'claimed' : 'refunded'}: collateral ${fmtAtoms(before)} → ${fmtAtoms(after)} (+${fmtAtoms(after - before)})`);
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
    case 'keygen':
      return keygen(args);
    case 'faucet':
      return faucet(args);
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

main().catch((err: unknown) => {
  if (err instanceof ProgramError) console.error(`program rejected the transaction: ${err.errorName} (${err.programCode}): ${err.message}`);
  else if (err instanceof ClientError) console.error(`error [${err.code}]: ${err.message}`);
  else if (err instanceof CliError) console.error(`error: ${err.message}`);
  else console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
